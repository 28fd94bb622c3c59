"""`simulate` and `segments` work on the business's current segments: the database's (the applied measured ones
once applied), or a segments file; the shipped defaults only when there is no database."""
from __future__ import annotations

import json

from promo import default_segments, store
from promo.cli import main
from promo.model import make_segment

ARGS = ["simulate", "--type", "coupon", "--segment", "dormant", "--draws", "0", "--json"]


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def doubled_dormant():
    return tuple(make_segment({**s.to_dict(), "size": s.size * 2}) if s.key == "dormant" else s
                 for s in default_segments())


def test_simulate_uses_the_database_segments(tmp_path, capsys):
    db = tmp_path / "shop.duckdb"
    con = store.connect(db)
    store.save_segments(con, doubled_dormant())  # what applying measured segments writes
    con.close()
    _, out, _ = run([*ARGS, "--db", str(db)], capsys)
    _, base, _ = run(ARGS, capsys)  # PROMO_DB points at a file that does not exist: the defaults
    assert json.loads(out)["reached"] == 2 * json.loads(base)["reached"]
    _, out, _ = run(["segments", "--json", "--db", str(db)], capsys)
    assert next(s for s in json.loads(out) if s["key"] == "dormant")["size"] == 2 * 6000


def test_simulate_uses_a_segments_file(tmp_path, capsys):
    path = tmp_path / "segments.json"
    path.write_text(json.dumps({"segments": [s.to_dict() for s in doubled_dormant()]}, ensure_ascii=False))
    _, out, _ = run([*ARGS, "--segments", str(path)], capsys)
    _, base, _ = run(ARGS, capsys)
    assert json.loads(out)["reached"] == 2 * json.loads(base)["reached"]
    _, out, _ = run(["segments", "--json", "--segments", str(path)], capsys)  # the same list round-trips
    path.write_text(out)
    _, again, _ = run([*ARGS, "--segments", str(path)], capsys)
    assert json.loads(again)["reached"] == 2 * json.loads(base)["reached"]


def test_a_bad_segments_file_is_one_line(tmp_path, capsys):
    path = tmp_path / "segments.json"
    path.write_text(json.dumps({"rows": []}))
    code, _, err = run([*ARGS, "--segments", str(path)], capsys)
    assert code == 2 and err.count("\n") == 1 and "list of segments" in err
    path.write_text(json.dumps([{"key": "dormant", "size": -5}]))
    code, _, err = run([*ARGS, "--segments", str(path)], capsys)
    assert code == 2 and "size" in err and "Traceback" not in err


def test_simulate_text_shows_the_new_figures(capsys):
    code, out, _ = run(["simulate", "--type", "coupon", "--segment", "active", "--draws", "1000"], capsys)
    assert code == 0
    for label in ("Sales lift", "Subsidised share", "Profit spread driven by"):
        assert label in out
    code, out, _ = run(["simulate", "--type", "coupon", "--segment", "active", "--draws", "0", "--reach", "0"], capsys)
    assert code == 0 and "ROI" in out and "—" in out  # nothing spent: ROI undefined
