"""Browser latency of the simulator next to toys that draw what it draws, measured in one alternating run.

Options, each on its own server, each in its own tab, all pressed in turn (ROUNDS rounds of PER_ROUND presses,
every option in every round, the order rotating), so the machine's load weighs on all of them alike:
  toy1      one slider, one plotly chart (the issue's reference app)
  plotly3   one slider, the simulator's three charts with the simulator's data, drawn by plotly (st.plotly_chart)
  vega3     the same three charts and data, drawn as the simulator draws them (Vega-Lite, updated in place)
  simulator the app's simulator page (link with lang=en), slider "Discount depth"
A press is done when the script has finished, nothing is stale, and every chart of the option has changed.
Per option: median and p90 of the press → charts time (ms), and where a press goes (medians): the browser's
slider until the request is sent (send), the server until its last message (srv: both script runs of the
press and sending), the browser after it until every chart is updated (draw), the first KPI value changed
(kpi; simulator only), messages and KB received, React commits, charts drawn from scratch (a new plotly plot
or a new Vega picture; 0 = every chart updated in place). Then the start of a new server to a page ready,
median of STARTS, alternating: the one-chart toy's own page, a link straight to the simulator and the app's first
page (the overview), each on a new database (the demo is seeded first), and the overview on an existing one (as
after any later restart); with the seconds until each server listened.
Targets: simulator ≤ 1.2× the three-chart toy and ≤ 2.5× the one-chart toy, deep link ≤ 1.3× the one-chart toy's
start (issue 16); the app's first page ≤ 3 s. Machine load is printed with the figures: compare ratios, not
absolute times.
Run: make bench (or .venv/bin/python bench/bench_app.py); ROUNDS, PER_ROUND and STARTS may be set in the environment.
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from promo.customers import demo  # noqa: E402
from tests.browser.server import CHROMIUM_ARGS, Server, ready  # noqa: E402

ROUNDS, PER_ROUND, STARTS = (int(os.environ.get(k, d)) for k, d in (("ROUNDS", 4), ("PER_ROUND", 5), ("STARTS", 3)))
# every option keeps its tab open: no throttling of the tabs that are not in front
ARGS = [*CHROMIUM_ARGS, "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows"]

TOY = '''
import numpy as np, plotly.graph_objects as go, streamlit as st
v = st.slider("x", 0, 100, 10, key="x")
st.plotly_chart(go.Figure(go.Bar(x=np.arange(40), y=np.sin(np.arange(40) * v / 10.0))), key="c")
'''
# the simulator's data: a discount on the demo's active customers, other inputs at their defaults, 10,000 draws,
# seed 7, cached on the depth as the simulator caches on its inputs; drawn by CHARTS
THREE = '''
import streamlit as st
import ui
from promo import charts, live_charts, make_campaign, sensitivity, simulate, store

st.set_page_config(layout="wide")
CHARTS = "{CHARTS}"


@st.cache_resource(show_spinner=False, max_entries=512)
def run(depth: float):
    segments = tuple(store.load_segments(ui.con()))
    campaign = make_campaign("discount", ["active"], {"depth": depth})
    return simulate(campaign, segments, draws=10_000, seed=7), sensitivity(campaign, segments)


depth = st.slider("Discount depth (%)", 1.0, 80.0, 15.0, step=1.0, format="%.1f", key="depth") / 100
result, sens = run(depth)
cur = ui.cur()
c1, c2 = st.columns(2)
c3, _ = st.columns([3, 2])
for col, key, plotly_figure, vega_chart in (
        (c1, "waterfall", lambda: charts.waterfall(result, "en", cur),
         lambda: live_charts.waterfall(result, "en", cur)),
        (c2, "distribution", lambda: charts.profit_distribution(result, "en", cur),
         lambda: live_charts.distribution(result, "en", cur)),
        (c3, "tornado", lambda: charts.tornado(sens, "en", cur), lambda: live_charts.tornado(sens, "en", cur))):
    with col:
        ui.chart(plotly_figure(), key=key, live=True) if CHARTS == "plotly" else ui.live_chart(vega_chart(), key=key)
'''
PLOTLY, VEGA = '[data-testid="stPlotlyChart"]', '[data-testid="stVegaLiteChart"]'
OPTIONS = {  # name: (script or None for the app, path, chart selector, charts, slider label)
    "toy1": ("toy.py", "", PLOTLY, 1, "x"),
    "plotly3": ("plotly3.py", "", PLOTLY, 3, "Discount depth (%)"),
    "vega3": ("vega3.py", "", VEGA, 3, "Discount depth (%)"),
    "simulator": (None, "/simulator?lang=en", VEGA, 3, "Discount depth (%)"),
}

# Before any page script: counts React commits (the DevTools hook), charts drawn from scratch (a new plotly
# .svg-container or a new Vega svg), websocket frames (time, bytes); timestamps the key press.
WATCH = r"""
(() => {
  const P = window.__perf = {commits: 0, fresh: 0, ws: [], key: 0, kpi: 0, sent: 0};
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {renderers: new Map(), supportsFiber: true, isDisabled: false, checkDCE() {},
    inject() { return 1; }, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot() { P.commits++; }};
  const W = window.WebSocket;
  window.WebSocket = function (...a) {
    const ws = new W(...a);
    ws.addEventListener('message', (e) => P.ws.push([performance.now(), e.data.byteLength ?? e.data.length ?? 0]));
    const send = ws.send.bind(ws);
    ws.send = (d) => { if (!P.sent) P.sent = performance.now(); return send(d); };
    return ws;
  };
  window.WebSocket.prototype = W.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  document.addEventListener('keydown', () => { P.key = performance.now(); }, true);
  const PICTURE = '.svg-container, [data-testid=stVegaLiteChart] svg.marks', seen = new WeakSet();
  const fresh = (n) => {
    if (n.nodeType !== 1) return;
    for (const e of [...(n.matches(PICTURE) ? [n] : []), ...n.querySelectorAll(PICTURE)])
      if (!seen.has(e)) { seen.add(e); P.fresh++; }
  };
  new MutationObserver((ms) => { for (const m of ms) m.addedNodes.forEach(fresh); })
    .observe(document, {childList: true, subtree: true});
  window.__sigs = (sel) => [...document.querySelectorAll(sel)].map((c) => c.innerHTML);
  window.__done = (sel, n, old, oldKpi) => {
    const m = document.querySelector('[data-testid="stMetricValue"]');
    if (!P.kpi && m && m.textContent !== oldKpi) P.kpi = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    const now = window.__sigs(sel);
    if (now.length !== n || now.some((s, i) => s === old[i])) return false;
    P.done = performance.now();
    return true;
  };
})();
"""


def settled(page, sel: str) -> list[str]:
    """The charts' HTML once it has stopped changing (a chart may still be drawing the previous update)."""
    old = page.evaluate("(s) => window.__sigs(s)", sel)
    while True:
        time.sleep(0.15)
        if (again := page.evaluate("(s) => window.__sigs(s)", sel)) == old:
            return old
        old = again


