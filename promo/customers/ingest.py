"""Read a user's file (CSV/TSV, Excel .xlsx, Parquet) as text columns and map its headers to our fields.

Everything is read as text so that ids like 000123 keep their zeros and the store can report each
unreadable date or amount with its row number. A CSV on disk is not read here at all: ``Raw`` says how
DuckDB's parallel reader is to scan it (delimiter, lines above the header), and the store scans it once
while checking (3–4× faster than reading it into Python first). GBK files and uploads become a UTF-8 file in
the temporary folder first. Nothing here touches the database: ``store.check_transactions`` validates and
``store.import_transactions`` writes.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
import weakref
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputError, unknown
from . import encodings, limits as lim
from .headers import (AMOUNT_FROM, KNOWN, ORDER_TOTALS, RESPONSE_FIELDS, TARGET_FIELDS, TRANSACTION_FIELDS,
                      norm)
from .limits import UPLOAD, Limits

# the page's upload sizes (promo/customers/limits.py has every limit, and the command line's): CSV/TSV/Parquet
# 500 MB, about 10 million rows; Excel is read cell by cell: 30 MB, at most 100,000 rows and 1,000,000 cells
MAX_BYTES, MAX_EXCEL_BYTES = UPLOAD.file_bytes, UPLOAD.excel_bytes
ROW_OFFSET = 2  # row numbers as a spreadsheet shows them: the header is row 1
HEADER_SEARCH = 10  # report exports (美团管家) put a title and a filter line above the header
_BLOCK = 4 * 2**20  # bytes per block when checking or converting the encoding
_DELIMITERS = (",", "\t", ";", "|")


@dataclass(frozen=True, eq=False)
class Raw:
    """A file read as text: its headers, and either an Arrow ``table`` (text columns ``c0…cN``) or the ``path`` of a
    UTF-8 CSV or a Parquet file that the store scans with DuckDB."""

    name: str
    format: str  # csv, tsv, xlsx, parquet, frame
    encoding: str | None
    columns: tuple[str, ...]
    table: object = None  # pyarrow.Table (text columns c0…cN) for xlsx and frames
    path: str | None = None
    delimiter: str = ","
    skip: int = 0  # lines above the header (report titles)
    known_rows: int | None = None  # None for a CSV: counted when the store scans it

    @property
    def rows(self) -> int | None:
        return self.table.num_rows if self.table is not None else self.known_rows

    @property
    def first_row(self) -> int:
        """Spreadsheet row number of the first data row (the header is row 1 unless there are title rows)."""
        return ROW_OFFSET + self.skip

    def row_sql(self, cur, table: str) -> str:
        """The spreadsheet row of each row of ``table``, a table created from ``scan`` in file order: its ``rowid``
        counted from the first (row ids inside a transaction start at 2^55, not 0)."""
        base = cur.execute(f"SELECT coalesce(min(rowid), 0) FROM {table}").fetchall()[0][0]
        return f"(rowid - {int(base)} + {self.first_row})"

    def scan(self, cur, name: str = "src") -> tuple[str, dict]:
        """SQL of a relation with text columns ``c0…cN`` in file order, and its parameters (the path is bound).

        It has no row numbers: numbering rows (a window) would make DuckDB read the file on one thread. A table
        created from it keeps the file's order, so there ``row_sql`` gives the spreadsheet row.
        """
        if self.table is not None:
            cur.register(f"{name}_table", self.table)
            return f"SELECT * FROM {name}_table", {}
        if self.format == "parquet":
            cols = ", ".join(f"CAST(#{i + 1} AS VARCHAR) AS c{i}" for i in range(len(self.columns)))
            return f"SELECT {cols} FROM read_parquet($path)", {"path": self.path}
        cols = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(self.columns))) + "}"
        delim = {",": ",", "\t": "\\t", ";": ";", "|": "|"}[self.delimiter]
        return (f"SELECT * FROM read_csv($path, auto_detect = false, header = true, skip = {int(self.skip)}, "
                f"delim = E'{delim}', quote = '\"', escape = '\"', columns = {cols}, ignore_errors = true, "
                f"store_rejects = true, rejects_table = '{name}_rejects', rejects_scan = '{name}_scans')"), \
            {"path": self.path}

    def read(self, cur, sql: str, params: dict) -> None:
        """Run ``sql`` over ``scan``: data the file's footer promised but DuckDB cannot read (a damaged Parquet page,
        a value too long for a line) is an InputError naming the file, never a traceback."""
        import duckdb

        try:
            cur.execute(sql, params)
        except (duckdb.InvalidInputException, duckdb.IOException, duckdb.ConversionException) as e:
            why = str(e).splitlines()[0][:160].replace(str(self.path), self.name)  # not the server's temporary copy
            raise _not_a_table(self.name, f"part of its data cannot be read ({why}).",
                               f"其中部分数据无法读取（{why}）。") from None

    def check_rejects(self, cur, name: str = "src") -> None:
        """After a scan of a CSV: an InputError naming the lines that do not have as many fields as the header."""
        if self.table is not None or self.format == "parquet":
            return
        n, line, text = cur.execute(f"SELECT count(*), min(line), arg_min(csv_line, line) "
                                    f"FROM {name}_rejects").fetchall()[0]
        cur.execute(f"DROP TABLE IF EXISTS {name}_rejects")
        cur.execute(f"DROP TABLE IF EXISTS {name}_scans")
        if n:
            raise _not_a_table(self.name, f"{n:,} line(s) do not have {len(self.columns)} fields like the header, e.g. "
                                          f"line {line}: '{str(text)[:80]}'.",
                               f"有 {n:,} 行的列数与表头（{len(self.columns)} 列）不同，"
                               f"例如第 {line} 行：「{str(text)[:80]}」。")

    def index(self, column: str) -> int:
        return self.columns.index(column)


@dataclass
class Issue:
    """One kind of problem found before writing: how many rows, which (first 20), a few example values."""

    code: str
    count: int
    rows: list = field(default_factory=list)
    examples: list = field(default_factory=list)
    blocking: bool = True
    data: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from ..i18n import t

        rows = ", ".join(str(r) for r in self.rows[:10]) + (" …" if self.count > 10 else "")
        data = dict(self.data)
        if "formats" in data:
            data["formats"] = ", ".join(f"{k} ({v:,})" for k, v in data["formats"].items())
        variant = f".{data.pop('variant')}" if "variant" in data else ""
        return t(f"data.issue.{self.code}{variant}", lang, count=self.count, rows=rows,
                 examples=", ".join(str(e) for e in self.examples[:3]), **data)


@dataclass
class Report:
    """What a file holds, what will be written, and what is wrong with it; ``ok`` when nothing blocks the import.

    ``file_*`` are the file's own totals (every row, every readable amount); ``valid_rows``, ``total_amount``
    (sales: returns netted, refunded/cancelled/unpaid orders left out) and ``customers`` are what is written.
    """

    source: str
    format: str
    encoding: str | None
    mapping: dict
    rows: int
    valid_rows: int = 0
    customers: int = 0
    first_day: str | None = None
    last_day: str | None = None
    total_amount: float = 0.0
    file_amount: float = 0.0
    file_customers: int = 0
    orders: int = 0
    date_formats: dict = field(default_factory=dict)
    issues: list = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not any(i.blocking for i in self.issues)

    def issue(self, code: str) -> Issue | None:
        return next((i for i in self.issues if i.code == code), None)

    def to_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}

    def totals(self) -> list[tuple[str, float, float]]:
        """(what, in the file, to be written) for rows, revenue and customers: the report's side-by-side table."""
        return [("rows", self.rows, self.valid_rows), ("revenue", self.file_amount, self.total_amount),
                ("customers", self.file_customers, self.customers)]

    def text(self, lang: str = "en") -> str:
        """The report as lines to show: what was read, file versus written totals, the mapping, then each problem
        (✗ blocks, ! informs)."""
        from ..i18n import t

        shown = {**self.to_dict(), "encoding": self.encoding or "–", "first_day": self.first_day or "–",
                 "last_day": self.last_day or "–"}
        lines = [t("data.report", lang, **shown), t("data.report.totals", lang, **shown),
                 t("data.mapping", lang, mapping=", ".join(f"{k} ← {v}" for k, v in self.mapping.items()))]
        return "\n".join(lines + [("✗ " if i.blocking else "! ") + i.text(lang) for i in self.issues])


