"""Owner password: salted scrypt hash and verify, the throttle on a fake clock and with threads racing, the CLI."""
import argparse
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

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
    assert a != b and a.startswith("scrypt$10$8$2$")
    assert auth.verify_password("secret-1", a) and auth.verify_password("secret-1", b)
    assert not auth.verify_password("secret-2", a)
    assert "secret-1" not in a


def test_default_cost_is_the_old_work_with_half_the_memory():
    h = auth.hash_password("x" * 12)
    assert h.split("$")[1:4] == ["14", "8", "2"]  # 2^14 × 8 × 128 B = 16 MiB per check, two passes
    assert auth.verify_password("x" * 12, h)
    old = auth.hash_password("x" * 12, log2_n=15, p=1)  # hashes made before (32 MiB) still work
    assert auth.verify_password("x" * 12, old) and auth.hash_problem(old) is None


@pytest.mark.parametrize("stored, why", [
    ("", "it does not have the form scrypt$N$r$p$salt$key"),
    ("plain-text-password", "it does not have the form scrypt$N$r$p$salt$key"),
    ("scrypt$10$8$1$c2FsdA$a2V5", "its salt or key has the wrong length (copied only in part?)"),
    ("bcrypt$10$8$1$AAAA$BBBB", "it does not have the form scrypt$N$r$p$salt$key"),
    ("scrypt$30$8$1$" + "A" * 22 + "$" + "B" * 43, "its cost numbers are out of range"),
    ("scrypt$16$8$1$" + "A" * 22 + "$" + "B" * 43, "checking it would take more than 32 MiB or about a second"),
    ("scrypt$14$8$9$" + "A" * 22 + "$" + "B" * 43, "checking it would take more than 32 MiB or about a second"),
    ("scrypt$x$8$1$AAAA$BBBB", "its numbers or its salt and key are damaged"),
    (None, "it does not have the form scrypt$N$r$p$salt$key"),
])
def test_malformed_or_costly_hash_never_matches_and_says_why(stored, why):
    assert not auth.verify_password("anything", stored)
    assert auth.hash_problem(stored)[0] == why


def test_throttle_delays_grow_exponentially_without_sleeping():
    clock = Clock()
    th = auth.Throttle(free=3, base=1.0, cap=60.0, per_second=1e9, burst=10**9, clock=clock)
    for _ in range(3):
        assert th.attempt("1.2.3.4", "wrong", CHEAP_HASH) == (False, 0.0)
    waits = []
    for _ in range(8):
        ok, wait = th.attempt("1.2.3.4", "wrong", CHEAP_HASH)
        assert not ok
        waits.append(wait)
        clock.now += wait
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]


def test_throttle_refuses_even_the_right_password_while_waiting_and_does_not_check_it():
    clock = Clock()
    th = auth.Throttle(free=0, base=10.0, per_second=1e9, burst=10**9, clock=clock)
    assert th.attempt("c", "wrong", CHEAP_HASH) == (False, 10.0)
    assert th.attempt("c", PASSWORD, CHEAP_HASH) == (False, 10.0)
    assert th.checks == 1
    clock.now += 10
    assert th.attempt("c", PASSWORD, CHEAP_HASH) == (True, 0.0)
    assert th.wait("c") == 0.0 and th.checks == 2


def test_throttle_counts_all_clients_but_lets_the_owner_in_minutes_after_an_attack():
    clock = Clock()
    th = auth.Throttle(free=3, global_free=5, base=2.0, global_cap=180.0, cap=900.0, per_second=1e9, burst=10**9,
                       clock=clock)
    for k in range(6):  # six addresses, one wrong password each: per client nothing, together over the limit
        th.attempt(f"10.0.0.{k}", "wrong", CHEAP_HASH)
    assert th.wait("198.51.100.7") == 2.0
    for _ in range(40):  # the attack goes on from one address: that address waits long, everyone else a little
        clock.now += th.wait("10.0.0.1")
        th.attempt("10.0.0.1", "wrong", CHEAP_HASH)
    assert th.wait("10.0.0.1") == 900.0 and th.wait("198.51.100.7") == 180.0
    clock.now += 180  # the attack stops: three minutes later the owner, from another address, gets in
    assert th.attempt("198.51.100.7", PASSWORD, CHEAP_HASH) == (True, 0.0)
    assert th.wait("10.0.0.1") == 720.0


