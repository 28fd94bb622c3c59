"""The transaction log's import: check a file row by row, report it, write all of it or nothing.

The file is scanned once into a temporary table of typed values and one bit per problem (DuckDB reads a
CSV in parallel straight from disk); the report then groups that table by its problem bits, so a
1.5-million-row log is checked in about a second and every bad row keeps its spreadsheet row number.
Nothing is dropped without being said: rows that repeat exactly are kept (they are items) unless the
caller asks to drop them, and what looks like an accidental double export is reported with row numbers.
"""
from __future__ import annotations

import json

from ..customers.headers import NOT_SOLD, TRANSACTION_FIELDS
from ..customers.ingest import Issue, Raw, Report, auto_map, require
from ..errors import InputError
from .base import _now, write
from .parsing import (DATE_FORMATS, ISO, SLASH, date_scan, date_value, final_date, number_scan, number_value, one_of,
                      slash_order, status_sql, text_scan, unreadable)

# problem bits of a row
BITS = {name: 1 << i for i, name in enumerate((
    "blank_customer", "bad_date", "slash_date", "bad_amount", "bad_quantity", "discount_over_price", "total_row",
    "scientific_customer", "masked_customer", "bad_discount", "leading_zero_id", "return", "refund",
    "scientific_order", "not_sold", "partial_refund", "bad_price"))}
# rows with these are not sales to write: blocking unless the row is not a sale anyway (refunded, cancelled …)
BLOCKING = ("blank_customer", "bad_date", "bad_amount", "bad_quantity", "discount_over_price", "scientific_customer")
TOTAL_WORDS = ("合计", "总计", "小计", "total", "grand total", "sum")
BLOCK_ROWS = 10  # a run of at least this many rows that all repeat earlier rows looks like a double export
TOTALS_SHARE = 0.8  # share of multi-line orders with one amount on every line that marks an order total


def _bit(*names) -> int:
    return sum(BITS[n] for n in names)


_TEXT = {"customer_id": True, "order_id": True, "product": True, "category": False, "store": False, "channel": False,
         "status": False}  # text field: is an id
_NUMBERS = {"amount": 2, "discount": 2, "unit_price": 2, "list_amount": 2, "quantity": 3}  # field: decimals


def _scan_sql(raw: Raw, mapping: dict) -> str:
    """Stage 1, over the raw text columns: the row hash, trimmed texts and plain casts of the mapped fields (see
    ``parsing``); unmapped fields are left out (materialising a column of NULLs costs as much as a real one)."""
    col = {f: f"c{raw.index(c)}" for f, c in mapping.items()}
    parts = ["hash(" + ", ".join(f"c{i}" for i in range(len(raw.columns))) + ") AS h"]
    parts += [f"{text_scan(col[f], is_id)} AS {f}" for f, is_id in _TEXT.items() if f in col]
    parts += [number_scan(col[f], f, scale) for f, scale in _NUMBERS.items() if f in col]
    parts.append(date_scan(col["date"], "ts"))
    return ", ".join(parts)


