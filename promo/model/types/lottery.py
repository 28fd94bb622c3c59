"""抽奖 · Lottery: a prize draw entered with a purchase or a sign-up."""
from __future__ import annotations

import numpy as np

from ..constants import const
from ..response import Ctx, Offer, clip01, stretch
from ..registry import ASSUMPTION, LEGAL_PRIZE_CAP, LEGAL_PRIZE_SOURCE, Choice, Param, Planning, Prior, PromoType, param

PARAMS: tuple[Param, ...] = (
    param("prize1_value", "一等奖价值", "First prize value", "yuan", 0.0, 1_000_000.0, 5000.0,
          "demo; legal cap 50,000 yuan: " + LEGAL_PRIZE_SOURCE, "一等奖单个价值（按市场价计）。",
          "Value of one first prize (at market price).", 100.0),
    param("prize1_count", "一等奖数量", "First prize count", "count", 0.0, 1000.0, 1.0, "demo", "一等奖个数。",
          "Number of first prizes.", 1.0),
    param("prize2_value", "二等奖价值", "Second prize value", "yuan", 0.0, 1_000_000.0, 500.0, "demo",
          "二等奖单个价值。", "Value of one second prize.", 10.0),
    param("prize2_count", "二等奖数量", "Second prize count", "count", 0.0, 10_000.0, 10.0, "demo", "二等奖个数。",
          "Number of second prizes.", 1.0),
    param("prize3_value", "三等奖价值", "Third prize value", "yuan", 0.0, 1_000_000.0, 20.0, "demo", "三等奖单个价值。",
          "Value of one third prize.", 1.0),
    param("prize3_count", "三等奖数量", "Third prize count", "count", 0.0, 100_000.0, 200.0, "demo", "三等奖个数。",
          "Number of third prizes.", 10.0),
    param("entry", "参与条件", "Entry condition", "choice", 0, 0, "purchase",
          "seed text: draw tied to a purchase or a sign-up", "购物抽奖或注册即可抽奖。",
          "Draw tied to a purchase or to a sign-up.",
          choices=(Choice("purchase", "消费参与", "Purchase"), Choice("signup", "注册参与", "Sign-up"))),
    param("min_spend", "抽奖消费门槛", "Minimum spend to enter", "yuan", 0.0, 5000.0, 100.0,
          "demo", "消费参与时的最低金额。", "Spend needed to enter (purchase entry).", 1.0),
    param("entry_rate", "参与率", "Entry rate", "share", 0.001, 0.8, 0.05,
          "share of reached regular buyers who enter; sweepstakes entry 0.5–5% of those reached and 39% of shoppers "
          "say a draw makes a purchase more likely (PMA survey); " + ASSUMPTION,
          "本来就会买的触达顾客中参加抽奖的比例（其他人按比例更少）。",
          "Share of reached customers who buy anyway that enter (others enter less often).", 0.001,
          Prior(0.02, 0.05, 0.1, ASSUMPTION)),
    param("signup_conversion", "注册者购买率", "Sign-up buyers", "share", 0.0, 1.0, 0.1,
          ASSUMPTION, "注册参与者中本来不会买、随后购买的比例。",
          "Share of sign-up entrants who would not have bought that then buy.",
          0.01, Prior(0.05, 0.1, 0.2, ASSUMPTION)),
    param("admin_cost", "管理与宣传成本", "Administration and publicity", "yuan", 0.0, 1_000_000.0, 8000.0,
          "seed text: high prize and publicity cost; demo figure", "公证、宣传、物料等固定成本。",
          "Fixed cost: notary, publicity, materials.", 500.0),
)


def prizes(p: dict) -> float:
    return sum(p[f"prize{i}_value"] * p[f"prize{i}_count"] for i in (1, 2, 3))


REF_POOL = prizes({q.key: q.default for q in PARAMS})


def flows(x: Ctx) -> Offer:
    """Purchase entry: buyers enter with purchases they would make anyway; others enter less often and buy to enter.
    Sign-up entry: anyone reached may enter; some entrants who would not have bought then buy."""
    p = x.p
    appeal = np.minimum((prizes(p) / REF_POOL) ** const("appeal_power"), const("appeal_cap"))
    rate = p["entry_rate"] * appeal * x.resp * x.lift
    reached = x.size * x.reach
    q = x.q
    if p["entry"] == "purchase":
        eligible, _ = stretch(p["min_spend"], x.aov)
        sub = reached * q * clip01(rate) * eligible
        new = reached * (1 - q) * clip01(rate / const("regulars_ratio") * x.in_market) * eligible
        others, entrants = 0.0, sub + new
    else:
        entrants = reached * clip01(rate)
        sub = entrants * q
        new = entrants * (1 - q) * clip01(p["signup_conversion"] * x.in_market)
        others = entrants * (1 - q) - new
    return Offer(reached=reached, sub=sub, new=new, others=others, new_orders=new, variable={},
                 fixed={"prizes": prizes(p), "administration": p["admin_cost"]}, leads=entrants)


def top_prize(p: dict) -> tuple[float, bool]:
    return max([p[f"prize{i}_value"] for i in (1, 2, 3) if p[f"prize{i}_count"] > 0], default=0.0), True


def warnings(c, result) -> list:
    p = c.params
    count = sum(p[f"prize{i}_count"] for i in (1, 2, 3))
    if result.leads >= count:
        return []
    left, unused = result.leads, 0.0  # the whole list is still paid for (prizes are bought up front)
    for i in (1, 2, 3):  # drawn from the first prize down
        won = min(p[f"prize{i}_count"], left)
        unused, left = unused + (p[f"prize{i}_count"] - won) * p[f"prize{i}_value"], left - won
    return [("prizes_unclaimed", {"entrants": result.leads, "prizes": count, "unused": unused})]


TYPE = PromoType(
    key="lottery", zh="抽奖促销", en="Lottery",
    desc_zh="消费或注册即可参加抽奖。", desc_en="A prize draw tied to a purchase or sign-up.",
    purposes=("sales", "awareness", "data"),
    strengths_zh=("覆盖面广", "吸引关注", "带来新顾客和重复购买"),
    strengths_en=("Wide reach", "Draws attention", "New buyers and repeat purchases"),
    weaknesses_zh=("奖品和宣传成本高", "效果难预测", "对新品牌弱", "一年只宜几次"),
    weaknesses_en=("High prize and publicity cost", "Hard to predict", "Weak for new brands",
                   "Only a few times a year"),
    seed_suits=("active", "vip"), params=PARAMS,
    cost_zh="奖品总价值 + 管理宣传成本（固定）。", cost_en="Total prize value + administration and publicity (fixed).",
    legal_zh=(f"最高奖不得超过 {LEGAL_PRIZE_CAP:,.0f} 元。", "须公布奖项种类、数量、中奖概率和兑奖条件，不得变更。"),
    legal_en=(f"Top prize at most {LEGAL_PRIZE_CAP:,.0f} yuan (China).",
              "Publish prize types, counts, odds and terms; never change them.",
              "US: no purchase necessary, with an equal free route."),
    planning=Planning(max_runs=3, max_runs_source="seed text: only a few times a year", min_gap_weeks=12,
                      duration_weeks=4, levels=({"prize1_value": 2000.0, "prize2_value": 200.0}, {},
                                                {"prize1_value": 20000.0, "prize2_value": 2000.0})),
    flows=flows, color="#9467bd", icon=":material/casino:", response_param="entry_rate", key_params=("prize1_value",),
    top_prize=top_prize, warnings=warnings)
