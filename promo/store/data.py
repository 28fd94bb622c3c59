"""Transaction log: checking and importing it, RFM per customer, segment rules and recorded segment switches.

The cleaning runs as SQL over the file's text columns (registered as an Arrow table),
so a million-row file is checked in about a second and every bad row keeps its number.
"""
from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

import duckdb

from ..customers.ingest import TRANSACTION_FIELDS, Issue, Raw, Report, auto_map, select
from ..errors import InputError
from ..model.segments import Segment, make_segment
from .app import load_segments, replace_segments, write_segments
from .base import _now, write

if TYPE_CHECKING:  # DuckDB builds the frames; importing pandas (0.3 s) here would slow every page's first run
    import pandas as pd

_TIMES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", "T%H:%M", "T%H:%M:%S", "T%H:%M:%S.%f")
_SLASH = "DD/MM/YYYY | MM/DD/YYYY"
# label: (regex of the date part, strptime date part); the time part is optional
DATE_FORMATS = {
    "YYYY-MM-DD": (r"\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    "YYYY/MM/DD": (r"\d{4}/\d{1,2}/\d{1,2}", "%Y/%m/%d"),
    "YYYY.MM.DD": (r"\d{4}\.\d{1,2}\.\d{1,2}", "%Y.%m.%d"),
    "YYYY年MM月DD日": (r"\d{4}年\d{1,2}月\d{1,2}日", "%Y年%m月%d日"),
    "YYYYMMDD": (r"\d{8}", "%Y%m%d"),
    _SLASH: (r"\d{1,2}/\d{1,2}/\d{4}", None),
}
DATE_ORDERS = ("auto", "dmy", "mdy")
ISO = "YYYY-MM-DD"
AS_OF_RANGE = (date(1900, 1, 1), date(2100, 12, 31))  # an observation end outside this is a typo
_AMOUNT_NOISE = r"(?i)\s|¥|￥|\$|€|£|元|rmb|cny"
_AMOUNT_OK = r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+"


def _sql_list(formats) -> str:
    return "[" + ", ".join("'" + f + "'" for f in formats) + "]"


def _date_sql(slash: str | None, col: str = "date_text", out: str = "ts", iso: str | None = None) -> str:
    """SQL giving ``{out}_format`` and ``{out}`` (a timestamp) from text column ``col``; code constants only.

    ISO dates take DuckDB's fast cast; other shapes are told apart by a regular expression
    (so mixed formats can be counted) and parsed with their strptime patterns.
    """
    fam = " ".join(f"WHEN regexp_full_match({col}, '{rx}([ T].*)?') THEN '{label}'"
                   for label, (rx, _) in DATE_FORMATS.items())
    parse = []
    for label, (_, fmt) in DATE_FORMATS.items():
        fmt = fmt or slash
        if fmt:
            parse.append(f"WHEN '{label}' THEN try_strptime({col}, {_sql_list(fmt + t for t in _TIMES)})")
    iso = iso or f"TRY_CAST({col} AS TIMESTAMP)"  # a column computed once, when the caller has one
    ts = (f"CASE WHEN {out}_format = '{ISO}' THEN coalesce({iso}, "
          f"try_strptime({col}, {_sql_list(DATE_FORMATS[ISO][1] + t for t in _TIMES)})) "
          f"ELSE (CASE {out}_format {' '.join(parse)} END) END")
    # a year outside AS_OF_RANGE (0000-01-01, 9999-12-31) is a typo, and Python cannot hold year 0: unreadable
    # (DuckDB computes the repeated expression once)
    lo, hi = AS_OF_RANGE
    return (f"CASE WHEN {iso} IS NOT NULL AND {col}[5] = '-' THEN '{ISO}' ELSE (CASE {fam} END) END AS {out}_format, "
            f"CASE WHEN ({ts}) >= TIMESTAMP '{lo}' AND ({ts}) < TIMESTAMP '{hi}' + INTERVAL 1 DAY THEN ({ts}) END "
            f"AS {out}")


def _money_sql(col: str) -> str:
    cleaned = f"regexp_replace({col}, '{_AMOUNT_NOISE}', '', 'g')"
    slow = f"CASE WHEN regexp_full_match({cleaned}, '{_AMOUNT_OK}') THEN TRY_CAST(replace({cleaned}, ',', '') AS DECIMAL(18, 2)) END"
    return f"coalesce(TRY_CAST({col} AS DECIMAL(18, 2)), {slow})"


def _slash_order(cur, date_order: str, cols=('"date"',)) -> str | None:
    """'%d/%m/%Y', '%m/%d/%Y' or None (undecidable) for dates in ``incoming`` written with slashes, year last."""
    if date_order not in DATE_ORDERS:
        raise InputError(f"date order must be one of {', '.join(DATE_ORDERS)}.",
                         f"日期顺序只能是 {', '.join(DATE_ORDERS)} 之一。", field="date_order")
    if date_order != "auto":
        return {"dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y"}[date_order]
    rx = DATE_FORMATS[_SLASH][0]
    union = " UNION ALL ".join(f"SELECT {c} AS d FROM incoming" for c in cols)  # trimmed by ``ingest.select``
    a, b = cur.execute(f"""SELECT max(TRY_CAST(split_part(d, '/', 1) AS INT)), max(TRY_CAST(split_part(d, '/', 2) AS INT))
                           FROM ({union}) WHERE d LIKE '%/%/%' AND regexp_full_match(d, '{rx}([ T].*)?')""").fetchall()[0]
    if a is None:
        return None
    if a > 12 >= b:
        return "%d/%m/%Y"
    if b > 12 >= a:
        return "%m/%d/%Y"
    return None


_KEY = 'hash(customer_id, "date", amount, order_id, discount, store)'


def _clean(cur, table, date_order: str) -> None:
    """Parse the file (registered as ``incoming``) once into temp table ``incoming_clean`` and view ``incoming_checked``.

    Typed values and one flag per problem; the original text is kept only where it is wrong,
    for the report's examples. Duplicates: rows whose mapped fields have the same 64-bit hash
    (grouped on the typed table, few groups) are flagged on every copy after the first; a
    window over a million rows of text is several times slower.
    """
    cur.register("incoming", table)
    slash = _slash_order(cur, date_order)
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE incoming_clean AS
        WITH t AS (
            SELECT _row, {_KEY} AS h, nullif(customer_id, '') AS cust, nullif("date", '') AS date_text,
                   nullif(amount, '') AS amount_text, nullif(order_id, '') AS ord,
                   nullif(discount, '') AS discount_text, nullif(store, '') AS shop,
                   TRY_CAST(date_text AS TIMESTAMP) AS iso_ts
            FROM incoming),
        p AS (
            SELECT *, {_date_sql(slash, iso="iso_ts")}, {_money_sql('amount_text')} AS amount_value,
                   {_money_sql('discount_text')} AS discount_value
            FROM t)
        SELECT _row, h, cust AS customer_id, ord AS order_id, shop AS store,
               CASE WHEN ts IS NULL THEN date_text END AS date_text,
               CASE WHEN amount_value IS NULL THEN amount_text END AS amount_text,
               CASE WHEN discount_value IS NULL THEN discount_text END AS discount_text,
               ts_format AS date_format, ts, amount_value AS amount, discount_value AS discount,
               cust IS NULL AS bad_customer,
               ts IS NULL AND coalesce(ts_format = '{_SLASH}', false) AND {slash is None} AS ambiguous_date,
               ts IS NULL AND NOT ambiguous_date AS bad_date,
               amount_value IS NULL AS bad_amount,
               discount_text IS NOT NULL AND discount_value IS NULL AS bad_discount,
               coalesce(cust LIKE '0_%', false) AS leading_zero
        FROM p""")
    cur.execute("""CREATE OR REPLACE TEMP TABLE incoming_dups AS
                   SELECT h, min(_row) AS first_row FROM incoming_clean GROUP BY h HAVING count(*) > 1""")
    cur.execute("""CREATE OR REPLACE TEMP VIEW incoming_checked AS
                   SELECT c.*, coalesce(c._row > d.first_row, false) AS duplicate
                   FROM incoming_clean c LEFT JOIN incoming_dups d USING (h)""")


def _drop(cur) -> None:
    cur.execute("DROP VIEW IF EXISTS incoming_checked")
    cur.execute("DROP TABLE IF EXISTS incoming_clean")
    cur.execute("DROP TABLE IF EXISTS incoming_dups")
    cur.unregister("incoming")


# code: (flag, example column, blocking)
_CHECKS = {
    "blank_customer": ("bad_customer", "customer_id", True),
    "bad_date": ("bad_date", "date_text", True),
    "ambiguous_date": ("ambiguous_date", "date_text", True),
    "bad_amount": ("bad_amount", "amount_text", True),
    "duplicate": ("duplicate", "customer_id", False),
    "refund": ("amount < 0", "amount", False),
    "bad_discount": ("bad_discount", "discount_text", False),
    "leading_zero_id": ("leading_zero", "customer_id", False),
}
_BAD = "(bad_customer OR bad_date OR ambiguous_date OR bad_amount)"


def _report(cur, raw: Raw, mapping: dict, keep_duplicates: bool) -> Report:
    """One pass over the view: counts, first 20 row numbers and 5 examples per problem, totals of the good rows."""
    checks = ", ".join(f"count(*) FILTER (WHERE {flag}), min(_row, 20) FILTER (WHERE {flag}), "
                       f"arg_min(coalesce(CAST({ex} AS VARCHAR), ''), _row, 5) FILTER (WHERE {flag})" for flag, ex, _ in _CHECKS.values())
    fmts = ", ".join(f"count(*) FILTER (WHERE date_format = '{label}')" for label in DATE_FORMATS)
    good = f"NOT {_BAD}" + ("" if keep_duplicates else " AND NOT duplicate")
    row = cur.execute(f"""SELECT {checks}, {fmts},
               count(*) FILTER (WHERE {good}), count(DISTINCT customer_id) FILTER (WHERE {good}),
               min(ts) FILTER (WHERE {good}), max(ts) FILTER (WHERE {good}),
               coalesce(sum(amount) FILTER (WHERE {good}), 0)::DOUBLE,
               coalesce(sum(amount) FILTER (WHERE amount < 0 AND {good}), 0)::DOUBLE
        FROM incoming_checked""").fetchall()[0]
    issues = []
    for i, (code, (_, _, blocking)) in enumerate(_CHECKS.items()):
        count, rows, examples = row[3 * i: 3 * i + 3]
        if count:
            issues.append(Issue(code, int(count), sorted(rows), [str(e) for e in examples], blocking))
    n = 3 * len(_CHECKS)
    formats = {label: int(c) for label, c in zip(DATE_FORMATS, row[n:n + len(DATE_FORMATS)]) if c}
    valid, customers, first, last, total, refunds = row[n + len(DATE_FORMATS):]
    refund = next((i for i in issues if i.code == "refund"), None)
    if refund:
        refund.data["sum"] = refunds
    dup = next((i for i in issues if i.code == "duplicate"), None)
    if dup:
        dup.data["dropped"] = not keep_duplicates
    if len(formats) > 1:
        issues.append(Issue("mixed_dates", sum(formats.values()), blocking=False, data={"formats": formats}))
    return Report(raw.name, raw.format, raw.encoding, dict(mapping), raw.rows, int(valid), int(customers),
                  first.date().isoformat() if first else None, last.date().isoformat() if last else None,
                  float(total), formats, issues)


def check_transactions(con, raw: Raw, mapping: dict | None = None, *, keep_duplicates: bool = False,
                       date_order: str = "auto") -> Report:
    """The validation report of a file, without writing anything."""
    mapping = auto_map(raw.columns) if mapping is None else mapping
    cur = con.cursor()
    table = select(raw, mapping, TRANSACTION_FIELDS)
    _clean(cur, table, date_order)
    try:
        return _report(cur, raw, mapping, keep_duplicates)
    finally:
        _drop(cur)


def blocked(report: Report) -> InputError:
    """The error for a report with blocking problems: each problem with its count and first rows."""
    en, zh = [], []
    for i in report.issues:
        if i.blocking:
            rows = ", ".join(str(r) for r in i.rows[:10])
            en.append(f"{i.code.replace('_', ' ')}: {i.count:,} row(s) (rows {rows}; e.g. {i.examples[:3]})")
            zh.append(f"{_ZH_CODES[i.code]}：{i.count:,} 行（第 {rows} 行；例如 {i.examples[:3]}）")
    return InputError(
        f"Nothing was imported from '{report.source}': " + "; ".join(en) + ". Fix these rows and import again, "
        "or import only the good rows (--skip-bad-rows).",
        f"「{report.source}」未导入任何数据：" + "；".join(zh) + "。请修正这些行后重新导入，或只导入正确的行（--skip-bad-rows）。",
        field="file")


_ZH_CODES = {"blank_customer": "客户ID为空", "bad_date": "日期无法识别",
             "ambiguous_date": "日期无法区分日/月（如 03/04/2024，请用 YYYY-MM-DD 或指定 --date-order）",
             "bad_amount": "金额为空或不是数字"}


def import_transactions(con, raw: Raw, mapping: dict | None = None, *, replace: bool = True,
                        skip_bad_rows: bool = False, keep_duplicates: bool = False, date_order: str = "auto",
                        progress=None) -> Report:
    """Check and write the log in one transaction: all rows or none. ``replace`` drops the earlier log."""
    mapping = auto_map(raw.columns) if mapping is None else mapping
    table = select(raw, mapping, TRANSACTION_FIELDS)
    tick = progress or (lambda x: None)

    def go(cur):
        _clean(cur, table, date_order)
        tick(0.6)
        report = _report(cur, raw, mapping, keep_duplicates)
        if not report.ok and not skip_bad_rows:
            raise blocked(report)
        if report.valid_rows == 0:
            raise InputError(f"'{raw.name}' has no valid rows to import.", f"「{raw.name}」没有可导入的有效行。",
                             field="file")
        report.imported = True
        import_id = cur.execute("INSERT INTO imports (kind, source, rows, report, created) VALUES (?, ?, ?, ?, ?) "
                                "RETURNING id", ["transactions", raw.name, report.valid_rows,
                                                 json.dumps(report.to_dict(), ensure_ascii=False), _now()]).fetchall()[0][0]
        if replace:
            cur.execute("DELETE FROM transactions")
        keep = "" if keep_duplicates else " AND NOT duplicate"
        cur.execute(f"""INSERT INTO transactions
                        SELECT customer_id, ts, CAST(ts AS DATE), amount, order_id, discount, store, ?
                        FROM incoming_checked WHERE NOT {_BAD}{keep}""", [import_id])
        _drop(cur)
        tick(0.95)
        return report

    report = write(con, go)
    tick(1.0)
    return report


def transaction_summary(con) -> dict:
    rows, customers, first, last, total = con.cursor().execute(
        "SELECT count(*), count(DISTINCT customer_id), min(day), max(day), coalesce(sum(amount), 0)::DOUBLE "
        "FROM transactions").fetchall()[0]
    return {"rows": int(rows), "customers": int(customers), "first_day": first, "last_day": last, "total": total}


# --- RFM ------------------------------------------------------------------------------------

_RFM = """
WITH daily AS (
    SELECT customer_id, day, sum(amount) AS v FROM {source} WHERE day <= $end GROUP BY customer_id, day),
per AS (
    SELECT customer_id, min(day) AS first_day, max(day) AS last_day, count(*) AS days, sum(v) AS total,
           arg_min(v, day) AS first_v, sum(v) FILTER (WHERE day > $end - INTERVAL 365 DAY) AS year_v
    FROM daily GROUP BY customer_id)
SELECT customer_id,
       days - 1 AS frequency,
       date_diff('day', first_day, last_day) AS recency,
       date_diff('day', first_day, $end) AS T,
       CASE WHEN days > 1 THEN CAST(total - first_v AS DOUBLE) / (days - 1) ELSE 0.0 END AS monetary_value,
       CAST(total AS DOUBLE) AS spend,
       CAST(coalesce(year_v, 0) AS DOUBLE) AS spend_year,
       date_diff('day', last_day, $end) AS days_since_last
FROM per ORDER BY customer_id
"""
_PARQUET = "(SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(date AS DATE) AS day, amount FROM read_parquet($path))"


def observation_end(con, as_of: date | str | None = None, parquet: str | None = None) -> date | None:
    """``as_of`` as a date, or the day of the last transaction (None when there are none)."""
    if as_of is not None:
        try:
            end = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of))
        except ValueError:
            end = None
        if end is None or not AS_OF_RANGE[0] <= date(end.year, end.month, end.day) <= AS_OF_RANGE[1]:
            raise InputError(f"as-of date '{as_of}' is not a date like 2025-06-30 between {AS_OF_RANGE[0]} and "
                             f"{AS_OF_RANGE[1]}.", f"截止日期「{as_of}」不是 {AS_OF_RANGE[0]} 至 {AS_OF_RANGE[1]} 之间、"
                             "像 2025-06-30 这样的日期。", field="as_of")
        return end
    if parquet:
        return _parquet_query(con, f"SELECT max(day) FROM {_PARQUET}", {"path": parquet}).fetchall()[0][0]
    return con.cursor().execute("SELECT max(day) FROM transactions").fetchall()[0][0]


def _parquet_query(con, sql: str, params: dict):
    """A query over a user's Parquet file: a file DuckDB cannot read (missing, damaged, wrong columns or types)
    is an InputError naming it."""
    try:
        return con.cursor().execute(sql, params)
    except duckdb.Error as e:
        first = str(e).splitlines()[0][:200]
        raise InputError(f"The Parquet file '{params['path']}' cannot be used: {first}. It needs the columns "
                         "customer_id, date and amount.", f"无法使用 Parquet 文件「{params['path']}」：{first}。"
                         "它需要 customer_id、date 和 amount 三列。", field="parquet") from None


def rfm(con, as_of: date | str | None = None, parquet: str | None = None) -> pd.DataFrame:
    """RFM per customer with lifetimes' daily conventions (see issue 4); from the log or a Parquet file.

    Columns: customer_id, frequency, recency, T, monetary_value (mean daily total over repeat
    days), spend (all days), spend_year (last 365 days), days_since_last.
    """
    end = observation_end(con, as_of, parquet)
    if end is None:
        raise InputError("There are no transactions yet: import a transaction log first.",
                         "还没有交易数据：请先导入交易记录。", field="transactions")
    params = {"end": end, **({"path": parquet} if parquet else {})}
    sql = _RFM.format(source=_PARQUET if parquet else "transactions")
    df = (_parquet_query(con, sql, params) if parquet else con.cursor().execute(sql, params)).df()
    df.attrs["observation_end"] = end
    return df


def purchase_weeks(con, start: date, weeks: int) -> pd.DataFrame:
    """Per customer: in how many of the ``weeks`` weeks after ``start`` they bought (customers with none left out)."""
    return con.cursor().execute("""
        SELECT customer_id, count(DISTINCT (date_diff('day', $start, day) - 1) // 7) AS weeks
        FROM transactions WHERE day > $start AND day <= $start + to_days($n * 7)
        GROUP BY customer_id""", {"start": start, "n": int(weeks)}).df()


def daily_values(con, start: date, end: date) -> pd.DataFrame:
    """Per customer: number of purchase days and their summed value between ``start`` (excl.) and ``end``."""
    return con.cursor().execute("""
        SELECT customer_id, count(*) AS days, CAST(sum(v) AS DOUBLE) AS value FROM (
            SELECT customer_id, day, sum(amount) AS v FROM transactions WHERE day > $start AND day <= $end
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
    new = [s if isinstance(s, Segment) else make_segment(s) for s in segments]
    before = json.dumps([s.to_dict() for s in load_segments(con)], ensure_ascii=False)
    after = json.dumps([s.to_dict() for s in new], ensure_ascii=False)

    def go(cur):
        replace_segments(cur, new)
        return cur.execute("INSERT INTO segment_history (applied, note, before, after) VALUES (?, ?, ?, ?) RETURNING id",
                           [_now(), str(note), before, after]).fetchall()[0][0]
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
    hid, before = rows[0]
    segs = [make_segment(d) for d in json.loads(before)]

    def go(cur):
        replace_segments(cur, segs)
        cur.execute("UPDATE segment_history SET reverted = ? WHERE id = ?", [_now(), hid])
    write_segments(con, go)
    return int(hid)


__all__ = ["ISO", "DATE_FORMATS", "DATE_ORDERS", "check_transactions", "import_transactions", "blocked", "transaction_summary",
           "observation_end", "rfm", "purchase_weeks", "daily_values", "get_segment_rules", "save_segment_rules",
           "apply_segments", "segment_history", "revert_segments"]
