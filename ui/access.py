"""Who may see what, decided in app.py before any page runs.

A share link (``?share=TOKEN``) gets the partner view and nothing else, whatever the path or the
other query parameters say. When a password hash or an OIDC provider is configured, everyone
else must log in as the owner first; with neither, the app stays open and says so.
"""
from __future__ import annotations

import secrets

import streamlit as st

import ui
from promo import store
from promo.i18n import t
from promo.sharing import auth

SHARE_PARAM = "share"
TOKEN_KEY = "_share_token"  # a session that opened a link stays on it (navigating drops query params)
OWNER_KEY = "_owner"
SESSION_KEY = "_auth_session"  # random per session: the throttle's per-session key


def _secrets() -> dict:
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # a malformed secrets.toml must not take the app down; it then counts as not configured
        return {}


@st.cache_resource(show_spinner=False)
def throttle() -> auth.Throttle:
    """One throttle per process, so new sessions do not reset the count of wrong passwords."""
    return auth.Throttle()


def _config() -> tuple[str | None, list]:
    sec = _secrets()
    return auth.configured_hash(secrets_=sec), auth.oidc_providers(sec)


def _oidc_user() -> str | None:
    """The logged-in OIDC account if it may act as the owner (``[auth] owner_emails``, if set, lists who may)."""
    if not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or "").lower()
    allowed = auth.owner_emails(_secrets())
    if allowed and email not in allowed:
        return None
    return email or str(st.user.get("name") or "?")


def share_token() -> str | None:
    """The link this session opened, if any; an empty ``?share=`` is still a (bad) link."""
    if SHARE_PARAM in st.query_params:
        st.session_state[TOKEN_KEY] = st.query_params.get(SHARE_PARAM, "")
    return st.session_state.get(TOKEN_KEY)


def current_share() -> dict | None:
    """The active link of this session (looked up on every run, so a revoked link stops at once)."""
    token = share_token()
    return None if token is None else store.find_share(ui.con(), token)


def gate(url_paths) -> None:
    """Run in app.py instead of ``ui.language_switch()``: the language switch, then partner view or login or nothing.
    ``url_paths`` are the app's pages: the login shows at each, so a deep link opens its page once logged in."""
    if share_token() is not None:
        share = current_share()
        if share is None:  # bad, expired or revoked: one plain message, no switch, no navigation
            st.navigation([st.Page(_invalid, title=ui.T("app.title"), url_path="shared", default=True)],
                          position="hidden").run()
            st.stop()
        if ui.LANG_KEY not in st.session_state and ui.LANG_KEY not in st.query_params:
            st.query_params[ui.LANG_KEY] = share["lang"]  # the link's language first, as if in its URL; the switch works
        ui.language_switch()
        st.navigation([st.Page("ui/partner.py", title=ui.T("share.title"), icon=":material/visibility:",
                               url_path=url, default=i == 0) for i, url in enumerate(["shared", *url_paths])],
                      position="hidden").run()
        st.stop()
    ui.language_switch()
    if not _sidebar():
        st.navigation([st.Page(_locked, title=ui.T("share.login.title"), icon=":material/lock:", url_path=url,
                               default=i == 0) for i, url in enumerate(url_paths)], position="hidden").run()
        st.stop()


def _invalid() -> None:
    """Both languages: a bad link does not tell which language its reader wanted."""
    st.info(invalid_message())


def invalid_message() -> str:
    return "  \n".join(t("share.invalid", lang) for lang in ui.LANG_LABELS)


def _locked() -> None:
    st.title(":material/lock: " + ui.T("share.login.title"))
    st.info(ui.T("share.login.needed"))


def _sidebar() -> bool:
    """Login, logout or the unprotected note in the sidebar; True when this session may edit."""
    password, providers = _config()
    side = st.sidebar
    if not password and not providers:
        side.caption(":material/lock_open: " + ui.T("app.unprotected"))
        return True
    if st.session_state.get(OWNER_KEY) or (providers and _oidc_user()):
        side.caption(":material/verified_user: " + (ui.T("share.login.as") if st.session_state.get(OWNER_KEY)
                                                    else ui.T("share.login.as_user", user=_oidc_user())))
        if side.button(ui.T("share.logout"), key="auth_logout", icon=":material/logout:"):
            st.session_state.pop(OWNER_KEY, None)
            if getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return True
    if providers and getattr(st.user, "is_logged_in", False):
        side.warning(ui.T("share.login.not_owner", user=st.user.get("email") or "?"))
    for name in providers:
        if side.button(ui.T("share.login.oidc", provider=name or ui.T("share.login.oidc_default")),
                       key=f"auth_oidc_{name or 'default'}", icon=":material/login:"):
            st.login(name)  # None: the provider configured directly in [auth]
    if password:
        with side.form("auth_form", border=False, clear_on_submit=True):
            typed = st.text_input(ui.T("share.login.password"), type="password", key="auth_password")
            if st.form_submit_button(ui.T("share.login.button"), icon=":material/login:"):
                _try_password(typed, password)
                if st.session_state.get(OWNER_KEY):
                    st.rerun()
    return False


def _try_password(typed: str, stored: str) -> None:
    session = st.session_state.setdefault(SESSION_KEY, secrets.token_hex(16))
    ok, wait = throttle().attempt(session, typed, stored)
    if ok:
        st.session_state[OWNER_KEY] = True
    elif wait > 0:
        st.sidebar.error(ui.T("share.login.wait", seconds=int(wait + 0.999)), icon=":material/timer:")
    else:
        st.sidebar.error(ui.T("share.login.wrong"), icon=":material/key_off:")
