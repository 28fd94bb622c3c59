"""The process's database connection and the business settings, shared by every session (cached)."""
from __future__ import annotations

import streamlit as st

from promo import store
from promo.customers import demo


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


def segments():
    return store.load_segments(con())