def _values_sql(raw: Raw, mapping: dict, row: str) -> str:
    """Stage 2, over ``incoming_parsed``: the values written and one bit per problem."""
    m = set(mapping)
    null_num = "NULL::DECIMAL(18, 2)"
    value = {f: number_value(f, scale) if f in m else null_num for f, scale in _NUMBERS.items()}
    bad = {f: unreadable(f, f"{f}_v") if f in m else "false" for f in _NUMBERS}
    has = {f: f if f in m else "NULL::VARCHAR" for f in _TEXT}
    total_row = " OR ".join(one_of(f, TOTAL_WORDS) for f in ("customer_id", "order_id", "store", "product", "category",
                                                              "channel") if f in m) or "false"
    computed = "amount" not in m
    list_expr = "list_amount_v" if "list_amount" in m else "unit_price_v * abs(qty)" if "unit_price" in m else null_num
    amount_expr = "list_base - coalesce(discount_v, 0)" if computed else "amount_v"
    sci = "(contains({0}, 'E+') OR contains({0}, 'e+')) AND regexp_full_match({0}, '\\d(\\.\\d+)?[eE]\\+\\d+')"
    b = BITS
    optional = [name for name, f in (("discount", "discount"), ("quantity", "quantity"), ("status", "status"))
                if f in m] + (["list_total"] if m & {"list_amount", "unit_price", "discount"} else [])
    return f"""
        WITH q AS (
            SELECT {row} AS _row, {date_value('ts')}, {', '.join(f'{v} AS {f}_v' for f, v in value.items())},
                   {status_sql(has['status'])} AS status_class,
                   CASE WHEN {has['customer_id']} IS NULL OR ts_iso IS NULL THEN {total_row} ELSE false END AS is_total,
                   {sci.format(has['customer_id'])} AS sci_customer, {sci.format(has['order_id'])} AS sci_order,
                   contains({has['customer_id']}, '*') OR contains({has['customer_id']}, '密文') AS masked,
                   {has['customer_id']} LIKE '0_%' AS zero, {has['customer_id']} IS NULL AS no_customer,
                   {bad['discount']} AS bad_discount, {bad['quantity']} AS bad_quantity,
                   {bad['unit_price']} OR {bad['list_amount']} AS bad_price
            FROM incoming_parsed),
        r AS (SELECT *, coalesce(quantity_v, 1) AS qty FROM q),
        r2 AS (SELECT *, {list_expr} AS list_base FROM r),
        r3 AS (SELECT *, {amount_expr} AS amount_raw FROM r2),
        s AS (
            SELECT *, CASE WHEN qty < 0 THEN -abs(amount_raw) ELSE amount_raw END AS amount,
                   CASE WHEN qty < 0 THEN -abs(discount_v) ELSE discount_v END AS discount,
                   CASE WHEN qty < 0 THEN -abs(coalesce(list_base, amount_raw + coalesce(discount_v, 0)))
                        ELSE coalesce(list_base, amount_raw + coalesce(discount_v, 0)) END AS list_total,
                   qty AS quantity, CASE WHEN status_class IN {NOT_SOLD} THEN status_class END AS status
            FROM r3)
        SELECT _row, ts, ts_format AS date_format, amount, amount_raw AS file_amount,
               {''.join(f'{c}, ' for c in optional)}
               (CASE WHEN is_total THEN {b['total_row']} ELSE 0 END)
             | (CASE WHEN no_customer THEN {b['blank_customer']} ELSE 0 END)
             | (CASE WHEN ts_format = '{SLASH}' THEN {b['slash_date']} WHEN ts IS NULL THEN {b['bad_date']} ELSE 0 END)
             | (CASE WHEN amount IS NULL THEN {b['bad_amount']} ELSE 0 END)
             | (CASE WHEN bad_quantity THEN {b['bad_quantity']} ELSE 0 END)
             | (CASE WHEN qty >= 0 AND discount_v > 0 AND list_base IS NOT NULL AND discount_v > list_base + 0.005
                     THEN {b['discount_over_price']} ELSE 0 END)
             | (CASE WHEN sci_customer THEN {b['scientific_customer']} ELSE 0 END)
             | (CASE WHEN masked THEN {b['masked_customer']} ELSE 0 END)
             | (CASE WHEN bad_discount THEN {b['bad_discount']} ELSE 0 END)
             | (CASE WHEN zero THEN {b['leading_zero_id']} ELSE 0 END)
             | (CASE WHEN qty < 0 THEN {b['return']} WHEN amount < 0 THEN {b['refund']} ELSE 0 END)
             | (CASE WHEN sci_order THEN {b['scientific_order']} ELSE 0 END)
             | (CASE WHEN status_class IN {NOT_SOLD} THEN {b['not_sold']}
                     WHEN status_class = 'partial_refund' THEN {b['partial_refund']} ELSE 0 END)
             | (CASE WHEN bad_price AND NOT {computed} THEN {b['bad_price']} ELSE 0 END) AS flags
        FROM s"""