def limits_text(lang: str = "en", limits: Limits = UPLOAD) -> str:
    """The size limits in a sentence, to show next to an upload box or in --help."""
    from ..i18n import t

    return t("data.limits", lang, csv_mb=limits.file_bytes // 2**20, excel_mb=limits.excel_bytes // 2**20,
             rows=limits.rows, excel_rows=limits.excel_rows, excel_cells=limits.excel_cells)


def _progress(progress, x: float) -> None:
    if progress is not None:
        progress(min(max(float(x), 0.0), 1.0))


def _name_and_bytes(source, name: str | None) -> tuple[str, bytes | None, str | None]:
    """(display name, bytes or None, path or None) of a path, bytes or an uploaded file object."""
    if isinstance(source, (str, Path)):
        path = str(source)
        if not os.path.isfile(path):
            raise InputError(f"File not found: {path}.", f"找不到文件：{path}。", field="file")
        return name or os.path.basename(path), None, path
    if isinstance(source, (bytes, bytearray)):
        return name or "upload", bytes(source), None
    data = source.getvalue() if hasattr(source, "getvalue") else source.read()
    return name or getattr(source, "name", "upload"), bytes(data), None


def _head(path: str, n: int) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def _empty(name: str) -> InputError:
    return InputError(f"'{name}' is empty: there is nothing to import.", f"「{name}」是空文件，没有可导入的内容。",
                      field="file")


