"""Owner password: salted scrypt hash and verify, configuration sources, the throttle on a fake clock, the CLI."""
import argparse
import io

import pytest

from promo.cli import share as cli_share
from promo.errors import InputError
from promo.sharing import auth
from tests.sharing.conftest import CHEAP_HASH, PASSWORD


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_hash_is_salted_and_verifies():
    a, b = auth.hash_password("secret-1", log2_n=10), auth.hash_password("secret-1", log2_n=10)
    assert a != b and a.startswith("scrypt$10$8$1$")
    assert auth.verify_password("secret-1", a) and auth.verify_password("secret-1", b)
    assert not auth.verify_password("secret-2", a)
    assert "secret-1" not in a


def test_default_cost_is_strong():
    h = auth.hash_password("x" * 12)
    assert h.split("$")[1:4] == ["15", "8", "1"]
    assert auth.verify_password("x" * 12, h)


@pytest.mark.parametrize("stored", ["", "plain-text-password", "scrypt$10$8$1$c2FsdA$a2V5", "bcrypt$10$8$1$AAAA$BBBB",
                                    "scrypt$30$8$1$" + "A" * 22 + "$" + "B" * 43, "scrypt$x$8$1$AAAA$BBBB", None])
def test_malformed_or_costly_hash_never_matches(stored):
    assert not auth.verify_password("anything", stored)


def test_configured_hash_env_wins_over_secrets():
    sec = {"auth": {"owner_password_hash": "from-secrets"}}
    assert auth.configured_hash({auth.ENV_HASH: "from-env"}, sec) == "from-env"
    assert auth.configured_hash({}, sec) == "from-secrets"
    assert auth.configured_hash({}, {}) is None
    assert auth.configured_hash({auth.ENV_HASH: "  "}, None) is None


def test_oidc_providers_and_owner_emails():
    one = {"client_id": "a", "client_secret": "b", "server_metadata_url": "https://id.example/.well-known"}
    assert auth.oidc_providers({"auth": {"redirect_uri": "x", **one}}) == [None]
    assert auth.oidc_providers({"auth": {"redirect_uri": "x", "google": one, "owner_password_hash": "h"}}) == ["google"]
    assert auth.oidc_providers({"auth": {"owner_password_hash": "h"}}) == []
    assert auth.owner_emails({"auth": {"owner_emails": ["Boss@Example.com"]}}) == ("boss@example.com",)


def test_throttle_delays_grow_exponentially_without_sleeping():
    clock = Clock()
    th = auth.Throttle(free=3, base=1.0, cap=60.0, clock=clock)
    for _ in range(3):
        assert th.attempt("s1", "wrong", CHEAP_HASH) == (False, 0.0)
    waits = []
    for _ in range(4):
        ok, wait = th.attempt("s1", "wrong", CHEAP_HASH)
        assert not ok
        waits.append(wait)
        clock.now += wait
    assert waits == [1.0, 2.0, 4.0, 8.0]


def test_throttle_refuses_even_the_right_password_while_waiting():
    clock = Clock()
    th = auth.Throttle(free=0, base=10.0, clock=clock)
    assert th.attempt("s", "wrong", CHEAP_HASH) == (False, 10.0)
    assert th.attempt("s", PASSWORD, CHEAP_HASH) == (False, 10.0)
    clock.now += 10
    assert th.attempt("s", PASSWORD, CHEAP_HASH) == (True, 0.0)
    assert th.wait("s") == 0.0


def test_throttle_is_global_across_sessions():
    clock = Clock()
    th = auth.Throttle(free=3, global_free=5, base=2.0, clock=clock)
    for k in range(6):
        th.attempt(f"session{k}", "wrong", CHEAP_HASH)  # new session each time: per-session count stays 1
    assert th.wait("brand-new-session") == 2.0


def test_throttle_forgets_after_a_quiet_period():
    clock = Clock()
    th = auth.Throttle(free=1, base=1.0, cap=30.0, clock=clock)
    for _ in range(4):
        clock.now += th.attempt("s", "wrong", CHEAP_HASH)[1]
    assert th.attempt("s", "wrong", CHEAP_HASH)[1] == 8.0
    clock.now += 31
    assert th.wait("s") == 0.0
    assert th.attempt("s", "wrong", CHEAP_HASH)[1] == 0.0  # counted afresh: the first wrong try is free again


def _parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    sub = parser.add_subparsers(dest="command")

    def common(p):
        p.add_argument("--json", action="store_true")
        return p
    cli_share.register(sub, common)
    return parser


def test_cli_hash_password_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    args = _parser().parse_args(["hash-password", "--stdin"])
    data, text = args.run(args)
    assert text == data["hash"] and data["env"] == auth.ENV_HASH
    assert auth.verify_password("a long enough secret", text)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_cli_hash_password_prompts_twice_and_rejects_mismatch(monkeypatch):
    answers = iter(["first-password", "other-password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin", Terminal())
    args = _parser().parse_args(["hash-password"])
    with pytest.raises(InputError, match="differ"):
        args.run(args)


def test_cli_hash_password_without_a_terminal_says_to_pipe_it(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    args = _parser().parse_args(["hash-password"])
    with pytest.raises(InputError, match="--stdin"):
        args.run(args)


def test_cli_hash_password_rejects_short(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    args = _parser().parse_args(["hash-password", "--stdin"])
    with pytest.raises(InputError):
        args.run(args)
