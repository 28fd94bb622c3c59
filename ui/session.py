"""The process's database connection and the business settings, shared by every session (cached)."""
from __future__ import annotations

import streamlit as st

from promo import InputError, store
from promo.customers import demo
from promo.i18n import t

from .literal import plain


@st.cache_resource(show_spinner=False)
def _connection(path: str):
    return demo.open_or_create(path)


def con():
    """The process's one connection (a cursor per query inside ``promo.store``)."""
    return _connection(str(store.db_path()))


def open_or_stop() -> None:
    """Open the database before anything else needs it. When it cannot be opened (another server holds the file,
    PROMO_DB names a CSV, the file is damaged), a visitor's browser gets the reason in both languages and nothing
    else; a run without a browser, which is Streamlit's script health check (the Docker image's), fails, so a server
    that cannot serve its pages does not look healthy."""
    try:
        con()
    except InputError as e:
        if not st.context.headers:
            raise RuntimeError(e.en) from None
        for lang, text in (("zh", e.zh), ("en", e.en)):
            st.header(":material/database_off: " + t("app.db_unavailable", lang))
            st.error(plain(text))
        st.stop()


@st.cache_data(show_spinner=False)
def _settings(path: str) -> dict:
    return store.get_settings(con())


def settings() -> dict:
    """Business settings, read once and cached; ``save_settings`` refreshes them for every session."""
    return _settings(str(store.db_path()))


def save_settings(**values) -> None:
    store.save_settings(con(), **values)
    _settings.clear()


def segments():
    return store.load_segments(con())
