"""Browser latency of the simulator against a one-slider, one-chart Streamlit app, measured in the same run.

Prints: median time from a slider key press to the updated chart (20 presses each), their ratio
(target ≤ 1.5, median ≤ 400 ms), and the time from server start to the first page ready (target ≤ 3 s).
Run: make bench (or .venv/bin/python bench/bench_app.py).
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.server import CHROMIUM_ARGS, Server, ready  # noqa: E402

TOY = '''
import numpy as np, plotly.graph_objects as go, streamlit as st
v = st.slider("x", 0, 100, 10, key="x")
st.plotly_chart(go.Figure(go.Bar(x=np.arange(40), y=np.sin(np.arange(40) * v / 10.0))), key="c")
'''
PRESSES = 20


def latency(page, url: str, chart_index: int, slider_label: str) -> list[float]:
    page.goto(url)
    ready(page)
    page.locator('[data-testid="stPlotlyChart"]').nth(chart_index).wait_for()
    times = []
    slider = page.locator('[data-testid="stSlider"]').filter(has_text=slider_label).get_by_role("slider")
    for i in range(PRESSES):
        chart = page.locator('[data-testid="stPlotlyChart"]').nth(chart_index)
        before = chart.inner_html()
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


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "toy.py").write_text(TOY)
    t0 = time.perf_counter()
    app = Server(tmp / "bench.duckdb", tmp / "app.log")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app.url + "/simulator?lang=en")
        ready(page)
        page.locator('[data-testid="stPlotlyChart"]').nth(2).wait_for()
        first_ready = time.perf_counter() - t0
        toy = Server(tmp / "toy.duckdb", tmp / "toy.log", script=str(tmp / "toy.py"))
        try:
            ours = latency(page, app.url + "/simulator?lang=en", chart_index=1, slider_label="Discount depth")
            base = latency(page, toy.url, chart_index=0, slider_label="x")
        finally:
            toy.stop()
            app.stop()
            browser.close()
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"slider → chart, median of {PRESSES}: simulator {m_ours:.0f} ms, one-chart app {m_base:.0f} ms, "
          f"ratio {m_ours / m_base:.2f} (target ≤ 1.5; median target ≤ 400 ms)")
    print(f"first page ready after server start (fresh database, demo seeded): {first_ready:.2f} s (target ≤ 3 s)")


if __name__ == "__main__":
    main()
