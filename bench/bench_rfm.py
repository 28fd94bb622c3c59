"""Benchmark: importing a log and its RFM, against pandas + lifetimes on the same file; optional 100M-row run.

    .venv/bin/python bench/bench_rfm.py                  # 1.5M rows, 2,500 customers
    .venv/bin/python bench/bench_rfm.py --big            # also RFM of 100M rows from Parquet (minutes, GBs of disk)

Targets from issue 12: ``python -m promo import-transactions`` + ``python -m promo rfm`` as two commands (process start
included) at least 2× faster than a Python process running pandas ``read_csv`` + lifetimes'
``summary_data_from_transaction_data`` on the same CSV (run alternately, median of ``--repeat``), with identical RFM
values; 100M rows of Parquet ≤ 120 s with peak memory ≤ 8 GB (issue 4). lifetimes runs in its own virtualenv
(``bench/.venv-lifetimes``, created from ``bench/requirements-lifetimes.txt`` on first use). Data and results go to
``bench/results/``. Figures are printed side by side; nothing is asserted.
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

from promo import store  # noqa: E402 (after the path is set)
from promo.customers import generator, ingest  # noqa: E402

VENV = HERE / ".venv-lifetimes"
OUT = HERE / "results"
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


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


def processes(*commands) -> tuple[float, float, list[str]]:
    """(wall seconds, CPU seconds of the child processes, their stdouts) of commands run one after the other."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    outs = [subprocess.run(c, capture_output=True, text=True, check=True, cwd=ROOT).stdout for c in commands]
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), outs


def log_files(rows: int, customers: int) -> tuple[Path, Path]:
    OUT.mkdir(exist_ok=True)
    csv_path, pq_path = OUT / f"log_{rows}.csv", OUT / f"log_{rows}.parquet"
    if not csv_path.exists() or not pq_path.exists():
        tx = generator.transactions(customers, rows, seed=42)
        tx.to_csv(csv_path, index=False)
        import pandas as pd

        tx.assign(date=pd.to_datetime(tx["date"])).to_parquet(pq_path, index=False)
    return csv_path, pq_path


def compare(ours_csv: Path, ref_parquet: Path) -> dict:
    """Same customers; frequency, recency, T identical; the largest difference of monetary_value."""
    import numpy as np
    import pandas as pd

    ref = pd.read_parquet(ref_parquet).set_index("customer_id").sort_index()
    mine = pd.read_csv(ours_csv, dtype={"customer_id": str}).set_index("customer_id").sort_index()
    same = ref.index.equals(mine.index)
    exact = same and all(np.array_equal(ref[c].to_numpy(float), mine[c].to_numpy(float))
                         for c in ("frequency", "recency", "T"))
    money = (float(np.max(np.abs(ref["monetary_value"].to_numpy() - mine["monetary_value"].to_numpy())))
             if same else None)
    return {"same_customers": same, "frequency_recency_T_equal": exact, "monetary_max_abs_diff": money}


def commands(csv_path: Path, repeat: int) -> dict:
    """Ours (two CLI processes) and theirs (one process), alternately, ``repeat`` times each."""
    db, rfm_csv, ref = OUT / "bench_cli.duckdb", OUT / "rfm_cli.csv", OUT / "lifetimes_cli.parquet"
    end = None
    ours, theirs = [], []
    for _ in range(repeat):
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
        wall, cpu, outs = processes([PY, "-m", "promo", "import-transactions", str(csv_path), "--db", str(db),
                                     "--json"],
                                    [PY, "-m", "promo", "rfm", "--db", str(db), "--out", str(rfm_csv), "--json"])
        ours.append((wall, cpu))
        end = json.loads(outs[1])["observation_end"]
        wall, cpu, _ = processes([str(lifetimes_python()), str(HERE / "lifetimes_rfm.py"), str(csv_path), end,
                                  str(ref)])
        theirs.append((wall, cpu))
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    return {"ours_wall_s": med(ours, 0), "ours_cpu_s": med(ours, 1), "theirs_wall_s": med(theirs, 0),
            "theirs_cpu_s": med(theirs, 1), "ours_runs": [round(w, 2) for w, _ in ours],
            "theirs_runs": [round(w, 2) for w, _ in theirs], "speedup": med(theirs, 0) / med(ours, 0),
            "load_average": os.getloadavg()[0], **compare(rfm_csv, ref)}