def _no_rows(name: str) -> InputError:
    return InputError(f"'{name}' has a header row but no data rows.", f"「{name}」只有表头，没有数据行。", field="file")


def _not_a_table(name: str, why_en: str, why_zh: str) -> InputError:
    return InputError(
        f"'{name}' is not a table: {why_en} Save it from Excel as CSV (UTF-8) or .xlsx with one header row.",
        f"「{name}」不是表格：{why_zh}请在 Excel 中另存为 CSV（UTF-8）或 .xlsx，第一行为表头。", field="file")


def detect_encoding(head: bytes) -> str | None:
    """UTF-8 (with or without BOM), GB18030 (covers GBK) or None when the bytes are not text."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in head:
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        return None


def _blocks(data: bytes | None, path: str | None):
    if data is not None:
        for i in range(0, len(data), _BLOCK):
            yield data[i:i + _BLOCK]
        return
    with open(path, "rb") as f:
        while block := f.read(_BLOCK):
            yield block


def _text_facts(data: bytes | None, path: str | None) -> tuple[bool, int]:
    """(the whole file decodes as UTF-8, its number of line breaks), in one pass. A file can be ASCII at the top and
    GBK further down; the line breaks bound the rows from above (a quoted cell may hold one), so the row limit is
    checked without parsing the file (0x0A is never part of a GBK character)."""
    dec = codecs.getincrementaldecoder("utf-8")()
    utf8, breaks = True, 0
    for block in _blocks(data, path):
        breaks += block.count(b"\n")
        if utf8:
            try:
                dec.decode(block)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return utf8, breaks


def _temp_copy(data: bytes | None, path: str | None, encoding: str) -> str:
    """The text as a UTF-8 file in the temporary folder (an upload, or a GBK file), so DuckDB can scan it."""
    fd, tmp = tempfile.mkstemp(prefix="promo-import-", suffix=".csv")
    dec = codecs.getincrementaldecoder(encoding)()
    try:
        with os.fdopen(fd, "wb") as out:
            for block in _blocks(data, path):
                out.write(dec.decode(block).encode("utf-8"))
            out.write(dec.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError as e:
        os.unlink(tmp)
        raise e
    return tmp


def header_row(rows: list[list[str]]) -> int:
    """Index of the header among the first rows: the first that names two of our fields (report exports put a
    title and a filter line above it), else the first row."""
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        if sum(norm(c) in KNOWN for c in row) >= 2:
            return i
    return 0


def _unique(names) -> tuple[str, ...]:
    """Headers trimmed; a repeated one (有赞 exports 分销员 twice) gets ' (2)', ' (3)' …"""
    out, seen = [], {}
    for n in names:
        n = str(n if n is not None else "").strip().lstrip("\ufeff")
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return tuple(out)


def _csv_layout(name: str, text: str) -> tuple[str, int, tuple[str, ...]]:
    """(delimiter, lines above the header, headers) from the first lines of a text file."""
    lines = text.splitlines()[:HEADER_SEARCH + 1]
    best = None
    for i, line in enumerate(lines[:HEADER_SEARCH]):
        for d in _DELIMITERS:
            cells = next(csv.reader([line], delimiter=d), [])
            if len(cells) > 1 and sum(norm(c) in KNOWN for c in cells) >= 2:
                best = best or (d, i, cells)
    if best is None:
        header = lines[0] if lines else ""
        counts = {d: header.count(d) for d in _DELIMITERS}
        d = max(counts, key=counts.get)
        if not counts[d]:
            raise _not_a_table(name, f"the first line ('{header[:60]}') has no commas or tabs between columns.",
                               f"第一行（「{header[:60]}」）没有用逗号或制表符分隔的列。")
        best = (d, 0, next(csv.reader([header], delimiter=d)))
    return best[0], best[1], _unique(best[2])


def _read_csv(name: str, data: bytes | None, path: str | None, size: int, allow_empty: bool, limits: Limits) -> Raw:
    head = data[:65536] if data is not None else _head(path, 65536)
    if not head.strip(b" \r\n\t\xef\xbb\xbf"):
        raise _empty(name)
    encoding = detect_encoding(head)
    if encoding is None:
        if b"\x00" not in head:  # UTF-8 and GBK lines side by side decode as neither: say so, with line numbers
            encodings.check_single_encoding(name, data, path)
        raise _not_a_table(name, "it is not text in UTF-8 or GBK (a picture, PDF or old .xls?).",
                           "它不是 UTF-8 或 GBK 文本（图片、PDF 或旧版 .xls？）。")
    utf8, breaks = _text_facts(data, path)
    if not utf8:
        encoding = "gb18030"  # GBK, or plain ASCII at the top and GBK further down
        encodings.check_single_encoding(name, data, path)  # UTF-8 Chinese lines among GBK ones: refused
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    delim, skip, columns = _csv_layout(name, text)
    lim.check_columns(name, len(columns), limits)
    body = text.splitlines()[skip + 1:]
    if size <= len(head) and not any(ln.strip() for ln in body) and not allow_empty:
        raise _no_rows(name)
    source = path
    if data is not None or encoding == "gb18030":
        try:
            source = _temp_copy(data, path, encoding)
        except UnicodeDecodeError as e:
            raise _not_a_table(name, f"it is neither UTF-8 nor GBK text ({e.reason} at byte {e.start:,}).",
                               f"它既不是 UTF-8 也不是 GBK 文本（第 {e.start:,} 字节）。") from None
    raw = Raw(name, "tsv" if delim == "\t" else "csv", encoding, columns, path=source, delimiter=delim, skip=skip)
    if source != path:
        weakref.finalize(raw, os.unlink, source)
    if breaks - skip > limits.rows:  # more line breaks than rows allowed: count the rows themselves
        lim.check_rows(name, _count_rows(raw), limits)
    return raw


def _count_rows(raw: Raw) -> int:
    """The rows of a CSV as the import will scan them (quoted line breaks included), by DuckDB in memory."""
    import duckdb

    with duckdb.connect() as con:
        src, params = raw.scan(con)
        return con.execute(f"SELECT count(*) FROM ({src})", params).fetchall()[0][0]


def _as_text(table):
    import pyarrow as pa
    import pyarrow.compute as pc

    cols = [c if pa.types.is_string(c.type) else pc.cast(c, pa.string()) for c in table.columns]
    return pa.table(cols, names=[f"c{i}" for i in range(len(cols))])


def _read_excel(name: str, data: bytes | None, path: str | None, limits: Limits) -> Raw:
    """The first sheet, once its zip directory and cell references are within ``limits`` (``limits.check_xlsx``)."""
    import pandas as pd
    import pyarrow as pa

    lim.check_xlsx(io.BytesIO(data) if data is not None else path, name, limits)
    try:
        df = pd.read_excel(io.BytesIO(data) if data is not None else path, dtype=str, sheet_name=0, header=None,
                           keep_default_na=False, na_values=[])  # "NA", "NULL", "nan" stay text
    except Exception as e:  # a zip that is not a workbook, a broken workbook
        raise _not_a_table(name, f"it could not be read as an Excel workbook ({e}).",
                           f"无法作为 Excel 工作簿读取（{e}）。") from None
    if df.empty:
        raise _empty(name)
    rows = df.head(HEADER_SEARCH).fillna("").astype(str).values.tolist()
    at = header_row(rows)
    columns = _unique(rows[at])
    body = df.iloc[at + 1:]
    table = _as_text(pa.Table.from_pandas(body, preserve_index=False))
    return Raw(name, "xlsx", None, columns, table=table, skip=at)


def _read_parquet(name: str, data: bytes | None, path: str | None, limits: Limits) -> Raw:
    """Rows, columns, types and the size of the data from the footer, before DuckDB scans it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = path
    if data is not None:
        fd, source = tempfile.mkstemp(prefix="promo-import-", suffix=".parquet")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    try:
        try:
            meta = pq.ParquetFile(source).metadata
        except (pa.ArrowException, OSError) as e:
            why = str(e).splitlines()[0][:160]
            raise _not_a_table(name, f"it is a damaged or truncated Parquet file ({why}).",
                               f"它是损坏或不完整的 Parquet 文件（{why}）。") from None
        lim.check_parquet(meta, name, limits)
        lim.check_decoded(name, sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)), limits)
    except InputError:
        if source != path:
            os.unlink(source)
        raise
    raw = Raw(name, "parquet", None, _unique(meta.schema.to_arrow_schema().names), path=source,
              known_rows=meta.num_rows)
    if source != path:
        weakref.finalize(raw, os.unlink, source)
    return raw


