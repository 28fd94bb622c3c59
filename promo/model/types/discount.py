"""打折促销 · Discount: a temporary cut of the selling price for the customers it reaches."""
from __future__ import annotations

import numpy as np

from ...errors import InputError
from ..constants import const
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param
from ..response import Ctx, Offer, gate, order_offer
from .shared import ANNOUNCE, DIP, HALO, SWITCHING, new_buyer_rate

PRICE_LAW_ZH = "标示“原价”须为降价前 7 日内的最低成交价（《规范促销行为暂行规定》）。"
PRICE_LAW_EN = ("The 'original price' in a price-cut claim must be the lowest price of the 7 days before (China); "
                "EU: lowest of 30 days.")

PARAMS: tuple[Param, ...] = (
    param("depth", "折扣幅度", "Discount depth", "share", 0.01, 0.8, 0.15,
          "typical retail price promotion (van Heerde, Leeflang & Wittink 2000)",
          "价格降低的比例，例如 0.15 = 打八五折。", "Share taken off the price, e.g. 0.15 = 15% off.", 0.01),
    param("dead_zone", "无效折扣线", "Dead-zone threshold", "share", 0.0, 0.3, 0.10,
          "Gupta & Cooper 1992: buyers ignore discounts below a threshold (5–15%; value an assumption)",
          "低于此幅度顾客几乎不反应。", "Below this depth customers barely react.", 0.01),
    param("suspicion", "可疑折扣线", "Suspicion level", "share", 0.3, 0.9, 0.5,
          "seed text: too deep a cut makes customers suspect poor goods; "
          "Gupta & Cooper 1992: saturation (40–60%, assumption)",
          "超过此幅度顾客开始怀疑商品质量，参与下降。",
          "Beyond this depth customers suspect poor goods and respond less.", 0.01),
    param("elasticity", "促销弹性", "Promotional elasticity", "ratio", 0.5, 8.0, 3.6,
          "Bijmolt, van Heerde & Pieters 2005: promotional elasticity −3.63 (regular price −2.62)",
          "本来就会买的顾客在促销时多买的幅度：销量 × (1 − 折扣)^(−弹性)。",
          "How much more customers who buy anyway buy on deal: units × (1 − depth)^(−elasticity).", 0.1,
          Prior(2.6, 3.6, 4.6, "Bijmolt et al. 2005: −3.63 promotional; −2.62 regular as the low end")),
    param("switching", "品类内转移占比", "Switching share", "share", 0.0, 0.9, SWITCHING,
          "van Heerde, Leeflang & Wittink 2004: about ⅓ of a price-cut bump is switching between goods; with the "
          "pull-forward share it leaves 47% incremental (Ailawadi et al. 2006, CVS: about 45%)",
          "多卖的量中只是从你自己其他商品转过来的比例（没有新增毛利）。",
          "Share of the extra volume that only moves from your own other goods (no margin gained).", 0.01,
          Prior(0.25, 0.33, 0.4, "van Heerde et al. 2003/2004: switching at most a third of the unit bump")),
    param("dip", "提前购买占比", "Pull-forward share", "share", 0.0, 0.5, DIP,
          "van Heerde, Leeflang & Wittink 2000: post-promotion dip 4–25% of the bump; 2004: about ⅓ cross-period",
          "多卖的量中只是提前购买、促销后会少买的比例。",
          "Share of the extra volume only bought earlier and missing after the promotion.", 0.01,
          Prior(0.08, 0.2, 0.33, "van Heerde et al. 2000 (dip 4–25%) and 2004 (⅓ cross-period)")),
    param("halo", "带动其他商品", "Halo", "share", 0.0, 0.5, HALO,
          "Ailawadi et al. 2007 (CVS): 0.16 units of other goods per unit of gross lift; Leeflang et al. 2008: net +9%",
          "每多卖 1 单位促销品，顺带多卖的其他商品（按金额比例）。",
          "Other goods sold along with each extra unit on deal (as a share of its value).", 0.01,
          Prior(0.09, 0.16, 0.2, "Leeflang et al. 2008 (net +9%) to Ailawadi et al. 2007 (0.16)")),
    new_buyer_rate("折扣", "a discount", source=""),
    ANNOUNCE,
)


