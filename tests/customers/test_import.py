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
from tests.customers.conftest import column

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
    assert column(raw, "客户ID") == ["张三"]


def test_tsv_xlsx_and_parquet(con, write_file, tmp_path):
    raw = ingest.read_table(write_file("t.tsv", "customer_id\tdate\tamount\n7\t2024-01-01\t3.5\n"))
    assert raw.format == "tsv" and raw.rows is None  # counted when the store scans it
    assert store.check_transactions(con, raw).rows == 1
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
    assert "2 row(s) with an unreadable date or a year outside 1900–2100 (rows 3, 5, e.g. yesterday, 2024-13-45)" in msg
    assert "1 row(s) without a customer id (rows 4)" in msg
    assert "1 row(s) with a blank or non-numeric amount (rows 6, e.g. abc)" in msg
    assert "2 行日期无法识别或年份不在 1900–2100 之间（第 3, 5 行" in e.value.zh
    assert _count(con) == 2  # the earlier log is untouched
    assert con.cursor().execute("SELECT count(*) FROM imports").fetchall()[0][0] == 1


def test_skip_bad_rows_imports_the_rest(con, load):
    rep = load("customer_id,date,amount\nx,2024-01-01,1\ny,yesterday,2\n", skip_bad_rows=True)
    assert rep.imported and rep.valid_rows == 1 and _count(con) == 1


def test_mixed_date_formats_are_read_and_reported(con, load):
    rep = load("customer_id,date,amount\n"
               "a,2024-01-05 10:00:00,1\nb,2024/01/06,1\nc,2024年1月7日,1\n"
               "d,20240108,1\ne,2024.01.09,1\nf,2024-01-10,1\n")
    assert rep.ok and rep.valid_rows == 6
    mixed = rep.issue("mixed_dates")
    assert mixed.data["formats"] == {"YYYY-MM-DD": 2, "YYYY/MM/DD": 1, "YYYY.MM.DD": 1, "YYYY年MM月DD日": 1,
                                     "YYYYMMDD": 1}
    days = [str(r[0]) for r in con.cursor().execute("SELECT day FROM transactions ORDER BY day").fetchall()]
    assert days == ["2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08", "2024-01-09", "2024-01-10"]


def test_day_first_is_decided_from_the_data_or_asked_for(con, load):
    rep = load("customer_id,date,amount\na,25/12/2024,1\nb,03/04/2024,1\n")  # 25 > 12: day first
    assert rep.ok
    assert sorted(str(r[0]) for r in con.cursor().execute("SELECT day FROM transactions").fetchall()) == [
        "2024-04-03", "2024-12-25"]
    with pytest.raises(InputError) as e:
        load("customer_id,date,amount\na,03/04/2024,1\nb,05/06/2024,1\n")
    assert "2 row(s) where day and month cannot be told apart (rows 2, 3, e.g. 03/04/2024, 05/06/2024)" in e.value.en
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


def test_duplicates_are_kept_and_reported_unless_dropped(con, load):
    text = ("customer_id,date,amount,order_id\n"
            "a,2024-01-01,5,O1\na,2024-01-01,5,O1\na,2024-01-01,5,O2\na,2024-01-01,5,O1\n")
    rep = load(text)
    dup = rep.issue("duplicate")
    assert dup.count == 2 and dup.rows == [3, 5] and not dup.data["dropped"] and not dup.blocking
    assert _count(con) == 4 and rep.total_amount == 20
    rep = load(text, drop_duplicates=True)
    assert _count(con) == 2 and rep.issue("duplicate").data["dropped"] and rep.total_amount == 10


def test_missing_required_columns(con, write_file):
    raw = ingest.read_table(write_file("m.csv", "会员号,备注\n1,x\n"))
    with pytest.raises(InputError) as e:
        store.check_transactions(con, raw)
    assert "missing required column(s): date (Date), amount (Amount paid)" in e.value.en
    assert "computed from a unit price (× quantity) or a list amount" in e.value.en
    assert "Columns found: 会员号, 备注" in e.value.en and "--map date=<column>" in e.value.en
    assert "缺少必需的列：日期（date）、实付金额（amount）" in e.value.zh


def test_headers_with_units_case_and_spaces_are_recognised():
    cols = ("Customer_ID", "下单 时间", "实付金额（元）", "Order-ID", "备注")
    assert ingest.auto_map(cols) == {"customer_id": "Customer_ID", "date": "下单 时间", "amount": "实付金额（元）",
                                     "order_id": "Order-ID"}


