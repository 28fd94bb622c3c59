"""Browser latency of the simulator against a one-slider, one-chart Streamlit app, measured in the same run.

Prints: median time from a slider key press to the updated chart (20 presses each), their ratio
(target ≤ 1.5, median ≤ 400 ms), and the time from server start to the first page ready (target ≤ 3 s):
the app's own first page (the overview) and a link straight to the simulator, next to the one-chart app.
Run: make bench (or .venv/bin/python bench/bench_app.py).
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from promo.customers import demo  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, Server, ready  # noqa: E402

TOY = '''
import numpy as np, plotly.graph_objects as go, streamlit as st
v = st.slider("x", 0, 100, 10, key="x")
st.plotly_chart(go.Figure(go.Bar(x=np.arange(40), y=np.sin(np.arange(40) * v / 10.0))), key="c")
'''
PRESSES = 20
STARTS = 3


def settled(chart) -> str:
    """The chart's HTML once it has stopped changing: Plotly may still be drawing the previous run's update,
    which must not count as the next one."""
    html = chart.inner_html()
    while True:
        time.sleep(0.15)
        if (again := chart.inner_html()) == html:
            return html
        html = again


def latency(page, url: str, chart_index: int, slider_label: str) -> list[float]:
    """Milliseconds from a key press on the slider to chart ``chart_index`` redrawn and the run finished."""
    page.goto(url)
    ready(page)
    page.locator('[data-testid="stPlotlyChart"]').nth(chart_index).wait_for()
    times = []
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=slider_label).get_by_role("slider")
    for i in range(PRESSES):
        before = settled(page.locator('[data-testid="stPlotlyChart"]').nth(chart_index))
        slider.focus()
        t0 = time.perf_counter()
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        page.wait_for_function(
            """([i, old]) => {
                const app = document.querySelector('[data-testid="stApp"]');
                const c = document.querySelectorAll('[data-testid="stPlotlyChart"]')[i];
                return app.dataset.testScriptState === 'notRunning' && c && c.innerHTML !== old &&
                       document.querySelectorAll('[data-stale="true"]').length === 0;
            }""", arg=[chart_index, before], polling="raf", timeout=15_000)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def first_page(browser, tmp: Path, name: str, script: str, path: str, selector: str,
               restart: bool = False) -> tuple[float, float]:
    """Median over STARTS servers of the seconds from starting the process to the page ready in a new tab, and
    of the seconds until it listened. Each has a new database, so the app seeds its demo first, or with
    ``restart`` an existing one (the demo made beforehand), as after any later restart."""
    ready_s, listen_s = [], []
    for i in range(STARTS):
        db = tmp / f"{name}{i}.duckdb"
        if restart:
            demo.open_or_create(db).close()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto("about:blank")
        t0 = time.perf_counter()
        server = Server(db, tmp / f"{name}{i}.log", script=script)
        listen_s.append(time.perf_counter() - t0)
        try:
            page.goto(server.url + path)
            ready(page)
            page.locator(selector).last.wait_for()
            ready_s.append(time.perf_counter() - t0)
        finally:
            server.stop()
            page.close()
    return statistics.median(ready_s), statistics.median(listen_s)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "toy.py").write_text(TOY)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        starts = {"toy": first_page(browser, tmp, "toy", str(tmp / "toy.py"), "", '[data-testid="stPlotlyChart"]'),
                  "overview": first_page(browser, tmp, "overview", "app.py", "/", '[data-testid="stMetric"]'),
                  "restart": first_page(browser, tmp, "restart", "app.py", "/", '[data-testid="stMetric"]', True),
                  "simulator": first_page(browser, tmp, "simulator", "app.py", "/simulator?lang=en",
                                          '[data-testid="stPlotlyChart"]')}
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        toy = Server(tmp / "toy.duckdb", tmp / "toy.log", script=str(tmp / "toy.py"))
        app = Server(tmp / "app.duckdb", tmp / "app.log")
        try:
            first = latency(page, app.url + "/simulator?lang=en", chart_index=0, slider_label="Discount depth")
            last = latency(page, app.url + "/simulator?lang=en", chart_index=2, slider_label="Discount depth")
            base = latency(page, toy.url, chart_index=0, slider_label="x")
        finally:
            toy.stop()
            app.stop()
            browser.close()
    m_first, m_last, m_base = statistics.median(first), statistics.median(last), statistics.median(base)
    print(f"slider → chart, median of {PRESSES} presses: one-slider one-chart app {m_base:.0f} ms; simulator, "
          f"first chart (waterfall) {m_first:.0f} ms = {m_first / m_base:.2f}×, all three charts {m_last:.0f} ms "
          f"= {m_last / m_base:.2f}× (targets: ratio ≤ 1.5, median ≤ 400 ms)")
    print(f"server start → first page ready, median of {STARTS} starts (target ≤ 3 s): one-chart app "
          f"{starts['toy'][0]:.2f} s; the app's first page (the overview) {starts['overview'][0]:.2f} s on a new "
          f"database (the demo seeded first), {starts['restart'][0]:.2f} s on an existing one; a link straight to the "
          f"simulator (three charts, new database) {starts['simulator'][0]:.2f} s. The servers listened after "
          + ", ".join(f"{v[1]:.2f}" for v in starts.values()) + " s; the rest is the first run and drawing")


if __name__ == "__main__":
    main()