def read_table(source, name: str | None = None, progress=None, allow_empty: bool = False,
               limits: Limits | None = None) -> Raw:
    """Read ``source`` (path, bytes or uploaded file) as text columns; the format is found from the content.

    ``allow_empty`` accepts a header without rows (a campaign nobody answered). ``limits``: the page's
    (``limits.UPLOAD``, the default) or the command line's (``limits.COMMAND_LINE``), checked from the file's
    metadata before reading.
    """
    limits = limits or lim.UPLOAD
    name, data, path = _name_and_bytes(source, name)
    size = len(data) if data is not None else os.path.getsize(path)
    head = data[:8] if data is not None else _head(path, 8)
    if size == 0:
        raise _empty(name)
    _progress(progress, 0.0)
    if head.startswith(b"PK\x03\x04"):
        lim.check_size(name, size, True, limits)
        raw = _read_excel(name, data, path, limits)
    elif head.startswith(b"PAR1"):
        lim.check_size(name, size, False, limits)
        raw = _read_parquet(name, data, path, limits)
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _not_a_table(name, "it is an old Excel .xls file.", "这是旧版 Excel .xls 文件。")
    else:
        lim.check_size(name, size, False, limits)
        raw = _read_csv(name, data, path, size, allow_empty, limits)
    _progress(progress, 0.4)
    if len(raw.columns) < 2:
        raise _not_a_table(name, "it has only one column.", "它只有一列。")
    if raw.rows == 0 and not allow_empty:
        raise _no_rows(name)
    return raw