def inside(csv_path: Path, pq_path: Path) -> dict:
    """The same work inside one process, to see where the time goes: read, check and write, RFM."""
    db = OUT / "bench.duckdb"
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    con = store.connect(db)
    raw, t_read = timed(lambda: ingest.read_table(csv_path))
    report, t_write = timed(lambda: store.import_transactions(con, raw))
    ours, t_rfm = timed(lambda: store.rfm(con))
    _, t_rfm_pq = timed(lambda: store.rfm(con, parquet=str(pq_path)))
    end = ours.attrs["observation_end"]
    con.close()
    p = subprocess.run([str(lifetimes_python()), str(HERE / "lifetimes_rfm.py"), str(pq_path), end.isoformat(),
                        str(OUT / "lifetimes_rfm.parquet")], capture_output=True, text=True, check=True)
    ref = json.loads(p.stdout.strip().splitlines()[-1])
    return {"rows": report.rows, "customers": report.customers, "csv_mb": round(csv_path.stat().st_size / 2**20, 1),
            "read_s": t_read, "check_write_s": t_write, "rfm_s": t_rfm, "rfm_from_parquet_s": t_rfm_pq,
            "lifetimes_rfm_s": ref["seconds"], "lifetimes_pandas": ref["pandas"]}


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
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--big", action="store_true", help="also the 100M-row Parquet RFM")
    ap.add_argument("--big-rows", type=int, default=100_000_000)
    ap.add_argument("--big-rfm", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.big_rfm:
        return big_rfm(args.big_rfm)
    csv_path, pq_path = log_files(args.rows, args.customers)
    c = commands(csv_path, args.repeat)
    print(f"log: {csv_path.name}, {csv_path.stat().st_size / 2**20:.0f} MB; load average {c['load_average']:.1f}")
    print(f"import-transactions + rfm (2 processes)   {c['ours_wall_s']:6.2f} s wall {c['ours_cpu_s']:6.2f} s CPU  "
          f"runs {c['ours_runs']}")
    print(f"pandas read_csv + lifetimes (1 process)   {c['theirs_wall_s']:6.2f} s wall {c['theirs_cpu_s']:6.2f} s CPU  "
          f"runs {c['theirs_runs']}")
    print(f"speed ratio (wall)                        {c['speedup']:6.2f} ×  (target ≥ 2 ×)")
    print(f"identical values: customers {c['same_customers']}, frequency/recency/T {c['frequency_recency_T_equal']}, "
          f"monetary_value max |diff| {c['monetary_max_abs_diff']:.2e}")
    i = inside(csv_path, pq_path)
    print(f"inside one process: read {i['read_s']:.2f} s, check and write {i['check_write_s']:.2f} s, "
          f"RFM {i['rfm_s']:.3f} s (from Parquet {i['rfm_from_parquet_s']:.3f} s) vs lifetimes' RFM alone "
          f"{i['lifetimes_rfm_s']:.2f} s (pandas {i['lifetimes_pandas']})")
    results = {"commands": c, "inside": i}
    if args.big:
        b = big(args.big_rows)
        made = "reused" if b["generate_s"] is None else f"generated in {b['generate_s']:.0f} s"
        print(f"big: {b['rows']:,} rows, {b['customers']:,} customers, Parquet {b['parquet_gb']} GB ({made})")
        print(f"RFM big          {b['rfm_s']:7.1f} s  peak memory {b['peak_memory_gb']:.2f} GB  "
              "(targets ≤ 120 s, ≤ 8 GB)")
        results["big"] = b
    (OUT / "bench_rfm.json").write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
