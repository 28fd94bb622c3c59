"""The model card: every published figure the model relies on, set up in the simulator and compared.

Each benchmark names its source, the published figure (a range), how it is set up, what the
simulator gives and whether that lies within the tolerance. ``python -m promo model-card``
prints it; a test fails on any benchmark out of tolerance.
"""
from __future__ import annotations

from dataclasses import dataclass

from .analysis import compare_matrix
from .campaign import make_campaign
from .constants import const
from .segments import default_segments, make_segment
from .simulation import simulate
from .types import TYPE_KEYS


@dataclass(frozen=True)
class Benchmark:
    key: str
    source: str
    published: str  # the figure as the source gives it
    published_zh: str
    setup_en: str
    setup_zh: str
    simulated: float
    tolerance: tuple[float, float]  # the simulated value must lie in this range
    unit: str  # share | count | yuan | ratio

    @property
    def ok(self) -> bool:
        return self.tolerance[0] - 1e-9 <= self.simulated <= self.tolerance[1] + 1e-9

    def to_dict(self) -> dict:
        return {"key": self.key, "source": self.source, "published": self.published, "setup": self.setup_en,
                "simulated": self.simulated, "tolerance": list(self.tolerance), "unit": self.unit, "ok": self.ok}


def _segment(key: str, **fields):
    d = {"key": key, "zh": key, "en": key, "size": 10_000, "p_week": 0.05, "aov": 100, "margin": 0.5,
         "deal_sensitivity": 1.0, "retention": 0.5, "affinity": dict.fromkeys(TYPE_KEYS, 1.0)}
    d.update(fields)
    return make_segment(d)


def _ev(type_key, seg, params=None, **settings):
    return simulate(make_campaign(type_key, [seg.key], params, **settings), (seg,), draws=0)


def trial_rollout() -> list[Benchmark]:
    near = _segment("near_shop", size=50_000, p_week=0.0)
    r = _ev("free_trial", near, {"samples": 5000}, duration_weeks=1, reach=1.0)
    setup_en = ("free trial, 5,000 samples, one week, to non-customers near the shop (weekly purchase probability 0, "
                "order 100 yuan), default conversion and orders per buyer")
    setup_zh = "免费试用 5,000 份、1 周，派给门店附近的非顾客（周购买概率 0，客单价 100 元），其余为默认值"
    return [
        Benchmark("trial_customers", "seed text: 5,000 packs within 1 km over 3 days",
                  "80–120 new customers", "80–120 位新顾客",
                  setup_en, setup_zh, r.incremental_buyers, (80, 120), "count"),
        Benchmark("trial_sales", "seed text: 5,000 packs within 1 km over 3 days",
                  "8,000–15,000 yuan of sales", "销售额 8,000–15,000 元",
                  setup_en, setup_zh, r.incremental_revenue, (8000, 15000), "yuan"),
    ]


def email_members() -> Benchmark:
    members = _segment("members", size=1_000_000, p_week=0.02)
    r = _ev("coupon", members, {"channel": "email", "face_value": 20, "min_spend": 100}, duration_weeks=1, reach=1.0)
    return Benchmark(
        "email_buyers", "seed text (1% buy) and DMA Response Rate Reports 2012–2015 (e-mail 0.1–0.12%)",
        "0.1%–1% of members e-mailed buy", "收到邮件的会员中 0.1%–1% 购买",
        "coupon worth 20% by e-mail to 1,000,000 members (weekly purchase probability 0.02, order 100 yuan), one week",
        "电子邮件发给 100 万会员、价值 20% 的优惠券（周购买概率 0.02，客单价 100 元），1 周",
        r.participants / r.reached, (0.001, 0.01), "share")


def price_cut() -> list[Benchmark]:
    seg = _segment("regulars", p_week=0.3)
    r = _ev("discount", seg, {"depth": 0.2, "new_buyer_rate": 0.0}, duration_weeks=1, reach=1.0)
    gross = (r.incremental_orders + r.dip_orders + r.switched_orders)
    base = 10_000 * 0.3
    setup_en = "20% off for one week to customers who buy anyway (no new buyers), promotional elasticity 3.6"
    setup_zh = "对本来就会买的顾客打八折 1 周（不计新顾客），促销弹性 3.6"
    incremental = r.incremental_orders / gross
    return [
        Benchmark("price_cut_20", "Bijmolt, van Heerde & Pieters 2005 (−3.63); van Heerde & Neslin 2008",
                  "+73% (linear reading) to +125% (constant elasticity) units at 20% off",
                  "打八折销量 +73%（线性读法）至 +125%（常弹性）",
                  setup_en, setup_zh, gross / base, (0.73, 1.25), "share"),
        Benchmark("bump_incremental", "Ailawadi et al. 2006 JMR / 2007 Marketing Science (CVS)",
                  "about 45% of the gross lift is incremental for the retailer", "总增量中约 45% 对零售商是真实新增",
                  setup_en, setup_zh, incremental, (0.40, 0.50), "share"),
        Benchmark("bump_dip", "van Heerde, Leeflang & Wittink 2000",
                  "post-promotion dip 4–25% of the bump", "促销后回落为增量的 4–25%",
                  setup_en, setup_zh, r.dip_orders / gross, (0.04, 0.25), "share"),
    ]