def _clean(cur, raw: Raw, mapping: dict) -> None:
    """Scan the file once and check every row: view ``incoming_clean`` has the texts, typed values and problem bits.

    Two stages, each a temp table: ``incoming_parsed`` (texts and plain casts, from one parallel scan) and
    ``incoming_values`` (values and problem bits from those stored columns: DuckDB computes a subquery's expression
    once per reference to it, so values used many times must be stored). The view puts them side by side
    (POSITIONAL JOIN: both are in file order), so the texts are not copied a second time, and gives the
    columns of unmapped fields as NULL constants, which cost nothing.
    """
    src, params = raw.scan(cur)
    require(mapping, raw.columns, TRANSACTION_FIELDS, raw.name)
    raw.read(cur, f"CREATE OR REPLACE TEMP TABLE incoming_parsed AS SELECT {_scan_sql(raw, mapping)} FROM ({src})",
             params)
    raw.check_rejects(cur)
    cur.execute("CREATE OR REPLACE TEMP TABLE incoming_values AS " +
                _values_sql(raw, mapping, raw.row_sql(cur, "incoming_parsed")))
    have = {c for (c,) in cur.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'incoming_values'"
                                      ).fetchall()}
    m = set(mapping)
    text = {**{f: f"p.{f}" if f in m else "NULL::VARCHAR" for f in _TEXT},
            **{f"{n}_text": f"p.{n}_text" if n in m else "NULL::VARCHAR" for n in _NUMBERS}}
    values = {c: f"v.{c}" if c in have else ("NULL::DECIMAL(18, 2)" if c != "status" else "NULL::VARCHAR")
              for c in ("discount", "quantity", "list_total", "status")}
    amount_texts = ", ".join(text[f"{f}_text"] for f in ("amount", "list_amount", "unit_price"))
    cur.execute(f"""
        CREATE OR REPLACE TEMP VIEW incoming_clean AS
        SELECT v._row, v.ts, v.date_format, v.amount, v.file_amount, v.flags, p.h,
               {', '.join(f'{e} AS {c}' for c, e in values.items())},
               {', '.join(f'{text[f]} AS {f}' for f in _TEXT if f != 'status')},
               CASE WHEN v.ts IS NULL OR v.date_format = '{SLASH}' THEN p.ts_text END AS date_text,
               CASE WHEN v.amount IS NULL THEN coalesce({amount_texts}) END AS amount_text,
               {text['discount_text']} AS discount_text, {text['quantity_text']} AS quantity_text,
               {text['status']} AS status_text
        FROM incoming_parsed p POSITIONAL JOIN incoming_values v""")


def _drop(cur) -> None:
    cur.execute("DROP VIEW IF EXISTS incoming_clean")
    for name in ("incoming_parsed", "incoming_values", "incoming_dups", "incoming_orders"):
        cur.execute(f"DROP TABLE IF EXISTS {name}")


# code: (bit(s), example column, blocking)
_CHECKS = {
    "blank_customer": ("blank_customer", "customer_id", True),
    "bad_date": ("bad_date", "date_text", True),
    "ambiguous_date": ("slash_date", "date_text", True),
    "bad_amount": ("bad_amount", "amount_text", True),
    "bad_quantity": ("bad_quantity", "quantity_text", True),
    "discount_over_price": ("discount_over_price", "discount", True),
    "scientific_customer": ("scientific_customer", "customer_id", True),
    "masked_customer": ("masked_customer", "customer_id", True),
    "total_row": ("total_row", "_row", False),
    "not_sold": ("not_sold", "status_text", False),
    "partial_refund": ("partial_refund", "status_text", False),
    "return": ("return", "amount", False),
    "refund": ("refund", "amount", False),
    "bad_discount": ("bad_discount", "discount_text", False),
    "bad_price": ("bad_price", "amount", False),
    "leading_zero_id": ("leading_zero_id", "customer_id", False),
    "scientific_order": ("scientific_order", "order_id", False),
}


def _issue(cur, code: str, where: str, example: str, count: int, blocking: bool, data: dict | None = None) -> Issue:
    rows = cur.execute(f"SELECT _row, CAST({example} AS VARCHAR) FROM incoming_clean WHERE {where} "
                       "ORDER BY _row LIMIT 20").fetchall()
    return Issue(code, int(count), [int(r) for r, _ in rows], [str(e) if e is not None else "" for _, e in rows[:5]],
                 blocking, data or {})


