"""公关赞助 · PR sponsorship: sponsoring an event for brand image, with a small lagged sales effect."""
from __future__ import annotations

import numpy as np

from ..constants import const
from ..response import Ctx, Offer, clip01
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param

PARAMS: tuple[Param, ...] = (
    param("fee", "赞助费", "Sponsorship fee", "yuan", 0.0, 10_000_000.0, 50_000.0, "demo: a local event",
          "购买赞助权益的费用。", "Rights fee paid to the event.", 1000.0),
    param("activation_ratio", "激活投入倍数", "Activation ratio", "ratio", 0.0, 5.0, 1.9,
          "IEG sponsorship surveys: activation spend 1.9 (2007) to 2.2 (2016) × the rights fee on average; 60–70% of "
          "sponsors spend 1× or less", "配套宣传投入是赞助费的几倍。", "Activation spend as a multiple of the fee.",
          0.1, Prior(1.0, 1.9, 2.2, "IEG surveys 2007–2016; median sponsor about 1:1")),
    param("audience", "活动受众", "Event audience", "people", 0.0, 10_000_000.0, 30_000.0, "demo",
          "活动能接触到的人数。", "People the event reaches.", 1000.0),
    param("awareness_rate", "认知提升率", "Awareness gain", "share", 0.0, 1.0, 0.2,
          ASSUMPTION, "受众中新记住品牌的比例。", "Share of the audience who newly remember the brand.", 0.01,
          Prior(0.1, 0.2, 0.3, ASSUMPTION)),
    param("lagged_conversion", "滞后购买率", "Lagged conversion", "share", 0.0, 0.5, 0.004,
          "share of the audience who would not have bought that buy later; no published sales figure found "
          "(sponsors rarely measure it: IEG), " + ASSUMPTION,
          "受众中本来不会买、之后购买的比例。", "Share of the audience who would not have bought that buy later.",
          0.001, Prior(0.001, 0.004, 0.01, ASSUMPTION)),
    param("lag_weeks", "见效滞后", "Lag", "weeks", 0.0, 26.0, 6.0, ASSUMPTION + "; effects lag by 1–3 months",
          "活动后多少周开始见到销售。", "Weeks until the sales effect shows.", 1.0),
    param("horizon_weeks", "计入周期", "Sales window", "weeks", 1.0, 104.0, 26.0,
          "half a year, over which lagged sales are counted in profit; later ones go to the long-term line",
          "活动后计入利润的周数；更晚的销售计入长期价值。",
          "Weeks after the event whose sales count in profit; later sales go to the long-term line.", 1.0),
    param("value_per_aware", "每位新认知者价值", "Value per newly aware person", "yuan", 0.0, 100.0, 1.0,
          ASSUMPTION + "; set from your brand tracking", "一位新记住品牌的人带来的长期毛利。",
          "Long-term margin from one newly aware person.", 0.1),
)


def inside_share(p: dict):
    """Share of the lagged sales that arrive within the sales window (they spread over ``lagged_spread_weeks``)."""
    return np.clip((p["horizon_weeks"] - p["lag_weeks"]) / const("lagged_spread_weeks"), 0.0, 1.0)


def flows(x: Ctx) -> Offer:
    """No offer to regular buyers; some of the audience who would not have bought buy after the lag."""
    p = x.p
    reached = np.minimum(x.size * x.reach, p["audience"] * x.alloc)
    new = reached * (1 - x.q) * clip01(p["lagged_conversion"] * x.resp * x.lift)
    return Offer(reached=reached, sub=np.zeros_like(reached), new=new, new_orders=new, variable={},
                 fixed={"sponsorship_fee": p["fee"], "activation": p["fee"] * p["activation_ratio"]},
                 inside=inside_share(p), aware=reached * p["awareness_rate"], value_per_aware=p["value_per_aware"])


def warnings(c, result) -> list:
    share = float(1 - inside_share(c.params))
    return [("lagged_beyond", {"share": share, "weeks": c.params["horizon_weeks"]})] if share > 1e-9 else []


TYPE = PromoType(
    key="sponsorship", zh="公关赞助", en="PR sponsorship",
    desc_zh="赞助活动，借势提升形象。", desc_en="Sponsoring an event for brand image.",
    purposes=("awareness",),
    strengths_zh=("快速提升品牌形象和知名度",), strengths_en=("Fast brand image and awareness",),
    weaknesses_zh=("须等待合适时机", "需要组织能力", "成本高", "适合中大型企业"),
    weaknesses_en=("Must wait for the right occasion", "Needs organising capacity", "High cost",
                   "Suits mid-to-large firms"),
    seed_suits=("prospects",), params=PARAMS,
    cost_zh="赞助费 × (1 + 激活投入倍数)。", cost_en="Fee × (1 + activation ratio).",
    legal_zh=("赞助合同须明确权益与宣传方式。",), legal_en=("The contract must define rights and publicity.",),
    planning=Planning(max_runs=2, max_runs_source=ASSUMPTION, min_gap_weeks=12, duration_weeks=1,
                      levels=({"fee": 20000.0}, {}, {"fee": 100000.0}), deal=False),
    flows=flows, color="#7f7f7f", icon=":material/stadium:", key_params=("fee",), warnings=warnings)
