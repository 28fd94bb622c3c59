"""The one place that handles Streamlit's old-style pages (the folder ``pages/`` next to ``app.py``)."""
from __future__ import annotations

import streamlit as st


def leave_old_style_pages() -> None:
    """Turn Streamlit's old-style pages off on the first run of a process, before anything is drawn.

    Streamlit 1.67 decides once per process, when it creates its first ``PagesManager``, whether the app uses
    old-style pages: ``PagesManager.uses_pages_directory`` becomes True because a folder named ``pages/`` sits
    next to ``app.py``. While it is True, the script runner runs ``_mpa_v1`` instead of ``app.py``: it lists
    every module in ``pages/`` in the sidebar, and a deep link (``/simulator``) runs that page file without
    ``app.py`` (no page setup, no login gate). Only ``st.navigation`` turns it off, and ``app.py`` reaches that
    call after the language switch. No public option prevents the detection while the folder is named
    ``pages/`` (``client.showSidebarNavigation`` only hides the list, and also hides ``st.navigation``'s menu
    while it is false; ``st.navigation(position=...)`` acts only once called).

    So ``.streamlit/config.toml`` starts with ``client.showSidebarNavigation = false`` (the old-style list is
    never seen), and the first run of the process comes here (through ``lang()``, which app.py and every page
    call first): old-style pages off, the app's menu allowed again, and a rerun that goes through ``app.py``.
    Later runs find the flag off and return at once. Tested in tests/app/test_navigation.py and, in a real
    browser after a server start, tests/browser/test_journeys.py::test_first_visit_after_a_start.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.set_option("client.showSidebarNavigation", True)
        st.rerun()
