"""The one module that owns the database: schema, migrations and every read and write.

One DuckDB connection per process; every function takes it and opens its own cursor,
so Streamlit's session threads never share a result set. SQL uses bound parameters
only; writes run inside a transaction and are retried on a write-write conflict.
"""
from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from .campaign import Campaign, campaign_from_dict
from .errors import InputError
from .segments import Segment, default_segments, make_segment

ROOT = Path(__file__).resolve().parent.parent
DB_ENV = "PROMO_DB"
DEFAULT_DB = ROOT / "data" / "promo.duckdb"

# name: (default, zh, en); typed by the default's type
SETTINGS = {
    "business_name": ("", "商家名称", "Business name"),
    "currency": ("¥", "货币符号", "Currency symbol"),
    "language": ("zh", "默认语言", "Default language"),
    "default_margin": (0.5, "默认毛利率", "Default gross margin"),
}

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        "CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        "CREATE TABLE segments (key VARCHAR PRIMARY KEY, position INTEGER NOT NULL, data JSON NOT NULL)",
        "CREATE SEQUENCE scenario_id START 1",
        """CREATE TABLE scenarios (
               id BIGINT PRIMARY KEY DEFAULT nextval('scenario_id'),
               name VARCHAR NOT NULL,
               type VARCHAR NOT NULL,
               campaign JSON NOT NULL,
               summary JSON NOT NULL,
               created TIMESTAMP NOT NULL,
               updated TIMESTAMP NOT NULL)""",
    ]),
]


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def schema_version(con) -> int:
    cur = con.cursor()
    rows = cur.execute("SELECT table_name FROM information_schema.tables WHERE table_name = 'schema_version'").fetchall()
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
    """Open (creating if needed) and migrate the database; ``":memory:"`` for tests."""
    target = str(path if path is not None else db_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(target)
    migrate(con)
    return con


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


# --- settings -------------------------------------------------------------------------------

def get_settings(con) -> dict:
    rows = dict(con.cursor().execute("SELECT key, value FROM settings").fetchall())
    out = {}
    for k, (default, *_labels) in SETTINGS.items():
        out[k] = type(default)(json.loads(rows[k])) if k in rows else default
    return out


def save_settings(con, **values) -> None:
    for k, v in values.items():
        if k not in SETTINGS:
            from .errors import unknown
            raise unknown("setting", "设置", k, list(SETTINGS), field=k)
    if "language" in values and values["language"] not in ("zh", "en"):
        raise InputError("language must be 'zh' or 'en'.", "语言只能是 zh 或 en。", field="language")
    if "default_margin" in values and not 0 <= float(values["default_margin"]) < 1:
        raise InputError("default_margin must be between 0 and 0.99.", "默认毛利率必须在 0 到 0.99 之间。",
                         field="default_margin")

    def go(cur):
        for k, v in values.items():
            cur.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [k, json.dumps(v, ensure_ascii=False)])
    write(con, go)


# --- segments -------------------------------------------------------------------------------

def load_segments(con) -> tuple[Segment, ...]:
    rows = con.cursor().execute("SELECT data FROM segments ORDER BY position").fetchall()
    if not rows:
        return default_segments()
    return tuple(make_segment(json.loads(r[0])) for r in rows)


def save_segments(con, segments) -> None:
    """Replace the segment table as a whole (validated first, so a bad row changes nothing)."""
    segs = [s if isinstance(s, Segment) else make_segment(s) for s in segments]
    keys = [s.key for s in segs]
    if len(set(keys)) != len(keys):
        raise InputError("Two segments have the same key.", "有两个客群的代码相同。", field="key")
    if not segs:
        raise InputError("Keep at least one segment.", "至少保留一个客群。", field="key")

    def go(cur):
        cur.execute("DELETE FROM segments")
        for i, s in enumerate(segs):
            cur.execute("INSERT INTO segments VALUES (?, ?, ?)", [s.key, i, json.dumps(s.to_dict(), ensure_ascii=False)])
    write(con, go)


def reset_segments(con) -> None:
    save_segments(con, default_segments())


# --- scenarios ------------------------------------------------------------------------------

def _clean_name(name) -> str:
    name = str(name or "").strip()
    if not name:
        raise InputError("Give the scenario a name.", "请给方案起个名字。", field="name")
    if len(name) > 120:
        raise InputError("The name is longer than 120 characters.", "名称超过 120 个字符。", field="name")
    return name


def save_scenario(con, name: str, campaign: Campaign, summary: dict) -> int:
    name = _clean_name(name)
    now = _now()

    def go(cur):
        return cur.execute(
            "INSERT INTO scenarios (name, type, campaign, summary, created, updated) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [name, campaign.type, json.dumps(campaign.to_dict(), ensure_ascii=False),
             json.dumps(summary, ensure_ascii=False), now, now]).fetchall()[0][0]
    return int(write(con, go))


def _scenario(row) -> dict:
    sid, name, type_, campaign, summary, created, updated = row
    return {"id": int(sid), "name": name, "type": type_, "campaign": json.loads(campaign),
            "summary": json.loads(summary), "created": created, "updated": updated}


_COLS = "id, name, type, campaign, summary, created, updated"


def list_scenarios(con) -> list[dict]:
    return [_scenario(r) for r in con.cursor().execute(f"SELECT {_COLS} FROM scenarios ORDER BY id").fetchall()]


def get_scenario(con, scenario_id: int) -> dict | None:
    rows = con.cursor().execute(f"SELECT {_COLS} FROM scenarios WHERE id = ?", [int(scenario_id)]).fetchall()
    return _scenario(rows[0]) if rows else None


def scenario_campaign(scenario: dict) -> Campaign:
    return campaign_from_dict(scenario["campaign"])


def rename_scenario(con, scenario_id: int, name: str) -> None:
    name = _clean_name(name)
    write(con, lambda cur: cur.execute("UPDATE scenarios SET name = ?, updated = ? WHERE id = ?",
                                       [name, _now(), int(scenario_id)]))


def delete_scenario(con, scenario_id: int) -> None:
    write(con, lambda cur: cur.execute("DELETE FROM scenarios WHERE id = ?", [int(scenario_id)]))
