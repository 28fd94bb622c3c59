"""Every page runs in both languages, with keyed widgets and no error element."""
import pytest

from promo.i18n import t
from tests.app.conftest import PAGES, widgets

TITLES = {"pages/overview.py": None, "pages/library.py": "page.library", "pages/simulator.py": "page.simulator",
          "pages/compare.py": "page.compare", "pages/segments.py": "page.segments",
          "pages/settings.py": "page.settings", "pages/calendar.py": "page.calendar", "pages/data.py": "page.data",
          "pages/sharing.py": "page.sharing"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_both_languages(app, page, lang):
    at = app(page, lang=lang)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    title = at.title[0].value
    if TITLES[page]:
        assert t(TITLES[page], lang) in title
    for kind, keys in widgets(at).items():
        assert all(keys), f"a {kind} on {page} has no key"
    # Streamlit's own placeholder ("Choose options") is English only: every multiselect brings its own
    for w in at.multiselect:
        assert w.proto.placeholder == t("app.choose", lang), f"{w.key} on {page}"
    # values are typed: no page but the simulator (which pairs its own) has a slider without a number box
    if page != "pages/simulator.py":
        assert not at.get("slider") and not at.get("select_slider"), page


def test_overview_shows_demo_business_and_best_worst(app):
    at = app(lang="en")
    assert "Liyan" in at.title[0].value or "丽颜" in at.title[0].value
    text = " ".join(m.value for m in at.markdown)
    assert "Best saved scenarios" in text and "Worst saved scenarios" in text
    assert at.metric[3].value == "7"  # the seven demo scenarios


def test_language_switch_changes_labels(app):
    at = app("pages/simulator.py")
    assert at.title[0].value.endswith("模拟器")
    at.radio(key="lang").set_value("en").run()
    assert at.title[0].value.endswith("Simulator")
    assert at.selectbox(key="type").label == "Promotion type"
