"""会员制度 · Membership: a loyalty programme with tiers and points, judged over its horizon."""
from __future__ import annotations

import numpy as np

from ..constants import const
from ..response import Ctx, Offer, clip01
from ..registry import ASSUMPTION, Param, Planning, Prior, PromoType, param

PARAMS: tuple[Param, ...] = (
    param("reward_rate", "返利比例", "Reward rate", "share", 0.0, 0.2, 0.03,
          "practitioner figures: rewards of 1–5% of spend in retail (no study found)", "会员消费返还积分/折扣的比例。",
          "Share of spend returned as points.", 0.005),
    param("breakage", "积分未兑换率", "Breakage", "share", 0.0, 0.9, 0.25,
          "practitioner figures: 20–30% of retail points are never redeemed (Bond Brand Loyalty)",
          "从未兑换的积分比例。", "Share of points never redeemed.", 0.01,
          Prior(0.2, 0.25, 0.3, "practitioner figures")),
    param("fixed_cost", "年度固定成本", "Programme fixed cost per year", "yuan", 0.0, 10_000_000.0, 60_000.0,
          "demo: cards, system and staff", "会员系统、卡片、人员等年度成本。",
          "Yearly cost of system, cards and staff.", 1000.0),
    param("enrol_rate", "入会率", "Enrolment rate", "share", 0.0, 1.0, 0.4,
          "share of reached regular buyers who join; 20–70% of active customers enrol (practitioner figure); "
          "others join a quarter as often", "本来就会买的触达顾客中入会的比例（其他人入会更少）。",
          "Share of reached customers who buy anyway that join (others join less often).", 0.01,
          Prior(0.2, 0.4, 0.7, "practitioner figures: 20–70% of active customers enrol")),
    param("spend_uplift", "会员多买（表面差距）", "Members' extra buying (observed)", "share", 0.0, 1.0, 0.5,
          "observed gap between members and non-members; the model counts 1/7 of it as caused by the programme "
          "(Leenheer et al. 2007) and none for heavy buyers (Liu 2007)",
          "会员比非会员多买的表面差距；模型只计其中 1/7 为会员制度带来（其余是会员本身就更忠诚）。",
          "How much more members buy than non-members as seen in the data; the model counts 1/7 of it as caused by "
          "the programme (members are the loyal ones to begin with).", 0.05, Prior(0.3, 0.5, 0.8, ASSUMPTION)),
    param("retention_uplift", "会员留存（表面差距）", "Members' retention gap (observed)", "share", 0.0, 0.9, 0.15,
          "observed yearly retention gap, points; 1/7 of it counted as caused (after Leenheer et al. 2007)",
          "会员与非会员年留存率的表面差距（百分点），模型计其中 1/7。",
          "Gap in yearly retention between members and non-members as seen in the data (points); the model counts 1/7.",
          0.01, Prior(0.05, 0.15, 0.3, ASSUMPTION)),
    param("horizon_weeks", "评估周期", "Horizon", "weeks", 4.0, 156.0, 52.0, "one year, the usual loyalty review",
          "计算会员效果的周数；之后的留存价值计入长期价值。",
          "Weeks over which the programme is judged; later value goes to the long-term line.", 1.0),
)


def _survival_weeks(r, weeks):
    """Expected weeks still active within ``weeks`` when yearly retention is ``r`` (weekly survival r^(1/52))."""
    s = np.clip(r, 0.0, 0.999) ** (1 / 52)
    return (1 - s ** weeks) / (1 - s)


def _tail_value(r, weeks):
    """Discounted active weeks after ``weeks`` (for the long-term line)."""
    s = np.clip(r, 0.0, 0.999) ** (1 / 52) * (1 + const("clv_discount_rate")) ** (-1 / 52)
    return s ** weeks / (1 - s)


def flows(x: Ctx) -> Offer:
    """Regular buyers join more often (members self-select); members get rewards on every order; the programme
    causes a seventh of the observed gap in buying and retention, inside the horizon; nothing for heavy buyers."""
    p = x.p
    h = p["horizon_weeks"]
    reached = x.size * x.reach
    q_h = 1 - (1 - x.p_week) ** h
    rate = p["enrol_rate"] * x.resp * x.lift
    sub = reached * q_h * clip01(rate)
    joiners = reached * (1 - q_h) * clip01(rate / const("regulars_ratio"))
    members = sub + joiners
    keep = const("self_selection_keep") * np.clip(1 - x.p_week / const("heavy_p_week"), 0.0, 1.0)
    up = p["spend_uplift"] * keep
    r0, r1 = x.retention, np.minimum(x.retention + p["retention_uplift"] * keep, 0.99)
    base_weeks, member_weeks = _survival_weeks(r0, h), _survival_weeks(r1, h)
    base = members * x.p_week * base_weeks
    extra = members * x.p_week * (member_weeks * (1 + up) - base_weeks)
    # joiners who would not have bought in the horizon and now do
    q_up = 1 - (1 - np.minimum(x.p_week * (1 + up), 1.0)) ** h
    new = joiners * np.clip((q_up - q_h) / np.maximum(1 - q_h, 1e-12), 0.0, 1.0)
    tail = members * x.p_week * (_tail_value(r1, h) - _tail_value(r0, h)) * x.aov * x.margin
    return Offer(reached=reached, sub=sub, new=new, others=joiners - new, bump=extra, variable={
        "rewards": p["reward_rate"] * (1 - p["breakage"]) * x.aov * (base + extra)},
        fixed={"programme": p["fixed_cost"] * h / 52}, leads=members, retention_gain=tail)


TYPE = PromoType(
    key="membership", zh="会员制度", en="Membership",
    desc_zh="金卡、银卡、积分等会员计划。", desc_en="A loyalty programme with tiers and points.",
    purposes=("loyalty",),
    strengths_zh=("提高忠诚度和竞争力", "对后续销售和品牌作用强"),
    strengths_en=("Loyalty and competitiveness", "Strong later effect on sales and brand"),
    weaknesses_zh=("回报慢", "成本高", "效果不确定", "重度顾客多为补贴"),
    weaknesses_en=("Slow payback", "High cost", "Uncertain effect", "Heavy buyers mostly get subsidised"),
    seed_suits=("active", "vip"), params=PARAMS,
    cost_zh="积分返利 × (1 − 未兑换率) + 年度固定成本 × 周期。",
    cost_en="Rewards × (1 − breakage) + fixed cost over the horizon.",
    legal_zh=("预付卡须遵守单用途预付卡管理规定。",),
    legal_en=("Prepaid cards follow the single-purpose prepaid card rules.",),
    planning=Planning(max_runs=1, max_runs_source="a programme is launched once and then runs", min_gap_weeks=0,
                      duration_weeks=8, levels=({"reward_rate": 0.02}, {}, {"reward_rate": 0.05}), deal=False),
    flows=flows, color="#bcbd22", icon=":material/card_membership:", response_param="enrol_rate",
    key_params=("reward_rate",))
