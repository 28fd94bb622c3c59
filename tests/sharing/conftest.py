"""Sharing tests: a demo database in memory for the store and reports; the AppTest fixtures of tests/app."""
import pytest

from promo import store
from promo.customers import demo
from promo.sharing import auth
from tests.app.conftest import app, listening, v2_navigation  # noqa: F401 - the AppTest fixtures; autouse navigation mode

PASSWORD = "correct horse battery staple"
CHEAP_HASH = auth.hash_password(PASSWORD, log2_n=10)  # cheap cost for tests; verify reads the cost from the hash
# what a partner can use: the language switch, the item choice, and the button that draws the PNG charts (it makes a
# download of the shared items, it changes nothing)
PARTNER_WIDGETS = {"radio": ["lang"], "button_group": ["share_item"], "button": ["share_dl_png_make"]}


@pytest.fixture
def con():
    c = demo.open_or_create(":memory:")
    yield c
    c.close()


@pytest.fixture
def run(request):
    """tests/app's AppTest fixture: run(start_page, secrets=..., user=..., **query)."""
    return request.getfixturevalue("app")


@pytest.fixture
def protected(monkeypatch):
    """The app with an owner password configured through the environment variable."""
    monkeypatch.setenv(auth.ENV_HASH, CHEAP_HASH)
    return PASSWORD


@pytest.fixture
def owner(run, protected):
    """owner(page, lang="en"): the protected app, logged in as the owner, on ``page``."""
    def make(page: str | None = None, lang: str = "en"):
        at = run(lang=lang)
        at.text_input(key="auth_password").input(protected)
        at.get("form_submit_button")[0].click()
        at.run()
        assert st_owner(at), [e.value for e in at.sidebar.error]
        if page:
            at.switch_page(page).run()
        return at
    return make


def st_owner(at) -> bool:
    return bool(at.session_state["_owner"]) if "_owner" in at.session_state else False


@pytest.fixture
def shared(db_path, protected):
    """A link to demo scenarios 1 and 7 (discount; co-promotion) in the app's database file: (id, token); the app is
    protected (links work only then)."""
    c = demo.open_or_create(db_path)
    try:
        yield store.create_share(c, "Dairy shop", [("scenario", 1), ("scenario", 7)], 7, "en")
    finally:
        c.close()


def save_demo_plan(c, name: str = "2027 年计划") -> int:
    """A two-item plan (coupon and discount) saved like the calendar page saves one."""
    from promo.planning.plan import plan_from_dict

    plan = plan_from_dict({"year": 2027, "items": [
        {"id": "spring-coupon", "type": "coupon", "segments": ["dormant"], "start_week": 5},
        {"id": "double-11", "type": "discount", "segments": ["active"], "start_week": 45, "params": {"depth": 0.15}}]},
        store.load_segments(c))
    return store.save_plan(c, name, plan)
