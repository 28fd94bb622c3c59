"""Where partners reach the app: the public address share links are built on, and whether an address is local.

A link built from the owner's own browser address (``http://localhost:8599/?share=…``) reaches nobody, so links use
a configured public base URL: the environment variable ``PROMO_PUBLIC_URL`` (it wins: the host knows its address) or
the business setting ``public_url``. Pure: the page layer passes in the environment and the settings.
"""
from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..errors import InputError

ENV_URL = "PROMO_PUBLIC_URL"
SETTING = "public_url"
SHARE_PARAM = "share"


def is_local(host: str | None) -> bool:
    """True for this computer only: localhost, the loopback addresses (127.x, ::1)."""
    host = (host or "").strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(text: str) -> str:
    """A public base URL as typed (``https://promo.example.com`` or with a path), normalised without a trailing
    slash; "" clears it. Anything else is an InputError saying what a valid one looks like."""
    text = str(text or "").strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or \
            parts.username or parts.password or any(c.isspace() for c in text):
        raise InputError(f"'{text}' is not a public address like https://promo.example.com (http or https, a host, "
                         "optionally a path; no ?query or #part).",
                         f"「{text}」不是 https://promo.example.com 这样的公开地址（http 或 https、主机名，可带路径；"
                         "不能有 ? 查询或 # 部分）。", field=SETTING)
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        raise InputError(f"'{text}' has a port that is not a number from 1 to 65535.",
                         f"「{text}」的端口不是 1 到 65535 之间的数字。", field=SETTING) from None
    return text.rstrip("/")


def public_base(settings: Mapping, env: Mapping | None = None) -> tuple[str, str]:
    """(base URL or "", where it came from: "env", "setting" or ""). A malformed environment value counts as unset
    here; ``problem`` reports it."""
    env = os.environ if env is None else env
    if env.get(ENV_URL, "").strip():
        try:
            return check_url(env[ENV_URL]), "env"
        except InputError:
            return "", "env"
    value = str(settings.get(SETTING) or "")
    return (value, "setting") if value else ("", "")


def problem(base: str, source: str) -> str | None:
    """Why links built on ``base`` will not reach a partner: "missing", "env_invalid" or "local"; None when fine."""
    if not base:
        return "env_invalid" if source == "env" else "missing"
    return "local" if is_local(urlsplit(base).hostname) else None


def share_link(base: str, token: str) -> str:
    """The partner's link: the public base URL with ``?share=TOKEN`` (the app's root page)."""
    return f"{base.rstrip('/')}/?{SHARE_PARAM}={token}"
