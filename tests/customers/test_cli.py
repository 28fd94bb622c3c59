"""The data commands of `python -m promo`: JSON output, files written, one-line errors with exit code 2."""
import csv
import json

import pytest

from promo.cli import main
from promo.customers import generator


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    g = generator.generate(customers=400, rows=8_000, n_campaigns=2, seed=5)
    g.transactions.to_csv(d / "tx.csv", index=False)
    g.targets.to_csv(d / "targets.csv", index=False)
    g.responses.to_csv(d / "responses.csv", index=False)
    return d, g


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_whole_loop(files, tmp_path, capsys):
    d, g = files
    db = str(tmp_path / "p.duckdb")
    code, out, _ = run(capsys, "import-transactions", str(d / "tx.csv"), "--db", db, "--json")
    rep = json.loads(out)
    assert code == 0 and rep["imported"] and rep["valid_rows"] == len(g.transactions)
    assert rep["mapping"]["customer_id"] == "customer_id" and rep["issues"][0]["code"] == "refund"

    out_csv = tmp_path / "rfm.csv"
    code, out, _ = run(capsys, "rfm", "--db", db, "--out", str(out_csv), "--as-of", "2025-06-30", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["observation_end"] == "2025-06-30"
    with open(out_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["customer_id", "frequency", "recency", "T", "monetary_value", "segment"]
    assert len(rows) == summary["customers"] and rows[0]["customer_id"].startswith("000")
    assert sum(summary["segments"].values()) == len(rows)

    code, out, _ = run(capsys, "import-campaigns", "--targets", str(d / "targets.csv"), "--responses",
                       str(d / "responses.csv"), "--db", db, "--json")
    imp = json.loads(out)
    assert code == 0 and imp["campaigns"] == 2
    assert imp["not_targeted"] == sum(t["not_targeted"] for t in g.truth.values())
    assert imp["outside_window"] == sum(t["late"] for t in g.truth.values())

    code, out, _ = run(capsys, "calibrate", "--db", db, "--json")
    cal = json.loads(out)
    first = cal["campaigns"][0]
    assert set(first) >= {"campaign_id", "promo_type", "targeted", "responders", "rate", "interval"}
    assert first["campaign_id"] == "CMP001" and first["promo_type"] == "coupon"
    assert sum(r["targeted"] for r in cal["by_type_segment"]) == sum(r["targeted"] for r in cal["campaigns"])

    code, out, _ = run(capsys, "readout", "CMP001", "--db", db, "--json")
    r = json.loads(out)
    assert code == 0 and r["campaign_id"] == "CMP001" and len(r["response_uplift"]["interval"]) == 2

    code, out, _ = run(capsys, "--lang", "zh", "readout", "CMP001", "--db", db)
    assert code == 0 and "响应率提升" in out and "对照组" in out

    code, out, _ = run(capsys, "data-segments", "--db", db, "--apply", "--json")
    applied = json.loads(out)
    assert (code == 0 and applied["applied"] == 1
            and {s["segment"] for s in applied["segments"]} >= {"active", "churned"})
    code, out, _ = run(capsys, "data-segments", "--db", db, "--revert")
    assert code == 0 and "#1" in out

    code, out, _ = run(capsys, "data-segments", "--db", db, "--rule", "vip_top_share=0", "--json")
    assert code == 0 and json.loads(out)["rules"]["vip_top_share"] == 0.0
    assert next(s for s in json.loads(out)["segments"] if s["segment"] == "vip")["size"] == 0
    code, _, err = run(capsys, "data-segments", "--db", db, "--rule", "dormant_days=10")
    assert code == 2 and "must rise" in err


def test_check_only_writes_nothing(files, tmp_path, capsys):
    d, _ = files
    db = str(tmp_path / "c.duckdb")
    code, out, _ = run(capsys, "import-transactions", str(d / "tx.csv"), "--db", db, "--check")
    assert code == 0 and "Checked only; nothing was written." in out
    code, _, err = run(capsys, "rfm", "--db", db, "--out", str(tmp_path / "x.csv"))
    assert code == 2 and err.strip() == "error: There are no transactions yet: import a transaction log first."


@pytest.mark.parametrize("content,args,needle", [
    ("客户,when,金额\n1,2024-01-01,5\n", [], "missing required column(s): date (Date)"),
    ("客户,when,金额\n1,2024-01-01,5\n", ["--map", "date=when"], "Imported 1 rows."),
    ("客户,when,金额\n1,2024-01-01,5\n", ["--map", "date"], "--map 'date' must look like field=column"),
    ("客户,日期,金额\n1,2024-01-01,abc\n", [], "1 row(s) with a blank or non-numeric amount (rows 2, e.g. abc)"),
    ("", [], "is empty"),
])
def test_import_messages(tmp_path, capsys, content, args, needle):
    path = tmp_path / "in.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "import-transactions", str(path), "--db", str(tmp_path / "e.duckdb"), *args)
    if needle.startswith("Imported"):
        assert code == 0 and needle in out
    else:
        assert code == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_chinese_error_message(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text("客户,金额\n1,5\n", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "zh", "import-transactions", str(path), "--db", str(tmp_path / "z.duckdb"))
    assert code == 2 and "缺少必需的列：日期（date）" in err


def test_module_entry_point_runs_as_a_subprocess(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "in.csv"
    path.write_text("customer_id,date,amount\n007,2024-01-01,5\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "promo", "import-transactions", str(path),
                        "--db", str(tmp_path / "s.duckdb"), "--json"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["customers"] == 1
