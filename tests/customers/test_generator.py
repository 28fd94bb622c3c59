"""The generator is deterministic, sized by its parameters, and its data is realistic enough to test with."""
import pandas as pd

from promo.customers import generator


def test_same_seed_same_data_other_seed_other_data():
    a, b = generator.generate(200, 3_000, seed=3), generator.generate(200, 3_000, seed=3)
    pd.testing.assert_frame_equal(a.transactions, b.transactions)
    pd.testing.assert_frame_equal(a.targets, b.targets)
    c = generator.generate(200, 3_000, seed=4)
    assert not a.transactions["amount"].equals(c.transactions["amount"])


def test_size_lifecycles_and_refunds():
    tx = generator.transactions(customers=300, rows=20_000, seed=1)
    assert 17_000 < len(tx) < 23_000
    assert tx["customer_id"].str.len().eq(7).all() and tx["customer_id"].str.startswith("0").all()
    assert (tx["amount"] < 0).mean() < 0.01 and (tx["amount"] < 0).any()
    assert not tx.duplicated(["customer_id", "date", "amount", "order_id"]).any()
    last = pd.to_datetime(tx["date"]).groupby(tx["customer_id"]).max()
    assert (last < pd.Timestamp("2025-06-01")).mean() > 0.2  # many customers have churned before the end


def test_season_peaks_on_double_eleven():
    days = pd.date_range("2024-11-01", "2024-11-20")
    s = generator.season(days)
    assert days[s.argmax()] == pd.Timestamp("2024-11-11") and s.max() > 2.5 * s.min()


def test_parquet_writer(tmp_path):
    n = generator.write_parquet(tmp_path / "big.parquet", rows=10_000, customers=120, block=50)
    df = pd.read_parquet(tmp_path / "big.parquet")
    assert len(df) == n and 8_000 < n < 12_000 and df["customer_id"].nunique() <= 120
    assert str(df["date"].dtype).startswith("datetime64")
