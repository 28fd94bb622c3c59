"""RFM by hand on a small log: same-day purchases, one-purchase customers, the observation end, as_of."""
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promo import store
from promo.customers import ingest
from promo.errors import InputError

LOG = """customer_id,date,amount
A,2024-01-01 10:00,10
A,2024-01-01 15:00,20
A,2024-01-05,40
A,2024-01-10,50
A,2024-01-10,-10
B,2024-01-03,100
C,2024-01-08,5
C,2024-01-12,7
D,2024-01-20,60
"""


def _rows(df):
    return {r["customer_id"]: (r["frequency"], r["recency"], r["T"], r["monetary_value"])
            for r in df.to_dict("records")}


def test_rfm_default_end_is_last_transaction_day(con, load):
    load(LOG)
    df = store.rfm(con)
    assert df.attrs["observation_end"] == date(2024, 1, 20)
    assert _rows(df) == {
        "A": (2, 9, 19, 40.0),  # days 1 (10+20), 5 (40), 10 (50-10): repeat days 40 and 40
        "B": (0, 0, 17, 0.0),  # one purchase
        "C": (1, 4, 12, 7.0),
        "D": (0, 0, 0, 0.0),  # first purchase on the last day
    }
    a = df.set_index("customer_id").loc["A"]
    assert a["spend"] == 110.0 and a["days_since_last"] == 10


def test_rfm_as_of_ignores_later_transactions(con, load):
    load(LOG)
    df = store.rfm(con, as_of="2024-01-10")
    assert _rows(df) == {"A": (2, 9, 9, 40.0), "B": (0, 0, 7, 0.0), "C": (0, 0, 2, 0.0)}  # C's 01-12 and D are after


def test_rfm_needs_a_log_and_a_real_date(con, load):
    with pytest.raises(InputError, match="no transactions yet"):
        store.rfm(con)
    load(LOG)
    with pytest.raises(InputError, match="not a date like 2025-06-30") as e:
        store.rfm(con, as_of="10/01/2024")
    assert "截止日期" in e.value.zh


def test_rfm_from_parquet_matches_the_database(con, load, tmp_path):
    import pandas as pd

    load(LOG)
    df = pd.read_csv(__import__("io").StringIO(LOG), dtype={"customer_id": str})
    df["date"] = pd.to_datetime(df["date"], format="mixed")
    path = tmp_path / "log.parquet"
    df.to_parquet(path)
    assert _rows(store.rfm(con, parquet=str(path))) == _rows(store.rfm(con))


def _reference(df, end):
    """lifetimes' summary_data_from_transaction_data(freq='D'), written out in pandas for the property test."""
    df = df[df["day"] <= end]
    daily = df.groupby(["customer_id", "day"], as_index=False)["amount"].sum()
    out = {}
    for cid, g in daily.groupby("customer_id"):
        g = g.sort_values("day")
        first, last = g["day"].iloc[0], g["day"].iloc[-1]
        repeat = g["amount"].iloc[1:]
        out[cid] = (len(g) - 1, (last - first).days, (end - first).days, float(repeat.mean()) if len(repeat) else 0.0)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "007", "c"]), st.integers(0, 40), st.integers(-500, 5000)),
                min_size=1, max_size=40),
       st.integers(0, 45))
def test_rfm_matches_the_lifetimes_convention(con, rows, cut):
    import pandas as pd

    base = date(2024, 3, 1)
    df = pd.DataFrame(rows, columns=["customer_id", "offset", "cents"])
    df["day"] = [base + timedelta(days=o) for o in df["offset"]]
    df["amount"] = df["cents"] / 100
    text = "customer_id,date,amount\n" + "".join(f"{r.customer_id},{r.day.isoformat()},{r.amount}\n"
                                                 for r in df.itertuples())
    store.import_transactions(con, ingest.read_table(text.encode(), name="h.csv"))
    end = base + timedelta(days=cut)
    got = store.rfm(con, as_of=end) if (df["day"] <= end).any() else None
    want = _reference(df, end)
    if got is None:
        assert want == {}
        return
    got = {r["customer_id"]: (r["frequency"], r["recency"], r["T"], r["monetary_value"])
           for r in got.to_dict("records")}
    assert got.keys() == want.keys()
    for cid in want:
        assert got[cid][:3] == want[cid][:3]
        assert got[cid][3] == pytest.approx(want[cid][3], abs=1e-9)
