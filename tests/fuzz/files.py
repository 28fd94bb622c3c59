"""The fuzz corpora: bad import files, bad JSON files, bad command lines and bad link URLs, built in code.

``python -m tests.fuzz.files`` rewrites the ones kept in ``tests/fuzz/`` (each small): ``imports/``, ``json/``,
``cli_args.jsonl`` and ``urls.txt``. The large ones (a 200-million row Parquet file, a zip bomb, a 300,000-row
workbook, JSON nested 100,000 deep) are built by the tests that need them, the big files into a cache under
``tests/artifacts`` so a second run does not build them again.
"""
from __future__ import annotations

import io
import os
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
                chunk.append(f'<row r="{r}">' + "".join(_cell(f"{_column(i)}{r}", v) for i, v in enumerate(row))
                             + "</row>")
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
    nested = pa.table({"customer_id": ["C1"], "date": ["2025-01-01"], "amount": ["5"],
                       "items": [[{"sku": "a", "n": 1}]]})
    utf8 = "customer_id,date,amount,store\nC1,2025-01-01,5,北京店\nC2,2025-01-02,6,上海店\n".encode()
    return {
        "xfd1048576.xlsx": xlsx([HEADER, ["C1", "2025-01-01", 5]], dimension="A1:XFD1048576",
                                cells=[("XFD1048576", 1)]),
        "forged_dimension.xlsx": xlsx([HEADER, ["C1", "2025-01-01", 5]], dimension="A1:C2",
                                      cells=[("XFD1048576", 1)]),
        "no_sheet.xlsx": _without("xl/worksheets/sheet1.xml"),
        "truncated.parquet": good_parquet[: len(good_parquet) // 2],
        "footer_only.parquet": b"PAR1" + good_parquet[-200:],
        "nested.parquet": parquet(nested),
        "year_zero.csv": b"customer_id,date,amount\nC1,0000-01-01,5\nC2,2025-01-02,6\n",
        "half_utf8_half_gbk.csv": utf8 + "C3,2025-01-03,7,广州店\nC4,2025-01-04,8,深圳店\n".encode("gbk"),
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
        tmp = path.with_suffix(f".{os.getpid()}.part")  # test workers in parallel: each builds its own, one wins
        build(tmp)
        tmp.replace(path)
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


# --- JSON files (plan and rules) ------------------------------------------------------------------------------

JSON = HERE / "json"
_ITEM = {"id": "a", "type": "coupon", "segments": ["dormant"], "start_week": 5}


def json_files() -> dict[str, bytes]:
    """Plan or rules files a loader must refuse (each is used as both)."""
    def doc(value) -> bytes:
        return __import__("json").dumps(value, ensure_ascii=False).encode()
    return {
        "gbk.json": '{"year": 2027, "items": [{"id": "春节", "type": "coupon", "segments": ["dormant"], '
                    '"start_week": 5}]}'.encode("gbk"),
        "utf16.json": '{"year": 2027}'.encode("utf-16"),
        "nested_100.json": b'{"year": ' + b"[" * 100 + b"]" * 100 + b"}",
        "digits_5000.json": b'{"year": 2027, "season": {"5": ' + b"9" * 5000 + b"}}",
        "float_1e400.json": b'{"year": 2027, "max_deal_share": 1e400}',
        "nan.json": b'{"year": NaN, "max_deal_share": NaN}',
        "infinity.json": b'{"year": 2027, "prize_cap": Infinity}',
        "duplicate_key.json": b'{"year": 2027, "year": 2028, "max_runs": {}, "max_runs": {}}',
        "top_list.json": b"[2027]",
        "top_string.json": b'"plan"',
        "empty.json": b"",
        "truncated.json": b'{"year": 2027, "items": [',
        "year_text.json": doc({"year": "next", "items": []}),
        "year_list.json": doc({"year": [2027], "max_runs": [1]}),
        "items_object.json": doc({"year": 2027, "items": {"a": 1}, "deal_types": {"a": 1}}),
        "item_type_list.json": doc({"year": 2027, "items": [_ITEM | {"type": ["coupon"]}], "deal_types": [["x"]]}),
        "item_segments_null.json": doc({"year": 2027, "items": [_ITEM | {"segments": None}], "no_overlap": None}),
        "item_params_true.json": doc({"year": 2027, "items": [_ITEM | {"params": True}], "budget": True}),
        "item_week_text.json": doc({"year": 2027, "items": [_ITEM | {"start_week": "five"}], "prize_cap": "big"}),
        "item_week_huge.json": doc({"year": 2027, "items": [_ITEM | {"start_week": 10**15}],
                                    "max_runs": {"coupon": 10**15}}),
        "unknown_keys.json": doc({"yaer": 2027, "max_run": {}}),
        "nul_in_text.json": doc({"year": 2027, "items": [_ITEM | {"id": "a\u0000b", "type": "cou\u0000pon"}]}),
        "markdown_names.json": doc({"year": 2027, "items": [_ITEM | {"id": "**x** [l](https://evil.example)",
                                                                    "segments": ["![i](https://evil.example/i.png)"]}],
                                    "deal_types": ["[l](https://evil.example)"]}),
    }


def deep_json(depth: int = 100_000) -> bytes:
    return b'{"year": ' + b"[" * depth + b"]" * depth + b"}"


# --- command lines --------------------------------------------------------------------------------------------

CLI = HERE / "cli_args.jsonl"
NUMBERS = ["-1", "x", "", "nan", "inf", "-inf", "1e308", "1e999", "9" * 5000, "%s", "%(prog)s"]
INTS = ["-1", "x", "", "1.5", "1e3", "9" * 5000, "%d"]
FILES = ["{missing}", "{dir}", "/dev/null"]


def cli_args() -> list[list[str]]:
    """Command lines that must be refused: exit status 2, one line on stderr, the database unchanged. ``{db}`` is a
    database made by the app; ``{csv}`` a good transaction log; ``{imports}``/``{json}`` the corpus folders."""
    db = ["--db", "{db}"]
    sim = ["simulate", "--type", "coupon", "--segment", "dormant"]
    cases: list[list[str]] = [
        [], ["--lang"], ["--lang", "xx", "types"], ["nonsense"], ["types", "--bogus"], ["types", "extra"],
        ["segments", "--json", "x"], ["simulate"], ["simulate", "--type", "coupon"], ["hash-password", "extra"],
    ]
    cases += [["simulate", "--type", t, "--segment", "dormant"] for t in ("", "Coupon", "coupons", "%s", "[x](y)")]
    cases += [["simulate", "--type", "coupon", "--segment", s] for s in ("", "vip,dormant", "nobody", "**x**")]
    cases += [[*sim, "--segment", "dormant"]]
    cases += [[*sim, "--param", v] for v in ("x", "=1", "face_value=", "face_value=nan", "face_value=inf",
                                             "face_value=-1", "face_value=1e308", "nope=1", "face_value=" + "9" * 5000,
                                             "redemption_rate=2", "face_value=abc")]
    cases += [[*sim, "--draws", v] for v in [*INTS, "200001", "1000000000"]]
    cases += [[*sim, "--seed", v] for v in [*INTS, "4294967296"]]
    flags = {"--duration-weeks": ["0", "53", "2.5"], "--reach": ["1.5"], "--cap-per-customer": ["0", "101"],
             "--budget-cap": ["1e11"], "--runs-last-52w": ["53"], "--season": ["0", "6"]}
    for flag, extra in flags.items():
        cases += [[*sim, flag, v] for v in NUMBERS + extra]
    imp = ["import-transactions"]
    cases += [[*imp, "{imports}/" + n, *db] for n in sorted(small_files()) if n not in ("bad_amounts.csv",)]
    cases += [[*imp, f, *db] for f in FILES]
    cases += [[*imp, "{csv}", "--db", d] for d in ("{csv}", "{dir}", "{json}/gbk.json", "{imports}/nested.parquet",
                                                   "{imports}/no_sheet.xlsx", "{foreign_db}")]
    cases += [[*imp, "{csv}", "--map", m, *db] for m in ("x", "customer_id", "=amount", "nope=amount",
                                                          "customer_id=nope", "amount=")]
    cases += [[*imp, "{csv}", "--date-order", v, *db] for v in ("", "ymd", "DMY")]
    cases += [[*imp, "{imports}/bad_amounts.csv", *db], [*imp, "{imports}/year_zero.csv", *db]]
    cases += [["rfm", *db], ["rfm", "--out", "{dir}", *db]]
    cases += [["rfm", "--out", "{out}", "--as-of", v, *db] for v in ("0001-01-01", "9999-12-31", "2025-02-30", "x",
                                                                      "", "2025-1-1", "1899-12-31")]
    cases += [["rfm", "--out", "{out}", "--parquet", f, *db] for f in [
        *FILES, "{imports}/truncated.parquet", "{imports}/nested.parquet", "{imports}/footer_only.parquet", "{csv}"]]
    cases += [["import-campaigns", "--targets", t, "--responses", r, *db] for t, r in (
        ("{missing}", "{csv}"), ("{csv}", "{missing}"), ("{csv}", "{csv}"), ("{imports}/year_zero.csv", "{csv}"),
        ("{imports}/xfd1048576.xlsx", "{csv}"), ("{dir}", "{dir}"))]
    cases += [["calibrate", "--db", d] for d in ("{csv}", "{dir}", "{foreign_db}", "{json}/gbk.json",
                                                  "{imports}/empty.csv")]
    cases += [["readout", c, *db] for c in ("", "nope", "%s", "**x**")]
    cases += [["readout", "C1", "--scenario", v, *db] for v in INTS]
    cases += [["readout", "C1", "--cost", v, *db] for v in NUMBERS]
    cases += [["data-segments", "--as-of", v, *db] for v in ("0001-01-01", "9999-12-31", "x", "2025-13-01")]
    cases += [["data-segments", "--rule", r, *db] for r in (
        "x", "dormant_days", "dormant_days=abc", "dormant_days=-1", "dormant_days=0", "nope=1", "dormant_days=nan",
        "dormant_days=inf", "dormant_days=" + "9" * 5000, "vip_top_share=2", "dormant_days=10")]
    cases += [["data-segments", "--apply", "--revert", *db], ["data-segments", "--revert", "x", *db]]
    cases += [["plan-check", f"{{json}}/{n}"] for n in sorted(json_files())]
    cases += [["plan-check", "{plan}", "--rules", f"{{json}}/{n}"] for n in sorted(json_files())]
    cases += [["plan-check", f] for f in FILES]
    opt = ["optimize", "--budget", "100000", "--year", "2027"]
    cases += [["optimize", "--budget", v] for v in NUMBERS]
    cases += [["optimize", "--budget", "1", "--year", v] for v in [*INTS, "2000", "2100", "0"]]
    cases += [[*opt, "--objective", v] for v in ("", "p90", "P10", "%s")]
    cases += [[*opt, "--carry", v] for v in ("", "none", "Exact")]
    cases += [[*opt, "--time-limit", v] for v in [*NUMBERS, "0", "3601"]]
    cases += [[*opt, "--rules", f"{{json}}/{n}"] for n in sorted(json_files())]
    cases += [[*opt, "--lock", f"{{json}}/{n}"] for n in sorted(json_files())]
    cases += [["segments", "--segments", f"{{json}}/{n}"] for n in sorted(json_files())]
    cases += [[*sim, "--segments", f"{{json}}/{n}"] for n in ("gbk.json", "nested_100.json", "top_string.json",
                                                               "markdown_names.json", "nan.json")]
    cases += [["segments", "--db", d] for d in ("{csv}", "{dir}", "{foreign_db}")]
    cases += [["measure-deals", *db]]  # a log without products: nothing to measure, said so
    cases += [["measure-deals", "--by", v, *db] for v in ("", "product", "Category", "%s")]
    cases += [["measure-deals", "--db", d] for d in ("{csv}", "{dir}", "{foreign_db}")]
    cases += [["review", *db], ["review", "--product", "X", *db], ["review", "--list", "--db", "{csv}"]]
    cases += [["review", c, *db] for c in ("", "nope", "%s", "**x**")]
    cases += [["review", "--product", p, "--week", w, *db] for p, w in (
        ("nope", "2025-01-01"), ("**x**", "0001-01-01"), ("x", "9999-12-31"), ("x", "2025-02-30"), ("x", "x"))]
    cases += [["review", "CMP001", "--scenario", v, *db] for v in [*INTS, "999"]]
    cases += [["review", "CMP001", "--save", "--excel", e, *db] for e in ("{dir}", "{csv}/r.xlsx")]
    cases += [["hash-password", "--stdin"], ["hash-password"]]
    return cases


# --- link URLs ------------------------------------------------------------------------------------------------

URLS = HERE / "urls.txt"
TOKENS = ["", "A" * 43, "{token30}", "' OR '1'='1", "<script>alert(1)</script>", "A" * 5000, "%00", "../../etc",
          "**x** [l](https://evil.example)", "{token} ", "{token}&share=" + "B" * 43]


def urls() -> list[str]:
    """Addresses a visitor may type: a page, then query parameters (``{token}``: a valid link's token)."""
    pages = ["", "simulator", "calendar", "data", "sharing", "settings", "compare", "segments", "library", "overview"]
    out = [f"/{p}?share={t}" for p in ("", "simulator", "data") for t in TOKENS]
    out += [f"/{p}?share={{token}}" for p in pages]
    out += [f"/?share={{token}}&{q}" for q in ("page=simulator", "lang=xx", "lang=zh&lang=en", "share_item=9",
                                                "scenario=3", "id=2", "type=coupon&seg=vip")]
    out += [f"/{p}?{q}" for p in pages for q in (
        "lang=xx", "lang=" + "z" * 3000, "type=**x** [l](https://evil.example)", "seg=vip&seg=vip&seg=nope",
        "coupon.face_value=nan", "coupon.face_value=1e308", "discount.depth=-1", "duration_weeks=1e9",
        "draws=0", "share_item=-1", "page=sharing")]
    return out


if __name__ == "__main__":
    import json

    for folder, content in ((CORPUS, small_files()), (JSON, json_files())):
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        for file_name, data in content.items():
            (folder / file_name).write_bytes(data)
    CLI.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in cli_args()), encoding="utf-8")
    URLS.write_text("".join(u + "\n" for u in urls()), encoding="utf-8")
    print(f"{len(small_files())} import files, {len(json_files())} JSON files, {len(cli_args())} command lines, "
          f"{len(urls())} URLs in {HERE}")