def flows(x: Ctx) -> Offer:
    """Everyone reached who buys anyway pays less on every order; they buy more (elasticity), and some who
    would not have bought come in (new-buyer rate × depth ÷ 10%)."""
    p = x.p
    d = p["depth"]
    g = gate(d, p["dead_zone"], p["suspicion"]) * x.resp * x.lift
    o = order_offer(x, d, p["elasticity"], p["new_buyer_rate"], g)
    weeks_factor = min(1.0, x.weeks / 4) * (1 + x.runs / TYPE.planning.max_runs)
    erosion = const("regular_elasticity") * d * const("reference_pass") * weeks_factor
    return Offer(
        reached=o.reached, sub=o.sub, new=o.new, bump=o.bump, new_orders=o.new * o.base,
        # drawn shares may together pass 1 where the typical ones nearly do: the dip takes what switching leaves
        switching=p["switching"], pull_forward=np.minimum(p["dip"], 1 - p["switching"]), halo=p["halo"],
        variable={"discount": d * x.aov * o.orders, "announcement": o.reached * p["announce_cost"]},
        orders_capped=o.capped_orders,
        reference_loss=o.reached * x.p_week * const("reference_weeks") * x.aov * x.margin * erosion)


def warnings(c, result) -> list:
    p, out = c.params, []
    if p["depth"] < p["dead_zone"]:
        out.append(("dead_zone", {"depth": p["depth"], "threshold": p["dead_zone"]}))
    if p["depth"] > p["suspicion"]:
        out.append(("suspicion", {"depth": p["depth"], "level": p["suspicion"]}))
    return out


def checks(p: dict) -> None:
    if p["dead_zone"] >= p["suspicion"]:
        raise InputError(f"dead_zone = {p['dead_zone']:g} must be below suspicion = {p['suspicion']:g}.",
                         f"无效折扣线 {p['dead_zone']:g} 必须低于可疑折扣线 {p['suspicion']:g}。", field="dead_zone")
    if p["switching"] + p["dip"] > 1:
        raise InputError(f"switching + dip = {p['switching'] + p['dip']:g}: together they can be at most 1 "
                         "(both are shares of the same extra volume).",
                         f"品类内转移占比 + 提前购买占比 = {p['switching'] + p['dip']:g}，"
                         "两者之和不能超过 1（都是同一增量的份额）。",
                         field="switching")


TYPE = PromoType(
    key="discount", zh="打折促销", en="Discount",
    desc_zh="在一段时间内直接降低售价。", desc_en="A temporary cut of the selling price.",
    purposes=("sales", "acquisition", "reactivation"),
    strengths_zh=("见效快", "短期内拉动销量", "提高客单量"),
    strengths_en=("Works fast", "Lifts short-term volume", "Bigger baskets"),
    weaknesses_zh=("时间长则成本高", "多为提前购买而非新增", "有损品牌形象", "难以恢复原价", "不宜频繁"),
    weaknesses_en=("Costly if long", "Pulls sales forward rather than adding them", "Cheapens the brand",
                   "Hard to return to full price", "Must not run often"),
    seed_suits=("new", "half_dormant"), params=PARAMS,
    cost_zh="折扣金额 × 所有优惠订单（包括本来就会买的顾客）+ 告知成本。",
    cost_en=("Discount money on every deal order, including buyers who would have paid full price, "
             "plus telling customers."),
    legal_zh=(PRICE_LAW_ZH, "需说明促销理由并展示原价与现价。"),
    legal_en=(PRICE_LAW_EN, "State the reason and show before/after prices."),
    planning=Planning(max_runs=4, max_runs_source="seed text: offers must not be too frequent; " + ASSUMPTION,
                      min_gap_weeks=8, duration_weeks=2, levels=({"depth": 0.10}, {}, {"depth": 0.25}),
                      price_offer=True, carry=True),
    flows=flows, color="#d62728", icon=":material/sell:", key_params=("depth",), warnings=warnings, checks=checks)
