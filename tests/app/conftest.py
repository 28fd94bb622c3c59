"""AppTest helpers: a fresh app on its own database, caches cleared between tests."""
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["pages/overview.py", "pages/library.py", "pages/simulator.py", "pages/compare.py", "pages/calendar.py",
         "pages/segments.py", "pages/data.py", "pages/settings.py", "pages/sharing.py"]


@pytest.fixture(autouse=True)
def v2_navigation(monkeypatch):
    """AppTest re-detects the pages/ folder on every run (old-style pages); the served app switches
    that off after its first run (ui/navigation.py). Do the same here so tests see what the browser sees."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False
    monkeypatch.setattr(PagesManager, "__init__", init)


# every widget type AppTest reports (segmented controls and pills come as button_group)
WIDGETS = ("button", "checkbox", "multiselect", "number_input", "radio", "selectbox", "select_slider", "slider",
           "text_input", "text_area", "toggle", "date_input", "time_input", "color_picker", "data_editor", "chat_input",
           "file_uploader", "button_group", "feedback", "form_submit_button")


@pytest.fixture
def app(db_path):
    """app(page, lang=, secrets=, user=, **query): the app run once (secrets and st.user set before the
    first run), then switched to ``page``; positional, so a ``page`` query parameter stays a query parameter."""
    st.cache_data.clear()
    st.cache_resource.clear()

    def make(page: str | None = None, /, lang: str | None = None, secrets=None, user=None, **query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.secrets.update(secrets or {})
        if user is not None:
            at.user = user
        if lang:
            at.query_params["lang"] = lang
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at
    yield make
    st.cache_data.clear()
    st.cache_resource.clear()


def widgets(at: AppTest) -> dict:
    """Widget type → keys of the widgets of that type on the page."""
    return {kind: [w.key for w in at.get(kind)] for kind in WIDGETS if len(at.get(kind))}


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def live_charts(at: AppTest) -> dict:
    """The simulator's Vega-Lite charts sent by the last run, by the spec's name: {"spec": ..., "rows": [...]}.
    A fragment run sends only what it redraws, so a chart left out of it is not here."""
    import json

    import pyarrow as pa

    out = {}
    for el in at.get("vega_lite_chart"):
        spec = json.loads(el.proto.spec)
        tables = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in el.proto.datasets}
        out[spec["name"]] = {"spec": spec, "rows": tables[spec["data"]["name"]]}
    return out
