"""Storage: migrations from an empty file, concurrent saves, nothing lost after kill -9."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from promo import InputError, make_campaign, simulate, store
from promo.store.schema import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]


def test_migrations_from_an_empty_file(tmp_path):
    path = tmp_path / "empty.duckdb"
    con = store.connect(path)
    assert store.schema_version(con) == MIGRATIONS[-1][0]
    assert store.list_scenarios(con) == []
    assert [s.key for s in store.load_segments(con)][:3] == ["prospects", "new", "active"]
    con.close()
    again = store.connect(path)  # second open: nothing re-applied
    assert store.schema_version(again) == MIGRATIONS[-1][0]
    rows = again.cursor().execute("SELECT count(*) FROM schema_version").fetchall()[0][0]
    assert rows == len(MIGRATIONS)


def test_scenario_round_trip_keeps_names_verbatim(tmp_path):
    con = store.connect(tmp_path / "s.duckdb")
    c = make_campaign("coupon", ["dormant"], {"face_value": 20})
    r = simulate(c, draws=200, seed=1)
    name = "Robert'); DROP TABLE scenarios;-- <script>alert(1)</script>"
    sid = store.save_scenario(con, name, c, r.to_dict())
    got = store.get_scenario(con, sid)
    assert got["name"] == name
    assert store.scenario_campaign(got) == c
    assert got["summary"]["profit"]["mean"] == pytest.approx(r.profit.mean)
    store.rename_scenario(con, sid, "新名字")
    assert store.get_scenario(con, sid)["name"] == "新名字"
    with pytest.raises(InputError):
        store.rename_scenario(con, sid, "   ")
    store.delete_scenario(con, sid)
    assert store.get_scenario(con, sid) is None


def test_concurrent_saves_from_threads_all_succeed(tmp_path):
    con = store.connect(tmp_path / "c.duckdb")
    c = make_campaign("gift", ["new"])
    summary = simulate(c, draws=0).to_dict()
    errors = []

    def worker(n):
        try:
            for i in range(10):
                store.save_scenario(con, f"t{n}-{i}", c, summary)
                store.list_scenarios(con)
        except Exception as e:  # collected for the assertion
            errors.append(e)
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    names = sorted(s["name"] for s in store.list_scenarios(con))
    assert names == sorted(f"t{n}-{i}" for n in range(8) for i in range(10))


def test_bad_segment_table_changes_nothing(tmp_path):
    con = store.connect(tmp_path / "seg.duckdb")
    segs = [s.to_dict() for s in store.load_segments(con)]
    store.save_segments(con, segs)
    broken = [dict(d) for d in segs]
    broken[2]["size"] = -5
    with pytest.raises(InputError, match="size"):
        store.save_segments(con, broken)
    assert store.load_segments(con)[2].size == segs[2]["size"]
    with pytest.raises(InputError, match="same key"):
        store.save_segments(con, [*segs, segs[0]])
    with pytest.raises(InputError, match="at least one"):
        store.save_segments(con, [])
    assert [s.to_dict() for s in store.load_segments(con)] == segs



def test_segments_are_read_once_per_change_and_every_writer_refreshes_them(tmp_path):
    path = tmp_path / "cache.duckdb"
    con, other = store.connect(path), store.connect(path)  # two connections: the app's and, say, a test's
    first = store.load_segments(con)
    assert store.load_segments(con) is first  # the second read is the cached tuple
    store.save_segments(other, [s.to_dict() | {"size": 111.0} for s in first])
    assert store.load_segments(con)[0].size == 111.0
    hid = store.apply_segments(other, [s.to_dict() | {"size": 222.0} for s in first])
    assert store.load_segments(con)[0].size == 222.0
    assert store.revert_segments(con) == hid
    assert store.load_segments(other)[0].size == 111.0
    store.reset_segments(other)
    assert store.load_segments(con) == first


def test_no_reader_keeps_old_segments_after_a_save_returns(tmp_path):
    """Readers hammer load_segments while a writer saves: once a save has returned, every read shows it."""
    con = store.connect(tmp_path / "race.duckdb")
    base = [s.to_dict() for s in store.load_segments(con)]
    done, stale = threading.Event(), []
    saved = {"size": base[0]["size"]}

    def reader():
        while not done.is_set():
            expected = saved["size"]  # the newest save that has returned
            got = store.load_segments(con)[0].size
            if got < expected:  # sizes only grow: an older one is a stale read
                stale.append((expected, got))
            time.sleep(0)  # let the writer have the GIL

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for size in range(1, 101):  # above the demo's 200,000 prospects: sizes only grow
        store.save_segments(con, [base[0] | {"size": 300_000.0 + size}, *base[1:]])
        saved["size"] = 300_000.0 + size
        if store.load_segments(con)[0].size != saved["size"]:  # the writer's own next read
            stale.append(("writer", saved["size"]))
    done.set()
    for t in threads:
        t.join()
    assert stale == []


WRITER = """
import sys, time
from promo import make_campaign, simulate, store
con = store.connect(sys.argv[1])
c = make_campaign("coupon", ["active"])
s = simulate(c, draws=0).to_dict()
i = 0
while True:
    store.save_scenario(con, f"row {i}", c, s)
    print(i, flush=True)
    i += 1
"""


def test_kill_9_during_saves_keeps_every_committed_scenario(tmp_path):
    path = tmp_path / "kill.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    acknowledged = -1
    deadline = time.time() + 60
    while acknowledged < 40 and time.time() < deadline:
        acknowledged = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    con = store.connect(path)  # WAL replay on open
    names = {s["name"] for s in store.list_scenarios(con)}
    assert {f"row {i}" for i in range(acknowledged + 1)} <= names
    for s in store.list_scenarios(con):
        assert json.dumps(s["summary"])  # every row whole


def test_settings_round_trip_and_validation(tmp_path):
    con = store.connect(tmp_path / "set.duckdb")
    store.save_settings(con, business_name="小店", currency="$", language="en", default_margin=0.4)
    assert store.get_settings(con) == {"business_name": "小店", "currency": "$", "language": "en",
                                       "default_margin": 0.4, "public_url": ""}
    with pytest.raises(InputError):
        store.save_settings(con, language="fr")
    with pytest.raises(InputError, match="Did you mean 'currency'"):
        store.save_settings(con, curency="€")
    assert isinstance(con, duckdb.DuckDBPyConnection)
