"""Streamlit's old-style pages (the folder pages/) are turned off by ui/navigation.py on a process's first run.

Every other AppTest here runs with them off already (conftest's autouse fixture), because AppTest re-detects the
pages/ folder on each run. This module lets the detection happen, as on the first run after a server start."""
import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP


@pytest.fixture
def v2_navigation():
    """Overrides conftest's autouse fixture: old-style pages stay on until the app turns them off."""
    shown = st.get_option("client.showSidebarNavigation")
    st.set_option("client.showSidebarNavigation", False)  # as in .streamlit/config.toml
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.set_option("client.showSidebarNavigation", shown)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("page, title", [(None, None), ("pages/simulator.py", "Simulator")])
def test_first_run_leaves_old_style_pages_and_runs_through_app_py(db_path, page, title):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    if page:
        at.switch_page(page)  # a deep link on the first run: old-style pages would run the page file alone
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert PagesManager.uses_pages_directory is False
    assert st.get_option("client.showSidebarNavigation") is True  # the app's own menu shows again
    assert [r.label for r in at.sidebar.radio] == ["语言 / Language"]  # app.py ran: its language switch is there
    if title:
        assert any(t.value.endswith(title) for t in at.title), [t.value for t in at.title]