def thirds() -> list[Benchmark]:
    """van Heerde et al. 2004's thirds, on customers who buy anyway (the store data it decomposes)."""
    seg = _segment("regulars", p_week=0.3)
    r = _ev("discount", seg, {"depth": 0.2, "new_buyer_rate": 0.0}, duration_weeks=1, reach=1.0)
    gross = r.incremental_orders + r.dip_orders + r.switched_orders
    setup_en, setup_zh = "20% off for one week to customers who buy anyway", "对本来就会买的顾客打八折 1 周"
    source = "van Heerde, Leeflang & Wittink 2004 (four store-level datasets)"
    return [Benchmark("bump_switching", source,
                      "about ⅓ of the bump is switching between goods", "约 ⅓ 的增量来自商品间转移",
                      setup_en, setup_zh, r.switched_orders / gross, (0.2, 0.45), "share"),
            Benchmark("bump_cross_period", source,
                      "about ⅓ of the bump is borrowed from other weeks", "约 ⅓ 的增量借自其他周",
                      setup_en, setup_zh, r.dip_orders / gross, (0.15, 0.45), "share")]


def breakeven_lift() -> Benchmark:
    seg = _segment("shop", p_week=0.1, margin=0.3)
    r = _ev("discount", seg, {"depth": 0.1, "dip": 0.0, "switching": 0.0, "halo": 0.0, "new_buyer_rate": 0.0,
                              "announce_cost": 0.0},
            duration_weeks=1)
    return Benchmark("breakeven_lift", "break-even volume for a price cut d at margin m: d/(m−d)",
                     "+50% volume at 10% off and 30% margin", "毛利 30% 打九折需多卖 50%",
                     "10% off at 30% margin, no dip, switching, halo, new buyers or cost of telling customers",
                     "毛利率 30% 时打九折，不计提前购买、转移、带动和新顾客",
                     r.breakeven["lift"] or 0.0, (0.499, 0.501), "share")


def coupon_channels() -> list[Benchmark]:
    """Redemption of a 10%-of-basket coupon sent to a house list where 30% buy in the four weeks anyway."""
    p_week = 1 - 0.7 ** (1 / 4)
    house = _segment("house", p_week=p_week)
    cases = (("mail", "DMA 2012–2016: direct mail to own customers", "3.4–5.3% respond", "3.4–5.3% 回应",
              (0.034, 0.053)),
             ("wechat", "NCH 2015 via CPGmatters: digital load-to-card", "7.3% redeem", "7.3% 核销", (0.055, 0.09)),
             ("in_store", "NCH 2012: checkout coupons", "7.4–8.5% redeem", "7.4–8.5% 核销", (0.074, 0.085)),
             ("email", "DMA 2012–2015: e-mail", "0.1–0.12% respond", "0.1–0.12% 回应", (0.001, 0.0012)))
    out = []
    for channel, source, published, published_zh, tol in cases:
        r = _ev("coupon", house, {"channel": channel, "face_value": 10, "min_spend": 0}, duration_weeks=4, reach=1.0)
        out.append(Benchmark(f"coupon_{channel}", source, published, published_zh,
                             f"coupon worth 10% of the basket by {channel}, four weeks, to a house list where 30% buy "
                             "in those weeks anyway",
                             f"价值 10% 的优惠券经 {channel} 发给老顾客名单（其中 30% 四周内本来就会买），4 周",
                             r.participants / r.reached, tol, "share"))
    return out


def rebate_claims() -> Benchmark:
    seg = _segment("buyers", p_week=0.1)
    r = _ev("rebate", seg, duration_weeks=4, reach=1.0)
    return Benchmark("rebate_claims", "BusinessWeek 2005 (40% never redeemed); PMA 2005 (21% of all buyers)",
                     "20–60% of buyers claim", "购买者中 20–60% 申领",
                     "rebate at its defaults, four weeks, to a segment buying weekly at 10%",
                     "默认返现、4 周，客群周购买概率 10%", r.leads / r.participants, (0.2, 0.6), "share")


def winback() -> Benchmark:
    return Benchmark("winback_stick", "Griffin & Lowenstein 2001 (secondary: win-back succeeds 20–40%)",
                     "20–40% of lost customers won back stay", "赢回的流失顾客中 20–40% 留下",
                     "share of reactivated buyers counted as staying customers",
                     "被唤醒顾客中计为留下的比例", const("stick_share"), (0.2, 0.4), "share")


def losing_share() -> Benchmark:
    rows = compare_matrix(default_segments(), draws=0)
    share = sum(r["profit_mean"] < 0 for r in rows) / len(rows)
    return Benchmark("promotions_losing", "Nielsen 2015 (212 M promotion events, 7 markets; US 71%)",
                     "59% of promotions lose money", "59% 的促销亏钱",
                     "every type at its defaults against every demo segment",
                     "每种促销方式按默认值对每个演示客群", share, (0.45, 0.75), "share")


def benchmarks() -> list[Benchmark]:
    return [*trial_rollout(), email_members(), *price_cut(), *thirds(), breakeven_lift(), *coupon_channels(),
            rebate_claims(), winback(), losing_share()]