def open_option(browser, url: str, sel: str, n: int):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(WATCH)
    page.goto(url)
    ready(page, 60_000)
    page.wait_for_function("([s, n]) => window.__sigs(s).length >= n", arg=[sel, n], timeout=60_000)
    return page


def press(page, sel: str, n: int, label: str, i: int) -> dict:
    """One arrow key on the slider; wall ms to every chart changed, and what the page saw meanwhile."""
    page.bring_to_front()
    old = settled(page, sel)
    old_kpi = page.evaluate("() => document.querySelector('[data-testid=\"stMetricValue\"]')?.textContent ?? null")
    page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider").focus()
    page.evaluate("() => Object.assign(window.__perf, {commits: 0, fresh: 0, ws: [], kpi: 0, sent: 0})")
    t0 = time.perf_counter()
    page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
    page.wait_for_function("([s, n, old, k]) => window.__done(s, n, old, k)", arg=[sel, n, old, old_kpi],
                           polling="raf", timeout=20_000)
    wall = (time.perf_counter() - t0) * 1000
    p = page.evaluate("() => window.__perf")
    last = p["ws"][-1][0] if p["ws"] else None
    return {"wall": wall, "send": p["sent"] - p["key"] if p["sent"] else None,
            "srv": last - p["sent"] if last and p["sent"] else None, "draw": p["done"] - last if last else None,
            "kpi": p["kpi"] - p["key"] if p["kpi"] and old_kpi is not None else None,
            "msgs": len(p["ws"]), "kb": sum(b for _, b in p["ws"]) / 1024, "commits": p["commits"],
            "fresh": p["fresh"]}


def p90(xs: list[float]) -> float:
    xs = sorted(xs)
    k = (len(xs) - 1) * 0.9
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def med(rows: list[dict], key: str):
    xs = [r[key] for r in rows if r[key] is not None]
    return statistics.median(xs) if xs else None


def latency(browser, tmp: Path) -> dict[str, list[dict]]:
    servers, pages, rows = {}, {}, {name: [] for name in OPTIONS}
    try:
        for name, (script, path, sel, n, label) in OPTIONS.items():
            servers[name] = Server(tmp / f"{name}.duckdb", tmp / f"{name}.log",
                                   script=str(tmp / script) if script else "app.py",
                                   env={"PYTHONPATH": str(ROOT)}).first_run()
            pages[name] = open_option(browser, servers[name].url + path, sel, n)
            for i in range(2):  # warm-up: element code loaded, caches filled
                press(pages[name], sel, n, label, i)
        names = list(OPTIONS)
        for r in range(ROUNDS):
            for name in names[r % len(names):] + names[:r % len(names)]:
                _, _, sel, n, label = OPTIONS[name]
                rows[name] += [press(pages[name], sel, n, label, i) for i in range(PER_ROUND)]
    finally:
        for s in servers.values():
            s.stop()
    return rows


