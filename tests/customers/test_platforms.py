"""One test per order-export layout of a Chinese shop platform (fixtures and their sources: fixtures/README.md).

Each checks what the automatic mapping picks (and what it must not pick: order totals repeated on item rows,
a voucher's face value, a self-pickup store), and what the import writes or why it refuses.
"""
from pathlib import Path

import pytest

from promo import store
from promo.customers import ingest
from promo.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"


def _raw(name: str):
    return ingest.read_table(FIXTURES / name)


def _rows(con, *cols):
    return con.cursor().execute(f"SELECT {', '.join(cols)} FROM transactions ORDER BY ts, amount").fetchall()


def test_taobao_order_report_gbk_with_refund_and_unpaid_orders(con):
    raw = _raw("taobao_ExportOrderList.csv")
    assert raw.encoding == "gb18030" and "订单付款时间" in raw.columns  # the header's trailing space is trimmed
    mapping = ingest.auto_map(raw.columns)
    assert mapping == {"customer_id": "买家会员名", "date": "订单付款时间", "amount": "买家实际支付金额",
                       "order_id": "订单编号", "quantity": "宝贝总数量", "store": "店铺名称", "status": "订单状态"}
    rep = store.import_transactions(con, raw)
    assert rep.rows == 3 and rep.valid_rows == 2 and rep.total_amount == 238.0 and rep.file_amount == 337.0
    not_sold = rep.issue("not_sold")
    assert not_sold.count == 2 and not_sold.rows == [3, 4] and not_sold.examples == ["交易关闭", "等待买家付款"]
    assert not not_sold.blocking and not_sold.data["sum"] == 99.0  # the unpaid order paid 0.00
    # the closed order is kept with its status; the unpaid one has no payment time and cannot be written
    assert _rows(con, "customer_id", "amount::DOUBLE", "status") == [("t_15011112222", 238.0, None),
                                                                     ("小鱼儿2020", 99.0, "cancelled")]
    assert store.transaction_summary(con)["total"] == 238.0


def test_taobao_item_report_alone_has_no_buyer_or_date(con):
    raw = _raw("taobao_ExportOrderDetailList.csv")
    assert ingest.auto_map(raw.columns) == {"order_id": "订单编号", "product": "商家编码", "quantity": "购买数量",
                                            "unit_price": "价格", "status": "订单状态"}
    with pytest.raises(InputError, match=r"missing required column\(s\): customer_id \(Customer id\), date \(Date\)"):
        store.check_transactions(con, raw)


def test_taobao_sub_order_rows_compute_the_line_amount(con, write_file):
    text = ("子订单编号,主订单编号,标题,价格,购买数量,外部系统编号,商品属性,订单状态,商家编码,买家应付货款,"
            "退款状态,退款金额,订单创建时间,买家会员名\n"
            "4012345678901234561,4012345678901234560,畔色岩板餐桌,5100.00,1,23210020201,颜色分类：砂白色,交易成功,"
            "23210020201,2933.78,没有申请退款,无退款申请,2026-01-18 13:39:27,tb_a\n"
            "4012345678901234562,4012345678901234560,榉木床头柜,1052.40,2,PPS2638004,颜色分类:榉木,交易关闭,"
            "PPS2638004022511,2104.80,退款成功,2104.80,2026-01-18 13:39:27,tb_a\n"
            '4012345678901239999,4012345678901239999,岩板茶几,899.00,1,,颜色分类:白色,"买家已付款,等待卖家发货",'
            "PPS2421007090112,899.00,没有申请退款,无退款申请,2026-01-19 08:00:00,tb_b\n")
    raw = ingest.read_table(write_file("ExportOrderList26954244167.csv", text, "gb18030"))
    mapping = ingest.auto_map(raw.columns)
    assert mapping["order_id"] == "主订单编号" and mapping["product"] == "商家编码" and "amount" not in mapping
    rep = store.import_transactions(con, raw)
    # 价格 × 购买数量, the second line closed: 5,100 + 899 written as sales; the closed line kept, not counted
    assert rep.total_amount == 5999.0 and rep.file_amount == 5100 + 2104.8 + 899
    assert rep.issue("not_sold").examples == ["交易关闭"] and rep.orders == 2