def _duplicates(cur, drop: bool) -> list[Issue]:
    """Rows that repeat an earlier row exactly (every column of the file), and among them what looks like a double
    export: a run of consecutive rows that all repeat earlier ones."""
    cur.execute("""CREATE OR REPLACE TEMP TABLE incoming_dups AS
                   SELECT h, min(_row) AS first_row, count(*) AS n FROM incoming_clean
                   GROUP BY h HAVING count(*) > 1""")
    n = cur.execute("SELECT coalesce(sum(n - 1), 0) FROM incoming_dups").fetchall()[0][0]
    if not n:
        return []
    rows = cur.execute("""SELECT c._row FROM incoming_clean c JOIN incoming_dups d USING (h) WHERE c._row > d.first_row
                          ORDER BY c._row LIMIT 20""").fetchall()
    out = [Issue("duplicate", int(n), [r for (r,) in rows], [], False,
                 {"dropped": drop, "variant": "dropped" if drop else "kept"})]
    blocks = cur.execute(f"""
        WITH d AS (SELECT c._row, c.h, d.first_row FROM incoming_clean c JOIN incoming_dups d USING (h)
                   WHERE c._row > d.first_row),
        r AS (SELECT *, _row - row_number() OVER (ORDER BY _row) AS run FROM d)
        SELECT min(_row), max(_row), count(*), min(first_row) FROM r GROUP BY run
        HAVING count(*) >= {BLOCK_ROWS} AND min(h) <> max(h) ORDER BY 1""").fetchall()
    if blocks:
        shown = "; ".join(f"{a}–{b} ({k:,})" for a, b, k, _ in blocks[:5])
        out.append(Issue("double_export", sum(k for _, _, k, _ in blocks), [a for a, *_ in blocks[:20]], [], False,
                         {"blocks": len(blocks), "where": shown, "first": min(f for *_, f in blocks)}))
    return out


def _orders(cur, mapping: dict) -> list[Issue]:
    """Order-level checks: a column that repeats the order's total on each line (summing it would count the order
    once per line), orders whose lines fall on different days, and an order exported twice with the same lines."""
    if "order_id" not in mapping:
        return []
    amounts = "amount" in mapping  # an order total can only be repeated by a column that is read, not computed
    cur.execute(f"""CREATE OR REPLACE TEMP TABLE incoming_orders AS
                    SELECT * EXCLUDE (t0, t1), t0::DATE AS d0, t1::DATE AS d1
                    FROM (SELECT order_id, count(*) AS n, min(_row) AS r0, max(_row) AS r1, min(ts) AS t0, max(ts) AS t1
                          {", min(amount) AS a0, max(amount) AS a1, min(h) <> max(h) AS mixed" if amounts else ""}
                          FROM incoming_clean WHERE order_id IS NOT NULL AND ts IS NOT NULL GROUP BY order_id)""")
    out = []
    if amounts:
        multi, same, example, lines = cur.execute(
            "SELECT count(*), count(*) FILTER (WHERE a0 = a1), arg_min(order_id, r0) FILTER (WHERE a0 = a1), "
            "max(n) FILTER (WHERE a0 = a1) FROM incoming_orders WHERE n > 1 AND mixed").fetchall()[0]
    if amounts and multi >= 3 and same >= TOTALS_SHARE * multi:
        out.append(Issue("order_total_repeated", int(same), [], [str(example)], True,
                         {"column": mapping["amount"], "orders": int(multi), "lines": int(lines)}))
    spread = cur.execute("SELECT count(*), list(order_id ORDER BY r0)[:3] FROM incoming_orders "
                         "WHERE d0 <> d1").fetchall()[0]
    if spread[0]:
        out.append(Issue("order_days", int(spread[0]), [], [str(x) for x in spread[1]], False))
    split = cur.execute("SELECT count(*) FROM incoming_orders WHERE r1 - r0 + 1 > n").fetchall()[0][0]
    twice = [] if not split else cur.execute("""
        WITH split AS (SELECT order_id FROM incoming_orders WHERE r1 - r0 + 1 > n),
        c AS (SELECT c.order_id, c._row, c.h FROM incoming_clean c SEMI JOIN split USING (order_id)),
        runs AS (SELECT order_id, _row - row_number() OVER (PARTITION BY order_id ORDER BY _row) AS run, _row, h
                 FROM c),
        sig AS (SELECT order_id, run, min(_row) AS r0, max(_row) AS r1, count(*) AS k, sum(h::HUGEINT) AS s
                FROM runs GROUP BY ALL),
        firsts AS (SELECT * FROM sig QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY r0) = 1)
        SELECT s.order_id, f.r0, f.r1, s.r0, s.r1, s.k FROM sig s JOIN firsts f USING (order_id)
        WHERE s.r0 > f.r0 AND s.k = f.k AND s.s = f.s ORDER BY s.r0""").fetchall()
    if twice:
        where = "; ".join(f"{o}: {a}–{b} = {c}–{d}" for o, a, b, c, d, _ in twice[:3])
        out.append(Issue("order_twice", len(twice), [c for *_, c, _, _ in twice[:20]], [str(o) for o, *_ in twice[:5]],
                         False, {"lines": sum(k for *_, k in twice), "where": where}))
    return out


