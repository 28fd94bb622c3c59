"""Importing a transaction log: formats, encodings, column mapping, the validation report and every bad input."""
import io
from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promo import store
from promo.customers import ingest, limits
from promo.errors import InputError

GOOD = "customer_id,date,amount\n001,2024-01-01,10\n002,2024-01-02,20\n"


def _count(con):
    return con.cursor().execute("SELECT count(*) FROM transactions").fetchall()[0][0]


def test_chinese_headers_in_gbk_are_detected_and_mapped(con, write_file):
    text = "会员号,下单时间,实付金额,订单号,门店\n00123,2024-03-01 10:00:00,\"￥1,234.50\",D1,静安店\n"
    raw = ingest.read_table(write_file("gbk.csv", text, "gbk"))
    assert raw.encoding == "gb18030"
    assert ingest.auto_map(raw.columns) == {"customer_id": "会员号", "date": "下单时间", "amount": "实付金额",
                                            "order_id": "订单号", "store": "门店"}
    report = store.import_transactions(con, raw)
    assert report.imported and report.total_amount == 1234.5
    assert con.cursor().execute("SELECT customer_id, store, amount::DOUBLE FROM transactions").fetchall() == [
        ("00123", "静安店", 1234.5)]


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")])
def test_encodings(write_file, encoding, expected):
    raw = ingest.read_table(write_file("e.csv", "客户ID,日期,金额\n张三,2024-01-01,5\n", encoding))
    assert raw.encoding == expected
    assert raw.columns == ("客户ID", "日期", "金额")
    assert raw.table.column("客户ID").to_pylist() == ["张三"]


def test_tsv_xlsx_and_parquet(con, write_file, tmp_path):
    raw = ingest.read_table(write_file("t.tsv", "customer_id\tdate\tamount\n7\t2024-01-01\t3.5\n"))
    assert raw.format == "tsv" and raw.rows == 1
    df = pd.DataFrame({"客户ID": ["007", "008"], "日期": pd.to_datetime(["2024-01-01 09:30", "2024-01-02 00:00"]),
                       "金额": [1.5, 2.0]})
    buf = io.BytesIO()
    df.to_excel(buf, index=False)
    xl = ingest.read_table(buf.getvalue(), name="upload.xlsx")
    assert xl.format == "xlsx"
    rep = store.import_transactions(con, xl)
    assert rep.imported and rep.first_day == "2024-01-01" and rep.customers == 2
    df.to_parquet(tmp_path / "p.parquet")
    pq = ingest.read_table(tmp_path / "p.parquet")
    assert pq.format == "parquet"
    assert store.check_transactions(con, pq).valid_rows == 2


def test_currency_symbols_thousands_separators_and_bad_amounts(con, load):
    rep = load("customer_id,date,amount\n"
               "a,2024-01-01,\"¥1,234.50\"\n"   # row 2: valid
               "b,2024-01-01,RMB 88\n"          # row 3: valid
               "c,2024-01-01,￥-12.00\n"         # row 4: valid refund
               "d,2024-01-01,\"1.234,50\"\n"    # row 5: European style: not read as 1.23450
               "e,2024-01-01,\n"                # row 6: blank
               "f,2024-01-01,twelve\n",         # row 7: text
               skip_bad_rows=True)
    bad = rep.issue("bad_amount")
    assert bad.count == 3 and bad.rows == [5, 6, 7] and bad.blocking
    assert bad.examples == ["1.234,50", "", "twelve"]
    assert rep.valid_rows == 3 and rep.total_amount == pytest.approx(1234.5 + 88 - 12)


def test_bad_rows_block_the_import_with_row_numbers_and_change_nothing(con, load):
    load(GOOD)
    with pytest.raises(InputError) as e:
        load("customer_id,date,amount\nx,2024-01-01,1\ny,yesterday,2\n,2024-01-03,3\nz,2024-13-45,4\nw,2024-01-05,abc\n")
    msg = e.value.en
    assert "Nothing was imported" in msg
    assert "bad date: 2 row(s) (rows 3, 5;" in msg and "'yesterday'" in msg
    assert "blank customer: 1 row(s) (rows 4;" in msg
    assert "bad amount: 1 row(s) (rows 6;" in msg
    assert "日期无法识别：2 行（第 3, 5 行" in e.value.zh
    assert _count(con) == 2  # the earlier log is untouched
    assert con.cursor().execute("SELECT count(*) FROM imports").fetchall()[0][0] == 1


def test_skip_bad_rows_imports_the_rest(con, load):
    rep = load("customer_id,date,amount\nx,2024-01-01,1\ny,yesterday,2\n", skip_bad_rows=True)
    assert rep.imported and rep.valid_rows == 1 and _count(con) == 1


