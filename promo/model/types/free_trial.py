"""免费试用 · Free trial: samples handed out to the customers reached."""
from __future__ import annotations

import numpy as np

from ..response import Ctx, Offer, clip01
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param

PARAMS: tuple[Param, ...] = (
    param("samples", "试用装数量", "Samples", "count", 0.0, 1_000_000.0, 5000.0,
          "seed text: 5,000 trial packs handed out within 1 km of a shop", "派发的试用装数量。",
          "Trial packs handed out.", 100.0),
    param("unit_cost", "试用装单位成本", "Sample unit cost", "yuan", 0.0, 200.0, 2.0,
          "demo: sachet sample at cost; the seed's repeated roll-outs of 5,000–30,000 packs imply a pack costs far "
          "less than the 1.6–3 yuan of sales it brings", "每份试用装成本。", "Cost of one sample.", 0.5),
    param("distribution_cost", "每份派发成本", "Distribution cost per sample", "yuan", 0.0, 50.0, 0.5,
          "demo: street promoter time per pack handed out", "派发一份的人工等成本。", "Cost of handing out one sample.",
          0.5),
    param("conversion", "试用转化率", "Trial-to-purchase conversion", "share", 0.001, 0.8, 0.02,
          "seed text: 5,000 packs handed out to non-customers → 80–120 new customers (1.6–2.4%); in-store sampling: "
          "about 35% buy on the same trip (Arbitron/Edison 2008)",
          "拿到试用装、本来不会买的人中随后购买的比例。",
          "Share of those sampled who would not have bought that then buy.", 0.001,
          Prior(0.016, 0.02, 0.024, "seed text: 80–120 new customers from 5,000 packs")),
    param("orders_per_buyer", "每位转化顾客订单数", "Orders per converted buyer", "count", 1.0, 10.0, 1.2,
          "seed text: 8,000–15,000 yuan from 80–120 customers", "转化顾客在活动期内的订单数。",
          "Orders a converted buyer places in the window.", 0.1),
)


def flows(x: Ctx) -> Offer:
    """Every sample costs money; those handed to customers who buy anyway are a subsidy, the others convert."""
    p = x.p
    reached = np.minimum(x.size * x.reach, p["samples"] * x.alloc)
    q = x.q
    k = x.capped(p["orders_per_buyer"])
    new = reached * (1 - q) * clip01(p["conversion"] * x.resp * x.lift * x.in_market)
    return Offer(reached=reached, sub=reached * q, new=new, new_orders=new * k,
                 variable={"samples": reached * (p["unit_cost"] + p["distribution_cost"])},
                 orders_capped=new * (p["orders_per_buyer"] - k))


def warnings(c, result) -> list:
    """More samples than customers reached: the rest would not be handed out (and are not costed)."""
    unused = c.params["samples"] - result.reached
    if unused > 0.5:
        return [("samples_unused", {"samples": c.params["samples"], "reached": result.reached, "unused": unused})]
    return []


TYPE = PromoType(
    key="free_trial", zh="免费试用", en="Free trial",
    desc_zh="派发试用装或提供免费体验。", desc_en="Free samples or a free trial of the service.",
    purposes=("acquisition", "reactivation"),
    strengths_zh=("接受度高", "试用后购买者多", "精准触达目标人群"),
    strengths_en=("High acceptance", "Many buy after trying", "Reaches the right people"),
    weaknesses_zh=("成本较高", "过程难控制"), weaknesses_en=("Higher cost", "Hard to control the process"),
    seed_suits=("prospects", "new", "dormant"), params=PARAMS,
    cost_zh="派发数量 × (单位成本 + 派发成本)。", cost_en="Samples handed out × (unit cost + distribution cost).",
    legal_zh=("试用品须符合质量标准并标注“试用装”。",),
    legal_en=("Samples must meet quality rules and be labelled as samples.",),
    planning=Planning(max_runs=6,
                      max_runs_source="seed text: store schedule with rounds at 10 and 30–40 days; " + ASSUMPTION,
                      min_gap_weeks=4, duration_weeks=2, levels=({"samples": 2000.0}, {}, {"samples": 10000.0}),
                      deal=True),
    flows=flows, color="#2ca02c", icon=":material/science:", response_param="conversion", key_params=("samples",),
    warnings=warnings)
