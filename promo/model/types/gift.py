"""赠品 · Free gift: a gift with every qualifying purchase."""
from __future__ import annotations

import numpy as np

from ..response import Ctx, Offer, gate, order_offer, stretch
from ..constants import const
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param
from .shared import ANNOUNCE, DIP, HALO, SWITCHING, new_buyer_rate

PARAMS: tuple[Param, ...] = (
    param("gift_cost", "赠品单位成本", "Gift unit cost", "yuan", 0.0, 500.0, 15.0,
          "demo cosmetics chain: travel-size item at cost", "每件赠品的采购成本。", "What one gift costs you.", 1.0),
    param("perceived_value", "赠品感知价值", "Gift perceived value", "yuan", 0.0, 1000.0, 20.0,
          "demo: customers value the travel-size item below its 35-yuan retail price (seed text: not every buyer "
          "values the gift); " + ASSUMPTION, "顾客心中赠品值多少钱。", "What customers think the gift is worth.", 1.0),
    param("min_spend", "满额门槛", "Minimum spend", "yuan", 0.0, 5000.0, 199.0,
          "demo: common '满199送' threshold", "消费满多少才送赠品（0 = 买即送）。",
          "Spend needed to get the gift (0 = with any purchase).", 1.0),
    param("gift_elasticity", "赠品吸引力", "Gift appeal", "ratio", 0.2, 6.0, 1.0,
          ASSUMPTION + "; a gift moves buyers less than cash of the same value "
                       "(below the regular price elasticity 2.6)",
          "本来就会买的顾客因赠品多买的幅度，按赠品价值占订单比例计（同折扣弹性的算法）。",
          "How much more customers who buy anyway buy, by the gift's value as a share of the order "
          "(as a price elasticity).",
          0.1, Prior(0.5, 1.0, 1.5, ASSUMPTION)),
    new_buyer_rate("赠品", "a gift"),
    ANNOUNCE,
)


def flows(x: Ctx) -> Offer:
    """Buyers whose basket reaches the threshold (or is topped up to it) get a gift on each such order."""
    p = x.p
    eligible, topup = stretch(p["min_spend"], x.aov)
    value = p["perceived_value"] / np.maximum(np.maximum(p["min_spend"], x.aov), 1e-9)
    g = gate(value, const("offer_dead_zone")) * x.resp * x.lift
    o = order_offer(x, value, p["gift_elasticity"], p["new_buyer_rate"], g, eligible)
    return Offer(reached=o.reached, sub=o.sub, new=o.new, bump=o.bump, new_orders=o.new * o.base,
                 switching=SWITCHING, pull_forward=DIP, halo=HALO, basket=o.orders * topup,
                 variable={"gifts": p["gift_cost"] * o.orders, "announcement": o.reached * p["announce_cost"]},
                 orders_capped=o.capped_orders)


def warnings(c, result) -> list:
    p = c.params
    if p["perceived_value"] < p["gift_cost"]:
        return [("poor_gift", {"perceived": p["perceived_value"], "cost": p["gift_cost"]})]
    return []


TYPE = PromoType(
    key="gift", zh="赠品促销", en="Free gift",
    desc_zh="购买达到条件即送赠品。", desc_en="A free gift with a qualifying purchase.",
    purposes=("sales", "acquisition", "loyalty"),
    strengths_zh=("吸引首次和重复购买", "加深品牌印象", "对抗竞争对手"),
    strengths_en=("Draws first and repeat purchases", "Builds brand memory", "Counters rivals"),
    weaknesses_zh=("劣质赠品损害品牌", "增加成本", "并非人人看重赠品"),
    weaknesses_en=("A poor gift hurts the brand", "Adds cost", "Not every buyer values the gift"),
    seed_suits=("new", "active"), params=PARAMS,
    cost_zh="赠品成本 × 领取次数（包括本来就会买的顾客）。",
    cost_en="Gift unit cost × gifts handed out, buyers who would buy anyway included.",
    legal_zh=("赠品须标明品名、数量；不得赠送假冒伪劣商品。",),
    legal_en=("Name the gift and quantity; no counterfeit or substandard gifts.",),
    planning=Planning(max_runs=6, max_runs_source=ASSUMPTION, min_gap_weeks=4, duration_weeks=2,
                      levels=({"gift_cost": 8.0, "perceived_value": 11.0}, {},
                              {"gift_cost": 30.0, "perceived_value": 40.0}), carry=True),
    flows=flows, color="#ff7f0e", icon=":material/redeem:", key_params=("gift_cost", "perceived_value"),
    warnings=warnings)
