"""What every page shares: the database connection, the language, texts, formatting, error display.

Session-state keys are named here once; results are recomputed through cached pure
functions of the inputs, so pages stay thin.
"""
from __future__ import annotations

import streamlit as st

from promo.customers import demo
from promo import fmt, store
from promo.errors import InputError
from promo.i18n import t

LANG_KEY = "lang"
LANG_LABELS = {"zh": "中文", "en": "English"}


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return demo.open_or_create(path)


def con():
    """The process's one connection (a cursor per query inside ``promo.store``)."""
    return _connection(str(store.db_path()))


@st.cache_data(show_spinner=False)
def _settings(path: str) -> dict:
    return store.get_settings(con())


def settings() -> dict:
    """Business settings, read once and cached; ``save_settings`` refreshes them for every session."""
    return _settings(str(store.db_path()))


def save_settings(**values) -> None:
    store.save_settings(con(), **values)
    _settings.clear()


def _v2_navigation() -> None:
    """Streamlit takes a folder named pages/ for old-style pages until ``st.navigation`` has run once in the
    process: the first run after a restart would list every module in pages/ (ui, access, ...) as a page, and
    a deep link would run its page without app.py. The config hides that list (client.showSidebarNavigation);
    the first run turns old-style pages off, shows the menu again and reruns through app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.set_option("client.showSidebarNavigation", True)
        st.rerun()


class UrlState:
    """Inputs mirrored in the address bar with stable keys (not display labels), so a copied link
    reproduces the view in either language. Values start from the URL, else the default."""

    def __init__(self, page: str | None = None, prefix_owned: str = "."):
        self.defaults: dict = {}
        self.prefix_owned = prefix_owned  # other params containing this are cleared when not bound this run
        # on arriving at the page, a link's values win over the ones kept from an earlier visit
        self.entry = page is not None and st.session_state.get("_last_page") != page
        if page is not None:
            st.session_state["_last_page"] = page

    def init(self, key: str, default, parse=float, valid=lambda v: True) -> str:
        self.defaults[key] = default
        if key not in st.session_state or (self.entry and key in st.query_params):
            value = default
            raw = st.query_params.get_all(key) if isinstance(default, list) else st.query_params.get(key)
            if raw not in (None, []):
                try:
                    parsed = parse(raw)
                    if valid(parsed):
                        value = parsed
                    else:
                        _rejected(key, raw)
                except (TypeError, ValueError):
                    _rejected(key, raw)
            st.session_state[key] = value
        return key

    def write(self) -> None:
        for key, default in self.defaults.items():
            value = st.session_state.get(key, default)
            if value == default:
                st.query_params.pop(key, None)
            elif isinstance(value, list):
                st.query_params[key] = [str(v) for v in value]
            else:
                st.query_params[key] = f"{value:g}" if isinstance(value, float) else str(value)
        for key in list(st.query_params):
            if self.prefix_owned in key and key not in self.defaults:
                st.query_params.pop(key, None)


def _rejected(key: str, raw) -> None:
    st.session_state.setdefault("_url_rejected", []).append((key, raw))


def url_notices() -> None:
    """Tell the user which link values were ignored (bad or out of range) instead of failing."""
    for key, raw in st.session_state.pop("_url_rejected", []):
        st.warning(T("app.url_rejected", name=key, value=raw), icon=":material/link_off:")


def lang() -> str:
    _v2_navigation()
    value = st.session_state.get("_lang", st.session_state.get(LANG_KEY))
    return value if value in LANG_LABELS else settings()["language"]


def T(key: str, /, **values) -> str:  # noqa: N802 - reads like the gettext "_"
    return t(key, lang(), **values)


def cur() -> str:
    return settings()["currency"]


def money(x, digits: int = 0) -> str:
    return fmt.money(x, lang(), cur(), digits)


def money_short(x) -> str:
    return fmt.money_short(x, lang(), cur())


def num(x, digits: int = 0) -> str:
    return fmt.num(x, lang(), digits)


def pct(x, digits: int = 0) -> str:
    return fmt.pct(x, lang(), digits)


def ratio(x) -> str:
    return fmt.ratio(x, lang())


def language_switch() -> str:
    """Sidebar language switch, mirrored in the URL so a shared link keeps the language.
    ``_lang`` holds the choice: the switch's own widget state is reset by Streamlit when the first run's
    page differs from the next one's (a link to ``/`` that runs a default page), so it is re-seeded each run."""
    _v2_navigation()
    url = UrlState(prefix_owned="\0")
    url.init(LANG_KEY, settings()["language"], parse=str, valid=LANG_LABELS.__contains__)
    st.session_state[LANG_KEY] = st.session_state.setdefault("_lang", st.session_state[LANG_KEY])
    st.sidebar.radio("语言 / Language", list(LANG_LABELS), format_func=LANG_LABELS.get, key=LANG_KEY,
                     horizontal=True, on_change=_language_chosen)
    url.write()
    return lang()


def _language_chosen() -> None:
    st.session_state["_lang"] = st.session_state[LANG_KEY]


def error(e: InputError) -> None:
    st.error(e.message(lang()), icon=":material/warning:")


def chart(fig, key: str, live: bool = False) -> None:
    """Our own template (theme=None skips Streamlit's restyling pass); ``live`` charts, redrawn on every
    input change, go without the tool bar, which costs a redraw each time (reports offer the PNGs)."""
    config = {"displaylogo": False, **({"displayModeBar": False} if live else {})}
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config=config)


def segments():
    return store.load_segments(con())
