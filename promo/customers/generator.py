"""Deterministic made-up customer data with known truths, for tests, benchmarks and the demo.

Customers join, buy at their own rate (with a year-round season and shopping holidays),
and churn; orders have several line items and a few are refunded. Campaigns target
living customers, keep a holdout group, and lift the response rate by a stated amount
(``truth``), so a readout can be checked against the answer it should find. ``line_items``
makes a shop's product log with price promotions whose effect is set by hand (a promotional
elasticity and a post-promotion dip), so measured deal effects can be checked against them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

CAMPAIGN_TYPES = ("coupon", "discount", "gift", "lottery")
HOLIDAYS = ((2, 14, 1.5), (3, 8, 1.8), (6, 18, 2.0), (11, 11, 3.0), (12, 12, 2.0))  # (month, day, factor)


@dataclass(frozen=True)
class Generated:
    transactions: pd.DataFrame  # customer_id, date, amount, order_id, store
    targets: pd.DataFrame  # campaign_id, customer_id, promo_type, start_date, end_date, holdout
    responses: pd.DataFrame  # campaign_id, customer_id, response_date, value
    truth: dict = field(default_factory=dict)  # campaign_id → base_rate, uplift, value_mean, ignored counts


def season(days: pd.DatetimeIndex) -> np.ndarray:
    """Demand multiplier per day: a mild yearly wave plus shopping holidays (3-day bumps)."""
    doy = days.day_of_year.to_numpy()
    s = 1.0 + 0.25 * np.sin(2 * np.pi * (doy - 80) / 365.25)
    for month, day, factor in HOLIDAYS:
        for lag in (-1, 0, 1):
            hit = (days + pd.Timedelta(days=lag)).month.to_numpy() == month
            hit &= (days + pd.Timedelta(days=lag)).day.to_numpy() == day
            s = np.where(hit, s * (factor if lag == 0 else (1 + factor) / 2), s)
    return s


def _customers(rng, n: int, n_days: int, first_id: int) -> dict:
    """Join day, churn day, daily purchase rate and basket level of each customer."""
    join = np.where(rng.random(n) < 0.4, 0, rng.integers(0, n_days, n))
    life = rng.exponential(420.0, n).astype(int) + 1
    return {"id": np.array([f"{i:07d}" for i in range(first_id, first_id + n)]),  # leading zeros on purpose
            "join": join, "churn": join + life,
            "rate": rng.gamma(0.8, 1.0, n), "basket": rng.normal(np.log(80.0), 0.4, n)}


def _lines(rng, cust: dict, days: pd.DatetimeIndex, orders_per_day: float, order_start: int,
           text: bool = True) -> pd.DataFrame:
    """Poisson orders per customer-day, 1 + Poisson(1) lines per order, log-normal line amounts.

    ``text`` writes dates and order ids as a CSV export would; otherwise they stay typed (fast, for Parquet).
    """
    n_days = len(days)
    d = np.arange(n_days)
    alive = (d[None, :] >= cust["join"][:, None]) & (d[None, :] < cust["churn"][:, None])
    lam = cust["rate"][:, None] * season(days)[None, :] * alive
    lam *= orders_per_day / max(lam.mean(), 1e-12)
    counts = rng.poisson(lam)
    c_idx, d_idx = np.nonzero(counts)
    reps = counts[c_idx, d_idx]
    c_idx, d_idx = np.repeat(c_idx, reps), np.repeat(d_idx, reps)
    n_orders = len(c_idx)
    seconds = rng.integers(9 * 3600, 22 * 3600, n_orders)
    lines = 1 + rng.poisson(1.0, n_orders)
    order = np.repeat(np.arange(n_orders), lines)
    line_no = np.arange(len(order)) - np.repeat(np.cumsum(lines) - lines, lines)
    cust_of_line = c_idx[order]
    amount = np.round(np.exp(cust["basket"][cust_of_line] + 0.6 * rng.standard_normal(len(order)) - 0.9), 2) + 0.5
    refund = rng.random(len(order)) < 0.004
    amount = np.where(refund, -amount, amount)
    ts = (days.values[d_idx[order]] + (seconds[order] + line_no).astype("timedelta64[s]"))  # distinct per line
    return pd.DataFrame({
        "customer_id": cust["id"][cust_of_line],
        "date": pd.to_datetime(ts).strftime("%Y-%m-%d %H:%M:%S") if text else ts,
        "amount": amount,
        "order_id": [f"O{order_start + o:09d}" for o in order] if text else order_start + order,
        "store": np.array(["北京国贸", "上海静安", "广州天河", "成都春熙"])[cust_of_line % 4],
    })


def transactions(customers: int = 500, rows: int = 20_000, days: int = 730, start: str = "2024-01-01",
                 seed: int = 0) -> pd.DataFrame:
    """About ``rows`` line items for ``customers`` customers over ``days`` days."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    cust = _customers(rng, customers, days, 1)
    orders_per_day = rows / 2.0 / (customers * days)
    return _lines(rng, cust, dates, orders_per_day, 1)


