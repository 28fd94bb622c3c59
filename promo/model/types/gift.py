"""赠品 · Free gift: a gift with every qualifying purchase."""
from __future__ import annotations

import numpy as np

from ..response import Ctx, Offer, bump, clip01, gate, stretch, value_pull
from ..constants import const
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param
from .discount import ANNOUNCE, DIP, HALO, NEW_BUYERS, SWITCHING

PARAMS: tuple[Param, ...] = (
    param("gift_cost", "赠品单位成本", "Gift unit cost", "yuan", 0.0, 500.0, 15.0,
          "demo cosmetics chain: travel-size item at cost", "每件赠品的采购成本。", "What one gift costs you.", 1.0),
    param("perceived_value", "赠品感知价值", "Gift perceived value", "yuan", 0.0, 1000.0, 35.0,
          "demo: retail price of the travel-size item", "顾客心中赠品值多少钱。", "What customers think the gift is worth.", 1.0),
    param("min_spend", "满额门槛", "Minimum spend", "yuan", 0.0, 5000.0, 199.0,
          "demo: common '满199送' threshold", "消费满多少才送赠品（0 = 买即送）。",
          "Spend needed to get the gift (0 = with any purchase).", 1.0),
    param("gift_elasticity", "赠品吸引力", "Gift appeal", "ratio", 0.2, 6.0, 2.0,
          ASSUMPTION + "; a gift moves buyers less than cash of the same value (below the regular price elasticity 2.6)",
          "本来就会买的顾客因赠品多买的幅度，按赠品价值占订单比例计（同折扣弹性的算法）。",
          "How much more customers who buy anyway buy, by the gift's value as a share of the order (as a price elasticity).",
          0.1, Prior(1.0, 2.0, 3.0, ASSUMPTION)),
    param("new_buyer_rate", "新增购买率", "New-buyer rate", "share", 0.0, 0.5, 0.03,
          "as the discount's: take-up of reached non-buyers for an offer worth 10% of the basket; " + ASSUMPTION,
          "本来不会买的触达顾客中，因价值 10% 的赠品而来购买的比例。",
          "Share of reached customers who would not have bought that a gift worth 10% of the basket brings in.", 0.005,
          NEW_BUYERS),
    ANNOUNCE,
)


def flows(x: Ctx) -> Offer:
    """Buyers whose basket reaches the threshold (or is topped up to it) get a gift on each such order."""
    p = x.p
    eligible, topup = stretch(p["min_spend"], x.aov)
    value = p["perceived_value"] / np.maximum(np.maximum(p["min_spend"], x.aov), 1e-9)
    g = gate(value, const("offer_dead_zone")) * x.resp * x.lift
    reached = x.size * x.reach
    q, n0 = x.q, x.orders
    wanted = n0 * (1 + bump(value, p["gift_elasticity"]) * g)
    deal, base = x.capped(wanted), x.capped(n0)
    sub = reached * q * eligible
    new = reached * (1 - q) * clip01(p["new_buyer_rate"] * value_pull(value) * g)
    orders = sub * deal + new * base
    return Offer(reached=reached, sub=sub, new=new, bump=sub * np.maximum(deal - base, 0.0), new_orders=new * base, switching=SWITCHING, pull_forward=DIP, halo=HALO, basket=orders * topup,
                 variable={"gifts": p["gift_cost"] * orders, "announcement": reached * p["announce_cost"]}, orders_capped=sub * (wanted - deal) + new * (n0 - base))


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
    cost_zh="赠品成本 × 领取次数（包括本来就会买的顾客）。", cost_en="Gift unit cost × gifts handed out, buyers who would buy anyway included.",
    legal_zh=("赠品须标明品名、数量；不得赠送假冒伪劣商品。",), legal_en=("Name the gift and quantity; no counterfeit or substandard gifts.",),
    planning=Planning(max_runs=6, max_runs_source=ASSUMPTION, min_gap_weeks=4, duration_weeks=2,
                      levels=({"gift_cost": 8.0, "perceived_value": 20.0}, {}, {"gift_cost": 30.0, "perceived_value": 70.0}), carry=True),
    flows=flows, color="#ff7f0e", icon=":material/redeem:", key_params=("gift_cost", "perceived_value"), warnings=warnings)
