"""优惠券 · Coupon: a voucher sent to the customers reached, redeemed on a later purchase."""
from __future__ import annotations

import numpy as np

from ...errors import InputError
from ..constants import const
from ..response import Ctx, Offer, clip01, gate, stretch, value_pull
from ..registry import ASSUMPTION, Choice, Param, Planning, Prior, PromoType, param

CHANNELS = (
    Choice("sms", "短信", "SMS"),
    Choice("wechat", "微信/小程序", "WeChat / mini-program"),
    Choice("app", "App 推送", "App push"),
    Choice("mail", "邮寄/DM", "Direct mail"),
    Choice("email", "电子邮件", "E-mail"),
    Choice("in_store", "店内派发", "In store"),
)
# channel: (share of the segment it can reach, redemption relative to SMS and mail). Anchors: direct mail to own
# customers 3.4–5.3% response (DMA 2012–2016) = 1; digital load-to-card 7.3% (NCH 2015) ≈ 1.5; checkout coupons
# 7.4–8.5% (NCH 2012) ≈ 1.7 in store; e-mail 0.1–0.12% (DMA) ≈ 0.025. Reach shares and the app figure: assumption.
CHANNEL_EFFECT = {"sms": (0.95, 1.0), "wechat": (0.7, 1.5), "app": (0.4, 1.0), "mail": (0.9, 1.0),
                  "email": (0.9, 0.025), "in_store": (0.3, 1.7)}
CHANNEL_SOURCE = ("reach share and redemption relative to SMS: direct mail to own customers 3.4–5.3% (DMA), "
                  "load-to-card 7.3% (NCH), checkout 7.4–8.5% (NCH), e-mail 0.1% (DMA); reach shares " + ASSUMPTION)

PARAMS: tuple[Param, ...] = (
    param("face_value", "券面额", "Face value", "yuan", 1.0, 1000.0, 10.0,
          "demo: common 满100减10 e-coupon", "每张券抵扣的金额。", "Amount the coupon takes off.", 1.0),
    param("min_spend", "使用门槛", "Minimum spend", "yuan", 0.0, 5000.0, 100.0,
          "demo: 满100减10", "满多少元可用（0 = 无门槛）。", "Spend needed to use it (0 = none).", 1.0),
    param("channel", "发放渠道", "Distribution channel", "choice", 0, 0, "sms", CHANNEL_SOURCE,
          "影响可触达比例和核销率。", "Sets how many can be reached and how many redeem.", choices=CHANNELS),
    param("cost_per_send", "每次发放成本", "Cost per send", "yuan", 0.0, 20.0, 0.05,
          "typical bulk SMS price in China, 0.03–0.06 yuan", "每发出一张券的成本。", "Cost of sending one coupon.",
          0.01),
    param("redemption_rate", "老顾客核销率", "Redemption by regular buyers", "share", 0.001, 0.9, 0.10,
          "share of reached customers who buy in the window anyway that redeem a coupon worth 10% of the basket, by "
          "SMS or mail: 10% reproduces direct-mail response to own customers of 3.4–5.3% (DMA) when 30% of a "
          "house list buy in the window and others redeem a quarter as often",
          "本来就会买的顾客中使用的比例（券值为订单 10% 时；券值越高越多）；本来不会买的顾客按比例更少。",
          "Share of customers who buy anyway that redeem a coupon worth 10% of the basket (more for larger coupons); "
          "customers who would not have bought redeem less often (see the ratio).", 0.005,
          Prior(0.05, 0.10, 0.2, "DMA 2012–2016 house-list response 3.4–5.3%; NCH channel rates")),
    param("regulars_ratio", "老顾客核销倍数", "Regulars' redemption ratio", "ratio", 1.0, 20.0, 4.0,
          "Bawa & Shoemaker 1987: redemption much higher among regular buyers; 4 (2–8) an assumption",
          "本来就会买的顾客核销率是本来不会买的顾客的几倍。",
          "How many times more often customers who buy anyway redeem than those who would not.", 0.5,
          Prior(2.0, 4.0, 8.0, "Bawa & Shoemaker 1987 (direction); value " + ASSUMPTION)),
    param("handling_cost", "每张核销处理费", "Handling cost per redemption", "yuan", 0.0, 10.0, 0.5,
          "retailer handling fee about 8 US cents per coupon (NCH), rounded up for staff time",
          "每核销一张券的处理成本。", "Cost of processing one redeemed coupon.", 0.1),
    param("validity_weeks", "有效期", "Validity", "weeks", 1.0, 26.0, 4.0,
          "demo: four-week e-coupon", "券可使用的周数。", "Weeks the coupon stays valid.", 1.0),
)


