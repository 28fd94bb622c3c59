"""SQL that turns the text of an imported file into dates, money, quantities and order states.

Every expression is built from code constants only (formats, patterns, column names we chose); the
user's values stay data. Two stages, each materialised once: ``*_scan`` expressions read a raw text
column and keep a plain cast plus the trimmed text only where the cast failed; ``*_value`` expressions
then finish the job from those stored columns, with regular expressions on the failed rows only.
(DuckDB computes a subquery's expression again for every reference to it, so a value used several
times must be a stored column, not an expression below.)
"""
from __future__ import annotations

from datetime import date

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
AS_OF_RANGE = (date(1900, 1, 1), date(2100, 12, 31))  # a date outside this is a typo (and Python has no year 0)
ISO = "YYYY-MM-DD"
_SLASH_FORMATS = {"dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y"}
_MONEY_NOISE = r"(?i)\s|¥|￥|\$|€|£|元|rmb|cny|[（(][^）)]*[）)]"  # 京东 商家应收 "499.00（系统计算中…）"
_COUNT_NOISE = r"(?i)\s|件|个|份|只|瓶|盒|袋|箱|pcs|pc"
_NUMBER_OK = r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+"
PLACEHOLDERS = ("-", "--", "—", "/", "n/a")  # 抖店 writes '-', 美团 '--' for "none"
_ODD_SPACE = "E' \\t\\r\\n\u3000'"


def _sql_list(formats) -> str:
    return "[" + ", ".join("'" + f + "'" for f in formats) + "]"


def _in_range(ts: str) -> str:
    """Timestamp ``ts``, or NULL outside ``AS_OF_RANGE`` (0000-01-01, 9999-12-31: unreadable dates)."""
    lo, hi = AS_OF_RANGE
    return f"CASE WHEN ({ts}) >= TIMESTAMP '{lo}' AND ({ts}) < TIMESTAMP '{hi}' + INTERVAL 1 DAY THEN ({ts}) END"


# --- stage 1: from a raw text column ----------------------------------------------------------

def text_scan(col: str, is_id: bool = False) -> str:
    """Trimmed text, empty as NULL. The plain ``trim`` (spaces) on most cells; tabs and full-width spaces where a
    cell starts with one (抖店 writes ids as ``"\\t6921…"``), and for ids the marks spreadsheets add to keep them
    text: a leading ' (淘宝 联系手机) or ="…" (Excel)."""
    odd = f"trim({col}, {_ODD_SPACE})"
    slow = (f"CASE WHEN ord({odd}) = 39 THEN {odd}[2:] WHEN {odd} LIKE '=\"%\"' THEN {odd}[3:-2] ELSE {odd} END"
            if is_id else odd)
    guard = f"ord({col}) = 9 OR ord({col}) = 12288" + (f" OR ord({col}) = 39 OR ord({col}) = 61" if is_id else "")
    return f"nullif(CASE WHEN {guard} THEN {slow} ELSE trim({col}) END, '')"


def number_scan(col: str, name: str, scale: int = 2) -> str:
    """``{name}_fast`` (the plain cast) and ``{name}_text`` (the trimmed text where that failed)."""
    cast = f"TRY_CAST({col} AS DECIMAL(18, {scale}))"
    return f"{cast} AS {name}_fast, CASE WHEN {cast} IS NULL THEN {text_scan(col)} END AS {name}_text"


def date_scan(col: str, name: str) -> str:
    """``{name}_iso`` (the plain cast) and ``{name}_text`` (the trimmed text unless the cell is an ISO date within
    ``AS_OF_RANGE``: an unreadable one is reported with its text)."""
    cast = f"TRY_CAST({col} AS TIMESTAMP)"
    return (f"{cast} AS {name}_iso, CASE WHEN {_in_range(cast)} IS NULL OR strpos({col}, '-') <> 5 "
            f"THEN {text_scan(col)} END AS {name}_text")


# --- stage 2: from the stored casts and texts --------------------------------------------------

def date_value(name: str) -> str:
    """``{name}`` (a timestamp; NULL when unreadable or outside ``AS_OF_RANGE``, and for DD/MM vs MM/DD dates, which
    ``slash_order`` decides) and ``{name}_format`` (NULL for ISO dates), from ``date_scan``'s columns."""
    col = f"{name}_text"
    fam = " ".join(f"WHEN regexp_full_match({col}, '{rx}([ T].*)?') THEN '{label}'"
                   for label, (rx, _) in DATE_FORMATS.items())
    parse = " ".join(f"WHEN regexp_full_match({col}, '{rx}([ T].*)?') THEN try_strptime({col}, "
                     f"{_sql_list(fmt + t for t in _TIMES)})" for label, (rx, fmt) in DATE_FORMATS.items() if fmt)
    return (f"CASE WHEN {col} IS NOT NULL THEN (CASE {fam} END) END AS {name}_format, "
            f"{_in_range(f'CASE WHEN {col} IS NULL THEN {name}_iso ELSE (CASE {parse} END) END')} AS {name}")


