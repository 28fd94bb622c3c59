"""Transaction log queries: RFM per customer, purchase weeks and values, segment rules and recorded segment switches.

Only sales count: rows the import kept with a refunded, cancelled or unpaid status (``status`` not NULL) are
left out of every figure here. The import itself is ``transactions``.
"""
from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import duckdb

from ..errors import InputError
from .app import load_segments, replace_segments, write_segments
from .base import _now, write
from .parsing import AS_OF_RANGE

if TYPE_CHECKING:  # DuckDB builds the frames; importing pandas (0.3 s) here would slow every page's first run
    import pandas as pd

# --- RFM ------------------------------------------------------------------------------------

_RFM = """
WITH daily AS (
    SELECT customer_id, day, sum(amount) AS v FROM {source} WHERE day <= $end GROUP BY customer_id, day),
per AS (
    SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days, sum(v) AS total,
           arg_min(v, day) AS first_v, sum(v) FILTER (WHERE day > $end - INTERVAL 365 DAY) AS year_v
    FROM daily GROUP BY customer_id),
rfm AS (
    SELECT customer_id,
           days - 1 AS frequency,
           date_diff('day', first_day, last_day) AS recency,
           date_diff('day', first_day, $end) AS T,
           CASE WHEN days > 1 THEN CAST(total - first_v AS DOUBLE) / (days - 1) ELSE 0.0 END AS monetary_value,
           CAST(total AS DOUBLE) AS spend,
           CAST(coalesce(year_v, 0) AS DOUBLE) AS spend_year,
           date_diff('day', last_day, $end) AS days_since_last
    FROM per)
"""
# The lifecycle stage of each customer of ``rfm`` (rules of ``customers.lifecycle``, bound as parameters): the first
# rule that matches wins; VIPs are the top ``vip_top_share`` by spend in the last 365 days (linear quantile, as
# numpy's) among customers who are awake, past the new stage and have ``vip_min_frequency`` repeat days.
_STAGES = """
, vip AS (SELECT quantile_cont(spend_year, 1 - $vip_top_share) AS vip_min FROM rfm
          WHERE days_since_last <= $half_dormant_days AND T > $new_days AND frequency >= $vip_min_frequency
            AND $vip_top_share > 0)
SELECT rfm.*, CASE WHEN days_since_last > $churned_days THEN 'churned'
                   WHEN days_since_last > $dormant_days THEN 'dormant'
                   WHEN days_since_last > $half_dormant_days THEN 'half_dormant' WHEN T <= $new_days THEN 'new'
                   WHEN frequency >= $vip_min_frequency AND spend_year >= vip.vip_min AND spend_year > 0 THEN 'vip'
                   ELSE 'active' END AS segment, vip.vip_min
FROM rfm CROSS JOIN vip ORDER BY customer_id
"""
SALES = "(SELECT * FROM transactions WHERE status IS NULL)"  # refunded, cancelled and unpaid orders are not sales
_PARQUET = ("(SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(date AS DATE) AS day, amount "
            "FROM read_parquet($path))")


def observation_end(con, as_of: date | str | None = None, parquet: str | None = None) -> date | None:
    """``as_of`` as a date, or the day of the last transaction (None when there are none)."""
    if as_of is not None:
        try:
            end = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
        except ValueError:
            end = None
        if end is None or not AS_OF_RANGE[0] <= date(end.year, end.month, end.day) <= AS_OF_RANGE[1]:
            raise InputError(f"as-of date '{as_of}' is not a date like 2025-06-30 between {AS_OF_RANGE[0]} and "
                             f"{AS_OF_RANGE[1]}.",
                             f"截止日期「{as_of}」不是 {AS_OF_RANGE[0]} 至 {AS_OF_RANGE[1]} 之间、"
                             "像 2025-06-30 这样的日期。", field="as_of")
        return end
    if parquet:
        return _parquet_query(con.cursor(), f"SELECT max(day) FROM {_PARQUET}", {"path": parquet}).fetchall()[0][0]
    return con.cursor().execute(f"SELECT max(day) FROM {SALES}").fetchall()[0][0]


def _parquet_query(cur, sql: str, params: dict):
    """A query over a user's Parquet file: a file DuckDB cannot read (missing, damaged, wrong columns or types)
    is an InputError naming it."""
    try:
        return cur.execute(sql, params)
    except duckdb.Error as e:
        first = str(e).splitlines()[0][:200]
        raise InputError(f"The Parquet file '{params['path']}' cannot be used: {first}. It needs the columns "
                         "customer_id, date and amount.", f"无法使用 Parquet 文件「{params['path']}」：{first}。"
                         "它需要 customer_id、date 和 amount 三列。", field="parquet") from None


def _rfm_sql(con, as_of, parquet, rules) -> tuple[str, dict, date]:
    end = observation_end(con, as_of, parquet)
    if end is None:
        raise InputError("There are no transactions yet: import a transaction log first.",
                         "还没有交易数据：请先导入交易记录。", field="transactions")
    params = {"end": end, **({"path": parquet} if parquet else {}), **(rules or {})}
    sql = (_RFM.format(source=_PARQUET if parquet else SALES)
           + (_STAGES if rules else " SELECT * FROM rfm ORDER BY customer_id"))
    return sql, params, end


def _query(cur, sql: str, params: dict):
    """``sql`` on the log, or on the user's Parquet file (``params["path"]``) with its errors said as an InputError."""
    return _parquet_query(cur, sql, params) if "path" in params else cur.execute(sql, params)


