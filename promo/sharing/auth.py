"""Owner passwords: salted scrypt hashes, and a throttle that makes guessing slow without locking the owner out.

Pure (no Streamlit): the throttle takes its clock as an argument, so tests check the delays without sleeping.
Which protection is configured is ``protection``'s business.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

ENV_HASH = "PROMO_OWNER_PASSWORD_HASH"
# New hashes: 2^14 × 8 × 128 bytes = 16 MiB per check, two passes (p = 2): the work of 2^15 with half the memory
LOG2_N, R, P = 14, 8, 2
MAX_MEMORY = 32 * 2**20  # per check (128·N·r); a costlier hash is refused, not computed (today's 2^15 hashes fit)
MAX_WORK = 2**15 * 8 * 4  # N·r·p: about a second of hashing per check at most


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=MAX_MEMORY + 2**20)


def hash_password(password: str, log2_n: int = LOG2_N, r: int = R, p: int = P) -> str:
    """``scrypt$log2N$r$p$salt$key`` with a fresh 16-byte salt; safe to keep in an environment variable."""
    if not password:
        raise ValueError("empty password")
    salt = secrets.token_bytes(16)
    return f"scrypt${log2_n}${r}${p}${_b64(salt)}${_b64(_scrypt(password, salt, log2_n, r, p))}"


def _parse(stored: str):
    """(cost, salt, key) of a hash, or (English, Chinese) saying what is wrong with it."""
    parts = str(stored).strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None, ("it does not have the form scrypt$N$r$p$salt$key", "它的格式不是 scrypt$N$r$p$salt$key")
    try:
        log2_n, r, p = (int(x) for x in parts[1:4])
        salt, key = _unb64(parts[4]), _unb64(parts[5])
    except (ValueError, TypeError):
        return None, ("its numbers or its salt and key are damaged", "其中的数字或盐值、密钥已损坏")
    if not (1 <= log2_n <= 24 and 1 <= r <= 64 and 1 <= p <= 16):
        return None, ("its cost numbers are out of range", "其开销参数超出范围")
    if 128 * (1 << log2_n) * r > MAX_MEMORY or (1 << log2_n) * r * p > MAX_WORK:
        return None, (f"checking it would take more than {MAX_MEMORY // 2**20} MiB or about a second",
                      f"验证它需要超过 {MAX_MEMORY // 2**20} MiB 内存或约一秒")
    if len(salt) < 16 or len(key) != 32:
        return None, ("its salt or key has the wrong length (copied only in part?)",
                      "其盐值或密钥长度不对（只复制了一部分？）")
    return ((log2_n, r, p), salt, key), None


def hash_problem(stored: str) -> tuple[str, str] | None:
    """What is wrong with a configured hash (English, Chinese), or None when it can be checked against."""
    return _parse(stored)[1]


def verify_password(password: str, stored: str) -> bool:
    """True only for the right password; a malformed or too costly hash never matches."""
    parsed, _problem = _parse(stored)
    if parsed is None:
        return False
    cost, salt, key = parsed
    return hmac.compare_digest(_scrypt(str(password), salt, *cost), key)


@dataclass
class Throttle:
    """Wrong passwords slow the next try, per client first and for everyone only briefly.

    Each client (an address) may get ``free`` passwords wrong within ``window`` seconds; each further wrong one
    makes that client wait ``base × 2^(n − free − 1)`` seconds, at most ``cap``. All clients together may get
    ``global_free`` wrong in the window; beyond that every try waits the same back-off, at most ``global_cap`` (a
    few minutes), so the owner, from another address, gets in a few minutes after an attack stops.

    A try is counted before its password is checked (so 40 tries at once cannot all be checked), and checks are
    rationed: at most ``per_second`` a second (a token bucket of ``burst``) and ``at_once`` at a time, each with
    at most ``MAX_MEMORY``. Memory stays bounded: at most ``max_clients`` addresses, each with its last few
    failures; an address quiet for ``window`` seconds is forgotten.
    """

    free: int = 5
    global_free: int = 30
    window: float = 24 * 3600.0
    base: float = 1.0
    cap: float = 900.0
    global_cap: float = 180.0
    per_second: float = 4.0
    burst: int = 4
    at_once: int = 2
    max_clients: int = 10_000
    clock: Callable[[], float] = time.monotonic
    checks: int = 0  # passwords actually checked (for tests and the log)
    _clients: OrderedDict = field(default_factory=OrderedDict)  # client → deque of failure times, oldest first
    _all: deque = field(default_factory=deque)
    _tokens: float | None = None
    _refilled: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _checking: threading.BoundedSemaphore | None = None

    def __post_init__(self):
        self._checking = threading.BoundedSemaphore(self.at_once)
        self._all = deque(maxlen=self.global_free + 64)

    def _recent(self, times: deque, now: float) -> deque:
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def _delay(self, times: deque, free: int, cap: float, now: float) -> float:
        n = len(self._recent(times, now))
        if n <= free:
            return 0.0
        return max(0.0, times[-1] + min(cap, self.base * 2 ** min(n - free - 1, 60)) - now)

    def _forget_quiet(self, now: float) -> None:
        while self._clients:
            oldest = next(iter(self._clients))
            times = self._clients[oldest]
            if self._recent(times, now) and len(self._clients) < self.max_clients:  # room for one more
                break
            del self._clients[oldest]

    def wait(self, client: str) -> float:
        """Seconds before ``client`` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            return self._wait(client, now)

    def _wait(self, client: str, now: float) -> float:
        mine = self._clients.get(client)
        return max(self._delay(mine, self.free, self.cap, now) if mine else 0.0,
                   self._delay(self._all, self.global_free, self.global_cap, now))

    def _token(self, now: float) -> float:
        """0 when a check may run now (a token is taken), else the seconds until the next token."""
        if self._tokens is None:
            self._tokens, self._refilled = float(self.burst), now
        self._tokens = min(float(self.burst), self._tokens + (now - self._refilled) * self.per_second)
        self._refilled = now
        if self._tokens >= 1:
            self._tokens -= 1
            return 0.0
        return (1 - self._tokens) / self.per_second

    def attempt(self, client: str, password: str, stored: str) -> tuple[bool, float]:
        """(accepted, seconds to wait): a try during a wait, or beyond the checks' ration, is refused unchecked."""
        now = self.clock()
        with self._lock:
            self._forget_quiet(now)
            waiting = self._wait(client, now) or self._token(now)
            if waiting > 0:
                return False, waiting
            mine = self._clients.pop(client, None) or deque(maxlen=self.free + 64)
            self._clients[client] = mine  # most recently failing last: the quiet ones are forgotten first
            mine.append(now)  # counted as wrong until the check says otherwise
            self._all.append(now)
        if not self._checking.acquire(timeout=5.0):  # a backlog of checks: try again shortly
            self._undo(client, now)
            return False, 1.0
        try:
            with self._lock:
                self.checks += 1
            ok = verify_password(password, stored)
        finally:
            self._checking.release()
        if ok:
            self._undo(client, now, forget=True)
            return True, 0.0
        return False, self.wait(client)

    def _undo(self, client: str, at: float, forget: bool = False) -> None:
        with self._lock:
            mine = self._clients.get(client)
            if mine is not None and at in mine:
                mine.remove(at)
            if forget:
                self._clients.pop(client, None)
            if at in self._all:
                self._all.remove(at)
