"""Start the app (or any Streamlit script) on a free port; wait for pages in Chromium. Used by tests and bench."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
        self.log = open(log, "w")
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

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def ready(page, timeout: float = 30_000) -> None:
    """The script has finished and the page has settled: no spinner, no stale elements, no skeletons
    (Streamlit draws those while an element's code is still loading, e.g. sliders and charts on a first visit),
    and not Streamlit's old-style list of every file in pages/ (it lists pages/ui.py), which the first deep link
    after a restart shows until its rerun through app.py (pages/ui.py: _v2_navigation) has begun."""
    page.wait_for_function(
        "() => !!document.querySelector('[data-testid=\"stApp\"][data-test-script-state=\"notRunning\"]') &&"
        " !document.querySelector('[data-testid=\"stStatusWidget\"]') &&"
        " !document.querySelector('[data-testid=\"stSidebarNav\"] a[href$=\"/ui\"]') &&"
        " document.querySelectorAll('[data-stale=\"true\"], [data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout)


def kpi(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text(label, exact=True))
    return box.locator('[data-testid="stMetricValue"]').inner_text()
