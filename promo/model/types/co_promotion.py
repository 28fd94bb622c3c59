"""合作促销 · Co-promotion: a joint offer with a partner business whose audience and outlets carry it."""
from __future__ import annotations

import numpy as np

from ..constants import const
from ..response import Ctx, Offer, clip01
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param

PARAMS: tuple[Param, ...] = (
    param("partner_audience", "合作方受众", "Partner audience", "people", 0.0, 5_000_000.0, 20_000.0,
          "seed text: a partner with hundreds of outlets", "合作方能触达的人数。", "People the partner reaches.",
          1000.0),
    param("overlap", "受众重叠", "Audience overlap", "share", 0.0, 1.0, 0.3,
          ASSUMPTION, "合作方受众中本来就是你顾客的比例。", "Share of the partner's audience already yours.", 0.01),
    param("cost_share", "我方承担比例", "Our cost share", "share", 0.0, 1.0, 0.5,
          "even split is the usual starting point", "联合成本中由我方承担的比例。", "Share of the joint cost you pay.",
          0.01),
    param("joint_cost", "联合固定成本", "Joint fixed cost", "yuan", 0.0, 2_000_000.0, 20_000.0,
          "demo: banners, printing and staff at both parties", "物料、人员等联合固定成本。",
          "Shared fixed cost: materials, staff.", 500.0),
    param("offer_cost", "每位参与者优惠成本", "Offer cost per participant", "yuan", 0.0, 500.0, 8.0,
          "seed text: spend 100, collect a box of milk", "每位参与者获得的优惠成本。",
          "Cost of the offer per participant.", 1.0),
    param("participation", "参与率", "Participation rate", "share", 0.001, 0.5, 0.03,
          "share of the partner's reached audience who would not otherwise buy from you that take part; " + ASSUMPTION,
          "触达的人中本来不会来买、因活动参与的比例（老顾客参与更多）。",
          "Share of those reached who would not otherwise buy that take part (your regulars take part more).", 0.001,
          Prior(0.01, 0.03, 0.06, ASSUMPTION)),
    param("partner_gain", "合作方每人收益", "Partner gain per participant", "yuan", 0.0, 500.0, 6.0,
          ASSUMPTION, "合作方从每位参与者获得的毛利。", "Gross margin the partner earns per participant.", 1.0),
)


def flows(x: Ctx) -> Offer:
    """The partner's audience is the channel: its part that is not ours are prospects, the overlap our customers.
    Our regular buyers in it take part ``regulars_ratio`` times as often and are subsidised."""
    p = x.p
    customer = 1.0 - x.prospect
    share = x.alloc * customer / max(float(np.sum(x.alloc * customer)), 1e-12) if x.joint else customer
    audience = p["partner_audience"] * np.where(x.prospect > 0, 1 - p["overlap"], p["overlap"] * share)
    reached = np.minimum(x.size * x.reach, audience)
    rate = p["participation"] * x.resp * x.lift
    q = x.q
    sub = reached * q * clip01(rate * const("regulars_ratio"))
    new = reached * (1 - q) * clip01(rate * x.in_market)
    takers = sub + new
    ours = p["cost_share"]
    offer = takers * p["offer_cost"]
    return Offer(reached=reached, sub=sub, new=new, new_orders=new,
                 variable={"offers": ours * offer}, fixed={"joint_cost": ours * p["joint_cost"]},
                 partner_cost=(1 - ours) * offer, partner_fixed=(1 - ours) * p["joint_cost"],
                 partner_gain=takers * p["partner_gain"])


TYPE = PromoType(
    key="co_promotion", zh="合作促销", en="Co-promotion",
    desc_zh="与合作伙伴联合开展促销，共担成本。",
    desc_en="A joint promotion with a partner business, sharing the cost.",
    purposes=("acquisition", "awareness"),
    strengths_zh=("分摊成本", "借助对方顾客和网点", "对方网点为你免费宣传"),
    strengths_en=("Shared cost", "Partner's audience and outlets", "Partner's outlets advertise for you"),
    weaknesses_zh=("难找到匹配的伙伴",), weaknesses_en=("Hard to find a well-matched partner",),
    seed_suits=("prospects", "new"), params=PARAMS,
    cost_zh="(联合固定成本 + 每人优惠成本 × 参与人数) × 我方承担比例。",
    cost_en="(Joint fixed cost + offer cost × participants) × our share.",
    legal_zh=("合同写明双方责任与费用分摊。",), legal_en=("A contract sets out each party's duties and cost share.",),
    planning=Planning(max_runs=4, max_runs_source=ASSUMPTION, min_gap_weeks=8, duration_weeks=4,
                      levels=({"offer_cost": 4.0}, {}, {"offer_cost": 16.0})),
    flows=flows, color="#17becf", icon=":material/handshake:", response_param="participation",
    key_params=("offer_cost",))
