"""Benchmark: CSV import and RFM of a generated log, against lifetimes in its own virtualenv; optional 100M-row run.

    .venv/bin/python bench/bench_rfm.py                  # 1.5M rows, 2,500 customers
    .venv/bin/python bench/bench_rfm.py --big            # also RFM of 100M rows from Parquet (minutes, GBs of disk)

Targets from issue 4: import ≤ 5 s, RFM ≥ 5× faster than lifetimes with identical values,
100M rows ≤ 120 s with peak memory ≤ 8 GB. Data and results go to bench/results/.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from promo import store  # noqa: E402 (after the path is set)
from promo.customers import generator, ingest  # noqa: E402

VENV = HERE / ".venv-lifetimes"
OUT = HERE / "results"


def lifetimes_python() -> Path:
    """The reference virtualenv's python, created on first use from bench/requirements-lifetimes.txt."""
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run(["python3", "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-r", str(HERE / "requirements-lifetimes.txt")],
                       check=True)
    return py


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def small(rows: int, customers: int) -> dict:
    OUT.mkdir(exist_ok=True)
    csv_path, pq_path = OUT / f"log_{rows}.csv", OUT / f"log_{rows}.parquet"
    if not csv_path.exists() or not pq_path.exists():
        tx = generator.transactions(customers, rows, seed=42)
        tx.to_csv(csv_path, index=False)
        import pandas as pd

        tx.assign(date=pd.to_datetime(tx["date"])).to_parquet(pq_path, index=False)
    db = OUT / "bench.duckdb"
    runs = []
    for _ in range(3):  # the machine is shared: report the median of three fresh imports
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
        con = store.connect(db)
        cpu0, t0 = time.process_time(), time.perf_counter()
        raw = ingest.read_table(csv_path)
        t_read = time.perf_counter() - t0
        report = store.import_transactions(con, raw)
        t_write = time.perf_counter() - t0 - t_read
        runs.append((t_read + t_write, t_read, t_write, time.process_time() - cpu0))
        if len(runs) < 3:
            con.close()
    t_total, t_read, t_write, cpu = sorted(runs)[1]
    ours, t_rfm = timed(lambda: store.rfm(con))
    _, t_rfm_pq = timed(lambda: store.rfm(con, parquet=str(pq_path)))
    end = ours.attrs["observation_end"]

    ref_path = OUT / "lifetimes_rfm.parquet"
    p = subprocess.run([str(lifetimes_python()), str(HERE / "lifetimes_rfm.py"), str(pq_path), end.isoformat(),
                        str(ref_path)], capture_output=True, text=True, check=True)
    ref_info = json.loads(p.stdout.strip().splitlines()[-1])
    import numpy as np
    import pandas as pd

    ref = pd.read_parquet(ref_path).set_index("customer_id").sort_index()
    mine = ours.set_index("customer_id").sort_index()
    same_ids = ref.index.equals(mine.index)
    exact = all(np.array_equal(ref[c].to_numpy(float), mine[c].to_numpy(float)) for c in ("frequency", "recency", "T"))
    money = float(np.max(np.abs(ref["monetary_value"].to_numpy() - mine["monetary_value"].to_numpy())))
    con.close()
    return {"rows": report.rows, "customers": report.customers, "csv_mb": round(csv_path.stat().st_size / 2**20, 1),
            "import_read_s": t_read, "import_check_write_s": t_write, "import_total_s": t_total, "import_cpu_s": cpu,
            "import_runs_s": [r[0] for r in runs], "load_average": __import__("os").getloadavg()[0],
            "rfm_s": t_rfm, "rfm_from_parquet_s": t_rfm_pq, "lifetimes_s": ref_info["seconds"],
            "speedup": ref_info["seconds"] / t_rfm, "same_customers": same_ids, "frequency_recency_T_equal": exact,
            "monetary_max_abs_diff": money, "lifetimes_pandas": ref_info["pandas"]}


def big_rfm(path: str) -> None:
    """Child process: RFM of a Parquet file; prints seconds and peak memory (this process only) as JSON."""
    con = store.connect(":memory:")
    df, seconds = timed(lambda: store.rfm(con, parquet=path))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB → GiB
    print(json.dumps({"seconds": seconds, "customers": len(df), "peak_gb": peak}))


def big(rows: int) -> dict:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"big_{rows}.parquet"
    customers = max(rows // 600, 1)  # the same rows per customer as the 1.5M / 2,500 log
    t_gen = None  # the file from an earlier run is reused
    if not path.exists():
        _, t_gen = timed(lambda: generator.write_parquet(path, rows, customers, seed=7, block=2_000))
    p = subprocess.run([sys.executable, __file__, "--big-rfm", str(path)], capture_output=True, text=True, check=True)
    info = json.loads(p.stdout.strip().splitlines()[-1])
    import pyarrow.parquet as pq

    return {"rows": pq.ParquetFile(path).metadata.num_rows, "customers": info["customers"],
            "parquet_gb": round(path.stat().st_size / 2**30, 2), "generate_s": t_gen, "rfm_s": info["seconds"],
            "peak_memory_gb": info["peak_gb"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_500_000)
    ap.add_argument("--customers", type=int, default=2_500)
    ap.add_argument("--big", action="store_true", help="also the 100M-row Parquet RFM")
    ap.add_argument("--big-rows", type=int, default=100_000_000)
    ap.add_argument("--big-rfm", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.big_rfm:
        return big_rfm(args.big_rfm)
    r = small(args.rows, args.customers)
    print(f"log: {r['rows']:,} rows, {r['customers']:,} customers, CSV {r['csv_mb']} MB")
    print(f"import CSV       {r['import_total_s']:7.2f} s  (median of {', '.join(f'{x:.2f}' for x in r['import_runs_s'])}; "
          f"read {r['import_read_s']:.2f} s + check and write {r['import_check_write_s']:.2f} s; "
          f"CPU {r['import_cpu_s']:.2f} s on 2 threads; load average {r['load_average']:.1f}; target ≤ 5 s)")
    print(f"RFM project      {r['rfm_s']:7.3f} s  (from Parquet directly {r['rfm_from_parquet_s']:.3f} s)")
    print(f"RFM lifetimes    {r['lifetimes_s']:7.3f} s  (pandas {r['lifetimes_pandas']})")
    print(f"speed ratio      {r['speedup']:7.1f} ×  (target ≥ 5 ×)")
    print(f"identical values: customers {r['same_customers']}, frequency/recency/T {r['frequency_recency_T_equal']}, "
          f"monetary_value max |diff| {r['monetary_max_abs_diff']:.2e}")
    results = {"small": r}
    if args.big:
        b = big(args.big_rows)
        made = "reused" if b["generate_s"] is None else f"generated in {b['generate_s']:.0f} s"
        print(f"big: {b['rows']:,} rows, {b['customers']:,} customers, Parquet {b['parquet_gb']} GB ({made})")
        print(f"RFM big          {b['rfm_s']:7.1f} s  peak memory {b['peak_memory_gb']:.2f} GB  (targets ≤ 120 s, ≤ 8 GB)")
        results["big"] = b
    (OUT / "bench_rfm.json").write_text(json.dumps(results, indent=2, default=str))
    ok = r["import_total_s"] <= 5 and r["speedup"] >= 5 and r["same_customers"] and r["frequency_recency_T_equal"] \
        and r["monetary_max_abs_diff"] < 1e-6
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
