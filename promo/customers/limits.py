"""How much of a user's file is read, decided from the file's own metadata before reading it.

A 5 KB .xlsx with one cell at XFD1048576 makes pandas pad 17 billion cells, a 1.8 MB Parquet file can hold
200 million rows, and an .xlsx is a zip whose parts may unpack to gigabytes: the compressed size says nothing.
So an Excel file is judged by its zip directory (unpacked sizes) and its first sheet's cells (the ``<dimension>``
it declares, then every row and cell reference, which a forged dimension cannot hide); a Parquet file by its
footer (rows, columns, types); a CSV file is streamed and counted. The web page (a server shared by every
visitor) reads less than the command line on the owner's own machine; every refusal says the limit and, from the
page, how to import a larger file with the command line.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from ..errors import InputError

MB = 2**20


@dataclass(frozen=True)
class Limits:
    name: str  # "upload" or "command line": which limits, said in messages
    file_bytes: int  # CSV/TSV/Parquet file size
    excel_bytes: int  # .xlsx file size (compressed)
    unzipped_bytes: int  # .xlsx: all parts unpacked
    excel_rows: int
    excel_cells: int  # rows × columns of the first sheet: Excel is read cell by cell (about 40,000 cells a second)
    rows: int  # any format
    columns: int
    decoded_bytes: int  # Parquet: the table in memory as text


UPLOAD = Limits("upload", file_bytes=500 * MB, excel_bytes=30 * MB, unzipped_bytes=300 * MB, excel_rows=100_000,
                excel_cells=1_000_000, rows=20_000_000, columns=500, decoded_bytes=3 * 2**30)
COMMAND_LINE = Limits("command line", file_bytes=5 * 2**30, excel_bytes=200 * MB, unzipped_bytes=2 * 2**30,
                      excel_rows=1_048_576, excel_cells=30_000_000, rows=100_000_000, columns=2_000,
                      decoded_bytes=16 * 2**30)
_CLI = "python -m promo import-transactions FILE"
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_CHUNK = MB
MAX_TAG = 8 * MB  # no sheet needs a longer tag; a longer one could hide a cell reference between chunks
MAX_PARTS = 10_000


def _larger(limits: Limits) -> tuple[str, str]:
    """What to do instead: from the page, the command line; on the command line, split the file."""
    if limits.name == UPLOAD.name:
        return (f"Import larger files with the command line on the computer that holds the database: {_CLI} "
                "(see the README, Customer data)",
                f"更大的文件请在存放数据库的电脑上用命令行导入：{_CLI}（见 README「客户数据」）")
    return ("Split the file (for example by year) and import the parts with --append",
            "请拆分文件（例如按年份）并用 --append 分批导入")


def refuse(name: str, limits: Limits, what_en: str, what_zh: str) -> InputError:
    """'name' is too large: what (the limit in the sentence), and how to import it anyway."""
    how_en, how_zh = _larger(limits)
    return InputError(f"'{name}' is too large to import here: {what_en}. {how_en}.",
                      f"「{name}」太大，无法在此导入：{what_zh}。{how_zh}。", field="file")


def check_size(name: str, size: int, excel: bool, limits: Limits) -> None:
    limit = limits.excel_bytes if excel else limits.file_bytes
    if size > limit:
        kind = "Excel" if excel else "CSV/TSV/Parquet"
        raise refuse(name, limits,
                     f"the file is {size / MB:,.1f} MB and {kind} files may be at most {limit / MB:,.0f} MB",
                     f"文件大小 {size / MB:,.1f} MB，{kind} 文件最大 {limit / MB:,.0f} MB")


def check_rows(name: str, rows: int, limits: Limits) -> None:
    if rows > limits.rows:
        raise refuse(name, limits, f"it has {rows:,} rows and at most {limits.rows:,} can be imported at once",
                     f"它有 {rows:,} 行，一次最多导入 {limits.rows:,} 行")


def check_columns(name: str, columns: int, limits: Limits) -> None:
    if columns > limits.columns:
        raise refuse(name, limits, f"it has {columns:,} columns and at most {limits.columns:,} can be read",
                     f"它有 {columns:,} 列，最多只能读取 {limits.columns:,} 列")


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _first_sheet(zf: zipfile.ZipFile) -> str:
    """The part pandas reads as sheet 0: the workbook's first <sheet>, through the workbook's relationships."""
    names = set(zf.namelist())
    try:
        workbook = zf.open("xl/workbook.xml").read(_CHUNK)
        rid = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\b\w+:id=\"([^\"]+)\"", workbook).group(1)
        rels = zf.open("xl/_rels/workbook.xml.rels").read(_CHUNK)
        rel = next(m for m in re.finditer(rb"<(?:\w+:)?Relationship\b[^>]*>", rels)
                   if b'Id="' + rid + b'"' in m.group())
        target = re.search(rb"Target=\"([^\"]+)\"", rel.group()).group(1).decode()
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if part in names:
            return part
    except (KeyError, AttributeError, StopIteration, zipfile.BadZipFile, OSError):
        pass
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if not sheets:
        raise zipfile.BadZipFile("it has no worksheet")
    return sheets[0]


def _sheet_extent(zf: zipfile.ZipFile, part: str, name: str, limits: Limits) -> tuple[int, int]:
    """(rows, columns) the sheet's cells reach: the declared dimension first, then every reference, streamed."""
    rows = cols = tags = 0
    tail = b""
    with zf.open(part) as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            text = tail + chunk
            if not rows and not cols:
                dim = _DIMENSION.search(text)
                if dim:
                    last_col, last_row = (dim.group(3), dim.group(4)) if dim.group(3) else (dim.group(1), dim.group(2))
                    _excel_cells(name, int(last_row), _column_number(last_col), limits, declared=True)
            cut = text.rfind(b"<")  # a tag cut at the chunk's end is read with the next chunk
            if cut == 0:  # one tag longer than a chunk: read on, within reason
                if len(text) > MAX_TAG:
                    raise InputError(f"'{name}' is not a workbook this app can read: its first sheet holds an XML tag "
                                     f"longer than {MAX_TAG // MB} MB.", f"「{name}」不是本应用能读取的工作簿：其第一个"
                                     f"工作表中有超过 {MAX_TAG // MB} MB 的 XML 标签。", field="file")
                tail = text
                continue
            body, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            rows = max([rows, *(int(r) for r in _ROW.findall(body))])
            cols = max([cols, *(_column_number(c) for c, _r in _CELL.findall(body))])
            tags += len(_ROW_TAG.findall(body))
            _excel_cells(name, max(rows, tags), cols, limits)
    return max(rows, tags), cols


