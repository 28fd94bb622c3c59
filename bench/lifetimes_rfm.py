"""Run lifetimes' summary_data_from_transaction_data on a Parquet log; print its time as JSON.

Runs inside bench/.venv-lifetimes (pandas 1.5): ``python lifetimes_rfm.py IN.parquet END OUT.parquet``.
"""
import json
import sys
import time

import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data

src, end, out = sys.argv[1:4]
df = pd.read_parquet(src, columns=["customer_id", "date", "amount"])
t0 = time.perf_counter()
rfm = summary_data_from_transaction_data(df, "customer_id", "date", monetary_value_col="amount",
                                         observation_period_end=end, freq="D")
seconds = time.perf_counter() - t0
rfm.reset_index().to_parquet(out)
print(json.dumps({"seconds": seconds, "customers": len(rfm), "pandas": pd.__version__}))
