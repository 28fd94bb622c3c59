"""The core must stay free of Streamlit so the CLI, tests and batch jobs start fast."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loaded_after(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code + "; import sys; print(sorted(sys.modules))"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return out.stdout


def test_import_promo_does_not_load_streamlit():
    out = subprocess.run([sys.executable, "-c", "import promo, sys; print('streamlit' in sys.modules)"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_core_modules_and_cli_do_not_load_streamlit():
    modules = _loaded_after("import promo, promo.cli, promo.model.analysis, promo.model.simulation, "
                            "promo.model.engine, promo.model.card")
    assert "'streamlit'" not in modules
    assert not any(m.startswith("'streamlit.") for m in modules.strip("[]\n").split(", "))


def test_the_app_pages_do_not_load_scipy_stats_or_optimize():
    """Half a second of imports before the first page: scipy.stats is not needed at all, scipy.optimize only
    when the optimizer runs (its tests load it there)."""
    modules = _loaded_after("import ui, ui.access, ui.badges, ui.downloads, promo.customers.measured")
    assert "'scipy.stats'" not in modules and "'scipy.optimize'" not in modules


def test_the_first_page_does_not_load_pandas_or_scipy():
    """The overview (the page a server start opens) reads DuckDB only: pandas (0.3 s) and scipy.special (0.5 s)
    load when a page needs them (scipy.special only with a simulation, e.g. seeding the demo)."""
    modules = _loaded_after("import ui, ui.access, promo.customers.demo, promo.store")
    assert "'pandas'" not in modules and "'scipy.special'" not in modules


def test_the_simulators_first_run_loads_neither_pandas_nor_openpyxl_nor_the_measured_rates(tmp_path):
    """A link straight to the simulator: pandas (0.3-1 s) is not needed (the charts' tables are built as Arrow
    from buffers), openpyxl (0.3 s) loads only when a workbook is made, and the measured rates only when there is
    campaign history: the demo has none."""
    code = f"""
import os, sys
os.environ["PROMO_DB"] = {str(tmp_path / "p.duckdb")!r}
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
init = PagesManager.__init__
def no_old_style_pages(self, *a, **k):
    init(self, *a, **k)
    PagesManager.uses_pages_directory = False
PagesManager.__init__ = no_old_style_pages
at = AppTest.from_file("app.py", default_timeout=60)
at.query_params["lang"] = "en"
at.run()
at.switch_page("pages/simulator.py").run()
assert not at.exception and len(at.get("vega_lite_chart")) == 3
import gc"""
    modules = _loaded_after(code)
    assert "'pandas'" not in modules and "'openpyxl'" not in modules and "'promo.customers.measured'" not in modules
    assert "'promo.live_charts'" in modules  # the page did run
