"""Fuzz: every command line in cli_args.jsonl is refused — exit status 2, one line on stderr in the user's language,
no traceback, nothing written (the database, the files given and the corpus are byte-for-byte unchanged)."""
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from promo.cli import main
from promo.customers import demo, generator
from tests.fuzz import files

CASES = [json.loads(line) for line in files.CLI.read_text(encoding="utf-8").splitlines()]
CJK = re.compile(r"[\u4e00-\u9fff]")


def table_digest(source) -> dict:
    """Rows of every table, as one digest per table: of a database file (opened read-only, so looking changes
    nothing) or through a connection already open (the app's, in an AppTest)."""
    con = duckdb.connect(str(source), read_only=True) if not isinstance(source, duckdb.DuckDBPyConnection) else None
    cur = (con or source).cursor()
    try:
        tables = [r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()]
        return {t: cur.execute(f'SELECT count(*), md5(coalesce(string_agg(CAST(x AS VARCHAR), \'|\' ORDER BY '
                               f'CAST(x AS VARCHAR)), \'\')) FROM "{t}" x').fetchall()[0] for t in tables}
    finally:
        if con is not None:
            con.close()


def file_digest(*folders) -> dict:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for f in folders for p in sorted(f.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A database the app made (with a transaction log and campaigns), a good log, a good plan, a folder, another
    program's DuckDB file; the placeholders of the corpus."""
    d = tmp_path_factory.mktemp("fuzz")
    g = generator.generate(customers=200, rows=2000, n_campaigns=2, seed=1)
    g.transactions.to_csv(d / "tx.csv", index=False)
    g.targets.to_csv(d / "targets.csv", index=False)
    g.responses.to_csv(d / "responses.csv", index=False)
    assert main(["import-transactions", str(d / "tx.csv"), "--db", str(d / "promo.duckdb")]) == 0
    assert main(["import-campaigns", "--targets", str(d / "targets.csv"), "--responses", str(d / "responses.csv"),
                 "--db", str(d / "promo.duckdb")]) == 0
    demo.open_or_create(d / "promo.duckdb").close()
    (d / "plan.json").write_text(json.dumps({"year": 2027, "items": [files._ITEM]}), encoding="utf-8")
    (d / "folder").mkdir()
    foreign = duckdb.connect(str(d / "foreign.duckdb"))
    foreign.execute("CREATE TABLE sales AS SELECT 1 AS x")
    foreign.close()
    return {"{db}": str(d / "promo.duckdb"), "{csv}": str(d / "tx.csv"), "{plan}": str(d / "plan.json"),
            "{dir}": str(d / "folder"), "{missing}": str(d / "missing.csv"),
            "{out}": str(tmp_path_factory.mktemp("out") / "rfm.csv"),  # outside ``root``: it must never appear
            "{foreign_db}": str(d / "foreign.duckdb"), "{imports}": str(files.CORPUS), "{json}": str(files.JSON),
            "root": d}


def expand(argv, place) -> list[str]:
    out = []
    for arg in argv:
        for key, value in place.items():
            if key.startswith("{"):
                arg = arg.replace(key, value)
        out.append(arg)
    return out


@pytest.fixture(scope="module")
def before(place):
    return table_digest(place["{db}"]), file_digest(place["root"], files.CORPUS, files.JSON)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("argv", CASES, ids=[" ".join(a)[:60] for a in CASES])
def test_refused_in_one_line_and_nothing_written(place, before, monkeypatch, capsys, argv, lang):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: hash-password must say to pipe the password
    code = main(["--lang", lang, *expand(argv, place)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "", (code, out[-300:], err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "unexpected problem" not in err and "意外的问题" not in err and "Traceback" not in err, err
    assert lang == "en" or CJK.search(err), err
    assert (table_digest(place["{db}"]), file_digest(place["root"], files.CORPUS, files.JSON)) == before
    assert not Path(place["{out}"]).exists()


def test_the_corpus_is_the_script_s_output():
    """cli_args.jsonl is what ``python -m tests.fuzz.files`` writes (so the script and the file cannot drift)."""
    assert files.cli_args() == CASES and len(CASES) > 300


def test_a_good_command_line_is_still_accepted(place, capsys):
    """The same harness accepts good input: the corpus's refusals are the inputs', not the harness's."""
    assert main(["plan-check", place["{plan}"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["plan"]["year"] == 2027


@pytest.mark.slow
def test_help_and_nesting_100000_deep_as_real_processes(place, tmp_path):
    """`python -m promo --help` (a bare % in a help string crashed it) and a plan nested 100,000 deep, in a process."""
    helped = subprocess.run([sys.executable, "-m", "promo", "--help"], capture_output=True, text=True, timeout=120)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: python -m promo") and helped.stderr == ""
    for command in ("calibrate", "simulate", "import-transactions", "optimize", "hash-password"):
        sub = subprocess.run([sys.executable, "-m", "promo", command, "--help"], capture_output=True, text=True,
                             timeout=120)
        assert sub.returncode == 0 and sub.stderr == "", (command, sub.stderr)
    deep = tmp_path / "deep.json"
    deep.write_bytes(files.deep_json())
    refused = subprocess.run([sys.executable, "-m", "promo", "--lang", "zh", "plan-check", str(deep)],
                             capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert refused.returncode == 2 and refused.stderr == f"error: 计划文件「{deep}」列表或对象嵌套超过 64 层。\n"
    no_tty = subprocess.run([sys.executable, "-m", "promo", "hash-password"], capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)
    assert no_tty.returncode == 2 and no_tty.stderr.startswith("error: There is no terminal to type the password in")
