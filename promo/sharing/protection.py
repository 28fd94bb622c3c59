"""Which owner protection the settings ask for, and every way they can be present but unusable.

Fail closed: a settings file that does not parse, a key in the wrong place or spelled differently
(``owner_password`` for ``owner_password_hash``, ``[Auth]`` for ``[auth]``), a malformed hash, a half-configured
single sign-on, or single sign-on without ``owner_emails`` is a problem that stops the app with a page saying what
to fix; it never counts as "no password". Pure: the page layer passes in the environment, the secrets as a dict and
the secrets file's parse error, if any.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import did_you_mean
from .auth import ENV_HASH, hash_problem

SECTION, HASH_KEY, EMAILS_KEY = "auth", "owner_password_hash", "owner_emails"
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")  # one OpenID Connect provider
LOGIN_KEYS = ("redirect_uri", "cookie_secret")  # Streamlit's st.login needs both in [auth]
# keys [auth] may hold: ours, and Streamlit's (st.login); anything else there is a typo
AUTH_KEYS = (HASH_KEY, EMAILS_KEY, *LOGIN_KEYS, *PROVIDER_KEYS, "client_kwargs", "expose_tokens")
HOW_HASH = ("make a hash with: python -m promo hash-password", "用以下命令生成哈希：python -m promo hash-password")


@dataclass(frozen=True)
class Protection:
    """What protects the owner pages: a password hash, single sign-on providers (None: the one in [auth] itself)
    and the e-mail addresses that count as the owner; ``problems`` are (English, Chinese) sentences."""

    password_hash: str | None = None
    providers: tuple = ()
    owner_emails: tuple[str, ...] = ()
    problems: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def protected(self) -> bool:
        return bool(self.password_hash or self.providers)


def read(env: Mapping | None = None, secrets: Mapping | None = None, secrets_error: str | None = None) -> Protection:
    """The protection the environment and ``secrets.toml`` configure, with every problem found."""
    env = os.environ if env is None else env
    secrets = dict(secrets or {})
    problems: list[tuple[str, str]] = []
    if secrets_error:
        problems.append((f"The secrets file cannot be read: {secrets_error}. Fix the file (it is TOML: "
                         "key = \"value\" lines under [auth]).",
                         f"无法读取密钥文件：{secrets_error}。"
                         "请修正该文件（TOML 格式：在 [auth] 下写 key = \"value\"）。"))
    password = None
    if ENV_HASH in env:
        password = str(env[ENV_HASH]).strip()
        problems += _hash_problems(password, f"The environment variable {ENV_HASH}", f"环境变量 {ENV_HASH}")
    problems += _misplaced(secrets)
    section = secrets.get(SECTION)
    if section is None:
        return Protection(password or None, problems=tuple(problems))
    if not isinstance(section, Mapping) or not section:
        problems.append(("[auth] in the secrets file is empty: add owner_password_hash (or single sign-on), or remove "
                         "the [auth] line.",
                         "密钥文件中的 [auth] 是空的：请添加 owner_password_hash（或单点登录设置），"
                         "或删除 [auth] 这一行。"))
        return Protection(password or None, problems=tuple(problems))
    for key, value in section.items():
        if key not in AUTH_KEYS and not isinstance(value, Mapping):
            problems.append(_unknown_key(key))
    if HASH_KEY in section:
        stored = str(section[HASH_KEY]).strip()
        problems += _hash_problems(stored, f"[auth] {HASH_KEY}", f"[auth] {HASH_KEY}")
        password = password or stored  # the environment variable wins
    providers, sso_problems = _providers(section)
    problems += sso_problems
    emails, email_problems = _emails(section, bool(providers) or bool(sso_problems))
    problems += email_problems
    return Protection(password or None, tuple(providers), emails, tuple(problems))


def _hash_problems(value: str, where_en: str, where_zh: str) -> list[tuple[str, str]]:
    why = hash_problem(value)
    if why is None:
        return []
    return [(f"{where_en} is set but is not a usable password hash: {why[0]}. It must be the whole line that "
             f"hash-password prints (scrypt$…); {HOW_HASH[0]}. In a shell, quote it: it contains $.",
             f"{where_zh} 已设置，但不是可用的密码哈希：{why[1]}。它必须是 hash-password 输出的整行（scrypt$…）；"
             f"{HOW_HASH[1]}。在命令行中请用引号括起来：其中含有 $。")]


def _misplaced(secrets: Mapping) -> list[tuple[str, str]]:
    """Protection settings outside [auth], or [auth] spelled with capitals."""
    out = []
    for key in secrets:
        if key != SECTION and key.lower() == SECTION:
            out.append((f"The secrets file has [{key}]; the section must be written [auth], in lower case.",
                        f"密钥文件中写的是 [{key}]；该节必须写成小写的 [auth]。"))
        elif key in AUTH_KEYS or key in ("owner_password", "password"):
            out.append((f"{key} is outside [auth] in the secrets file: move it to a line below [auth] (TOML puts keys "
                        "written above any [section] line at the top level).",
                        f"密钥文件中的 {key} 不在 [auth] 之下：请把它移到 [auth] 这一行的下面"
                        "（写在所有 [节] 之前的键属于顶层）。"))
    return out


def _unknown_key(key: str) -> tuple[str, str]:
    if key in ("owner_password", "password"):
        return (f"[auth] {key} is not a setting: the app never keeps the password itself. Write its hash as "
                f"{HASH_KEY} instead; {HOW_HASH[0]}.",
                f"[auth] {key} 不是有效的设置：应用从不保存密码本身。请改写其哈希 {HASH_KEY}；{HOW_HASH[1]}。")
    hint_en, hint_zh = did_you_mean(key, AUTH_KEYS)
    return (f"[auth] {key} is not a setting this app knows.{hint_en} Known: {', '.join(AUTH_KEYS)}.",
            f"[auth] {key} 不是本应用认识的设置。{hint_zh}可用：{', '.join(AUTH_KEYS)}。")


def _providers(section: Mapping) -> tuple[list, list[tuple[str, str]]]:
    """Single sign-on providers: the one in [auth] itself (None) and [auth.NAME] sections; any provider key present
    means single sign-on is wanted, so every missing key is a problem."""
    found, problems = [], []
    candidates = [(None, section)] + [(name, sub) for name, sub in section.items() if isinstance(sub, Mapping)]
    for name, sub in candidates:
        present = [k for k in PROVIDER_KEYS if sub.get(k)]
        if not present and name is None:
            continue
        missing = [k for k in PROVIDER_KEYS if not sub.get(k)]
        where = "[auth]" if name is None else f"[auth.{name}]"
        if missing:
            problems.append((f"Single sign-on in {where} is incomplete: {', '.join(missing)} missing (it needs "
                             f"{', '.join(PROVIDER_KEYS)}).",
                             f"{where} 中的单点登录设置不完整：缺少 {', '.join(missing)}"
                             f"（需要 {', '.join(PROVIDER_KEYS)}）。"))
        elif name is not None and "_" in name:
            problems.append((f"The provider name in {where} contains an underscore, which Streamlit does not allow: "
                             "rename the section.", f"{where} 中的提供方名称含有下划线，Streamlit 不允许："
                             "请给该节改名。"))
        else:
            found.append(name)
    if found or problems:
        missing = [k for k in LOGIN_KEYS if not section.get(k)]
        if missing:
            problems.append((f"Single sign-on needs {' and '.join(LOGIN_KEYS)} in [auth]: {', '.join(missing)} "
                             "missing.",
                             f"单点登录需要在 [auth] 中设置 {' 和 '.join(LOGIN_KEYS)}：缺少 {', '.join(missing)}。"))
        elif not str(section["redirect_uri"]).rstrip("/").endswith("/oauth2callback"):
            problems.append(("[auth] redirect_uri must be the app's address followed by /oauth2callback, e.g. "
                             "https://promo.example.com/oauth2callback.",
                             "[auth] redirect_uri 必须是应用地址加 /oauth2callback，"
                             "例如 https://promo.example.com/oauth2callback。"))
    return (found if not problems else []), problems


def _emails(section: Mapping, sso: bool) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """``owner_emails``: required with single sign-on (else anyone the provider admits would be an owner)."""
    if EMAILS_KEY not in section:
        if sso:
            return (), [(f"Single sign-on is configured without {EMAILS_KEY}: anyone the provider accepts would be an "
                         f"owner. Add {EMAILS_KEY} = [\"you@example.com\"] to [auth].",
                         f"已配置单点登录但没有 {EMAILS_KEY}：提供方接受的任何人都会成为所有者。请在 [auth] 中添加 "
                         f"{EMAILS_KEY} = [\"you@example.com\"]。")]
        return (), []
    value = section[EMAILS_KEY]
    emails = tuple(str(e).strip().lower() for e in value) if isinstance(value, (list, tuple)) else ()
    if not emails or not all(isinstance(e, str) and "@" in e for e in value):
        return (), [(f"[auth] {EMAILS_KEY} must be a list of e-mail addresses like [\"you@example.com\"].",
                     f"[auth] {EMAILS_KEY} 必须是电子邮件地址的列表，例如 [\"you@example.com\"]。")]
    if not sso:
        return (), [(f"[auth] {EMAILS_KEY} is set but no single sign-on provider is: it has no effect. Configure the "
                     "provider (see the README, Owner access) or remove the line.",
                     f"[auth] 设置了 {EMAILS_KEY}，但没有配置单点登录提供方：它不起作用。"
                     "请配置提供方（见 README「所有者访问」）或删除这一行。")]
    return emails, []