def test_mixed_date_formats_are_read_and_reported(con, load):
    rep = load("customer_id,date,amount\n"
               "a,2024-01-05 10:00:00,1\nb,2024/01/06,1\nc,2024年1月7日,1\nd,20240108,1\ne,2024.01.09,1\nf,2024-01-10,1\n")
    assert rep.ok and rep.valid_rows == 6
    mixed = rep.issue("mixed_dates")
    assert mixed.data["formats"] == {"YYYY-MM-DD": 2, "YYYY/MM/DD": 1, "YYYY.MM.DD": 1, "YYYY年MM月DD日": 1, "YYYYMMDD": 1}
    days = [str(r[0]) for r in con.cursor().execute("SELECT day FROM transactions ORDER BY day").fetchall()]
    assert days == ["2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08", "2024-01-09", "2024-01-10"]


def test_day_first_is_decided_from_the_data_or_asked_for(con, load):
    rep = load("customer_id,date,amount\na,25/12/2024,1\nb,03/04/2024,1\n")  # 25 > 12: day first
    assert rep.ok
    assert sorted(str(r[0]) for r in con.cursor().execute("SELECT day FROM transactions").fetchall()) == [
        "2024-04-03", "2024-12-25"]
    with pytest.raises(InputError) as e:
        load("customer_id,date,amount\na,03/04/2024,1\nb,05/06/2024,1\n")
    assert "ambiguous date: 2 row(s) (rows 2, 3" in e.value.en
    assert "--date-order" in e.value.zh
    rep = load("customer_id,date,amount\na,03/04/2024,1\n", date_order="mdy")
    assert con.cursor().execute("SELECT day FROM transactions").fetchall()[0][0].isoformat() == "2024-03-04"


def test_refunds_are_kept_and_reported(con, load):
    rep = load("customer_id,date,amount\na,2024-01-01,100\na,2024-01-02,-30\nb,2024-01-02,-5.5\n")
    refund = rep.issue("refund")
    assert not refund.blocking and refund.count == 2 and refund.rows == [3, 4] and refund.data["sum"] == -35.5
    assert _count(con) == 3 and rep.total_amount == 64.5


def test_leading_zero_ids_stay_text(con, load):
    rep = load("customer_id,date,amount\n000123,2024-01-01,1\n123,2024-01-02,1\n")
    assert rep.issue("leading_zero_id").count == 1
    ids = sorted(r[0] for r in con.cursor().execute("SELECT DISTINCT customer_id FROM transactions").fetchall())
    assert ids == ["000123", "123"]


def test_duplicates_are_reported_and_dropped_unless_kept(con, load):
    text = "customer_id,date,amount,order_id\na,2024-01-01,5,O1\na,2024-01-01,5,O1\na,2024-01-01,5,O2\na,2024-01-01,5,O1\n"
    rep = load(text)
    dup = rep.issue("duplicate")
    assert dup.count == 2 and dup.rows == [3, 5] and dup.data["dropped"] and not dup.blocking
    assert _count(con) == 2
    load(text, keep_duplicates=True)
    assert _count(con) == 4


def test_missing_required_columns(con, write_file):
    raw = ingest.read_table(write_file("m.csv", "会员号,备注\n1,x\n"))
    with pytest.raises(InputError) as e:
        store.check_transactions(con, raw)
    assert "missing required column(s): date (Date), amount (Amount)" in e.value.en
    assert "Columns found: 会员号, 备注" in e.value.en and "--map date=<column>" in e.value.en
    assert "缺少必需的列：日期（date）、金额（amount）" in e.value.zh


def test_headers_with_units_case_and_spaces_are_recognised():
    cols = ("Customer_ID", "下单 时间", "实付金额（元）", "Order-ID", "备注")
    assert ingest.auto_map(cols) == {"customer_id": "Customer_ID", "date": "下单 时间", "amount": "实付金额（元）",
                                     "order_id": "Order-ID"}


def test_map_overrides_and_their_mistakes(con, write_file):
    raw = ingest.read_table(write_file("o.csv", "who,when,paid,total\n1,2024-01-01,3,4\n"))
    m = ingest.auto_map(raw.columns, overrides={"customer_id": "who", "date": "when", "amount": "paid"})
    assert m["amount"] == "paid"
    assert store.import_transactions(con, raw, m).total_amount == 3.0
    with pytest.raises(InputError, match="Unknown field 'custmer_id'. Did you mean 'customer_id'"):
        ingest.auto_map(raw.columns, overrides={"custmer_id": "who"})
    with pytest.raises(InputError, match="Unknown column 'wh0'. Did you mean 'who'"):
        ingest.auto_map(raw.columns, overrides={"customer_id": "wh0"})