def test_douyin_has_no_buyer_and_its_receiver_phone_is_encrypted(con):
    raw = _raw("douyin_orders.csv")
    mapping = ingest.auto_map(raw.columns)
    assert mapping == {"date": "支付完成时间", "amount": "订单应付金额", "order_id": "主订单编号",
                       "product": "商家编码", "quantity": "商品数量", "unit_price": "商品单价",
                       "discount": "优惠总金额", "channel": "APP渠道", "status": "订单状态"}
    with pytest.raises(InputError) as e:
        store.check_transactions(con, raw, mapping)
    assert "missing required column(s): customer_id" in e.value.en and "抖店 and 拼多多" in e.value.en
    rep = store.check_transactions(con, raw, {**mapping, "customer_id": "收件人手机号"})
    masked = rep.issue("masked_customer")
    assert masked.blocking and masked.count == 2 and masked.examples[0] == "$$密文"
    with pytest.raises(InputError, match="customer id\\(s\\) are masked"):
        store.import_transactions(con, raw, {**mapping, "customer_id": "收件人手机号"}, skip_bad_rows=True)


def test_youzan_order_report(con):
    raw = _raw("youzan_orders.csv")
    assert raw.columns.count("分销员") == 1 and "分销员 (2)" in raw.columns  # a repeated header does not stop the read
    rep = store.import_transactions(con, raw)
    assert rep.mapping["amount"] == "订单实付金额" and rep.mapping["customer_id"] == "买家手机号"
    assert rep.total_amount == 148.0 and rep.customers == 1
    assert rep.issue("not_sold").examples == ["交易关闭", "待付款"]


def test_youzan_item_report_with_buyer_lines_discounts_and_a_refund(con):
    raw = _raw("youzan_items_with_buyer.csv")
    rep = store.import_transactions(con, raw)
    assert {k: rep.mapping[k] for k in ("amount", "product", "category", "list_amount", "discount", "store")} == {
        "amount": "商品实际成交金额", "product": "规格编码", "category": "商品一级分类", "list_amount": "商品金额小计",
        "discount": "店铺优惠（分摊）", "store": "下单网点"}
    assert rep.total_amount == pytest.approx(121.57 + 26.43 + 15.0) and rep.orders == 2
    assert rep.issue("not_sold").count == 1
    got = _rows(con, "product", "category", "quantity::DOUBLE", "list_amount::DOUBLE", "discount::DOUBLE", "status")
    assert got[:2] == [("LATTE-L", "饮品", 2.0, 30.0, 3.57, None), ("CAKE-ST-6", "蛋糕", 1.0, 138.0, 16.43, None)]
    assert got[2][-1] == "refunded"  # status ← 商品退款状态 (退款成功); its 订单商品状态 says 交易关闭


def test_jd_order_total_is_not_summed_per_item_and_masked_buyers_block(con):
    raw = _raw("jd_orders.csv")
    mapping = ingest.auto_map(raw.columns)
    assert "amount" not in mapping  # 订单金额 repeats the order's total on each item row: 京东价 × 订购数量 instead
    assert (mapping["unit_price"] == "京东价" and mapping["quantity"] == "订购数量"
            and mapping["customer_id"] == "下单帐号")
    rep = store.check_transactions(con, raw, mapping)
    assert rep.file_amount == 250 + 125 * 2 + 250  # not 500 + 500 + 250
    assert rep.issue("masked_customer").examples[0] == "jd_4a8b****" and not rep.ok
    assert rep.issue("not_sold").examples == ["(删除)已取消"]


def test_an_order_total_mapped_on_item_rows_is_refused(con, write_file):
    text = "customer_id,date,order_id,product,订单金额\n" + "".join(
        f"c{o},2024-01-0{o},O{o},P{i},{100 * o}\n" for o in (1, 2, 3) for i in (1, 2))
    raw = ingest.read_table(write_file("totals.csv", text))
    rep = store.check_transactions(con, raw)
    issue = rep.issue("order_total_repeated")
    assert issue.blocking and issue.count == 3 and issue.data["column"] == "订单金额" and issue.examples == ["O1"]
    assert "would count an order once per line" in issue.text("en")