def _products(cur, mapping: dict) -> list[Issue]:
    """A product column with many spellings of one product, or so many values that it looks like free text."""
    if "product" not in mapping:
        return []
    rows, distinct, variants, examples = cur.execute(r"""
        WITH n AS (SELECT product, lower(regexp_replace(strip_accents(product), '[\s\-_./·()（）]', '', 'g')) AS k
                   FROM incoming_clean WHERE product IS NOT NULL),
        d AS (SELECT k, count(DISTINCT product) AS spellings, list(DISTINCT product)[:3] AS ex FROM n GROUP BY k)
        SELECT (SELECT count(*) FROM n), (SELECT sum(spellings) FROM d), (SELECT count(*) FROM d WHERE spellings > 1),
               (SELECT list(ex) FROM (SELECT ex FROM d WHERE spellings > 1
                                      ORDER BY spellings DESC, k LIMIT 2))""").fetchall()[0]
    out = []
    if variants:
        shown = " / ".join(" = ".join(e) for e in examples)
        out.append(Issue("product_spellings", int(variants), [], [shown], False))
    if distinct and distinct > 5000 and distinct > 0.2 * rows:
        out.append(Issue("product_free_text", int(distinct), [], [], False, {"lines": int(rows)}))
    return out


def _report(cur, raw: Raw, mapping: dict, drop_duplicates: bool, date_order: str) -> tuple[Report, str]:
    """The validation report and the SQL condition of the rows to write."""
    order = slash_order(cur, "incoming_clean", ("date",), date_order) if \
        cur.execute(f"SELECT count(*) FROM incoming_clean WHERE flags & {BITS['slash_date']} <> 0"
                    ).fetchall()[0][0] else None
    ts = final_date("c.date", order, "v.ts")
    if order:  # the slash dates are readable now: those that still are not are bad dates
        cur.execute(f"UPDATE incoming_values v SET ts = {ts}, flags = flags & ~{BITS['slash_date']} | "
                    f"CASE WHEN {ts} IS NULL THEN {BITS['bad_date']} ELSE 0 END FROM (SELECT _row, date_text, "
                    f"date_format FROM incoming_clean WHERE flags & {BITS['slash_date']} <> 0) c WHERE v._row = c._row")
    issues = _duplicates(cur, drop_duplicates)
    issues += _orders(cur, mapping)
    by_flags = cur.execute("""SELECT flags, count(*), coalesce(sum(amount), 0)::DOUBLE FROM incoming_clean
                              GROUP BY flags""").fetchall()
    blocking = _bit(*BLOCKING, "slash_date")
    for code, (bit, example, is_blocking) in _CHECKS.items():
        mask = BITS[bit]
        where = f"flags & {mask} <> 0" + (f" AND flags & {BITS['not_sold'] | BITS['total_row']} = 0"
                                          if is_blocking else "")
        count = sum(n for f, n, _ in by_flags
                    if f & mask and not (is_blocking and f & (BITS["not_sold"] | BITS["total_row"])))
        if code == "masked_customer":
            named = sum(n for f, n, _ in by_flags if not f & BITS["blank_customer"])
            if count < 0.5 * max(named, 1):
                continue
        if count:
            data = {}
            if code in ("return", "refund", "not_sold", "partial_refund"):
                data["sum"] = sum(a for f, _, a in by_flags if f & mask)
            issues.append(_issue(cur, code, where, example, count, is_blocking, data))
    formats = dict(cur.execute(f"SELECT coalesce(date_format, '{ISO}'), count(*) FROM incoming_clean "
                               "WHERE ts IS NOT NULL GROUP BY 1").fetchall())
    formats = {k: int(formats[k]) for k in DATE_FORMATS if formats.get(k)}
    if len(formats) > 1:
        issues.append(Issue("mixed_dates", sum(formats.values()), blocking=False, data={"formats": formats}))
    issues += _products(cur, mapping)
    report = Report(raw.name, raw.format, raw.encoding, dict(mapping), sum(n for _, n, _ in by_flags),
                    date_formats=formats, issues=issues)
    dup = ("NOT EXISTS (SELECT 1 FROM incoming_dups d WHERE d.h = c.h AND c._row > d.first_row)"
           if drop_duplicates else "true")
    written = (f"flags & {blocking | BITS['total_row'] | BITS['blank_customer']} = 0 AND ts IS NOT NULL "
               f"AND amount IS NOT NULL AND {dup}")
    sale = f"{written} AND flags & {BITS['not_sold']} = 0"
    source = "incoming_clean c" if drop_duplicates else "incoming_values c"  # the values alone are enough
    report.valid_rows, sales, first, last, report.total_amount, report.file_amount = cur.execute(f"""
        SELECT count(*) FILTER (WHERE {written}), count(*) FILTER (WHERE {sale}), min(ts) FILTER (WHERE {sale}),
               max(ts) FILTER (WHERE {sale}), coalesce(sum(amount) FILTER (WHERE {sale}), 0)::DOUBLE,
               coalesce(sum(file_amount) FILTER (WHERE flags & {BITS['total_row']} = 0), 0)::DOUBLE
        FROM {source}""").fetchall()[0]
    # distinct customers and orders: one count when every row is a sale to write (the usual case), two otherwise
    everything = sales == report.rows
    report.file_customers, report.customers, report.orders = cur.execute(f"""
        SELECT count(DISTINCT customer_id) FILTER (WHERE flags & {BITS['total_row']} = 0),
               {'NULL' if everything else f'count(DISTINCT customer_id) FILTER (WHERE {sale})'},
               {'NULL' if everything or 'order_id' not in mapping
                else f'count(DISTINCT order_id) FILTER (WHERE {sale})'}
        FROM incoming_clean c""").fetchall()[0]
    if everything:
        report.customers = report.file_customers
        report.orders = (cur.execute("SELECT count(*) FROM incoming_orders").fetchall()[0][0]
                         if "order_id" in mapping else 0)
    report.orders = report.orders or 0
    optional = [f for f in ("order_id", "product", "category", "store", "channel") if f in mapping]
    if optional and report.rows:
        blanks = cur.execute("SELECT " + ", ".join(f"count(*) FILTER (WHERE {f} IS NULL)" for f in optional) +
                             f" FROM incoming_clean WHERE flags & {BITS['total_row']} = 0").fetchall()[0]
        for f, n in zip(optional, blanks, strict=True):
            if n and n >= 0.9 * report.rows:
                report.issues.append(Issue("mostly_blank", int(n), [], [], False,
                                           {"field": f, "column": mapping[f], "rows_total": report.rows}))
    report.first_day = first.date().isoformat() if first else None
    report.last_day = last.date().isoformat() if last else None
    return report, written