def test_map_overrides_and_their_mistakes(con, write_file):
    raw = ingest.read_table(write_file("o.csv", "who,when,paid,total\n1,2024-01-01,3,4\n"))
    m = ingest.auto_map(raw.columns, overrides={"customer_id": "who", "date": "when", "amount": "paid"})
    assert m["amount"] == "paid"
    assert store.import_transactions(con, raw, m).total_amount == 3.0
    with pytest.raises(InputError, match=r"Unknown field 'custmer_id'\. Did you mean 'customer_id'"):
        ingest.auto_map(raw.columns, overrides={"custmer_id": "who"})
    with pytest.raises(InputError, match=r"Unknown column 'wh0'\. Did you mean 'who'"):
        ingest.auto_map(raw.columns, overrides={"customer_id": "wh0"})


@pytest.mark.parametrize("content,needle_en,needle_zh", [
    (b"", "is empty", "空文件"),
    (b"\n\n  \n", "is empty", "空文件"),
    (b"customer_id,date,amount\n", "has a header row but no data rows", "只有表头"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a table", "不是表格"),
    (b"just one column\nof text\n", "has no commas or tabs", "没有用逗号或制表符"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old Excel .xls", "旧版 Excel"),
    (b"PK\x03\x04not really a workbook", "could not be read as an Excel workbook", "无法作为 Excel"),
], ids=["zero_bytes", "blank_lines", "header_only", "png", "one_column", "xls", "broken_xlsx"])
def test_files_that_are_not_tables(write_file, content, needle_en, needle_zh):
    with pytest.raises(InputError) as e:
        ingest.read_table(write_file("bad.csv", content))
    assert needle_en in e.value.en and needle_zh in e.value.zh


def test_lines_with_another_number_of_fields_are_named_when_scanned(con, write_file):
    raw = ingest.read_table(write_file("r.csv",
                                       "customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,2,7\nc,2024-01-03\n"))
    with pytest.raises(InputError) as e:
        store.check_transactions(con, raw)
    assert "2 line(s) do not have 3 fields like the header, e.g. line 3: 'b,2024-01-02,2,7'" in e.value.en
    assert "列数与表头（3 列）不同" in e.value.zh


def test_size_limit_is_stated_and_enforced(con, write_file, monkeypatch):
    monkeypatch.setattr(limits, "UPLOAD", replace(limits.UPLOAD, file_bytes=2**20))
    path = write_file("big.csv", GOOD + "003,2024-01-03,30\n" * 80_000)  # 1.4 MB
    with pytest.raises(InputError) as e:
        ingest.read_table(path)
    assert e.value.en == ("'big.csv' is too large to import here: the file is 1.4 MB and CSV/TSV/Parquet files may be "
                          "at most 1 MB. Import larger files with the command line on the computer that holds the "
                          "database: python -m promo import-transactions FILE (see the README, Customer data).")
    assert "文件大小 1.4 MB，CSV/TSV/Parquet 文件最大 1 MB。更大的文件请在存放数据库的电脑上用命令行导入" in e.value.zh
    assert store.check_transactions(con, ingest.read_table(path, limits=limits.COMMAND_LINE)).rows == 80_002


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
    from promo.store import transactions

    def boom(cur):
        raise RuntimeError("disk full")
    monkeypatch.setattr(transactions, "_drop", boom)  # fails after the insert, inside the transaction
    with pytest.raises(RuntimeError):
        load("customer_id,date,amount\nz,2024-02-01,9\n")
    assert _count(con) == 2
    assert (con.cursor().execute("SELECT DISTINCT customer_id FROM transactions ORDER BY 1").fetchall()
            == [("001",), ("002",)])


def test_append_adds_to_the_log(con, load):
    load(GOOD)
    load("customer_id,date,amount\n003,2024-01-03,30\n", replace=False)
    assert _count(con) == 3


def test_report_reads_in_both_languages(load):
    rep = load("customer_id,date,amount\na,2024-01-01,100\na,2024-01-02,-30\nb,2024/01/02,-5.5\n")
    en, zh = rep.text("en"), rep.text("zh")
    assert "log.csv (csv, utf-8): 3 rows, 3 valid, 2 customers, 2024-01-01 to 2024-01-02, total 64.50" in en
    assert ("In the file: 3 rows, amount 64.50, 2 customers · to be written: 3 rows, sales 64.50 (returns netted; "
            "refunded, cancelled and unpaid orders left out), 2 customers") in en
    assert "! 2 row(s) with a negative amount (refunds, rows 3, 4) are kept and netted; total -35.50" in en
    assert "Dates are written in several ways: YYYY-MM-DD (2), YYYY/MM/DD (1); all were read" in en
    assert "2 行金额为负（退款，第 3, 4 行），已保留并与销售相抵，合计 -35.50" in zh
    assert "列对应：customer_id ← customer_id, date ← date, amount ← amount" in zh


def test_gbk_further_down_than_the_sniffed_head(con, write_file):
    text = "customer_id,date,amount,store\n" + "a,2024-01-01,1,north\n" * 4000 + "b,2024-01-02,2,静安店\n"
    raw = ingest.read_table(write_file("late.csv", text, "gb18030"))
    assert raw.encoding == "gb18030"
    assert column(raw, "store")[-1] == "静安店" and len(column(raw, "store")) == 4001


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(-10**9, 10**9), st.sampled_from(["{:,.2f}", "¥{:,.2f}", "￥{:.2f}", "{:.2f}元",
                                                                        "RMB {:,.2f}", "{:.2f}"])),
                min_size=1, max_size=12))
