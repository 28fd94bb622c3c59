"""AppTest helpers: a fresh app on its own database, caches cleared between tests."""
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
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
def listening():
    """listening(address): the server.address the app sees (the served app's tests start it on 127.0.0.1)."""
    before = config.get_option("server.address")
    yield lambda address: config.set_option("server.address", address)
    config.set_option("server.address", before)


@pytest.fixture
def app(db_path, listening):
    """app(page, lang=, secrets=, user=, **query): the app run once (secrets and st.user set before the
    first run), then switched to ``page``; positional, so a ``page`` query parameter stays a query parameter.
    It listens on 127.0.0.1 unless a test calls ``listening(address)``."""
    st.cache_data.clear()
    st.cache_resource.clear()
    listening("127.0.0.1")
    details = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", "full")  # a failing test shows the error; the served app shows none

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
    config.set_option("client.showErrorDetails", details)
    st.cache_data.clear()
    st.cache_resource.clear()


def shown(markdown: str) -> str:
    """What a Markdown element's source shows on screen: escapes and the word joiners of ``ui.plain`` removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


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