def check_transactions(con, raw: Raw, mapping: dict | None = None, *, drop_duplicates: bool = False,
                       date_order: str = "auto") -> Report:
    """The validation report of a file, without writing anything."""
    mapping = auto_map(raw.columns) if mapping is None else mapping
    cur = con.cursor()
    try:
        _clean(cur, raw, mapping)
        return _report(cur, raw, mapping, drop_duplicates, date_order)[0]
    finally:
        _drop(cur)


def blocked(report: Report) -> InputError:
    """The error for a report with blocking problems: each problem with its count and first rows."""
    en = [i.text("en") for i in report.issues if i.blocking]
    zh = [i.text("zh") for i in report.issues if i.blocking]
    return InputError(
        f"Nothing was imported from '{report.source}': " + "; ".join(en) + ". Fix these rows and import again, "
        "or import only the good rows (--skip-bad-rows).",
        f"「{report.source}」未导入任何数据：" + "；".join(zh) + "。请修正这些行后重新导入，"
        "或只导入正确的行（--skip-bad-rows）。",
        field="file")


_FILE_WIDE = ("masked_customer", "order_total_repeated")  # skipping rows cannot cure these


def import_transactions(con, raw: Raw, mapping: dict | None = None, *, replace: bool = True,
                        skip_bad_rows: bool = False, drop_duplicates: bool = False, date_order: str = "auto",
                        progress=None) -> Report:
    """Check and write the log in one transaction: all rows or none. ``replace`` drops the earlier log."""
    mapping = auto_map(raw.columns) if mapping is None else mapping
    tick = progress or (lambda x: None)

    def go(cur):
        _clean(cur, raw, mapping)
        tick(0.6)
        report, written = _report(cur, raw, mapping, drop_duplicates, date_order)
        wide = [i for i in report.issues if i.blocking and i.code in _FILE_WIDE]
        if wide or (not report.ok and not skip_bad_rows):
            raise blocked(report if not wide else Report(**{**report.__dict__, "issues": wide}))
        if report.valid_rows == 0:
            raise InputError(f"'{raw.name}' has no valid rows to import.", f"「{raw.name}」没有可导入的有效行。",
                             field="file")
        report.imported = True
        import_id = cur.execute("INSERT INTO imports (kind, source, rows, report, created) VALUES (?, ?, ?, ?, ?) "
                                "RETURNING id", ["transactions", raw.name, report.valid_rows,
                                                 json.dumps(report.to_dict(), ensure_ascii=False),
                                                 _now()]).fetchall()[0][0]
        if replace:
            cur.execute("DELETE FROM transactions")
        spread = any(i.code == "order_days" for i in report.issues)
        day = "coalesce(o.d0, CAST(c.ts AS DATE))" if spread else "CAST(c.ts AS DATE)"
        join = ("LEFT JOIN (SELECT order_id, d0 FROM incoming_orders WHERE d0 <> d1) o USING (order_id)"
                if spread else "")
        cur.execute(f"""INSERT INTO transactions (customer_id, ts, day, amount, order_id, discount, store, import_id,
                                                  product, category, quantity, list_amount, channel, status)
                        SELECT c.customer_id, c.ts, {day}, c.amount, c.order_id, c.discount, c.store, ?, c.product,
                               c.category, c.quantity, c.list_total, c.channel, c.status
                        FROM incoming_clean c {join} WHERE {written}""", [import_id])
        _drop(cur)
        tick(0.95)
        return report

    report = write(con, go)
    tick(1.0)
    return report


def transaction_summary(con) -> dict:
    """Sales in the log (refunded, cancelled and unpaid orders left out): rows, customers, first and last day,
    total; ``lines`` counts every row kept, those included."""
    rows, customers, first, last, total, lines = con.cursor().execute(
        "SELECT count(*) FILTER (WHERE status IS NULL), count(DISTINCT customer_id) FILTER (WHERE status IS NULL), "
        "min(day), max(day), coalesce(sum(amount) FILTER (WHERE status IS NULL), 0)::DOUBLE, count(*) "
        "FROM transactions").fetchall()[0]
    return {"rows": int(rows), "customers": int(customers), "first_day": first, "last_day": last, "total": total,
            "lines": int(lines)}


__all__ = ["check_transactions", "import_transactions", "blocked", "transaction_summary"]
