"""Share links: a partner's read-only view of chosen scenarios and plans.

The token (256 bits) is given to the owner once; only its sha256 is stored, so a copy of the
database does not open any link. A link is valid until it expires or is revoked.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from ..errors import InputError
from .base import _now, clean_name, write

KINDS = ("scenario", "plan")
TABLES = {"scenario": "scenarios", "plan": "plans"}  # fixed names: table names cannot be bound
TOKEN_BYTES = 32
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # token_urlsafe(32): 43 characters, nothing else opens a link
MAX_DAYS = 366
_COLS = "id, partner, lang, created, expires, revoked, last_opened, opens"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _clean_partner(name) -> str:
    return clean_name(name, ("Name the partner this link is for.", "请填写链接分享给哪位合作方。"),
                      ("The partner name", "合作方名称"), field="partner")


def _check_items(cur, items) -> list[tuple[str, int]]:
    items = [(str(kind), int(item_id)) for kind, item_id in items]
    if not items:
        raise InputError("Choose at least one scenario or plan to share.", "请至少选择一个方案或计划。", field="items")
    for kind, item_id in items:
        if kind not in KINDS:
            raise InputError(f"Unknown item kind '{kind}'.", f"未知的分享内容类型「{kind}」。", field="items")
        if not cur.execute(f"SELECT 1 FROM {TABLES[kind]} WHERE id = ?", [item_id]).fetchall():
            raise InputError(f"There is no saved {kind} {item_id}.", f"没有编号为 {item_id} 的已保存内容。",
                             field="items")
    return list(dict.fromkeys(items))


def create_share(con, partner: str, items, days: int, lang: str, now: datetime | None = None) -> tuple[int, str]:
    """Store a link to ``items`` [(kind, id), ...] valid for ``days``; returns (id, token). The token is not kept."""
    partner = _clean_partner(partner)
    if lang not in ("zh", "en"):
        raise InputError("The language must be zh or en.", "语言只能是 zh 或 en。", field="lang")
    if not 1 <= int(days) <= MAX_DAYS:
        raise InputError(f"The link can be valid for 1 to {MAX_DAYS} days.", f"有效期只能是 1 到 {MAX_DAYS} 天。",
                         field="days")
    now = now or _now()
    token = secrets.token_urlsafe(TOKEN_BYTES)

    def go(cur):
        checked = _check_items(cur, items)
        sid = cur.execute("INSERT INTO shares (token_hash, partner, lang, created, expires) VALUES (?, ?, ?, ?, ?) "
                          "RETURNING id", [token_hash(token), partner, lang, now, now + timedelta(days=int(days))]
                          ).fetchall()[0][0]
        for pos, (kind, item_id) in enumerate(checked):
            cur.execute("INSERT INTO share_items VALUES (?, ?, ?, ?)", [sid, pos, kind, item_id])
        return int(sid)
    return write(con, go), token


def _items(cur, share_id: int) -> list[tuple[str, int]]:
    return [(k, int(i)) for k, i in cur.execute(
        "SELECT kind, item_id FROM share_items WHERE share_id = ? ORDER BY position", [share_id]).fetchall()]


def _share(cur, row) -> dict:
    sid, partner, lang, created, expires, revoked, last_opened, opens = row
    return {"id": int(sid), "partner": partner, "lang": lang, "created": created, "expires": expires,
            "revoked": revoked, "last_opened": last_opened, "opens": int(opens), "items": _items(cur, sid)}


def share_status(share: dict, now: datetime | None = None) -> str:
    """``active``, ``expired`` or ``revoked``."""
    if share["revoked"] is not None:
        return "revoked"
    return "expired" if share["expires"] <= (now or _now()) else "active"


def find_share(con, token, now: datetime | None = None) -> dict | None:
    """The active link for ``token``; None for anything else (malformed, unknown, expired, revoked)."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    cur = con.cursor()
    rows = cur.execute(f"SELECT {_COLS} FROM shares WHERE token_hash = ?", [token_hash(token)]).fetchall()
    share = _share(cur, rows[0]) if rows else None
    return share if share and share_status(share, now) == "active" else None


def record_open(con, share_id: int, now: datetime | None = None) -> None:
    """Count one opening of the link (once per browser session) and remember when."""
    write(con, lambda cur: cur.execute("UPDATE shares SET opens = opens + 1, last_opened = ? WHERE id = ?",
                                       [now or _now(), int(share_id)]))


def list_shares(con) -> list[dict]:
    cur = con.cursor()
    return [_share(cur, r) for r in cur.execute(f"SELECT {_COLS} FROM shares ORDER BY id DESC").fetchall()]


def revoke_share(con, share_id: int, now: datetime | None = None) -> None:
    """Revoke at once: the next rerun of an open partner view finds the link gone."""
    write(con, lambda cur: cur.execute("UPDATE shares SET revoked = ? WHERE id = ? AND revoked IS NULL",
                                       [now or _now(), int(share_id)]))


__all__ = ["create_share", "find_share", "record_open", "list_shares", "revoke_share", "share_status", "token_hash"]
