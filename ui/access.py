"""Who may see what, decided in app.py before any page runs.

Protection settings that are present but unusable stop the app with a page that says what to fix (never "no
password"). A share link (``?share=TOKEN``) gets the partner view and nothing else, whatever the path or the other
query parameters say, and only while the app is protected (without protection any visitor could open the owner
pages). With a password hash or single sign-on configured, everyone else must log in as the owner first; with
neither, the app stays open and says so on every page, in red when other computers can reach it.
"""
from __future__ import annotations

import ipaddress
import os

import streamlit as st

import ui
from promo import store
from ui import session
from promo.i18n import t
from promo.sharing import auth, links, protection

SHARE_PARAM = links.SHARE_PARAM
TOKEN_KEY = "_share_token"  # a session that opened a link stays on it (navigating drops query params)
OWNER_KEY = "_owner"


def _secrets() -> tuple[dict, str | None]:
    """The secrets as a dict, and the reason the secrets file could not be read (None: read, or there is none)."""
    try:
        return st.secrets.to_dict(), None
    except FileNotFoundError as e:  # Streamlit's "not found" and "cannot be parsed" are both this class
        return {}, None if getattr(e, "error_id", None) == "no-secrets-found" else str(e)
    except Exception as e:  # e.g. a file that is not UTF-8
        return {}, f"{type(e).__name__}: {e}"


def settings() -> protection.Protection:
    """What protects this app, read on every run (a changed secrets file counts at once)."""
    secrets, error = _secrets()
    return protection.read(os.environ, secrets, error)


@st.cache_resource(show_spinner=False)
def throttle() -> auth.Throttle:
    """One throttle per process, so new sessions do not reset the count of wrong passwords."""
    return auth.Throttle()


def client() -> str:
    """Who is trying a password, for the throttle: the connection's address; behind a proxy on this computer or a
    private network (nginx, Docker) the address the proxy saw, which it appends last to X-Forwarded-For."""
    ip = st.context.ip_address
    ip = ip if isinstance(ip, str) and ip else "127.0.0.1"  # Streamlit gives None for a loopback connection
    forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
    try:
        trusted = ipaddress.ip_address(ip).is_private or ipaddress.ip_address(ip).is_loopback
    except ValueError:
        trusted = False
    return forwarded if forwarded and trusted else ip


def exposure() -> str | None:
    """None when only this computer can reach the app, else where it listens (for the warning): ``server.address``
    unset means every address; a request that came in under another host name came from elsewhere."""
    address = st.get_option("server.address") or ""
    if not links.is_local(address):
        return address or ui.T("share.status.all_addresses")
    host = (st.context.url or "").split("://")[-1].split("/")[0].rsplit(":", 1)[0]
    forwarded = st.context.headers.get("X-Forwarded-For") or st.context.headers.get("X-Forwarded-Host")
    if (host and not links.is_local(host)) or forwarded:
        return ui.T("share.status.via", address=address, host=host or forwarded)
    return None


def _oidc_user(config: protection.Protection) -> str | None:
    """The logged-in single sign-on account if it is one of ``owner_emails`` (required with single sign-on)."""
    if not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or "").strip().lower()
    return email if email and email in config.owner_emails else None


def share_token() -> str | None:
    """The link this session opened, if any; an empty ``?share=`` is still a (bad) link."""
    if SHARE_PARAM in st.query_params:
        st.session_state[TOKEN_KEY] = st.query_params.get(SHARE_PARAM, "")
    return st.session_state.get(TOKEN_KEY)


def current_share() -> dict | None:
    """The active link of this session (looked up on every run, so a revoked link stops at once)."""
    token = share_token()
    return None if token is None else store.find_share(ui.con(), token)


def _only(page, url_paths, title: str, icon: str | None = None) -> None:
    """Show ``page`` at every address (a deep link gets it too), with no menu, and stop."""
    st.navigation([st.Page(page, title=title, icon=icon, url_path=url, default=i == 0)
                   for i, url in enumerate(url_paths)], position="hidden").run()
    st.stop()


