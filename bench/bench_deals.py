"""Benchmark: ``python -m promo measure-deals`` on a 1.5M-line log with products (process start included).

    .venv/bin/python bench/bench_deals.py [--lines 1500000] [--repeat 3]

Target from issue 12: ≤ 5 s. The log comes from ``generator.line_items`` (400 products, two years, a hand-set
elasticity of 2.5 and dip of 30%), so the run also shows what the measurement finds next to the truth. The
log and its database go to bench/results/ and are reused. Figures are printed; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from promo.customers import generator  # noqa: E402

OUT = HERE / "results"
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=1_500_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    products, weeks = 400, 104
    csv_path, db = OUT / f"lines_{args.lines}.csv", OUT / f"lines_{args.lines}.duckdb"
    if not db.exists():
        g = generator.line_items(customers=20_000, products=products, weeks=weeks,
                                 units_per_week=args.lines / products / weeks / 1.1, seed=3)
        g.lines.to_csv(csv_path, index=False)
        subprocess.run([PY, "-m", "promo", "import-transactions", str(csv_path), "--db", str(db)], check=True, cwd=ROOT,
                       capture_output=True)
    runs, cpus, out = [], [], None
    for _ in range(args.repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run([PY, "-m", "promo", "measure-deals", "--db", str(db), "--json"], check=True, cwd=ROOT,
                           capture_output=True, text=True)
        runs.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out = json.loads(p.stdout)
    lines = None
    if csv_path.exists():
        with open(csv_path, encoding="utf-8") as f:
            lines = sum(1 for _ in f) - 1
    e, d = out["elasticity"], out["dip"]
    print(f"log: {lines:,} lines, {products} products, {weeks} weeks; load average {os.getloadavg()[0]:.1f}")
    print(f"measure-deals (process)   {statistics.median(runs):6.2f} s wall {statistics.median(cpus):6.2f} s CPU  "
          f"runs {[round(r, 2) for r in runs]}  (target ≤ 5 s)")
    print(f"elasticity {e['estimate']:.3f} (P10–P90 {e['p10']:.3f}–{e['p90']:.3f}, "
          f"{e['product_weeks']:,} product-weeks; truth 2.5) · dip {d['estimate']:.3f} "
          f"(P10–P90 {d['p10']:.3f}–{d['p90']:.3f}; truth 0.3)")
    (OUT / "bench_deals.json").write_text(json.dumps({"seconds": runs, "lines": lines, "result": out}, indent=2))


if __name__ == "__main__":
    main()
