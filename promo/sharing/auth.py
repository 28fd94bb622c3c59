"""Owner access: salted scrypt password hashes, where the hash is configured, and a throttle for wrong passwords.

Pure (no Streamlit): the page layer passes in the environment and the secrets, and the
throttle takes its clock as an argument, so tests check the delays without sleeping.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

ENV_HASH = "PROMO_OWNER_PASSWORD_HASH"
SECRETS_SECTION, SECRETS_KEY = "auth", "owner_password_hash"
# scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB and about 0.1 s per check (OWASP's floor is N=2^15-2^17, r=8, p=1)
LOG2_N, R, P = 15, 8, 1
_LIMITS = {"log2_n": (10, 20), "r": (1, 32), "p": (1, 4)}  # a hash outside these is refused, not computed
OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    n = 1 << log2_n
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * n * r * p + (1 << 20))


def hash_password(password: str, log2_n: int = LOG2_N, r: int = R, p: int = P) -> str:
    """``scrypt$log2N$r$p$salt$key`` with a fresh 16-byte salt; safe to keep in an environment variable."""
    if not password:
        raise ValueError("empty password")
    salt = secrets.token_bytes(16)
    return f"scrypt${log2_n}${r}${p}${_b64(salt)}${_b64(_scrypt(password, salt, log2_n, r, p))}"


def verify_password(password: str, stored: str) -> bool:
    """True only for the right password; a malformed or out-of-range hash never matches."""
    try:
        scheme, log2_n, r, p, salt, key = str(stored).strip().split("$")
        cost = {"log2_n": int(log2_n), "r": int(r), "p": int(p)}
        if scheme != "scrypt" or any(not lo <= cost[k] <= hi for k, (lo, hi) in _LIMITS.items()):
            return False
        salt_raw, key_raw = _unb64(salt), _unb64(key)
    except (ValueError, TypeError):
        return False
    if len(salt_raw) < 16 or len(key_raw) != 32:
        return False
    return hmac.compare_digest(_scrypt(str(password), salt_raw, **cost), key_raw)


def configured_hash(env: Mapping | None = None, secrets_: Mapping | None = None) -> str | None:
    """The owner's password hash: the environment variable wins over ``[auth] owner_password_hash``."""
    env = os.environ if env is None else env
    value = env.get(ENV_HASH) or ((secrets_ or {}).get(SECRETS_SECTION, {}) or {}).get(SECRETS_KEY) or ""
    return str(value).strip() or None


def oidc_providers(secrets_: Mapping | None) -> list[str | None]:
    """OpenID Connect providers configured for ``st.login``: None for the unnamed one in ``[auth]``,
    else the names of ``[auth.NAME]`` sections that hold a client id, secret and metadata URL."""
    section = (secrets_ or {}).get(SECRETS_SECTION, {}) or {}
    found: list[str | None] = [None] if all(k in section for k in OIDC_KEYS) else []
    found += [name for name, sub in section.items() if isinstance(sub, Mapping) and all(k in sub for k in OIDC_KEYS)]
    return found


def owner_emails(secrets_: Mapping | None) -> tuple[str, ...]:
    """``[auth] owner_emails``: who counts as the owner after an OIDC login (empty: anyone the provider admits)."""
    return tuple(str(e).strip().lower() for e in ((secrets_ or {}).get(SECRETS_SECTION, {}) or {}).get("owner_emails", ()))


@dataclass
class Throttle:
    """Exponential delay after wrong passwords, per session key and for the whole process.

    After ``free`` wrong tries each further one makes the key wait ``base × 2^(n − 1)`` seconds (at most ``cap``)
    before the next try is even checked; the process-wide count uses ``global_free``, so an attacker
    gains nothing by opening new sessions. A key quiet for ``cap`` seconds starts afresh.
    """

    free: int = 3
    global_free: int = 20
    base: float = 1.0
    cap: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _fails: dict = field(default_factory=dict)  # key → (wrong tries, time of the last one)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    GLOBAL = "\0all"

    def _delay(self, key, free: int, now: float) -> float:
        count, last = self._fails.get(key, (0, now))
        if count <= free or now - last > self.cap:
            return 0.0
        return max(0.0, last + min(self.cap, self.base * 2 ** (count - free - 1)) - now)

    def wait(self, key: str) -> float:
        """Seconds before ``key`` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            return max(self._delay(key, self.free, now), self._delay(self.GLOBAL, self.global_free, now))

    def _failed(self, key: str, now: float) -> None:
        for k in (key, self.GLOBAL):
            count, last = self._fails.get(k, (0, now))
            self._fails[k] = (1 if now - last > self.cap else count + 1, now)

    def attempt(self, key: str, password: str, stored: str) -> tuple[bool, float]:
        """(accepted, seconds to wait): a try during the delay is refused without checking the password."""
        waiting = self.wait(key)
        if waiting > 0:
            return False, waiting
        if verify_password(password, stored):
            with self._lock:
                self._fails.pop(key, None)
            return True, 0.0
        with self._lock:
            self._failed(key, self.clock())
        return False, self.wait(key)
