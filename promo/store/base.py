"""Connection, schema versions and the transaction helper every store function uses."""
from __future__ import annotations

import os
import re
import time
from datetime import datetime, UTC
from pathlib import Path

import duckdb

from ..errors import InputError
from . import dbfile
from .schema import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]
DB_ENV = "PROMO_DB"
DEFAULT_DB = ROOT / "data" / "promo.duckdb"


def clean_name(name, missing: tuple[str, str], what: tuple[str, str] = ("The name", "名称"),
               field: str = "name", limit: int = 120) -> str:
    """A trimmed, non-empty name of at most ``limit`` characters, or an InputError in both languages."""
    name = str(name or "").strip()
    if not name:
        raise InputError(*missing, field=field)
    if len(name) > limit:
        raise InputError(f"{what[0]} is longer than {limit} characters.", f"{what[1]}超过 {limit} 个字符。",
                         field=field)
    return name


NAMED_TABLES = ("scenarios", "plans")


def numbered(cur, table: str, name: str, own_id: int | None = None, limit: int = 120) -> str:
    """``name``, or ``name (2)``, ``name (3)``… when another row of ``table`` already has it. Every save and rename
    of a scenario or a plan goes through here, so a taken name is always numbered the same way, never doubled."""
    assert table in NAMED_TABLES  # a table name cannot be a bound parameter
    taken = {r[0] for r in cur.execute(f"SELECT name FROM {table} WHERE id IS DISTINCT FROM ?", [own_id]).fetchall()}
    if name not in taken:
        return name
    base = re.sub(r" \((\d+)\)$", "", name)
    for n in range(2, len(taken) + 3):
        suffix = f" ({n})"
        candidate = base[:limit - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: more candidates than taken names")


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def schema_version(con) -> int:
    cur = con.cursor()
    rows = cur.execute("SELECT table_name FROM information_schema.tables "
                       "WHERE table_name = 'schema_version'").fetchall()
    if not rows:
        return 0
    return int(cur.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] or 0)


def migrate(con) -> int:
    """Bring the schema to the newest version, each step in its own transaction."""
    cur = con.cursor()
    cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied TIMESTAMP NOT NULL)")
    current = schema_version(con)
    for version, statements in MIGRATIONS:
        if version <= current:
            continue
        cur.begin()
        try:
            for sql in statements:
                cur.execute(sql)
            cur.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
            cur.commit()
        except Exception:
            cur.rollback()
            raise
        current = version
    return current


def connect(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate the database; ``":memory:"`` for tests. A path that is not a DuckDB
    file or a new path, or a file that cannot be opened, is an InputError saying why and what to do."""
    target = str(path if path is not None else db_path())
    if target == ":memory:":
        con = duckdb.connect(target)
    else:
        file = Path(target)
        dbfile.check_path(file)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(target)
        except (duckdb.Error, OSError) as e:
            raise dbfile.cannot_open(file, e) from None
        try:
            dbfile.check_schema(file, schema_version(con), _tables(con), MIGRATIONS[-1][0])
        except InputError:
            con.close()
            raise
    # A big import is compressed once, at its commit's checkpoint, instead of once when written ahead of the commit
    # and again at the checkpoint (measured on 1.5M rows: 1.3 s instead of 2.0 s of CPU, a file half as large).
    con.execute("SET enable_optimistic_write = false")
    migrate(con)
    return con


def _tables(con) -> int:
    return con.cursor().execute("SELECT count(*) FROM information_schema.tables").fetchall()[0][0]


def write(con, fn, retries: int = 20):
    """Run ``fn(cursor)`` in a transaction; retry when another session's write conflicts."""
    for attempt in range(retries):
        cur = con.cursor()
        cur.begin()
        try:
            out = fn(cur)
            cur.commit()
            return out
        except duckdb.TransactionException:
            cur.rollback()
            time.sleep(0.01 * (attempt + 1))
        except Exception:
            cur.rollback()
            raise
    raise RuntimeError("database busy: too many conflicting writes")


