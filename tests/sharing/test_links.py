"""Share links in the store: creation, only the hash kept, expiry, revocation, open counting, bad input."""
from datetime import datetime, timedelta

import pytest

from promo import store
from promo.errors import InputError
from promo.store.shares import token_hash


def test_create_returns_long_token_and_stores_only_its_hash(con):
    sid, token = store.create_share(con, "Dairy shop", [("scenario", 1), ("scenario", 7)], 7, "zh")
    assert len(token) >= 43  # 32 random bytes = 256 bits
    rows = con.cursor().execute("SELECT * FROM shares").fetchall()
    assert all(token not in str(r) for r in rows)
    assert (con.cursor().execute("SELECT token_hash FROM shares WHERE id = ?", [sid]).fetchall()[0][0]
            == token_hash(token))
    share = store.find_share(con, token)
    assert share["partner"] == "Dairy shop" and share["lang"] == "zh"
    assert share["items"] == [("scenario", 1), ("scenario", 7)]


def test_tokens_differ(con):
    tokens = {store.create_share(con, "p", [("scenario", 1)], 1, "en")[1] for _ in range(20)}
    assert len(tokens) == 20


def test_expiry(con):
    t0 = datetime(2030, 1, 1)
    sid, token = store.create_share(con, "p", [("scenario", 1)], 3, "en", now=t0)
    assert store.find_share(con, token, now=t0 + timedelta(days=2, hours=23))["id"] == sid
    assert store.find_share(con, token, now=t0 + timedelta(days=3)) is None
    assert store.share_status(store.list_shares(con)[0], t0 + timedelta(days=4)) == "expired"


def test_revocation_is_immediate_and_kept_in_the_list(con):
    sid, token = store.create_share(con, "p", [("scenario", 1)], 30, "en")
    other_id, other = store.create_share(con, "q", [("scenario", 2)], 30, "en")
    store.revoke_share(con, sid)
    assert store.find_share(con, token) is None
    assert store.find_share(con, other)["id"] == other_id
    assert {s["id"]: store.share_status(s) for s in store.list_shares(con)} == {sid: "revoked", other_id: "active"}


def test_open_count_and_last_opened(con):
    sid, _token = store.create_share(con, "p", [("scenario", 1)], 30, "en")
    assert store.list_shares(con)[0]["opens"] == 0 and store.list_shares(con)[0]["last_opened"] is None
    when = datetime(2030, 5, 6, 7, 8)
    store.record_open(con, sid)
    store.record_open(con, sid, now=when)
    s = store.list_shares(con)[0]
    assert s["opens"] == 2 and s["last_opened"] == when


@pytest.mark.parametrize("token", [None, "", "abc", "x" * 43 + "y", "A" * 42, "' OR 1=1 --" + "A" * 32, 12345])
def test_malformed_tokens_find_nothing(con, token):
    store.create_share(con, "p", [("scenario", 1)], 30, "en")
    assert store.find_share(con, token) is None


def test_truncated_token_finds_nothing(con):
    _sid, token = store.create_share(con, "p", [("scenario", 1)], 30, "en")
    assert store.find_share(con, token[:-1]) is None and store.find_share(con, token[:20]) is None


@pytest.mark.parametrize("partner, items, days, lang", [
    ("", [("scenario", 1)], 7, "en"),
    ("x" * 121, [("scenario", 1)], 7, "en"),
    ("p", [], 7, "en"),
    ("p", [("scenario", 999)], 7, "en"),
    ("p", [("plan", 999)], 7, "en"),
    ("p", [("segments", 1)], 7, "en"),
    ("p", [("scenario", 1)], 0, "en"),
    ("p", [("scenario", 1)], 400, "en"),
    ("p", [("scenario", 1)], 7, "fr"),
])
def test_bad_input_is_refused_and_nothing_is_stored(con, partner, items, days, lang):
    with pytest.raises(InputError):
        store.create_share(con, partner, items, days, lang)
    assert store.list_shares(con) == []
    assert con.cursor().execute("SELECT count(*) FROM share_items").fetchall()[0][0] == 0


def test_sql_in_partner_name_is_stored_verbatim(con):
    name = "Robert'); DROP TABLE shares; --"
    _sid, token = store.create_share(con, name, [("scenario", 1)], 7, "en")
    assert store.find_share(con, token)["partner"] == name
    assert [s["partner"] for s in store.list_shares(con)] == [name]