def from_frame(df, name: str = "data") -> Raw:
    """A DataFrame (generated data, a page's edited table) as if read from a file: every column as text."""
    import pyarrow as pa

    table = _as_text(pa.Table.from_pandas(df, preserve_index=False))
    return Raw(name, "frame", None, _unique(df.columns), table=table)


# --- mapping --------------------------------------------------------------------------------------

def auto_map(columns, fields: dict = TRANSACTION_FIELDS, overrides: dict | None = None) -> dict:
    """Field → column, from the synonyms, then the user's ``overrides``; each column used at most once.

    An order total (``ORDER_TOTALS``: 订单金额 …) is not taken as the amount when the file has line prices: the
    amount is then computed per line (list amount or unit price × quantity, minus the discount).
    """
    overrides = dict(overrides or {})
    for f, col in overrides.items():
        if f not in fields:
            raise unknown("field", "字段", f, list(fields), field="map")
        if col not in columns:
            raise unknown("column", "列", col, list(columns), field="map")
    by_norm = {}
    for c in columns:
        by_norm.setdefault(norm(c), c)
    mapping, used, via = {}, set(overrides.values()), {}
    for f, (_req, _zh, _en, synonyms) in fields.items():
        if f in overrides:
            mapping[f] = overrides[f]
            continue
        for s in synonyms:
            col = by_norm.get(s)
            if col is not None and col not in used:
                mapping[f], via[f] = col, s
                used.add(col)
                break
    if via.get("amount") in ORDER_TOTALS and any(f in mapping for f in AMOUNT_FROM):
        del mapping["amount"]
    return mapping


