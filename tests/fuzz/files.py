"""Import files that are bad on purpose, built in code (bombs are megabytes unpacked; their recipes are small).

``python -m tests.fuzz.files`` rewrites the small ones kept in ``tests/fuzz/imports/``; the large ones (a 200-million
row Parquet file, a zip bomb, a 300,000-row workbook) are built by the tests that need them, into a cache under
``tests/artifacts`` so a second run does not build them again.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "imports"
CACHE = HERE.parents[1] / "tests" / "artifacts" / "fuzz-cache"
HEADER = ["customer_id", "date", "amount"]
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {_NS} xmlns:r="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def _column(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(ref: str, value) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def xlsx(rows, dimension: str | None = None, cells=(), padding: int = 0) -> bytes:
    """A minimal workbook (inline strings, written straight as XML: 300,000 rows take a second, not a minute).
    ``rows`` from row 1; ``cells``: extra (reference, value) after them; ``padding``: bytes of blanks in the sheet."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_NS}>'.encode())
            if dimension:
                f.write(f'<dimension ref="{dimension}"/>'.encode())
            f.write(b"<sheetData>")
            chunk = []
            for r, row in enumerate(rows, 1):
                chunk.append(f'<row r="{r}">' + "".join(_cell(f"{_column(i)}{r}", v) for i, v in enumerate(row)) + "</row>")
                if len(chunk) == 10_000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write("".join(chunk).encode())
            for _ in range(padding // 2**24):
                f.write(b" " * 2**24)
            for ref, value in cells:
                f.write(f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">{_cell(ref, value)}</row>'.encode())
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def good_rows(n: int):
    yield HEADER
    for i in range(n):
        yield [f"C{i % 5000:05d}", f"2025-01-{1 + i % 28:02d}", 10 + i % 90]


def parquet(table: pa.Table, **options) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, **options)
    return buf.getvalue()


def small_files() -> dict[str, bytes]:
    """The corpus kept in the repository: each one is bad in its own way and a few kilobytes at most."""
    good = pa.table({"customer_id": ["C1", "C2"], "date": ["2025-01-01", "2025-01-02"], "amount": ["5", "6"]})
    good_parquet = parquet(good)
    nested = pa.table({"customer_id": ["C1"], "date": ["2025-01-01"], "amount": ["5"], "items": [[{"sku": "a", "n": 1}]]})
    utf8 = "customer_id,date,amount,store\nC1,2025-01-01,5,北京店\nC2,2025-01-02,6,上海店\n".encode()
    return {
        "xfd1048576.xlsx": xlsx([HEADER, ["C1", "2025-01-01", 5]], dimension="A1:XFD1048576",
                                cells=[("XFD1048576", 1)]),
        "forged_dimension.xlsx": xlsx([HEADER, ["C1", "2025-01-01", 5]], dimension="A1:C2",
                                      cells=[("XFD1048576", 1)]),
        "row_column.xlsx": xlsx([["_row", *HEADER], [1, "C1", "2025-01-01", 5]]),
        "no_sheet.xlsx": _without("xl/worksheets/sheet1.xml"),
        "truncated.parquet": good_parquet[: len(good_parquet) // 2],
        "footer_only.parquet": b"PAR1" + good_parquet[-200:],
        "nested.parquet": parquet(nested),
        "year_zero.csv": b"customer_id,date,amount\nC1,0000-01-01,5\nC2,2025-01-02,6\n",
        "half_utf8_half_gbk.csv": utf8 + "C3,2025-01-03,7,广州店\nC4,2025-01-04,8,深圳店\n".encode("gbk"),
        "row_column.csv": b"_row,customer_id,date,amount\n1,C1,2025-01-01,5\n",
        "many_columns.csv": (",".join(f"c{i}" for i in range(600)) + "\n" + ",".join("1" * 600) + "\n").encode(),
        "nul_bytes.csv": b"customer_id,date,amount\x00\nC1,2025-01-01,5\n",
        "ragged.csv": b"customer_id,date,amount\nC1,2025-01-01,5,extra\n",
        "not_a_table.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "old_excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200,
        "zip_not_workbook.xlsx": _zip({"hello.txt": "hi"}),
        "empty.csv": b"",
        "header_only.csv": b"customer_id,date,amount\n",
        "bad_amounts.csv": b"customer_id,date,amount\nC1,2025-01-01,abc\nC2,2025-13-45,5\n,2025-01-01,5\n",
    }


def _zip(parts: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return buf.getvalue()


def _without(part: str) -> bytes:
    data = xlsx([HEADER, ["C1", "2025-01-01", 5]])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return _zip({n: z.read(n) for n in z.namelist() if n != part})


def cached(name: str, build) -> Path:
    """``CACHE/name``, built once by ``build(path)``."""
    path = CACHE / name
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        build(tmp)
        tmp.rename(path)
    return path


def rows_200m(path: Path) -> None:
    """200 million rows of three constant columns in under 3 MB (delta encoding of zeros)."""
    zeros = pa.array(np.zeros(20_000_000, dtype=np.int64))
    table = pa.table({"customer_id": zeros, "date": zeros, "amount": zeros})
    with pq.ParquetWriter(path, table.schema, compression="zstd", use_dictionary=False,
                          column_encoding="DELTA_BINARY_PACKED") as w:
        for _ in range(10):
            w.write_table(table, row_group_size=len(zeros))


def rows_300k(path: Path) -> None:
    path.write_bytes(xlsx(good_rows(300_000)))


def zip_bomb(path: Path) -> None:
    """A workbook whose sheet unpacks to 512 MB of blanks (about 1,000 to 1)."""
    path.write_bytes(xlsx([HEADER, ["C1", "2025-01-01", 5]], padding=512 * 2**20))


if __name__ == "__main__":
    CORPUS.mkdir(exist_ok=True)
    for old in CORPUS.iterdir():
        old.unlink()
    for file_name, content in small_files().items():
        (CORPUS / file_name).write_bytes(content)
    print(f"{len(small_files())} files in {CORPUS}")
