"""有奖竞猜 · Prize quiz: a quiz or contest with prizes."""
from __future__ import annotations

import numpy as np

from ...errors import InputError
from ..constants import const
from ..response import Ctx, Offer, clip01
from ..registry import ASSUMPTION, LEGAL_PRIZE_SOURCE, Choice, Param, Planning, Prior, PromoType, param

PARAMS: tuple[Param, ...] = (
    param("prize_pool", "奖金池", "Prize pool", "yuan", 0.0, 1_000_000.0, 5000.0, "demo", "全部奖品总价值。",
          "Total value of all prizes.", 100.0),
    param("top_prize", "最高奖价值", "Top prize", "yuan", 0.0, 1_000_000.0, 2000.0,
          "demo; legal cap applies if chance decides: " + LEGAL_PRIZE_SOURCE, "单个最高奖的价值。",
          "Value of the single top prize.", 100.0),
    param("chance", "是否靠运气决定", "Decided by chance", "choice", 0, 0, "no",
          "a quiz decided by chance counts as a lottery (" + LEGAL_PRIZE_SOURCE + ")",
          "若获奖由抽签决定，按抽奖式有奖销售监管。", "If winners are drawn, the lottery rules apply.",
          choices=(Choice("no", "否（按答题）", "No (by skill)"), Choice("yes", "是（抽签）", "Yes (drawn)"))),
    param("entry_rate", "参与率", "Entry rate", "share", 0.0005, 0.5, 0.005,
          "contests draw far fewer entries than draws (about a tenth, domain figures; no published rate found)",
          "触达的人中参加竞猜的比例。", "Share of those reached who enter.", 0.0005,
          Prior(0.002, 0.005, 0.012, ASSUMPTION)),
    param("purchase_conversion", "参与者购买率", "Entrants who buy", "share", 0.0, 1.0, 0.05,
          ASSUMPTION + "; little direct sales effect (seed text)", "参与者中本来不会买、随后购买的比例。",
          "Share of entrants who would not have bought that then buy.", 0.01, Prior(0.02, 0.05, 0.1, ASSUMPTION)),
    param("awareness_rate", "认知提升率", "Awareness gain", "share", 0.0, 1.0, 0.1,
          ASSUMPTION, "触达的人中新记住品牌的比例。", "Share of those reached who newly remember the brand.", 0.01,
          Prior(0.05, 0.1, 0.2, ASSUMPTION)),
    param("value_per_aware", "每位新认知者价值", "Value per newly aware person", "yuan", 0.0, 100.0, 1.0,
          ASSUMPTION + "; set from your brand tracking", "一位新记住品牌的人带来的长期毛利。",
          "Long-term margin from one newly aware person.", 0.1),
    param("admin_cost", "组织成本", "Organising cost", "yuan", 0.0, 1_000_000.0, 3000.0, "demo",
          "题目、宣传、公证等成本。", "Questions, publicity, notary.", 500.0),
)


def flows(x: Ctx) -> Offer:
    """Entrants come from everyone reached; some of those who would not have bought then buy."""
    p = x.p
    appeal = np.minimum((max(p["prize_pool"], 1.0) / const("quiz_pool_ref")) ** const("appeal_power"),
                        const("appeal_cap"))
    reached = x.size * x.reach
    entrants = reached * clip01(p["entry_rate"] * appeal * x.resp * x.lift)
    q = x.q
    new = entrants * (1 - q) * clip01(p["purchase_conversion"] * x.in_market)
    return Offer(reached=reached, sub=entrants * q, new=new, others=entrants * (1 - q) - new, new_orders=new,
                 variable={}, fixed={"prizes": p["prize_pool"], "administration": p["admin_cost"]},
                 leads=entrants, aware=reached * p["awareness_rate"], value_per_aware=p["value_per_aware"])


def top_prize(p: dict) -> tuple[float, bool]:
    return p["top_prize"], p["chance"] == "yes"


def warnings(c, result) -> list:
    return [("quiz_is_lottery", {})] if c.params["chance"] == "yes" else []


def checks(p: dict) -> None:
    if p["top_prize"] > p["prize_pool"]:
        raise InputError(f"top_prize = {p['top_prize']:g} is larger than prize_pool = {p['prize_pool']:g}; "
                         "the top prize is part of the pool.",
                         f"最高奖 {p['top_prize']:g} 大于奖金池 {p['prize_pool']:g}；最高奖包含在奖金池内。",
                         field="top_prize")


TYPE = PromoType(
    key="prize_quiz", zh="有奖竞猜", en="Prize quiz",
    desc_zh="答题或竞猜赢奖品。", desc_en="A quiz or contest with prizes.",
    purposes=("awareness", "data"),
    strengths_zh=("提升品牌知名度", "可针对特定人群"), strengths_en=("Brand awareness", "Can target a chosen audience"),
    weaknesses_zh=("不够精准", "难以保持新鲜感", "直接销售作用小"),
    weaknesses_en=("Imprecise", "Hard to keep fresh", "Little direct sales effect"),
    seed_suits=("prospects", "active"), params=PARAMS,
    cost_zh="奖金池 + 组织成本（固定）。", cost_en="Prize pool + organising cost (fixed).",
    legal_zh=("若由运气决定获奖，按抽奖式有奖销售处理（最高奖上限适用）。",),
    legal_en=("If chance decides the winners it counts as a lottery (the prize cap applies).",),
    planning=Planning(max_runs=4, max_runs_source=ASSUMPTION, min_gap_weeks=8, duration_weeks=4,
                      levels=({"prize_pool": 2000.0, "top_prize": 800.0}, {},
                              {"prize_pool": 10000.0, "top_prize": 4000.0})),
    flows=flows, color="#e377c2", icon=":material/quiz:", response_param="entry_rate", key_params=("prize_pool",),
    top_prize=top_prize, warnings=warnings, checks=checks)