def require(mapping: dict, columns, fields: dict = TRANSACTION_FIELDS, name: str = "file") -> None:
    """InputError naming every required field that has no column, the columns found and how to map them."""
    computed = fields is TRANSACTION_FIELDS and any(f in mapping for f in AMOUNT_FROM)
    missing = [f for f, spec in fields.items() if spec[0] and f not in mapping and not (f == "amount" and computed)]
    if not missing:
        return
    cols = ", ".join(str(c) for c in columns)
    en = ", ".join(f"{f} ({fields[f][2]})" for f in missing)
    zh = "、".join(f"{fields[f][1]}（{f}）" for f in missing)
    extra_en = extra_zh = ""
    if "amount" in missing:
        extra_en = (" The amount can also be computed from a unit price (× quantity) or a list amount, "
                    "minus the discount.")
        extra_zh = "金额也可由单价（× 数量）或原价金额减去优惠算出。"
    if "customer_id" in missing:
        extra_en += (" Platform exports without a buyer column (抖店 and 拼多多 encrypt or leave out the buyer) cannot "
                     "be used for customer analysis.")
        extra_zh += "没有买家列的平台导出（抖店、拼多多会加密或不导出买家）无法做客户分析。"
    raise InputError(
        f"'{name}' is missing required column(s): {en}. Columns found: {cols}. Rename the header, or map it, "
        f"e.g. --map {missing[0]}=<column>.{extra_en}",
        f"「{name}」缺少必需的列：{zh}。文件中的列：{cols}。请修改表头，或指定对应关系，"
        f"例如 --map {missing[0]}=<列名>。{extra_zh}",
        field="mapping")


def _trim(col: str) -> str:
    """Spaces trimmed by the fast plain ``trim``; tabs and full-width spaces where a cell starts with one (抖店 writes
    ids as ``"\\t6921…"``; a character-set ``trim`` on every cell costs twice as much)."""
    return f"CASE WHEN ord({col}) = 9 OR ord({col}) = 12288 THEN trim({col}, E' \\t\\r\\n\u3000') ELSE trim({col}) END"


def select_sql(raw: Raw, mapping: dict, fields: dict, source: str = "src", keep: tuple = ()) -> str:
    """SQL giving the mapped columns of ``source`` trimmed (tabs and full-width spaces too: 抖店 writes
    ids as ``"\\t6921…"``), empty as NULL, named after our fields (absent optional ones as NULL), and ``keep``."""
    require(mapping, raw.columns, fields, raw.name)
    cols = [f'nullif({_trim(f"c{raw.index(mapping[f])}")}, \'\') AS "{f}"' if f in mapping
            else f'NULL::VARCHAR AS "{f}"' for f in fields]
    return f"SELECT {', '.join([*cols, *keep])} FROM {source}"


__all__ = ["Raw", "Issue", "Report", "limits_text", "detect_encoding", "header_row", "read_table", "from_frame",
           "auto_map", "require", "select_sql", "norm", "TRANSACTION_FIELDS", "TARGET_FIELDS", "RESPONSE_FIELDS",
           "MAX_BYTES", "MAX_EXCEL_BYTES"]