def write_parquet(path: str | Path, rows: int, customers: int, days: int = 730, start: str = "2024-01-01",
                  seed: int = 0, block: int = 5_000) -> int:
    """Write a big log to Parquet block by block (memory stays small); returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=days, freq="D")
    orders_per_day = rows / 2.0 / (customers * days)
    written, writer = 0, None
    try:
        for first in range(0, customers, block):
            n = min(block, customers - first)
            df = _lines(rng, _customers(rng, n, days, first + 1), dates, orders_per_day, written, text=False)
            table = pa.Table.from_pandas(df, preserve_index=False)
            writer = writer or pq.ParquetWriter(str(path), table.schema)
            writer.write_table(table)
            written += len(df)
    finally:
        if writer is not None:
            writer.close()
    return written


def campaigns(tx: pd.DataFrame, n: int = 4, seed: int = 0, base_rate: float = 0.10, uplift: float = 0.06,
              target_share: float = 0.6, holdout_share: float = 0.2, weeks: int = 2):
    """Campaigns over the log's customers: (targets, responses, truth, response transactions).

    Holdout customers respond at ``base_rate``, targeted ones at ``base_rate + uplift``.
    A few responses fall after the window and a few come from customers never targeted:
    both must be left out of the counts, and ``truth`` says how many there are.
    """
    rng = np.random.default_rng(seed + 7919)
    day = pd.to_datetime(tx["date"]).dt.normalize()
    first, last = day.min(), day.max()
    span = (last - first).days
    ids = np.sort(tx["customer_id"].unique())
    targets, responses, truth = [], [], {}
    for i in range(n):
        cid = f"CMP{i + 1:03d}"
        start = first + pd.Timedelta(days=int(span * (0.55 + 0.4 * i / max(n, 1))))
        end = start + pd.Timedelta(days=7 * weeks - 1)
        seen = np.sort(tx.loc[day < start, "customer_id"].unique())
        pool = seen if len(seen) else ids
        chosen = rng.choice(pool, size=max(2, int(len(pool) * target_share)), replace=False)
        holdout = rng.random(len(chosen)) < holdout_share
        p = np.where(holdout, base_rate, base_rate + uplift)
        responded = rng.random(len(chosen)) < p
        targets.append(pd.DataFrame({"campaign_id": cid, "customer_id": chosen, "promo_type": CAMPAIGN_TYPES[i % 4],
                                     "start_date": start.date().isoformat(), "end_date": end.date().isoformat(),
                                     "holdout": np.where(holdout, "1", "0")}))
        k = int(responded.sum())
        value = np.round(rng.lognormal(np.log(120.0), 0.5, k), 2)
        when = start + pd.to_timedelta(rng.integers(0, 7 * weeks, k), unit="D")
        late = rng.choice(chosen, size=3, replace=False)  # after the window: not counted
        picked = set(chosen)
        strangers = np.array([c for c in ids if c not in picked][:2])  # never targeted: reported, not counted
        extra = np.concatenate([late, strangers])
        responses.append(pd.DataFrame({
            "campaign_id": cid, "customer_id": np.concatenate([chosen[responded], extra]),
            "response_date": np.concatenate([when.strftime("%Y-%m-%d"),
                                             [(end + pd.Timedelta(days=3)).date().isoformat()] * len(late),
                                             [start.date().isoformat()] * len(strangers)]),
            "value": np.concatenate([value, np.full(len(extra), 50.0)])}))
        truth[cid] = {"base_rate": base_rate, "uplift": uplift, "value_mean": float(120.0 * np.exp(0.125)),
                      "late": len(late), "not_targeted": len(strangers)}
    return pd.concat(targets, ignore_index=True), pd.concat(responses, ignore_index=True), truth


def generate(customers: int = 500, rows: int = 20_000, days: int = 730, n_campaigns: int = 4, seed: int = 0,
             uplift: float = 0.06, base_rate: float = 0.10) -> Generated:
    """A whole business: transaction log plus campaign history; responses also appear as purchases."""
    tx = transactions(customers, rows, days, seed=seed)
    targets, responses, truth = campaigns(tx, n_campaigns, seed, base_rate=base_rate, uplift=uplift)
    counted = responses.merge(targets[["campaign_id", "customer_id"]], on=["campaign_id", "customer_id"])
    bought = pd.DataFrame({"customer_id": counted["customer_id"], "date": counted["response_date"] + " 12:00:00",
                           "amount": counted["value"], "order_id": [f"R{i:09d}" for i in range(len(counted))],
                           "store": "北京国贸"})
    tx = pd.concat([tx, bought], ignore_index=True).sort_values(["date", "order_id"], ignore_index=True)
    return Generated(tx, targets, responses, truth)


CATEGORIES = ("饮料", "零食", "乳品", "日化", "粮油", "冷冻")


@dataclass(frozen=True)
class LineLog:
    lines: pd.DataFrame  # customer_id, date, order_id, product, category, quantity, unit_price, discount, amount, store
    deals: pd.DataFrame  # product, week (Monday), depth: the promotions run
    truth: dict  # elasticity, dip (share of the bump missing afterwards), dip_weeks


def _deal_plan(rng, n_products: int, weeks: pd.DatetimeIndex, festive: np.ndarray, deal_share: float,
               depths: tuple[float, ...]) -> np.ndarray:
    """Depth per product × week (0 = regular price): one- or two-week deals, three times as likely in festival
    weeks (shops do that, which is why a comparison has to know the festivals), never within 4 weeks of another."""
    n = len(weeks)
    depth = np.zeros((n_products, n))
    start_p = deal_share / 1.5 * np.where(festive, 3.0, 1.0) / np.mean(np.where(festive, 3.0, 1.0))
    for p in range(n_products):
        w = 4
        while w < n - 3:
            if rng.random() < start_p[w]:
                length = 1 + int(rng.random() < 0.5)
                depth[p, w:w + length] = rng.choice(depths)
                w += length + 4
            else:
                w += 1
    return depth


def line_items(customers: int = 600, products: int = 40, weeks: int = 104, units_per_week: float = 25.0,
               elasticity: float = 2.5, dip: float = 0.3, deal_share: float = 0.12, start: str = "2024-01-01",
               depths: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4), dip_weeks: int = 2, seed: int = 0) -> LineLog:
    """A shop's line-item log with price promotions of known effect.

    Units of product p in week w are Poisson with mean base_p × season_w × lift: the season is the calendar's
    festival multiplier (``planning.festivals.default_season``), the lift (1 − depth)^(−elasticity) on deal weeks
    and, in the ``dip_weeks`` after a deal, 1 minus ``dip`` × the deal's extra units spread over those weeks. Each
    unit is one line (two equal items in a basket are two equal rows). Most units of a product come from its
    regular buyers, the others from anyone; a customer's lines of a week form one order on one day.
    """
    from ..planning.festivals import default_season

    rng = np.random.default_rng(seed)
    monday = pd.Timestamp(start) - pd.Timedelta(days=pd.Timestamp(start).weekday())
    wk = pd.date_range(monday, periods=weeks, freq="7D")
    iso = [d.isocalendar() for d in wk]
    seasons = {y: default_season(y) for y in {i.year for i in iso}}
    season = np.array([seasons[i.year][i.week - 1] for i in iso])
    base = units_per_week * rng.lognormal(0.0, 0.5, products)
    depth = _deal_plan(rng, products, wk, season > 1.0, deal_share, depths)
    mean = base[:, None] * season[None, :]
    lift = np.where(depth > 0, (1.0 - depth) ** (-elasticity), 1.0)
    extra = mean * (lift - 1.0)
    after = np.zeros_like(mean)
    for p, w in zip(*np.nonzero(depth), strict=True):
        if w + 1 < weeks and depth[p, w + 1] == 0:  # the deal's last week: its extra units, all weeks of it
            first = w
            while first > 0 and depth[p, first - 1] > 0:
                first -= 1
            missing = dip * extra[p, first:w + 1].sum() / dip_weeks
            after[p, w + 1:w + 1 + dip_weeks] += missing
    units = rng.poisson(np.maximum(mean * lift - after, 0.0))
    p_idx, w_idx = np.nonzero(units)
    p_idx, w_idx = np.repeat(p_idx, units[p_idx, w_idx]), np.repeat(w_idx, units[p_idx, w_idx])
    regulars = rng.integers(0, customers, (products, 12))  # each product's regular buyers
    anyone = rng.integers(0, customers, len(p_idx))
    cust = np.where(rng.random(len(p_idx)) < 0.7, regulars[p_idx, rng.integers(0, 12, len(p_idx))], anyone)
    order, order_of = np.unique(cust.astype(np.int64) * weeks + w_idx, return_inverse=True)
    day = rng.integers(0, 7, len(order))[order_of]
    seconds = rng.integers(9 * 3600, 22 * 3600, len(order))[order_of]
    price = np.round(rng.lognormal(np.log(20.0), 0.6, products), 1) + 0.9
    d = depth[p_idx, w_idx]
    ts = wk.values[w_idx] + (day * 86400 + seconds).astype("timedelta64[s]")
    lines = pd.DataFrame({
        "customer_id": np.array([f"C{i:05d}" for i in range(customers)])[cust],
        "date": pd.to_datetime(ts).strftime("%Y-%m-%d %H:%M:%S"),
        "order_id": np.array([f"L{i:08d}" for i in range(len(order))])[order_of],
        "product": np.array([f"SKU{i:04d}" for i in range(products)])[p_idx],
        "category": np.array(CATEGORIES)[np.arange(products) % len(CATEGORIES)][p_idx],
        "quantity": 1,
        "unit_price": price[p_idx],
        "discount": np.round(price[p_idx] * d, 2),
        "amount": np.round(price[p_idx] - np.round(price[p_idx] * d, 2), 2),
        "store": np.array(["北京国贸", "上海静安", "广州天河", "成都春熙"])[cust % 4],
    }).sort_values(["date", "order_id", "product"], ignore_index=True)
    dp, dw = np.nonzero(depth)
    deals = pd.DataFrame({"product": [f"SKU{i:04d}" for i in dp], "week": wk[dw], "depth": depth[dp, dw]})
    return LineLog(lines, deals, {"elasticity": elasticity, "dip": dip, "dip_weeks": dip_weeks})