def test_throttle_remembers_a_day_not_five_minutes():
    clock = Clock()
    th = auth.Throttle(free=2, base=1.0, cap=900.0, per_second=1e9, burst=10**9, clock=clock)
    for _ in range(5):
        clock.now += th.wait("c") + 1
        th.attempt("c", "wrong", CHEAP_HASH)
    assert th.wait("c") == 4.0  # 2^(5 - 2 - 1) after the 5th wrong try
    clock.now += 3600  # an hour of quiet forgets nothing
    assert th.attempt("c", "wrong", CHEAP_HASH) == (False, 8.0)
    clock.now += 24 * 3600  # a day of quiet forgets everything
    assert th.wait("c") == 0.0
    assert th.attempt("c", "wrong", CHEAP_HASH) == (False, 0.0)


def test_guesses_a_day_from_one_address_are_about_a_hundred():
    clock = Clock()
    th = auth.Throttle(clock=clock, per_second=1e9, burst=10**9)
    checked = 0
    while clock.now < 1000.0 + 24 * 3600:
        clock.now += th.wait("203.0.113.9")
        th.attempt("203.0.113.9", "wrong", CHEAP_HASH)
        checked += 1
    assert 100 <= checked <= 120  # 5 free, 10 while the wait doubles, then one every 15 minutes (was about 5,700)


def test_throttle_memory_is_bounded_and_quiet_clients_are_forgotten():
    clock = Clock()
    th = auth.Throttle(max_clients=100, global_free=10**9, per_second=1e9, burst=10**9, clock=clock)
    for k in range(1000):
        th.attempt(f"session-{k}", "wrong", CHEAP_HASH)
        clock.now += 1
    assert len(th._clients) == 100 and set(th._clients) == {f"session-{k}" for k in range(900, 1000)}
    for _ in range(200):  # one client's failures are bounded too
        clock.now += th.wait("session-999")
        th.attempt("session-999", "wrong", CHEAP_HASH)
    assert len(th._clients["session-999"]) <= th.free + 64
    clock.now += 24 * 3600
    th.attempt("new", "wrong", CHEAP_HASH)
    assert list(th._clients) == ["new"]


def test_forty_tries_at_once_are_not_all_checked(monkeypatch):
    """Threads racing: each try is counted before its check, checks are rationed (4 a second, 2 at a time)."""
    th = auth.Throttle()
    running, most = [0], [0]
    lock = threading.Lock()
    real = auth.verify_password

    def slow_verify(password, stored):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.05)
        try:
            return real(password, stored)
        finally:
            with lock:
                running[0] -= 1
    monkeypatch.setattr(auth, "verify_password", slow_verify)
    start = threading.Barrier(40)

    def one(k):
        start.wait()
        return th.attempt(f"203.0.113.{k}", "wrong", CHEAP_HASH)
    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(one, range(40)))
    assert th.checks == 4 and most[0] <= 2  # the bucket's burst, never more than two at a time
    assert sum(ok for ok, _ in results) == 0 and sum(wait > 0 for _, wait in results) == 36


def test_forty_tries_at_once_from_one_address_check_at_most_free_plus_one(monkeypatch):
    th = auth.Throttle(free=2, per_second=1e9, burst=10**9)
    start = threading.Barrier(40)

    def one(_):
        start.wait()
        return th.attempt("203.0.113.5", "wrong", CHEAP_HASH)
    with ThreadPoolExecutor(40) as pool:
        list(pool.map(one, range(40)))
    assert th.checks == 3


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
