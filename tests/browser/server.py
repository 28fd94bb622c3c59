"""Start the app (or any Streamlit script) on a free port; wait for pages in Chromium. Used by tests and bench."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser.st_client import Session, run_sync

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python -m streamlit run app.py`` with PROMO_DB pointing at a file of its own."""

    def __init__(self, db: Path, log: Path, env: dict | None = None, script: str = "app.py"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
             "--server.port", str(self.port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env={**os.environ, "PROMO_DB": str(db), **(env or {})}, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(self.url + "/_stcore/health", timeout=2).read() == b"ok":
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start; see {log}")

    def first_run(self) -> "Server":
        """Run the app once over the websocket: its first run in a process reruns itself (ui/navigation.py:
        leave_old_style_pages), and a test looking at the page between the two would see a page not yet there.
        test_first_visit_after_a_start covers that run on servers of its own."""
        async def run():
            async with Session(self.port, "") as session:
                await session.run()
        run_sync(run())
        return self

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def ready(page, timeout: float = 30_000) -> None:
    """The script has finished and the page has settled: no spinner, no stale elements, and no skeletons
    (Streamlit draws those while an element's code is still loading, e.g. sliders and charts on a first visit)."""
    page.wait_for_function(
        "() => !!document.querySelector('[data-testid=\"stApp\"][data-test-script-state=\"notRunning\"]') &&"
        " !document.querySelector('[data-testid=\"stStatusWidget\"]') &&"
        " document.querySelectorAll('[data-stale=\"true\"], [data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout)


def kpi(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]').inner_text()