def test_pdd_has_no_buyer_and_reads_thousands_separators(con):
    raw = _raw("pdd_orders.csv")
    mapping = ingest.auto_map(raw.columns)
    assert {k: mapping[k] for k in ("amount", "list_amount", "discount", "product", "category", "store")} == {
        "amount": "用户实付金额(元)", "list_amount": "商品总价(元)", "discount": "店铺优惠折扣(元)",
        "product": "商家编码-规格维度", "category": "商品一级类目", "store": "门店名称"}
    assert "customer_id" not in mapping  # ' 用户购买手机号' holds only a tab
    rep = store.check_transactions(con, raw, {**mapping, "customer_id": "订单号"})
    assert rep.file_amount == pytest.approx(16.30 + 1059.60 + 9.90)
    blank = rep.issue("mostly_blank")  # the self-pickup store, empty: said, not silently used
    assert blank.data["column"] == "门店名称" and blank.count == 3
    assert rep.issue("not_sold").examples == ["已取消"] and rep.total_amount == pytest.approx(26.2)


def test_meituan_orders_title_rows_total_row_and_walk_in_guests(con):
    raw = _raw("meituan_rms_全渠道订单明细.xlsx")
    assert raw.columns[:3] == ("省份", "城市", "门店名称")  # the header is on row 3
    rep = store.check_transactions(con, raw)
    assert rep.mapping["amount"] == "顾客实付" and rep.mapping["customer_id"] == "会员卡号"
    assert rep.issue("total_row").rows == [7] and not rep.issue("total_row").blocking
    assert rep.issue("blank_customer").rows == [5]  # a guest without a member card
    assert rep.issue("not_sold").examples == ["已退单"]
    rep = store.import_transactions(con, raw, skip_bad_rows=True)
    assert rep.valid_rows == 1 and rep.total_amount == 238.0  # the refunded order had no member card either


def test_meituan_dish_lines_take_the_line_income_not_the_order_total(con):
    raw = _raw("meituan_rms_品项销售明细.xlsx")
    mapping = ingest.auto_map(raw.columns)
    assert mapping["amount"] == "品项收入(元)" and mapping["list_amount"] == "销售金额(元)"
    assert mapping["discount"] == "优惠金额(元)" and mapping["category"] == "菜品大类"
    assert "订单金额(元)" not in mapping.values()
    with pytest.raises(InputError, match="customer_id"):
        store.check_transactions(con, raw, mapping)


def test_meituan_payment_report_voucher_value_is_not_an_amount():
    cols = ("门店", "营业日期", "业务大类", "业务小类", "结账方式", "支付状态", "支付时间", "支付日(账单日)",
            "支付金额(抵扣金额)", "支付优惠", "收款金额", "结算状态", "结算日期", "手续费(服务费)", "商家活动支出",
            "其他支出", "到账金额", "订单号", "订单状态", "收银员")
    mapping = ingest.auto_map(cols)
    assert "amount" not in mapping and mapping["date"] == "支付时间"
    assert ingest.norm("支付金额(抵扣金额)") == "支付金额抵扣金额" and ingest.norm("实付金额（元）") == "实付金额"


def test_generic_pos_headers(con, write_file):
    """银豹, 客如云 and similar tills: no published export header was found; their generic names map."""
    text = ("单号,销售时间,会员卡号,商品编码,商品名称,数量,单价,优惠金额,实收金额,门店\n"
            "S1,2024-02-01 09:00,M001,6901,矿泉水,2,2.00,0.40,3.60,一店\n"
            "S1,2024-02-01 09:00,M001,6902,面包,1,5.00,,5.00,一店\n"
            "S2,2024-02-01 10:00,M002,6901,矿泉水,-1,2.00,,2.00,一店\n")
    rep = store.import_transactions(con, ingest.read_table(write_file("pos.csv", text)))
    assert rep.mapping == {"customer_id": "会员卡号", "date": "销售时间", "amount": "实收金额", "order_id": "单号",
                           "product": "商品编码", "quantity": "数量", "unit_price": "单价", "discount": "优惠金额",
                           "store": "门店"}
    ret = rep.issue("return")
    assert ret.rows == [4] and ret.data["sum"] == -2.0 and not ret.blocking
    assert rep.total_amount == pytest.approx(3.6 + 5.0 - 2.0)
    assert _rows(con, "product", "quantity::DOUBLE", "amount::DOUBLE", "list_amount::DOUBLE") == [
        ("6901", 2.0, 3.6, 4.0), ("6902", 1.0, 5.0, 5.0), ("6901", -1.0, -2.0, -2.0)]
