"""Speed of the simulation core (not a test). Run: .venv/bin/python bench/bench_core.py [--repeat N]

Targets (issue "One consistent promotion model") on the 2-core machine:
  one campaign, 10,000 draws ............................ ≤ 5 ms
  full matrix, 10 types × 7 segments × 10,000 draws ..... ≤ 150 ms
The campaign's time includes its break-even, drivers and warnings (what the simulator shows).
Each figure is the median of repeated runs after a warm-up; draws per second counts
segment-scenarios (one campaign over one segment in one draw).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from promo import TYPE_KEYS, compare_matrix, default_segments, make_campaign, simulate

DRAWS = 10_000
TARGET_ONE_MS = 5.0
TARGET_MATRIX_MS = 150.0


def median_ms(fn, repeat: int, warmup: int = 2) -> tuple[float, float, float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=21, help="timed runs per figure (median reported)")
    args = ap.parse_args(argv)
    segs = default_segments()

    # one campaign: the example, a coupon to dormant customers
    coupon = make_campaign("coupon", ["dormant"], {"face_value": 20})
    one, one_min, one_max = median_ms(lambda: simulate(coupon, segs, draws=DRAWS, seed=7), args.repeat)

    # every type once (two segments each), to show the spread between types
    per_type = {}
    for tk in TYPE_KEYS:
        c = make_campaign(tk, ["active", "vip"])
        per_type[tk] = median_ms(lambda c=c: simulate(c, segs, draws=DRAWS, seed=7), max(5, args.repeat // 3))[0]

    matrix, m_min, m_max = median_ms(lambda: compare_matrix(segs, draws=DRAWS, seed=7),
                                     max(5, args.repeat // 2), warmup=1)
    cells = len(TYPE_KEYS) * len(segs)

    print(f"simulation core benchmark · {DRAWS:,} draws · median of {args.repeat} runs")
    print(f"{'':44} {'measured':>10} {'target':>10}  ok")
    print(f"{'one campaign (coupon → dormant)':44} {one:8.1f}ms {TARGET_ONE_MS:8.0f}ms  "
          f"{'yes' if one <= TARGET_ONE_MS else 'NO'}   (min {one_min:.1f}, max {one_max:.1f})")
    print(f"{f'full matrix ({len(TYPE_KEYS)} types × {len(segs)} segments)':44} {matrix:8.1f}ms "
          f"{TARGET_MATRIX_MS:8.0f}ms  {'yes' if matrix <= TARGET_MATRIX_MS else 'NO'}   "
          f"(min {m_min:.1f}, max {m_max:.1f})")
    print(f"{'draws per second, one campaign':44} {DRAWS / one * 1000:>12,.0f}")
    print(f"{'segment-draws per second, matrix':44} {cells * DRAWS / matrix * 1000:>12,.0f}")
    print("\none campaign per type (active + vip), median ms:")
    for tk, ms in per_type.items():
        print(f"  {tk:14} {ms:6.1f}")
    return 0 if one <= TARGET_ONE_MS and matrix <= TARGET_MATRIX_MS else 1


if __name__ == "__main__":
    sys.exit(main())
