"""Post-campaign reviews: the weekly sales a review reads, and the running record of prediction versus outcome."""
from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from ..errors import unknown
from .base import _now, write
from .data import SALES

if TYPE_CHECKING:
    import pandas as pd


def campaign_window(con, campaign_id: str) -> dict:
    """promo_type, start, end, targeted and holdout counts of a campaign of the history (an InputError if unknown)."""
    rows = con.cursor().execute("""
        SELECT any_value(promo_type), min(start_date), max(end_date), count(*) FILTER (WHERE NOT holdout),
               count(*) FILTER (WHERE holdout)
        FROM campaign_targets WHERE campaign_id = ? GROUP BY campaign_id""", [str(campaign_id)]).fetchall()
    if not rows:
        ids = [r[0] for r in con.cursor().execute("SELECT DISTINCT campaign_id FROM campaign_targets "
                                                  "ORDER BY 1").fetchall()]
        raise unknown("campaign", "活动", campaign_id, ids, field="campaign")
    t, start, end, targeted, holdout = rows[0]
    return {"campaign_id": str(campaign_id), "promo_type": t, "start": start, "end": end, "targeted": int(targeted),
            "holdout": int(holdout)}


def campaign_weeks(con, campaign_id: str, first: date, last: date) -> pd.DataFrame:
    """week (Monday), group ('targeted', 'holdout' or 'others': customers the campaign did not name), revenue,
    buyers: the weekly sales of each group from ``first`` to ``last``."""
    return con.cursor().execute(f"""
        WITH t AS (SELECT customer_id, holdout FROM campaign_targets WHERE campaign_id = $cid)
        SELECT date_trunc('week', s.day)::DATE AS week,
               CASE WHEN t.customer_id IS NULL THEN 'others' WHEN t.holdout THEN 'holdout' ELSE 'targeted' END
                   AS "group",
               sum(s.amount)::DOUBLE AS revenue, count(DISTINCT s.customer_id) AS buyers
        FROM {SALES} s LEFT JOIN t USING (customer_id)
        WHERE s.day BETWEEN $first AND $last GROUP BY ALL ORDER BY 1, 2""",
                                  {"cid": str(campaign_id), "first": first, "last": last}).df()


def campaign_responders(con, campaign_id: str) -> int:
    """Targeted customers who responded inside the window (the readout's count)."""
    return int(con.cursor().execute("""
        SELECT count(DISTINCT r.customer_id)
        FROM campaign_targets t JOIN campaign_responses r USING (campaign_id, customer_id)
        WHERE t.campaign_id = ? AND NOT t.holdout AND r.response_date BETWEEN t.start_date AND t.end_date""",
                                    [str(campaign_id)]).fetchall()[0][0])


def targeted_customers(con, campaign_id: str) -> list[str]:
    """The ids of the targeted (not held-out) customers of a campaign."""
    return [r[0] for r in con.cursor().execute(
        "SELECT customer_id FROM campaign_targets WHERE campaign_id = ? AND NOT holdout ORDER BY 1", [str(campaign_id)]
    ).fetchall()]


def save_review(con, review: dict) -> int:
    """Add a review to the running record (prediction next to outcome); returns its id."""
    p = review["prediction"]
    data = json.dumps(review, ensure_ascii=False, default=str)
    return int(write(con, lambda cur: cur.execute(
        "INSERT INTO reviews (created, kind, subject, start_day, end_day, metric, predicted_p10, predicted_p50, "
        "predicted_p90, actual, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [_now(), review["kind"], review["subject"], review["start"], review["end"], p["metric"], p.get("p10"),
         p.get("p50"), p.get("p90"), p["actual"], data]).fetchall()[0][0]))


def review_history(con) -> list[dict]:
    """Every recorded review, oldest first: what was predicted (P10/P50/P90) and what happened."""
    rows = con.cursor().execute("SELECT id, created, kind, subject, start_day, end_day, metric, predicted_p10, "
                                "predicted_p50, predicted_p90, actual FROM reviews ORDER BY id").fetchall()
    keys = ("id", "created", "kind", "subject", "start", "end", "metric", "p10", "p50", "p90", "actual")
    return [dict(zip(keys, r, strict=True)) for r in rows]


__all__ = ["campaign_window", "campaign_weeks", "campaign_responders", "targeted_customers", "save_review",
           "review_history"]
