"""Which saved scenario to run: rank the options by a goal and say why in one sentence, with the risk.

Goals: the highest expected profit, the highest ROI, the lowest probability of a loss, and the most participants
among the options whose expected cost fits a budget. Ties go to the higher expected profit, then the name, so the
same options always rank the same way. Options come from saved scenarios' summaries (``option``).
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import fmt
from ..i18n import t

GOALS = ("profit", "roi", "risk", "participants")


@dataclass(frozen=True)
class Option:
    id: int
    name: str
    profit: float  # expected
    profit_p10: float
    roi: float | None  # None: nothing is spent
    cost: float
    participants: float
    prob_loss: float


@dataclass(frozen=True)
class Ranking:
    goal: str
    budget: float | None
    ranked: tuple[Option, ...]  # best first
    over_budget: tuple[Option, ...]  # left out: expected cost above the budget (goal "participants")


def option(record: dict) -> Option:
    """A saved scenario (``store.list_scenarios``) as an option."""
    s = record["summary"]
    cost = float(s["cost"]["mean"])
    roi = s["roi"]["mean"] if isinstance(s.get("roi"), dict) else s.get("roi")
    return Option(int(record["id"]), record["name"], float(s["profit"]["mean"]), float(s["profit"]["p10"]),
                  None if roi is None or cost <= 0 else float(roi), cost, float(s["participants"]),
                  float(s["prob_loss"]))


def rank(options, goal: str, budget: float | None = None) -> Ranking:
    """Best first by ``goal``; for "participants" only the options whose expected cost is within ``budget``."""
    if goal not in GOALS:
        raise ValueError(f"unknown goal {goal!r}; one of {GOALS}")
    options = list(options)
    over: list[Option] = []
    if goal == "participants":
        over = [o for o in options if budget is not None and o.cost > budget]
        options = [o for o in options if o not in over]
    key = {"profit": lambda o: (-o.profit, o.prob_loss),
           "roi": lambda o: (o.roi is None, -(o.roi or 0.0), -o.profit),
           "risk": lambda o: (o.prob_loss, -o.profit),
           "participants": lambda o: (-o.participants, -o.profit)}[goal]
    ranked = sorted(options, key=lambda o: (*key(o), o.name, o.id))
    return Ranking(goal, budget, tuple(ranked), tuple(sorted(over, key=lambda o: (o.cost, o.name))))


def recommendation(r: Ranking, lang: str, cur: str = "¥") -> str:
    """One sentence: what to run for the goal, why (its figure and the runner-up's), and its risk."""
    money = lambda x: fmt.money(x, lang, cur)
    if not r.ranked:
        if r.over_budget:
            cheapest = r.over_budget[0]
            return t("dec.none_fits", lang, budget=money(r.budget), name=cheapest.name, cost=money(cheapest.cost))
        return t("dec.nothing", lang)
    best, second = r.ranked[0], (r.ranked[1] if len(r.ranked) > 1 else None)
    figure = {"profit": lambda o: money(o.profit), "roi": lambda o: fmt.ratio(o.roi, lang),
              "risk": lambda o: fmt.prob(o.prob_loss, lang),
              "participants": lambda o: fmt.count(o.participants, lang)}[r.goal]
    runner_up = "" if second is None else t(f"dec.next.{r.goal}", lang, name=second.name, value=figure(second),
                                            diff=money(best.profit - second.profit))
    risk = t("dec.risk", lang, loss=fmt.prob(best.prob_loss, lang), p10=money(best.profit_p10))
    return t(f"dec.best.{r.goal}", lang, name=best.name, value=figure(best), next=runner_up, risk=risk,
             budget=money(r.budget), cost=money(best.cost), profit=money(best.profit), p10=money(best.profit_p10))


__all__ = ["GOALS", "Option", "Ranking", "option", "rank", "recommendation"]