def test_written_amounts_are_read_back_exactly(con, load, rows):
    from decimal import Decimal

    lines = "".join(f'c{i},2024-01-01,"{fmt.format(Decimal(cents) / 100)}"\n' for i, (cents, fmt) in enumerate(rows))
    load("customer_id,date,amount\n" + lines)
    got = con.cursor().execute(
        "SELECT amount FROM transactions ORDER BY CAST(substr(customer_id, 2) AS INT)").fetchall()
    assert [int(a * 100) for (a,) in got] == [cents for cents, _ in rows]


def test_line_items_with_impossible_discounts_or_quantities_block_with_row_numbers(con, load):
    load(GOOD)
    with pytest.raises(InputError) as e:
        load("customer_id,date,product,quantity,unit_price,discount\n"
             "a,2024-01-01,P,1,10,2\n"      # row 2: fine
             "b,2024-01-01,P,1,10,12\n"     # row 3: 12 off a 10 price
             "c,2024-01-01,P,two,10,0\n")   # row 4: unreadable quantity
    assert "1 row(s) with a discount larger than the price (rows 3, e.g. discount 12.00)" in e.value.en
    assert "1 row(s) with an unreadable quantity (rows 4, e.g. two)" in e.value.en
    assert _count(con) == 2  # the earlier log is untouched
    rep = load("customer_id,date,product,quantity,unit_price,discount\na,2024-01-01,P,3件,10,2\n")
    assert rep.total_amount == 28.0  # 3 × 10 − 2: '3件' is read


def test_ids_turned_into_numbers_by_a_spreadsheet(con, load):
    with pytest.raises(InputError, match=r"customer id\(s\) were turned into numbers like 3.72185E\+18 "
                                         r"by a spreadsheet \(rows 2"):
        load("customer_id,date,amount\n3.72185E+18,2024-01-01,5\nA,2024-01-02,5\n")
    rep = load("customer_id,date,amount,order_id\nA,2024-01-01,5,3.72185E+18\n")
    assert rep.imported and rep.issue("scientific_order").examples == ["3.72185E+18"]


def test_spreadsheet_marks_on_ids_are_removed(con, load):
    load("customer_id,date,amount,order_id\n'00123,2024-01-01,5,\"=\"\"9001\"\"\"\n\t00124,2024-01-01,5,\t9002\n")
    rows = con.cursor().execute("SELECT customer_id, order_id FROM transactions ORDER BY 1").fetchall()
    assert rows == [("00123", "9001"), ("00124", "9002")]


