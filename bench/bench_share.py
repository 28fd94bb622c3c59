"""Load on a share link: 20 browser sessions at once open the partner view and switch between the shared items.

One Debian Chromium with 20 contexts (Playwright's async API) against one server on loopback, for a minute.
Each session opens the link (all at the same moment) and waits for a ready page (script finished, the item's
charts drawn, nothing stale), then clicks through the items without pause, waiting each time for the chosen
item's charts, until the minute is over. Prints the number of openings and switches, errors, and the median /
p95 time to a ready page (target: no error, p95 ≤ 3 s); then the same sessions on a Streamlit app that switches
between three lines of text, so the figures can be read against what this machine's browser and Streamlit manage at all.
Run: make bench (or .venv/bin/python bench/bench_share.py [sessions] [seconds]).
"""
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser.st_client import Session
from promo import store
from promo.customers import demo
from promo.sharing import auth
from tests.browser.server import CHROMIUM_ARGS, Server

SESSIONS, SECONDS = 20, 60
MAX_ROUNDS = 200  # per session: a bound on the loop whatever the clock does
ITEM_READY = """([i, minCharts]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const item = document.querySelectorAll('[data-testid="stButtonGroup"] [role="radio"]')[i];
    const heading = document.querySelector('[data-testid="stMain"] h3');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return app && app.dataset.testScriptState === 'notRunning'
        && !document.querySelector('[data-testid="stStatusWidget"]')
        && document.querySelectorAll('[data-stale="true"]').length === 0
        && item && item.getAttribute('aria-checked') === 'true'
        && heading && heading.textContent.includes(item.textContent)
        && charts.length >= minCharts && charts.every(c => c.querySelector('.main-svg') !== null);
}"""
TOY = """import streamlit as st
i = st.segmented_control("Item", [0, 1, 2], format_func=lambda i: f"Item {i + 1}", key="item", required=True, default=0)
st.subheader(f"Item {i + 1}")
st.write("hello")
"""


def prepare(db: Path) -> str:
    """The demo database with a link to three scenarios (one a co-promotion): the token."""
    con = demo.open_or_create(db)
    try:
        return store.create_share(con, "Bench partner", [("scenario", 1), ("scenario", 2), ("scenario", 7)], 7, "en")[1]
    finally:
        con.close()


async def session(browser, url: str, deadline: float, stats: dict, charts: int) -> None:
    """Open the link once, then switch items until the deadline; ``charts``: how many a ready item has at least."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    items = page.locator('[data-testid="stButtonGroup"] [role="radio"]')
    try:
        opened = False
        for round_ in range(MAX_ROUNDS):
            if time.monotonic() > deadline:
                break
            t0 = time.perf_counter()
            try:
                if not opened:
                    await page.goto(url)
                    await page.wait_for_function(ITEM_READY, arg=[0, charts], timeout=120_000, polling=50)
                    stats["open"].append(time.perf_counter() - t0)
                    opened = True
                    if await page.locator('[data-testid="stException"]').count():
                        stats["errors"].append("exception on page")
                    continue
                i = round_ % await items.count()
                await items.nth(i).click()
                await page.wait_for_function(ITEM_READY, arg=[i, charts], timeout=30_000, polling=50)
                stats["switch"].append(time.perf_counter() - t0)
            except Exception as e:  # a timeout or a crash is counted, and the session goes on
                stats["errors"].append(f"{type(e).__name__}: {str(e).splitlines()[0][:120]}")
                opened = False
    finally:
        await context.close()


async def protocol_session(port: int, query: str, deadline: float, stats: dict) -> None:
    """The same open-then-switch loop over the websocket alone: the server's share of a ready page."""
    async with Session(port, query) as s:
        stats["open"].append(await s.run())
        for round_ in range(1, 10 * MAX_ROUNDS):
            if time.monotonic() > deadline or not s.choices:
                break
            widget, labels = next(iter(s.choices.items()))
            label = labels[round_ % len(labels)]
            stats["switch"].append(await s.run(widget, label))
            if label not in s.headings:
                stats["errors"].append(f"switched to {label!r}, got headings {s.headings}")
        stats["errors"].extend(s.errors)


async def protocol_load(server: Server, query: str, sessions: int, seconds: float) -> dict:
    stats = {"open": [], "switch": [], "errors": []}
    try:
        async with Session(server.port, query) as warm:  # the first run imports the app; not counted
            await warm.run()
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(protocol_session(server.port, query, deadline, stats) for _ in range(sessions)))
    finally:
        server.stop()
    return stats


def pct(xs, q: float) -> float:
    return (statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1] if len(xs) > 1
            else (xs[0] if xs else float("nan")))


async def load(server: Server, url: str, sessions: int, seconds: float, charts: int) -> dict:
    stats = {"open": [], "switch": [], "errors": []}
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            warm = await browser.new_page()  # the first run fills the caches; not counted
            await warm.goto(url)
            await warm.wait_for_function(ITEM_READY, arg=[0, charts], timeout=60_000)
            await warm.close()
            deadline = time.monotonic() + seconds
            await asyncio.gather(*(session(browser, url, deadline, stats, charts) for _ in range(sessions)))
            await browser.close()
    finally:
        server.stop()
    return stats


def report(title: str, stats: dict) -> None:
    opened, switched = stats["open"], stats["switch"]
    print(title)
    if opened and switched:
        every = opened + switched
        print(f"  every ready page (openings and switches): {len(every)}; median {statistics.median(every):.2f} s, "
              f"p95 {pct(every, 95):.2f} s")
    if opened:
        print(f"  openings to a ready page: {len(opened)}; median {statistics.median(opened):.2f} s, "
              f"p95 {pct(opened, 95):.2f} s, max {max(opened):.2f} s")
    if switched:
        print(f"  item switches: {len(switched)}; median {statistics.median(switched) * 1000:.0f} ms, "
              f"p95 {pct(switched, 95) * 1000:.0f} ms")
    print(f"  errors: {len(stats['errors'])}")
    for e in sorted(set(stats["errors"]))[:5]:
        print(f"    {e}")


async def main(sessions: int, seconds: float) -> None:
    tmp = Path(tempfile.mkdtemp())
    token = prepare(tmp / "bench.duckdb")
    protected = {auth.ENV_HASH: auth.hash_password("bench owner password")}  # links open only on a protected app
    server = Server(tmp / "bench.duckdb", tmp / "server.log", env=protected)
    shared = await load(server, f"{server.url}/?share={token}", sessions, seconds, charts=2)
    report(f"share link, {sessions} concurrent browser sessions for {seconds:.0f} s (one Chromium, loopback; "
           f"target: no error, p95 ≤ 3 s):", shared)
    server = Server(tmp / "bench.duckdb", tmp / "server2.log", env=protected)
    report(f"the server alone: the same {sessions} sessions over the websocket, no browser drawing (a hosted "
           f"app's partners draw in their own browsers; target p95 ≤ 3 s):",
           await protocol_load(server, f"share={token}", sessions, seconds))
    (tmp / "toy.py").write_text(TOY)
    toy = Server(tmp / "toy.duckdb", tmp / "toy.log", script=str(tmp / "toy.py"))
    report(f"baseline: a Streamlit app switching between three lines of text, same {sessions} sessions for "
           f"{seconds:.0f} s:", await load(toy, toy.url, sessions, seconds, charts=0))
    print(f"  (load average now: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    args = sys.argv[1:]
    asyncio.run(main(int(args[0]) if args else SESSIONS, float(args[1]) if len(args) > 1 else SECONDS))