STARTS_OF = {  # name: (script or None for the app, path, what shows on the page ready, database made beforehand)
    "toy1": ("toy.py", "", f"{PLOTLY} svg", False),
    "simulator": (None, "/simulator?lang=en", f"{VEGA} >> nth=2 >> svg", False),  # its third chart drawn
    "overview": (None, "/", '[data-testid="stMetric"]', False),
    "restart": (None, "/", '[data-testid="stMetric"]', True),
}


def starts(browser, tmp: Path) -> dict[str, list[tuple[float, float]]]:
    """(seconds until the server listened, seconds until the page was ready) from starting a server, in a new tab;
    on a new database (the app seeds its demo first) unless the database is made beforehand."""
    out = {name: [] for name in STARTS_OF}
    for i in range(STARTS):
        for name, (script, path, sel, existing) in STARTS_OF.items():
            db = tmp / f"start_{name}{i}.duckdb"
            if existing:
                demo.open_or_create(db).close()
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto("about:blank")
            t0 = time.perf_counter()
            server = Server(db, tmp / f"start_{name}{i}.log", script=str(tmp / script) if script else "app.py")
            listened = time.perf_counter() - t0
            try:
                page.goto(server.url + path)
                ready(page, 60_000)
                page.locator(sel).first.wait_for(timeout=60_000)
                out[name].append((listened, time.perf_counter() - t0))
            finally:
                server.stop()
                page.close()
    return out


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    (tmp / "toy.py").write_text(TOY)
    for charts in ("plotly", "vega"):
        (tmp / f"{charts}3.py").write_text(THREE.replace("{CHARTS}", charts))
    load0 = os.getloadavg()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        try:
            rows = latency(browser, tmp)
            load1 = os.getloadavg()
            started = starts(browser, tmp)
        finally:
            browser.close()
    base = {name: statistics.median(r["wall"] for r in rows[name]) for name in rows}
    print(f"key press → every chart updated, {ROUNDS * PER_ROUND} presses each, alternating "
          f"(load {load0[0]:.1f} before, {load1[0]:.1f} after):")
    print(f"{'':10} {'median':>7} {'p90':>6} {'×toy1':>6} {'×plotly3':>8} {'×vega3':>7} | {'send':>5} {'srv':>5} "
          f"{'draw':>5} {'kpi':>5} {'msgs':>5} {'KB':>5} {'commits':>7} {'fresh':>5}")
    for name, r in rows.items():
        kpi = med(r, "kpi")
        print(f"{name:10} {base[name]:7.0f} {p90([x['wall'] for x in r]):6.0f} {base[name] / base['toy1']:6.2f} "
              f"{base[name] / base['plotly3']:8.2f} {base[name] / base['vega3']:7.2f} | {med(r, 'send'):5.0f} "
              f"{med(r, 'srv'):5.0f} {med(r, 'draw'):5.0f} {'' if kpi is None else f'{kpi:.0f}':>5} "
              f"{med(r, 'msgs'):5.0f} {med(r, 'kb'):5.1f} {med(r, 'commits'):7.0f} {med(r, 'fresh'):5.0f}")
    print("(ms, medians per press. send: key → request sent (the browser's slider); srv: request → the server's "
          "last message; draw: last message → every chart updated; kpi: key → first KPI value changed; msgs, KB: "
          "received; commits: React commits; fresh: charts drawn from scratch, 0 = all updated in place)")
    sim = base["simulator"]
    print(f"targets: simulator {sim / base['vega3']:.2f}× the three-chart toy drawn the same way (Vega-Lite), "
          f"{sim / base['plotly3']:.2f}× the plotly one (≤ 1.2); {sim / base['toy1']:.2f}× the one-chart toy "
          "(≤ 2.5)")
    start = {name: statistics.median(ready_s for _, ready_s in xs) for name, xs in started.items()}
    print(f"server start → page ready, median of {STARTS} starts each, alternating (load {os.getloadavg()[0]:.1f}): "
          f"one-chart toy {start['toy1']:.2f} s; link straight to the simulator (new database, demo seeded) "
          f"{start['simulator']:.2f} s = {start['simulator'] / start['toy1']:.2f}× (target ≤ 1.3); the app's first "
          f"page (the overview) {start['overview']:.2f} s on a new database, {start['restart']:.2f} s on an existing "
          "one (target ≤ 3 s); all: " + "; ".join(f"{name} " + ", ".join(f"{x:.1f}" for _, x in xs)
                                                 for name, xs in started.items()))
    print("the servers listened after (median s): " + ", ".join(
        f"{name} {statistics.median(listened for listened, _ in xs):.2f}" for name, xs in started.items()))


if __name__ == "__main__":
    main()