def rfm(con, as_of: date | str | None = None, parquet: str | None = None, rules: dict | None = None) -> pd.DataFrame:
    """RFM per customer with lifetimes' daily conventions (see issue 4); from the log or a Parquet file.

    Columns: customer_id, frequency, recency, T, monetary_value (mean daily total over repeat
    days), spend (all days), spend_year (last 365 days), days_since_last; with ``rules`` (validated by
    ``customers.lifecycle.make_rules``) also the lifecycle ``segment``, and ``attrs["vip_min_spend"]``.
    """
    sql, params, end = _rfm_sql(con, as_of, parquet, rules)
    df = _query(con.cursor(), sql, params).df()
    df.attrs["observation_end"] = end
    if rules:
        df.attrs["vip_min_spend"] = _vip_min(df.pop("vip_min"))
    return df


def _vip_min(column) -> float:
    value = column.iloc[0] if len(column) else None
    return float("inf") if value is None or value != value else float(value)


def classify(rfm: pd.DataFrame, rules: dict):
    """(stage of each row, yearly spend a VIP needs) for an RFM frame, by the same SQL as ``rfm``."""
    import duckdb

    cur = duckdb.connect()
    cur.register("frame", rfm.reset_index(drop=True).assign(_i=range(len(rfm))))
    df = cur.execute("WITH rfm AS (SELECT * FROM frame)" + _STAGES.replace("ORDER BY customer_id", "ORDER BY _i"),
                     dict(rules)).df()
    return df["segment"].to_numpy(), _vip_min(df["vip_min"])


def write_rfm(con, out: str, as_of: date | str | None = None, parquet: str | None = None,
              rules: dict | None = None) -> tuple[date, dict]:
    """RFM with segments written to the CSV file ``out`` by DuckDB (no DataFrame): (observation end, customers per
    segment)."""
    sql, params, end = _rfm_sql(con, as_of, parquet, rules)
    cur = con.cursor()
    _query(cur, "CREATE OR REPLACE TEMP TABLE rfm_out AS " + sql, params)
    cur.execute("COPY (SELECT customer_id, frequency, recency, T, monetary_value, segment FROM rfm_out "
                "ORDER BY customer_id) TO $out (HEADER)", {"out": str(out)})
    counts = dict(cur.execute("SELECT segment, count(*) FROM rfm_out GROUP BY segment ORDER BY count(*) DESC, segment"
                              ).fetchall())
    cur.execute("DROP TABLE rfm_out")
    return end, counts


def purchase_weeks(con, start: date, weeks: int) -> pd.DataFrame:
    """Per customer: in how many of the ``weeks`` weeks after ``start`` they bought (customers with none left out)."""
    return con.cursor().execute(f"""
        SELECT customer_id, count(DISTINCT (date_diff('day', $start, day) - 1) // 7) AS weeks
        FROM {SALES} WHERE day > $start AND day <= $start + to_days($n * 7)
        GROUP BY customer_id""", {"start": start, "n": int(weeks)}).df()


def daily_values(con, start: date, end: date) -> pd.DataFrame:
    """Per customer: number of purchase days and their summed value between ``start`` (excl.) and ``end``."""
    return con.cursor().execute(f"""
        SELECT customer_id, count(*) AS days, CAST(sum(v) AS DOUBLE) AS value FROM (
            SELECT customer_id, day, sum(amount) AS v FROM {SALES} WHERE day > $start AND day <= $end
            GROUP BY ALL) GROUP BY customer_id""", {"start": start, "end": end}).df()


# --- segment rules and switches ------------------------------------------------------------

def get_segment_rules(con) -> dict | None:
    rows = con.cursor().execute("SELECT data FROM segment_rules WHERE id = 1").fetchall()
    return json.loads(rows[0][0]) if rows else None


def save_segment_rules(con, rules: dict) -> None:
    data = json.dumps(rules, ensure_ascii=False)
    write(con, lambda cur: cur.execute("INSERT OR REPLACE INTO segment_rules VALUES (1, ?)", [data]))


def apply_segments(con, segments, note: str = "") -> int:
    """Make ``segments`` the simulator's segments, recording the previous ones in the same transaction."""
    from ..model.segments import Segment, make_segment

    new = [s if isinstance(s, Segment) else make_segment(s) for s in segments]
    before = json.dumps([s.to_dict() for s in load_segments(con)], ensure_ascii=False)
    after = json.dumps([s.to_dict() for s in new], ensure_ascii=False)

    def go(cur):
        replace_segments(cur, new)
        return cur.execute("INSERT INTO segment_history (applied, note, before, after) VALUES (?, ?, ?, ?) "
                           "RETURNING id", [_now(), str(note), before, after]).fetchall()[0][0]
    return int(write_segments(con, go))


def segment_history(con) -> list[dict]:
    rows = con.cursor().execute("SELECT id, applied, note, reverted FROM segment_history ORDER BY id").fetchall()
    return [{"id": int(i), "applied": a, "note": n, "reverted": r} for i, a, n, r in rows]


def revert_segments(con) -> int | None:
    """Undo the newest switch not yet undone: the segments before it come back. None when there is nothing to undo."""
    rows = con.cursor().execute("SELECT id, before FROM segment_history WHERE reverted IS NULL "
                                "ORDER BY id DESC LIMIT 1").fetchall()
    if not rows:
        return None
    from ..model.segments import make_segment

    hid, before = rows[0]
    segs = [make_segment(d) for d in json.loads(before)]

    def go(cur):
        replace_segments(cur, segs)
        cur.execute("UPDATE segment_history SET reverted = ? WHERE id = ?", [_now(), hid])
    write_segments(con, go)
    return int(hid)


__all__ = ["SALES", "observation_end", "rfm", "classify", "write_rfm", "purchase_weeks", "daily_values",
           "get_segment_rules", "save_segment_rules", "apply_segments", "segment_history", "revert_segments"]
