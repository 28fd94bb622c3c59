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


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "toy.py").write_text(TOY)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto("about:blank")
        starts = {}
        for name, script, path, charts in (("toy", str(tmp / "toy.py"), "", 1), ("app", "app.py", "/simulator?lang=en", 3)):
            t0 = time.perf_counter()
            server = Server(tmp / f"{name}.duckdb", tmp / f"{name}.log", script=script)
            listening = time.perf_counter() - t0
            page.goto(server.url + path)
            ready(page)
            page.locator('[data-testid="stPlotlyChart"]').nth(charts - 1).wait_for()
            starts[name] = (server, time.perf_counter() - t0, listening)
        app, toy = starts["app"][0], starts["toy"][0]
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
    print(f"server start → first page ready: one-chart app {starts['toy'][1]:.2f} s, app on a fresh database "
          f"(demo seeded) {starts['app'][1]:.2f} s (target ≤ 3 s); of which the server took "
          f"{starts['toy'][2]:.2f} s and {starts['app'][2]:.2f} s to listen, the rest is the first run and drawing")


if __name__ == "__main__":
    main()
