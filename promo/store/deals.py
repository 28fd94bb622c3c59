"""What deal measurement reads from the log: units per product and week, deal buyers, coupon redeemers' history.

Aggregated in DuckDB, so the pure module (``customers.deals``) gets a few thousand rows from a log of millions.
A line's units are its quantity (1 when the file has none); its list value is its list amount (or paid amount
plus discount); it is on deal when its discount is at least ``DEAL_LINE`` of that list value.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .data import SALES

if TYPE_CHECKING:
    import pandas as pd

DEAL_LINE = 0.01
GROUPS = ("category", "store", "segment")
_LINES = f"""
    SELECT *, coalesce(quantity, 1) AS q, coalesce(list_amount, amount + coalesce(discount, 0)) AS list_value,
           coalesce(discount, 0) >= {DEAL_LINE} * abs(coalesce(list_amount, amount + coalesce(discount, 0)))
             AND coalesce(discount, 0) > 0 AS on_deal,
           date_trunc('week', day)::DATE AS week
    FROM {SALES} WHERE product IS NOT NULL"""


def _group(by: str | None, stages: bool) -> str:
    if by is None:
        return "'all'"
    if by == "segment":
        return "coalesce(s.segment, 'prospects')" if stages else "'all'"
    return f"coalesce({by}, '–')"


def _source(by: str | None, stages) -> tuple[str, str]:
    """(FROM clause, group expression); segments come from ``stages`` (customer_id, since, segment), registered."""
    if by == "segment" and stages is not None:
        return (f"({_LINES}) l ASOF LEFT JOIN stages s ON l.customer_id = s.customer_id AND l.day >= s.since",
                _group(by, True))
    return f"({_LINES}) l", _group(by, False)


def product_weeks(con, by: str | None = None, stages: pd.DataFrame | None = None) -> pd.DataFrame:
    """group, product, week (Monday), units, deal_units, list (value at list price), deal_list and discount (of the
    lines on deal): one row per product and week with a sale (weeks without one are left for the caller to fill
    with zeros)."""
    cur = con.cursor()
    if stages is not None:
        cur.register("stages", stages)
    src, group = _source(by, stages)
    return cur.execute(f"""
        SELECT {group} AS "group", l.product, l.week, sum(l.q)::DOUBLE AS units,
               coalesce(sum(l.q) FILTER (WHERE l.on_deal), 0)::DOUBLE AS deal_units,
               sum(l.list_value)::DOUBLE AS list,
               coalesce(sum(l.list_value) FILTER (WHERE l.on_deal), 0)::DOUBLE AS deal_list,
               coalesce(sum(l.discount) FILTER (WHERE l.on_deal), 0)::DOUBLE AS discount
        FROM {src} GROUP BY ALL ORDER BY 1, 2, 3""").df()


def deal_buyers(con, weeks_before: int, by: str | None = None, stages: pd.DataFrame | None = None) -> pd.DataFrame:
    """group, customer (a hash of the id: only the counts matter), deal_units, subsidised_units: units bought on
    deal, and those of them bought by a customer who had bought the same product at full price in the
    ``weeks_before`` weeks before that week (an ASOF join on hashed keys: a third of the time of a window)."""
    cur = con.cursor()
    if stages is not None:
        cur.register("stages", stages)
    src, group = _source(by, stages)
    return cur.execute(f"""
        WITH l AS (SELECT {group} AS "group", hash(l.customer_id) AS c, hash(l.product) AS p, l.week, l.q, l.on_deal
                   FROM {src}),
        d AS (SELECT "group", c, p, week, sum(q) AS deal_u FROM l WHERE on_deal GROUP BY ALL),
        f AS (SELECT DISTINCT c, p, week FROM l WHERE NOT on_deal)
        SELECT d."group", d.c AS customer, sum(d.deal_u)::DOUBLE AS deal_units,
               coalesce(sum(d.deal_u) FILTER (WHERE f.week >= d.week - to_days($days)), 0)::DOUBLE AS subsidised_units
        FROM d ASOF LEFT JOIN f ON d.c = f.c AND d.p = f.p AND d.week > f.week
        GROUP BY ALL ORDER BY 1, 2""", {"days": 7 * int(weeks_before)}).df()


def coupon_redeemers(con, weeks_before: int) -> pd.DataFrame:
    """campaign_id, channel, targeted, redeemers, regulars: per past coupon campaign, its targeted customers, those who
    responded in the window, and those of them who had bought anything in the ``weeks_before`` weeks before it."""
    return con.cursor().execute(f"""
        WITH t AS (SELECT * FROM campaign_targets WHERE promo_type = 'coupon' AND NOT holdout),
        r AS (SELECT DISTINCT t.campaign_id, t.customer_id, t.start_date FROM t JOIN campaign_responses x
              USING (campaign_id, customer_id) WHERE x.response_date BETWEEN t.start_date AND t.end_date),
        b AS (SELECT DISTINCT r.campaign_id, r.customer_id FROM r JOIN {SALES} s ON s.customer_id = r.customer_id
              AND s.day < r.start_date AND s.day >= r.start_date - to_days($days))
        SELECT t.campaign_id, any_value(t.channel) AS channel, count(DISTINCT t.customer_id) AS targeted,
               count(DISTINCT r.customer_id) AS redeemers, count(DISTINCT b.customer_id) AS regulars
        FROM t LEFT JOIN r USING (campaign_id, customer_id) LEFT JOIN b USING (campaign_id, customer_id)
        GROUP BY t.campaign_id ORDER BY t.campaign_id""", {"days": 7 * int(weeks_before)}).df()


def log_span(con) -> tuple:
    """(first day, last day, lines with a product, lines on deal) of the sales."""
    return con.cursor().execute(f"SELECT min(day), max(day), count(*), count(*) FILTER (WHERE on_deal) FROM ({_LINES})"
                                ).fetchall()[0]


def has_deals(con) -> bool:
    """Whether the log has a discounted line of a product: one cheap query, before anything loads pandas to measure."""
    return bool(con.cursor().execute(f"SELECT EXISTS (SELECT 1 FROM {SALES} WHERE product IS NOT NULL AND discount > 0)"
                                     ).fetchall()[0][0])


__all__ = ["DEAL_LINE", "GROUPS", "product_weeks", "deal_buyers", "coupon_redeemers", "log_span", "has_deals"]