@pytest.mark.parametrize("content,needle_en,needle_zh", [
    (b"", "is empty", "空文件"),
    (b"\n\n  \n", "is empty", "空文件"),
    ("customer_id,date,amount\n".encode(), "has a header row but no data rows", "只有表头"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a table", "不是表格"),
    ("just one column\nof text\n".encode(), "has no commas or tabs", "没有用逗号或制表符"),
    ("a,b,c\n1,2,3\n4,5,6,7\n".encode(), "1 line(s) do not have 3 fields", "列数与表头"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old Excel .xls", "旧版 Excel"),
    (b"PK\x03\x04not really a workbook", "could not be read as an Excel workbook", "无法作为 Excel"),
], ids=["zero_bytes", "blank_lines", "header_only", "png", "one_column", "ragged", "xls", "broken_xlsx"])
def test_files_that_are_not_tables(write_file, content, needle_en, needle_zh):
    with pytest.raises(InputError) as e:
        ingest.read_table(write_file("bad.csv", content))
    assert needle_en in e.value.en and needle_zh in e.value.zh


def test_size_limit_is_stated_and_enforced(write_file, monkeypatch):
    monkeypatch.setattr(limits, "UPLOAD", replace(limits.UPLOAD, file_bytes=2**20))
    path = write_file("big.csv", GOOD + "003,2024-01-03,30\n" * 80_000)  # 1.4 MB
    with pytest.raises(InputError) as e:
        ingest.read_table(path)
    assert e.value.en == ("'big.csv' is too large to import here: the file is 1.4 MB and CSV/TSV/Parquet files may be "
                          "at most 1 MB. Import larger files with the command line on the computer that holds the "
                          "database: python -m promo import-transactions FILE (see the README, Customer data).")
    assert "文件大小 1.4 MB，CSV/TSV/Parquet 文件最大 1 MB。更大的文件请在存放数据库的电脑上用命令行导入" in e.value.zh
    assert ingest.read_table(path, limits=limits.COMMAND_LINE).rows == 80_002


def test_default_limits_are_stated():
    assert ingest.MAX_BYTES == 500 * 2**20 and ingest.MAX_EXCEL_BYTES == 30 * 2**20
    assert ingest.limits_text("en") == ("Size limits: CSV/TSV/Parquet 500 MB, Excel 30 MB (at most 100,000 rows and "
                                        "1,000,000 cells); at most 20,000,000 rows per import.")
    assert ingest.limits_text("zh") == ("文件大小上限：CSV/TSV/Parquet 500 MB，Excel 30 MB（最多 100,000 行、1,000,000 "
                                        "个单元格）；每次最多 20,000,000 行。")


def test_progress_goes_from_zero_to_one(con, write_file):
    seen = []
    raw = ingest.read_table(write_file("p.csv", GOOD), progress=seen.append)
    store.import_transactions(con, raw, progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_a_failing_write_rolls_back(con, load, monkeypatch):
    load(GOOD)
    from promo.store import data

    def boom(cur):
        raise RuntimeError("disk full")
    monkeypatch.setattr(data, "_drop", boom)  # fails after the insert, inside the transaction
    with pytest.raises(RuntimeError):
        load("customer_id,date,amount\nz,2024-02-01,9\n")
    assert _count(con) == 2
    assert con.cursor().execute("SELECT DISTINCT customer_id FROM transactions ORDER BY 1").fetchall() == [("001",), ("002",)]


def test_append_adds_to_the_log(con, load):
    load(GOOD)
    load("customer_id,date,amount\n003,2024-01-03,30\n", replace=False)
    assert _count(con) == 3


def test_report_reads_in_both_languages(load):
    rep = load("customer_id,date,amount\na,2024-01-01,100\na,2024-01-02,-30\nb,2024/01/02,-5.5\n")
    en, zh = rep.text("en"), rep.text("zh")
    assert "log.csv (csv, utf-8): 3 rows, 3 valid, 2 customers, 2024-01-01 to 2024-01-02, total 64.50" in en
    assert "! 2 row(s) with a negative amount (refunds, rows 3, 4) are kept; total -35.50" in en
    assert "Dates are written in several ways: YYYY-MM-DD (2), YYYY/MM/DD (1); all were read" in en
    assert "2 行金额为负（退款，第 3, 4 行），已保留，合计 -35.50" in zh
    assert "列对应：customer_id ← customer_id, date ← date, amount ← amount" in zh


def test_gbk_further_down_than_the_sniffed_head(con, write_file):
    text = "customer_id,date,amount,store\n" + "a,2024-01-01,1,north\n" * 4000 + "b,2024-01-02,2,静安店\n"
    raw = ingest.read_table(write_file("late.csv", text, "gb18030"))
    assert raw.encoding == "gb18030" and raw.rows == 4001
    assert raw.table.column("store").to_pylist()[-1] == "静安店"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(-10**9, 10**9), st.sampled_from(["{:,.2f}", "¥{:,.2f}", "￥{:.2f}", "{:.2f}元",
                                                                        "RMB {:,.2f}", "{:.2f}"])), min_size=1, max_size=12))
def test_written_amounts_are_read_back_exactly(con, load, rows):
    from decimal import Decimal

    lines = "".join(f'c{i},2024-01-01,"{fmt.format(Decimal(cents) / 100)}"\n' for i, (cents, fmt) in enumerate(rows))
    load("customer_id,date,amount\n" + lines)
    got = con.cursor().execute("SELECT amount FROM transactions ORDER BY CAST(substr(customer_id, 2) AS INT)").fetchall()
    assert [int(a * 100) for (a,) in got] == [cents for cents, _ in rows]
