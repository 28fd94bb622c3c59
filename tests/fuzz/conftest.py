"""The AppTest fixtures of tests/app, for the page fuzz."""
from tests.app.conftest import app, listening, v2_navigation  # noqa: F401 - fixtures; autouse navigation mode
