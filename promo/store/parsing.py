"""SQL that turns the text of an imported file into dates, money, quantities and order states.

Every expression is built from code constants only (formats, patterns, column names we chose); the
user's values stay data. Fast paths first: a plain cast handles ISO dates and plain numbers, and the
regular expressions run only on the rows the cast could not read.
"""
from __future__ import annotations

from ..customers.headers import STATUS_WORDS
from ..errors import InputError

_TIMES = ("", " %H:%M", " %H:%M:%S", " %H:%M:%S.%f", "T%H:%M", "T%H:%M:%S", "T%H:%M:%S.%f")
SLASH = "DD/MM/YYYY | MM/DD/YYYY"
# label: (regex of the date part, strptime date part); the time part is optional
DATE_FORMATS = {
    "YYYY-MM-DD": (r"\d{4}-\d{1,2}-\d{1,2}", "%Y-%m-%d"),
    "YYYY/MM/DD": (r"\d{4}/\d{1,2}/\d{1,2}", "%Y/%m/%d"),
    "YYYY.MM.DD": (r"\d{4}\.\d{1,2}\.\d{1,2}", "%Y.%m.%d"),
    "YYYY年MM月DD日": (r"\d{4}年\d{1,2}月\d{1,2}日", "%Y年%m月%d日"),
    "YYYYMMDD": (r"\d{8}", "%Y%m%d"),
    SLASH: (r"\d{1,2}/\d{1,2}/\d{4}", None),
}
DATE_ORDERS = ("auto", "dmy", "mdy")
ISO = "YYYY-MM-DD"
_SLASH_FORMATS = {"dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y"}
_MONEY_NOISE = r"(?i)\s|¥|￥|\$|€|£|元|rmb|cny|[（(][^）)]*[）)]"  # 京东 商家应收 "499.00（系统计算中…）"
_COUNT_NOISE = r"(?i)\s|件|个|份|只|瓶|盒|袋|箱|pcs|pc"
_NUMBER_OK = r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+"
PLACEHOLDERS = ("-", "--", "—", "/", "n/a")  # 抖店 writes '-', 美团 '--' for "none"


def _sql_list(formats) -> str:
    return "[" + ", ".join("'" + f + "'" for f in formats) + "]"


def date_sql(col: str, out: str) -> str:
    """``{out}_format``, ``{out}`` (a timestamp; NULL for slash dates) and ``{out}_dmy``/``{out}_mdy`` (slash dates
    read either way) from text column ``col``; ``slash_order`` decides between the last two afterwards.

    ISO dates take DuckDB's fast cast; other shapes are told apart by a regular expression (so mixed formats
    can be counted) and parsed with their strptime patterns.
    """
    fam = " ".join(f"WHEN regexp_full_match({col}, '{rx}([ T].*)?') THEN '{label}'"
                   for label, (rx, _) in DATE_FORMATS.items())
    parse = " ".join(f"WHEN '{label}' THEN try_strptime({col}, {_sql_list(fmt + t for t in _TIMES)})"
                     for label, (_, fmt) in DATE_FORMATS.items() if fmt)
    iso = f"TRY_CAST({col} AS TIMESTAMP)"
    slash = {k: f"CASE WHEN {out}_format = '{SLASH}' THEN try_strptime({col}, {_sql_list(f + t for t in _TIMES)}) END"
             for k, f in _SLASH_FORMATS.items()}
    return (f"CASE WHEN {col}[5] = '-' AND {iso} IS NOT NULL THEN '{ISO}' ELSE (CASE {fam} END) END AS {out}_format, "
            f"CASE WHEN {out}_format = '{ISO}' THEN coalesce({iso}, "
            f"try_strptime({col}, {_sql_list(DATE_FORMATS[ISO][1] + t for t in _TIMES)})) "
            f"ELSE (CASE {out}_format {parse} END) END AS {out}, "
            f"{slash['dmy']} AS {out}_dmy, {slash['mdy']} AS {out}_mdy")


def slash_order(cur, table: str, outs: tuple[str, ...], date_order: str) -> str | None:
    """'dmy', 'mdy' or None (undecidable, or no slash dates) for the slash dates in ``table``'s columns ``outs``."""
    if date_order not in DATE_ORDERS:
        raise InputError(f"date order must be one of {', '.join(DATE_ORDERS)}.",
                         f"日期顺序只能是 {', '.join(DATE_ORDERS)} 之一。", field="date_order")
    if date_order != "auto":
        return date_order
    union = " UNION ALL ".join(f"SELECT {o}_text AS d FROM {table} WHERE {o}_format = '{SLASH}'" for o in outs)
    a, b = cur.execute(f"SELECT max(TRY_CAST(split_part(d, '/', 1) AS INT)), max(TRY_CAST(split_part(d, '/', 2) AS INT)) "
                       f"FROM ({union})").fetchall()[0]
    if a is not None and a > 12 >= b:
        return "dmy"
    if b is not None and b > 12 >= a:
        return "mdy"
    return None


def final_date(out: str, order: str | None) -> str:
    """The timestamp once the slash order is known."""
    return f"coalesce({out}, {out}_{order})" if order else out


def number_sql(col: str, scale: int = 2, noise: str = _MONEY_NOISE) -> str:
    """A DECIMAL from text: '¥1,234.50', '￥-12', 'RMB 88', '3件'; placeholders such as '-' read as NULL."""
    kind = f"DECIMAL(18, {scale})"
    cleaned = f"regexp_replace({col}, '{noise}', '', 'g')"
    slow = f"CASE WHEN regexp_full_match({cleaned}, '{_NUMBER_OK}') THEN TRY_CAST(replace({cleaned}, ',', '') AS {kind}) END"
    return f"coalesce(TRY_CAST({col} AS {kind}), {slow})"


def count_sql(col: str) -> str:
    return number_sql(col, 3, _COUNT_NOISE)


def placeholder(col: str) -> str:
    """``col`` as NULL when it only says "none" ('-', '--')."""
    return f"CASE WHEN lower({col}) IN {tuple(PLACEHOLDERS)} THEN NULL ELSE {col} END"


def status_sql(col: str) -> str:
    """The class of an order status text: NULL (a sale), 'partial_refund', 'refunded', 'cancelled' or 'unpaid'."""
    whens = " ".join(f"WHEN {' OR '.join(f'contains(lower({col}), {w!r})' for w in words)} THEN "
                     f"{'NULL' if cls == 'sale' else repr(cls)}" for cls, words in STATUS_WORDS)
    return f"CASE WHEN {col} IS NULL THEN NULL {whens} END"


def clean_id(col: str) -> str:
    """An id without the marks spreadsheets add to keep it text: a leading ' (淘宝 联系手机) or ="…" (Excel)."""
    return f"CASE WHEN {col}[1] = '''' THEN {col}[2:] WHEN {col} LIKE '=\"%\"' THEN {col}[3:-2] ELSE {col} END"