def _excel_cells(name: str, rows: int, cols: int, limits: Limits, declared: bool = False) -> None:
    """Refuse a sheet beyond the Excel limits; while streaming, the final count is not known (yet)."""
    if rows <= limits.excel_rows and rows * cols <= limits.excel_cells:
        return
    if declared:
        en, zh = f"declares {rows:,} rows × {cols:,} columns", f"声明有 {rows:,} 行 × {cols:,} 列"
    elif rows > limits.excel_rows:
        en, zh = f"has more than {limits.excel_rows:,} rows", f"超过 {limits.excel_rows:,} 行"
    else:
        en, zh = f"has more than {limits.excel_cells:,} cells ({cols:,} columns)", \
            f"超过 {limits.excel_cells:,} 个单元格（{cols:,} 列）"
    raise refuse(name, limits, f"its first sheet {en}, and Excel files are read cell by cell: at most "
                 f"{limits.excel_rows:,} rows and {limits.excel_cells:,} cells. Saved as CSV (UTF-8) it can be "
                 "much larger",
                 f"其第一个工作表{zh}，而 Excel 文件需逐格读取：最多 {limits.excel_rows:,} 行、"
                 f"{limits.excel_cells:,} 个单元格。另存为 CSV（UTF-8）可以大得多")


def check_xlsx(source, name: str, limits: Limits) -> None:
    """Refuse a workbook that would unpack or expand beyond ``limits``, reading only its zip directory and the
    first sheet's XML as a stream. ``source``: a path or a binary file object."""
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError(f"'{name}' could not be read as an Excel workbook ({e}).",
                         f"「{name}」无法作为 Excel 工作簿读取（{e}）。", field="file") from None
    with zf:
        infos = zf.infolist()
        unpacked = sum(i.file_size for i in infos)
        if len(infos) > MAX_PARTS or unpacked > limits.unzipped_bytes:
            raise refuse(name, limits, f"it unpacks to {unpacked / MB:,.0f} MB in {len(infos):,} parts, and at most "
                         f"{limits.unzipped_bytes / MB:,.0f} MB in {MAX_PARTS:,} parts are read",
                         f"解压后为 {unpacked / MB:,.0f} MB、{len(infos):,} 个部分，最多只读取 "
                         f"{limits.unzipped_bytes / MB:,.0f} MB、{MAX_PARTS:,} 个部分")
        try:
            _rows, cols = _sheet_extent(zf, _first_sheet(zf), name, limits)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as e:  # damaged data, encrypted part
            raise InputError(f"'{name}' could not be read as an Excel workbook ({e}).",
                             f"「{name}」无法作为 Excel 工作簿读取（{e}）。", field="file") from None
    check_columns(name, cols, limits)


def check_parquet(meta, name: str, limits: Limits) -> None:
    """Rows and columns from the footer (``pyarrow.parquet.ParquetFile(...).metadata``), before any data is read;
    nested columns (lists, structs) are not a table of values."""
    check_rows(name, meta.num_rows, limits)
    check_columns(name, meta.num_columns, limits)
    schema = meta.schema.to_arrow_schema()
    nested = [f.name for f in schema if f.type.num_fields > 0]
    if nested:
        raise InputError(f"'{name}' has nested columns ({', '.join(nested[:5])}): lists or records cannot be imported. "
                         "Write one plain value per cell.",
                         f"「{name}」含有嵌套列（{', '.join(nested[:5])}）：列表或记录无法导入。"
                         "每个单元格请只写一个值。",
                         field="file")


def check_decoded(name: str, size: int, limits: Limits) -> None:
    if size > limits.decoded_bytes:
        raise refuse(name, limits, f"its values take more than {limits.decoded_bytes / 2**30:,.0f} GB as text",
                     f"其数据转为文本后超过 {limits.decoded_bytes / 2**30:,.0f} GB")