def gate(url_paths) -> None:
    """Run in app.py instead of ``ui.language_switch()``: unusable protection settings stop here; then the partner
    view, or the login, or the owner's pages with the protection status. ``url_paths`` are the app's pages: the login
    shows at each, so a deep link opens its page once logged in."""
    config = settings()
    if config.problems:
        _only(lambda: _broken(config), ["shared", *url_paths], "促销规划 · Promotion planner", ":material/error:")
    session.open_or_stop()
    if share_token() is not None:
        share = current_share() if config.protected else None
        if share is None:  # bad, expired, revoked, or the app is open to anyone: one plain message, no switch
            _only(lambda: _invalid(config), ["shared", *url_paths], ui.T("app.title"))
        if ui.LANG_KEY not in st.session_state and ui.LANG_KEY not in st.query_params:
            st.query_params[ui.LANG_KEY] = share["lang"]  # the link's language first as if in its URL; the switch works
        ui.language_switch()
        _only("ui/partner.py", ["shared", *url_paths], ui.T("share.title"), ":material/visibility:")
    ui.language_switch()
    if not _sidebar(config):
        _only(_locked, url_paths, ui.T("share.login.title"), ":material/lock:")


def _broken(config: protection.Protection) -> None:
    """Both languages: the settings that would say which language to use may be what is broken."""
    for lang in ui.LANG_LABELS:
        st.header(":material/error: " + t("share.broken.title", lang))
        st.markdown(t("share.broken.intro", lang))
        st.error("\n\n".join(f"{i}. {ui.plain(p[0 if lang == 'en' else 1])}" for i, p in enumerate(config.problems, 1)))


def _invalid(config: protection.Protection) -> None:
    """Both languages: a bad link does not tell which language its reader wanted."""
    st.info(invalid_message() if config.protected else
            "  \n".join(t("share.needs_protection", lang) for lang in ui.LANG_LABELS))


def invalid_message() -> str:
    return "  \n".join(t("share.invalid", lang) for lang in ui.LANG_LABELS)


def _locked() -> None:
    st.title(":material/lock: " + ui.T("share.login.title"))
    st.info(ui.T("share.login.needed"))


def _sidebar(config: protection.Protection) -> bool:
    """Protection status, login or logout in the sidebar; True when this session may edit."""
    side = st.sidebar
    if not config.protected:
        where = exposure()
        if where is None:
            side.warning(ui.md("share.status.local", address=st.get_option("server.address")),
                         icon=":material/lock_open:")
        else:
            st.error(ui.md("share.status.exposed", address=where), icon=":material/gpp_bad:")
            side.error(ui.T("share.status.open"), icon=":material/gpp_bad:")
        return True
    user = _oidc_user(config) if config.providers else None
    if st.session_state.get(OWNER_KEY) or user:
        kind = "share.status.password" if st.session_state.get(OWNER_KEY) else "share.status.sso"
        who = ui.T("share.login.as") if st.session_state.get(OWNER_KEY) else ui.md("share.login.as_user", user=user)
        side.success(f"{ui.T(kind)}  \n{who}", icon=":material/verified_user:")
        if side.button(ui.T("share.logout"), key="auth_logout", icon=":material/logout:"):
            st.session_state.pop(OWNER_KEY, None)
            if getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()
        return True
    if config.providers and getattr(st.user, "is_logged_in", False):
        side.warning(ui.md("share.login.not_owner", user=str(st.user.get("email") or "?")))
    for name in config.providers:
        if side.button(ui.T("share.login.oidc", provider=name or ui.T("share.login.oidc_default")),
                       key=f"auth_oidc_{name or 'default'}", icon=":material/login:"):
            st.login(name)  # None: the provider configured directly in [auth]
    if config.password_hash:
        with side.form("auth_form", border=False, clear_on_submit=True):
            typed = st.text_input(ui.T("share.login.password"), type="password", key="auth_password")
            if st.form_submit_button(ui.T("share.login.button"), icon=":material/login:"):
                _try_password(typed, config.password_hash)
                if st.session_state.get(OWNER_KEY):
                    st.rerun()
    return False


def _try_password(typed: str, stored: str) -> None:
    ok, wait = throttle().attempt(client(), typed, stored)
    if ok:
        st.session_state[OWNER_KEY] = True
    elif wait > 0:
        st.sidebar.error(ui.T("share.login.wait", seconds=int(wait + 0.999)), icon=":material/timer:")
    else:
        st.sidebar.error(ui.T("share.login.wrong"), icon=":material/key_off:")
