"""The reference: lifetimes' summary_data_from_transaction_data on a log, in its own virtualenv (pandas 1.5).

    python lifetimes_rfm.py IN.parquet END OUT.parquet   # RFM only, timed inside (the log read first)
    python lifetimes_rfm.py IN.csv END OUT.parquet       # pandas read_csv + RFM: what a user of lifetimes runs

Prints {"seconds", "customers", "pandas"} as JSON; ``seconds`` covers the RFM (Parquet) or read_csv + RFM (CSV).
The caller times the whole process (Python start and imports included) itself.
"""
import json
import sys
import time

import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data

src, end, out = sys.argv[1:4]
t0 = time.perf_counter()
if src.endswith(".csv"):
    df = pd.read_csv(src, dtype={"customer_id": str}, usecols=["customer_id", "date", "amount"])
else:
    df = pd.read_parquet(src, columns=["customer_id", "date", "amount"])
    t0 = time.perf_counter()
rfm = summary_data_from_transaction_data(df, "customer_id", "date", monetary_value_col="amount",
                                         observation_period_end=end, freq="D")
seconds = time.perf_counter() - t0
rfm.reset_index().to_parquet(out)
print(json.dumps({"seconds": seconds, "customers": len(rfm), "pandas": pd.__version__}))