def flows(x: Ctx) -> Offer:
    """Regular buyers redeem ``regulars_ratio`` times as often as others; a redemption by someone who buys anyway
    subsidises a planned order (Bawa & Shoemaker 1987: redeemers revert to their usual choice), one by someone who
    would not have bought is a new buyer. Both groups respond to value alike (Krishna & Shoemaker 1992)."""
    p = x.p
    reach_share, mult = CHANNEL_EFFECT[p["channel"]]
    reached = x.size * x.reach * reach_share
    value = p["face_value"] / np.maximum(np.maximum(p["min_spend"], x.aov), 1e-9)
    scale = const("coupon_validity_weeks")
    validity = (1 - np.exp(-p["validity_weeks"] / scale)) / (1 - np.exp(-4.0 / scale))
    g = gate(value, const("offer_dead_zone")) * x.resp * x.lift
    rate = clip01(p["redemption_rate"] * mult * validity * value_pull(value) * g)
    _, topup = stretch(p["min_spend"], x.aov)
    q = x.q
    sub = reached * q * rate
    new = reached * (1 - q) * clip01(rate / p["regulars_ratio"] * x.in_market)
    redeemed = sub + new
    return Offer(reached=reached, sub=sub, new=new, new_orders=new, basket=redeemed * topup,
                 variable={"distribution": reached * p["cost_per_send"], "face_value": redeemed * p["face_value"],
                           "handling": redeemed * p["handling_cost"]})


def checks(p: dict) -> None:
    if p["min_spend"] > 0 and p["face_value"] > p["min_spend"]:
        raise InputError(f"face_value = {p['face_value']:g} is larger than min_spend = {p['min_spend']:g}: a coupon "
                         "cannot take off more than the spend it needs; lower the face value or raise the minimum "
                         "spend (0 = no minimum).",
                         f"券面额 {p['face_value']:g} 大于使用门槛 {p['min_spend']:g}：优惠不能超过门槛金额；"
                         "请降低面额或提高门槛（0 = 无门槛）。", field="face_value")


TYPE = PromoType(
    key="coupon", zh="优惠券", en="Coupon",
    desc_zh="发放下次或指定购买可用的抵扣券。", desc_en="A voucher for a later or targeted purchase.",
    purposes=("sales", "reactivation", "loyalty"),
    strengths_zh=("对知名品牌和忠诚顾客有效", "适合发给老顾客", "唤醒沉睡顾客（电子红包）"),
    strengths_en=("Works for known brands and loyal customers", "Good for existing customers",
                  "Wakes dormant customers (e-red-packets)"),
    weaknesses_zh=("对新品牌作用弱", "取决于顾客态度"),
    weaknesses_en=("Weak for new brands", "Depends on the customer's attitude"),
    seed_suits=("active", "vip", "half_dormant", "dormant"), params=PARAMS,
    cost_zh="发放数 × 每次发放成本 + 核销数 × (面额 + 处理费)。",
    cost_en="Sends × cost per send + redemptions × (face value + handling).",
    legal_zh=("须写明使用条件、有效期。",), legal_en=("State the conditions and validity.",),
    planning=Planning(max_runs=8, max_runs_source=ASSUMPTION, min_gap_weeks=3, duration_weeks=4,
                      levels=({"face_value": 5.0}, {}, {"face_value": 20.0}), price_offer=True, carry=True),
    flows=flows, color="#1f77b4", icon=":material/confirmation_number:", response_param="redemption_rate",
    key_params=("face_value", "min_spend"), checks=checks)