def number_value(name: str, scale: int = 2) -> str:
    """The number from ``number_scan``'s columns: '¥1,234.50', '￥-12', 'RMB 88', '3件'; a placeholder ('-') is
    blank. The regular expressions run only where the plain cast failed."""
    col, kind = f"{name}_text", f"DECIMAL(18, {scale})"
    cleaned = f"regexp_replace({col}, '{_COUNT_NOISE if scale == 3 else _MONEY_NOISE}', '', 'g')"
    return (f"CASE WHEN {name}_fast IS NOT NULL THEN {name}_fast "
            f"WHEN {col} IS NOT NULL AND regexp_full_match({cleaned}, '{_NUMBER_OK}') "
            f"THEN TRY_CAST(replace({cleaned}, ',', '') AS {kind}) END")


def unreadable(name: str, value: str | None = None) -> str:
    """Text was given for ``name`` but neither a number (column ``value``, default ``name``) nor a placeholder could
    be read from it (for the problem bits)."""
    return f"({name}_text IS NOT NULL AND {value or name} IS NULL AND NOT {one_of(f'{name}_text', PLACEHOLDERS)})"


def number_sql(col: str, scale: int = 2) -> str:
    """A DECIMAL from a text column in one expression, for small files (campaign values)."""
    kind = f"DECIMAL(18, {scale})"
    cleaned = f"regexp_replace({col}, '{_MONEY_NOISE}', '', 'g')"
    return (f"CASE WHEN TRY_CAST({col} AS {kind}) IS NOT NULL THEN TRY_CAST({col} AS {kind}) "
            f"WHEN regexp_full_match({cleaned}, '{_NUMBER_OK}') "
            f"THEN TRY_CAST(replace({cleaned}, ',', '') AS {kind}) END")


def slash_order(cur, table: str, names: tuple[str, ...], date_order: str) -> str | None:
    """'dmy', 'mdy' or None (undecidable, or no slash dates) for the slash dates in ``table``'s date columns."""
    if date_order not in DATE_ORDERS:
        raise InputError(f"date order must be one of {', '.join(DATE_ORDERS)}.",
                         f"日期顺序只能是 {', '.join(DATE_ORDERS)} 之一。", field="date_order")
    if date_order != "auto":
        return date_order
    union = " UNION ALL ".join(f"SELECT {n}_text AS d FROM {table} WHERE {n}_format = '{SLASH}'" for n in names)
    a, b = cur.execute(f"SELECT max(TRY_CAST(split_part(d, '/', 1) AS INT)), "
                       f"max(TRY_CAST(split_part(d, '/', 2) AS INT)) FROM ({union})").fetchall()[0]
    if a is not None and a > 12 >= b:
        return "dmy"
    if b is not None and b > 12 >= a:
        return "mdy"
    return None


def final_date(name: str, order: str | None, value: str | None = None) -> str:
    """Date column ``value`` (default ``name``) once the slash order is known: the slash dates (``{name}_format``)
    read that way from their text (``{name}_text``)."""
    value = value or name
    if not order:
        return value
    read = _in_range(f"try_strptime({name}_text, {_sql_list(_SLASH_FORMATS[order] + t for t in _TIMES)})")
    return f"CASE WHEN {name}_format = '{SLASH}' THEN {read} ELSE {value} END"


def one_of(col: str, words) -> str:
    """``col`` is one of a few short ``words`` (case-insensitive), for stored columns. Guarded by the first
    character and the length so ``lower`` runs on almost no row; an IN list would become a join over every row."""
    longest = max(len(w.encode()) for w in words)
    firsts = sorted({ord(c) for w in words for c in (w[0].lower(), w[0].upper())})
    first = " OR ".join(f"ord({col}) = {c}" for c in firsts)
    return f"(({first}) AND strlen({col}) <= {longest} AND ({' OR '.join(f'lower({col}) = {w!r}' for w in words)}))"


def status_sql(col: str) -> str:
    """The class of an order status text: NULL (a sale), 'partial_refund', 'refunded', 'cancelled' or 'unpaid'."""
    whens = " ".join(f"WHEN {' OR '.join(f'contains(lower({col}), {w!r})' for w in words)} THEN "
                     f"{'NULL' if cls == 'sale' else repr(cls)}" for cls, words in STATUS_WORDS)
    return f"CASE WHEN {col} IS NULL THEN NULL {whens} END"
