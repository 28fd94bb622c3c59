"""退费优待 · Rebate: cash back after purchase, claimed with proof."""
from __future__ import annotations

import numpy as np

from ..constants import const
from ..response import Ctx, Offer, gate, order_offer
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param
from .shared import ANNOUNCE, DIP, HALO, SWITCHING, new_buyer_rate

PARAMS: tuple[Param, ...] = (
    param("amount", "返现金额", "Rebate amount", "yuan", 1.0, 2000.0, 30.0,
          "demo: cash-back on a 200-yuan purchase", "每次申领返还的金额。", "Cash returned per claim.", 1.0),
    param("claim_rate", "申领率", "Claim rate", "share", 0.01, 1.0, 0.35,
          "BusinessWeek 2005: about 40% of rebates never redeemed; PMA 2005: 21% of all buyers claim; 20–60% typical",
          "本来就会买的购买者中实际申领返现的比例（因返现而来的新顾客申领更多）。",
          "Share of buyers who would buy anyway that send in a claim (buyers drawn by the rebate claim more often).",
          0.01, Prior(0.2, 0.35, 0.6, "PMA 2005, BusinessWeek 2005, Silk 2006: 20–60% claim")),
    param("slippage", "兑付流失率", "Slippage", "share", 0.0, 0.5, 0.10,
          "approved rebates never cashed; no published figure found, 5–25% an assumption",
          "已批准但从未兑现的比例。", "Share of approved rebates never cashed.", 0.01,
          Prior(0.05, 0.10, 0.25, ASSUMPTION)),
    param("fulfilment_cost", "每笔处理成本", "Fulfilment cost per claim", "yuan", 0.0, 100.0, 3.0,
          "demo: staff time and transfer fee per claim", "处理一笔申领的成本。", "Cost of handling one claim.", 0.5),
    param("rebate_elasticity", "返现吸引力", "Rebate appeal", "ratio", 0.1, 5.0, 1.0,
          ASSUMPTION + "; rebates appeal weakly to buyers (seed text)",
          "本来就会买的顾客因返现多买的幅度，按返现占订单比例计（同折扣弹性的算法）。",
          "How much more customers who buy anyway buy, by the rebate as a share of the order (as a price elasticity).",
          0.1, Prior(0.5, 1.0, 1.5, ASSUMPTION)),
    new_buyer_rate("返现", "a rebate"),
    ANNOUNCE,
)


def flows(x: Ctx) -> Offer:
    """Every buyer may claim; only claimants cost money, and buyers drawn by the rebate claim more often."""
    p = x.p
    value = p["amount"] / x.aov
    g = gate(value, const("offer_dead_zone")) * x.resp * x.lift
    o = order_offer(x, value, p["rebate_elasticity"], p["new_buyer_rate"], g)
    new_claim = np.minimum(p["claim_rate"] * const("rebate_new_claim_ratio"), 1.0)
    claims = p["claim_rate"] * o.sub * o.deal + new_claim * o.new * o.base
    return Offer(reached=o.reached, sub=o.sub, new=o.new, bump=o.bump, new_orders=o.new * o.base,
                 switching=SWITCHING, pull_forward=DIP, halo=HALO,
                 variable={"rebates": claims * (1 - p["slippage"]) * p["amount"],
                           "fulfilment": claims * p["fulfilment_cost"], "announcement": o.reached * p["announce_cost"]},
                 orders_capped=o.capped_orders, leads=p["claim_rate"] * o.sub + new_claim * o.new)


TYPE = PromoType(
    key="rebate", zh="退费优待", en="Rebate",
    desc_zh="购买后凭凭证申领返现。", desc_en="Cash back after purchase, claimed with proof.",
    purposes=("acquisition", "data"),
    strengths_zh=("适合首次试用", "成本低（很多人不申领）", "收集顾客联系方式"),
    strengths_en=("Suits first trials", "Low cost: many never claim", "Collects contact data"),
    weaknesses_zh=("对购买者吸引力弱",), weaknesses_en=("Weak appeal to buyers",),
    seed_suits=("prospects", "new"), params=PARAMS,
    cost_zh="申领数 × 返现金额 × (1 − 流失率) + 申领数 × 处理成本。",
    cost_en="Claims × amount × (1 − slippage) + claims × fulfilment cost.",
    legal_zh=("须公布申领条件与期限，按时兑付。",), legal_en=("Publish the claim terms and deadline; pay on time.",),
    planning=Planning(max_runs=6, max_runs_source=ASSUMPTION, min_gap_weeks=6, duration_weeks=4,
                      levels=({"amount": 15.0}, {}, {"amount": 60.0}), price_offer=True, carry=True),
    flows=flows, color="#8c564b", icon=":material/currency_exchange:", response_param="claim_rate",
    key_params=("amount",))
