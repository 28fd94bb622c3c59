"""Benchmark: the import bombs and a burst of login tries, before (the plain readers, unthrottled checks) and now.

    .venv/bin/python bench/bench_hardening.py

Each run is a process of its own under a 4 GB address-space limit and a 180 s timeout; the figures are its wall
time and peak resident memory. "before" reads the file the way the importer did (pandas.read_excel, the whole
Parquet table); "now" is ``ingest.read_table`` with the page's limits. The login burst is 40 threads trying a wrong
password at once against a hash of today's cost: before, each was checked (2^15 hashes, 32 MiB each); now, through
the throttle.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz import files  # noqa: E402 (after the path is set)

LIMIT = 4 * 2**30
RUN = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
t = time.perf_counter()
try:
{body}
    outcome = "read"
except MemoryError:
    outcome = "out of memory"
except Exception as e:
    outcome = "refused" if type(e).__name__ == "InputError" else type(e).__name__
print(json.dumps({{"outcome": outcome, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
BEFORE = {
    "xlsx": "    import pandas as pd; pd.read_excel(sys.argv[1], dtype=str)",
    "parquet": "    import pyarrow.parquet as pq; pq.read_table(sys.argv[1])",
}
NOW = "    from promo.customers import ingest; ingest.read_table(sys.argv[1])"
BURST = """
import json, resource, threading, time
from concurrent.futures import ThreadPoolExecutor
from promo.sharing import auth
stored = auth.hash_password("the owner's password", log2_n=15, p=1)
throttle = auth.Throttle()
check = (lambda k: throttle.attempt(f"10.0.0.{{k}}", "guess", stored)) if {now} else \\
    (lambda k: auth.verify_password("guess", stored))
barrier = threading.Barrier(40)
def one(k):
    barrier.wait()
    return check(k)
t = time.perf_counter()
with ThreadPoolExecutor(40) as pool:
    list(pool.map(one, range(40)))
print(json.dumps({{"checks": throttle.checks if {now} else 40, "seconds": time.perf_counter() - t,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run(code: str, *args) -> dict:
    try:
        out = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                             timeout=180)
    except subprocess.TimeoutExpired:
        return {"outcome": "still reading after 180 s", "seconds": 180.0, "peak_mb": float("nan")}
    return json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else \
        {"outcome": f"crashed ({out.stderr.strip().splitlines()[-1][:60]})", "seconds": float("nan"),
         "peak_mb": float("nan")}


def cell(r: dict) -> str:
    return f"{r['outcome']:<24} {r['seconds']:6.1f} s {r['peak_mb']:7.0f} MB"


def main() -> None:
    bombs = [("cell at XFD1048576 (5 KB .xlsx)", files.CORPUS / "xfd1048576.xlsx", "xlsx"),
             ("forged dimension (2 KB .xlsx)", files.CORPUS / "forged_dimension.xlsx", "xlsx"),
             ("300,000 rows (.xlsx under 30 MB)", files.cached("rows_300k.xlsx", files.rows_300k), "xlsx"),
             ("zip bomb (512 MB unpacked)", files.cached("zip_bomb.xlsx", files.zip_bomb), "xlsx"),
             ("200M rows (3 MB Parquet)", files.cached("rows_200m.parquet", files.rows_200m), "parquet")]
    print(f"{'file':<36} {'before':<44} now")
    for name, path, kind in bombs:
        before = run(RUN.format(limit=LIMIT, body=BEFORE[kind]), path)
        now = run(RUN.format(limit=LIMIT, body=NOW), path)
        print(f"{name:<36} {cell(before):<44} {cell(now)}")
    print(f"\n{'40 wrong passwords at once':<36} {'before':<44} now")
    before, now = run(BURST.format(now=False)), run(BURST.format(now=True))
    print(f"{'passwords checked, time, peak':<36} {before['checks']:>3} checked {before['seconds']:6.1f} s "
          f"{before['peak_mb']:7.0f} MB        {now['checks']:>3} checked {now['seconds']:6.1f} s "
          f"{now['peak_mb']:7.0f} MB")


if __name__ == "__main__":
    main()