def test_a_double_export_is_reported_with_rows_and_kept_unless_dropped(con, load):
    block = "".join(f"c{i % 7},2024-01-{1 + i % 20:02d},{10 + i},O{i},P{i % 3}\n" for i in range(15))
    text = "customer_id,date,amount,order_id,product\n" + block + block  # the same 15 rows exported twice
    rep = load(text)
    dup, export, twice = rep.issue("duplicate"), rep.issue("double_export"), rep.issue("order_twice")
    assert dup.count == 15 and not dup.data["dropped"]
    assert export.count == 15 and export.data["where"] == "17–31 (15)" and export.data["first"] == 2
    assert twice.count == 15 and twice.rows[0] == 17 and "O0: 2–2 = 17–17" in twice.data["where"]
    assert "Looks like a double export: 1 run(s) of consecutive rows (15 rows: rows 17–31 (15))" in export.text("en")
    assert rep.valid_rows == 30 and _count(con) == 30
    rep = load(text, drop_duplicates=True)
    assert rep.valid_rows == 15 and _count(con) == 15


def test_orders_across_midnight_count_once_on_their_first_day(con, load):
    rep = load("customer_id,date,amount,order_id\n"
               "A,2024-01-01 23:59,5,O1\nA,2024-01-02 00:01,5,O1\nA,2024-01-05,5,O2\n")
    assert rep.issue("order_days").count == 1 and rep.issue("order_days").examples == ["O1"]
    df = store.rfm(con)
    assert df[["frequency", "recency", "T", "monetary_value"]].values.tolist() == [[1, 4, 4, 5.0]]  # days 1 and 5


def test_refunded_and_partly_refunded_lines(con, load):
    rep = load("customer_id,date,amount,order_id,status\n"
               "A,2024-01-01,100,O1,交易成功\n"
               "A,2024-01-02,40,O2,退款成功（部分退款）\n"
               "B,2024-01-03,30,O3,已退款\n"
               "B,2024-01-04,20,O4,无售后或售后取消\n")
    assert rep.issue("not_sold").count == 1 and rep.issue("not_sold").data["sum"] == 30.0
    assert rep.issue("partial_refund").count == 1 and rep.issue("partial_refund").rows == [3]
    assert rep.total_amount == 160.0 and rep.file_amount == 190.0 and rep.valid_rows == 4
    assert store.transaction_summary(con)["total"] == 160.0
    assert store.rfm(con).set_index("customer_id").loc["B", "spend"] == 20.0  # the refunded order is not a purchase


def test_product_names_spelt_many_ways_and_a_free_text_column(con, load):
    rep = load("customer_id,date,amount,product\nA,2024-01-01,5,Coca Cola 330ml\nA,2024-01-02,5,coca-cola 330ML\n"
               "B,2024-01-03,5,Sprite\n")
    assert rep.issue("product_spellings").count == 1 and "Coca Cola 330ml" in rep.issue("product_spellings").examples[0]
    text = "customer_id,date,amount,product\n" + "".join(f"c{i % 50},2024-01-01,1,货号{i}（备注 {i * 7}）\n"
                                                         for i in range(8000))
    rep = load(text)
    free = rep.issue("product_free_text")
    assert free.count == 8000 and free.data["lines"] == 8000 and not free.blocking and rep.imported


def test_row_numbers_stay_exact_in_a_large_file(con, load):
    rows = ["customer_id,date,amount"] + [f"c{i % 97},2024-01-{1 + i % 28:02d},{i % 50 + 1}" for i in range(120_000)]
    rows[100_001] = "cX,not a date,5"  # spreadsheet row 100,002
    with pytest.raises(InputError, match=r"1 row\(s\) with an unreadable date or a year outside 1900–2100 "
                                         r"\(rows 100002, e.g. not a date\)"):
        load("\n".join(rows) + "\n")


def test_years_outside_1900_2100_are_unreadable_dates(load):
    """Year 0 (Python has none) and 9999 are typos: reported with their rows, in either date family."""
    with pytest.raises(InputError) as e:
        load("customer_id,date,amount\nC1,0000-01-01,5\nC2,9999-12-31,6\nC3,2025-01-02,7\nC4,31/12/0000,8\n",
             date_order="dmy")
    assert "3 row(s) with an unreadable date or a year outside 1900–2100 (rows 2, 3, 5, e.g. 0000-01-01, 9999-12-31, " \
           "31/12/0000)" in e.value.en
    assert "1 row(s) where day and month" not in e.value.en
    report = load("customer_id,date,amount\nC1,1900-01-01,5\nC2,2100-12-31 23:59,6\nC3,31/12/2000,8\n",
                  date_order="dmy")
    assert (report.valid_rows, report.first_day, report.last_day) == (3, "1900-01-01", "2100-12-31")
