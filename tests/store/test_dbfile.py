"""What may be opened as the database: a DuckDB file of this app or a new path; anything else is refused, untouched."""
import hashlib
import subprocess
import sys
import time

import duckdb
import pytest

from promo import InputError, store
from promo.store.schema import MIGRATIONS


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name, content, looks", [
    ("x.csv", b"customer_id,date,amount\n1,2025-01-01,5\n", "text (CSV?)"),
    ("x.parquet", b"PAR1" + b"\x00" * 40 + b"PAR1", "Parquet"),
    ("x.json", b'  {"year": 2027}', "JSON"),
    ("x.xlsx", b"PK\x03\x04" + b"\x00" * 40, "a zip or Excel file"),
    ("x.db", b"SQLite format 3\x00" + b"\x00" * 40, "SQLite"),
    ("x.duckdb", b"", "an empty file"),
    ("x.bin", b"\x00\x01\x02" * 20, "another kind of file"),
])
def test_a_file_that_is_not_a_duckdb_database_is_refused_and_left_alone(tmp_path, name, content, looks):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as e:
        store.connect(path)
    assert e.value.en == (f"'{path}' is not a database of this app: it is {looks}. Point --db or PROMO_DB at a new "
                          "file name (it is created) or an existing .duckdb file; to bring in a transaction log use "
                          "import-transactions.")
    assert e.value.zh.startswith(f"「{path}」不是本应用的数据库")
    assert path.read_bytes() == content and sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"is a folder: name a file in it, e.g. .*promo.duckdb"):
        store.connect(tmp_path)


def test_another_programs_duckdb_file_is_left_alone(tmp_path):
    path = tmp_path / "analysis.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    before = _digest(path)
    with pytest.raises(InputError, match="is a DuckDB database of another program"):
        store.connect(path)
    assert _digest(path) == before


def test_a_database_of_a_newer_version_of_the_app_is_left_alone(tmp_path):
    path = tmp_path / "new.duckdb"
    store.connect(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99, now())")
    con.close()
    with pytest.raises(InputError, match=f"schema 99, this one knows up to {MIGRATIONS[-1][0]}"):
        store.connect(path)


def test_a_new_path_is_created_and_opens_again(tmp_path):
    path = tmp_path / "sub" / "promo.duckdb"
    store.connect(path).close()
    con = store.connect(path)
    assert store.schema_version(con) == MIGRATIONS[-1][0]
    con.close()


def test_a_file_another_program_holds_names_it(tmp_path):
    path = tmp_path / "held.duckdb"
    store.connect(path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); "
                               "print('open', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(InputError) as e:
            store.connect(path)
    finally:
        holder.kill()
        holder.wait()
    assert e.value.en == (f"The database '{path}' is in use: another program (PID {holder.pid}) holds it. Wait until "
                          "it has finished or stop it, or use another database file with --db or the PROMO_DB "
                          "environment variable.")
    assert f"另一个程序（进程号 {holder.pid}）占用着它" in e.value.zh
    deadline = time.time() + 10
    while True:  # the lock goes with the process
        try:
            store.connect(path).close()
            break
        except InputError:
            assert time.time() < deadline
            time.sleep(0.1)
