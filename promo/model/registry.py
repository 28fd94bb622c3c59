"""What a promotion type is: its parameters with their priors and sources, and everything the product knows of it.

Each of the ten types lives in its own module under ``model/types/`` (texts, parameters,
how it turns reached customers into takers, its warnings, its planning facts). This
module holds the records they are made of and collects them into ``TYPES``; pages, the
CLI, the optimizer and the charts read every type fact from there.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

LEGAL_PRIZE_CAP = 50_000.0
LEGAL_PRIZE_SOURCE = "反不正当竞争法 (Anti-Unfair Competition Law of the PRC, 2018, art. 10; kept in the 2025 revision)"
ASSUMPTION = "model assumption; calibrate with your own campaigns (Data page)"
Z90 = 1.2815515655446004  # standard normal P90: a prior's P10 and P90 lie this many sigmas from its median

PURPOSES = ("sales", "acquisition", "reactivation", "loyalty", "awareness", "data")
LEVEL_NAMES = ("low", "mid", "high")


@dataclass(frozen=True)
class Prior:
    """How sure we are of an input: its P10, typical value (median) and P90 as published or assumed.

    The spread is kept as ratios to the typical value, so a user who sets another value keeps
    the same relative uncertainty. Draws follow a two-piece log-normal with exactly these
    P10 / P50 / P90: never J-shaped, never a median of zero.
    """

    low: float
    typical: float
    high: float
    source: str

    def __post_init__(self):
        if not 0 < self.low <= self.typical <= self.high:
            raise ValueError(f"prior needs 0 < low ≤ typical ≤ high, got {self.low}, {self.typical}, {self.high}")

    @property
    def sigmas(self) -> tuple[float, float]:
        """Log-scale spread below and above the median."""
        return math.log(self.typical / self.low) / Z90, math.log(self.high / self.typical) / Z90

    def band(self, value: float) -> tuple[float, float]:
        """P10 and P90 around ``value`` (the user's typical value)."""
        return value * self.low / self.typical, value * self.high / self.typical


@dataclass(frozen=True)
class Choice:
    key: str
    zh: str
    en: str


@dataclass(frozen=True)
class Param:
    key: str
    zh: str
    en: str
    unit: str  # yuan | share | people | count | weeks | ratio | times | choice
    lo: float
    hi: float
    default: float | str
    source: str
    help_zh: str
    help_en: str
    step: float = 1.0
    prior: Prior | None = None
    choices: tuple[Choice, ...] = ()

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def help(self, lang: str) -> str:
        return self.help_zh if lang == "zh" else self.help_en

    def band(self, value: float) -> tuple[float, float]:
        """P10 and P90 of this input at ``value``: from its prior, else ±20% (a certain input, for the tornado)."""
        lo, hi = self.prior.band(value) if self.prior else (value * 0.8, value * 1.2)
        return min(max(lo, self.lo), self.hi), min(max(hi, self.lo), self.hi)


@dataclass(frozen=True)
class Planning:
    """What the calendar and the optimizer need to know of a type."""

    max_runs: int  # recommended runs a year per segment
    max_runs_source: str
    min_gap_weeks: int  # between the end of one run and the next on a segment
    duration_weeks: int  # usual length of one run (the optimizer's candidates)
    levels: tuple[dict, dict, dict]  # low / mid / high parameter sets; mid = {} (the defaults)
    deal: bool = True  # counts as an offer week for the deal-share rule
    price_offer: bool = False  # cuts the price paid: two price offers must not overlap on a segment
    carry: bool = False  # close runs on a segment interact (fatigue, reference price, waiting for the next offer)


@dataclass(frozen=True)
class PromoType:
    """One promotion type: texts, parameters, model, warnings and planning facts in one record."""

    key: str
    zh: str
    en: str
    desc_zh: str
    desc_en: str
    purposes: tuple[str, ...]
    strengths_zh: tuple[str, ...]
    strengths_en: tuple[str, ...]
    weaknesses_zh: tuple[str, ...]
    weaknesses_en: tuple[str, ...]
    seed_suits: tuple[str, ...]  # the seed text's qualitative advice; the model's own picks come from analysis
    params: tuple[Param, ...]
    cost_zh: str
    cost_en: str
    legal_zh: tuple[str, ...]
    legal_en: tuple[str, ...]
    planning: Planning
    flows: Callable  # (engine.Ctx) -> engine.Offer
    color: str
    icon: str = ""
    response_param: str | None = None  # the parameter a measured take-up rate stands for (Data page)
    key_params: tuple[str, ...] = ()  # shown in plan item names; the first is what the levels vary
    top_prize: Callable | None = None  # params -> (largest single prize, decided by chance) for the legal cap
    warnings: Callable | None = None  # (campaign, result) -> list of (code, data)
    checks: Callable | None = None  # params -> raise InputError on inconsistent values
    texts: dict = field(default_factory=dict)  # its own interface texts, key → (中文, English), e.g. cost components
    param_index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.param_index.update({p.key: p for p in self.params})

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def param(self, key: str) -> Param:
        return self.param_index[key]

    def defaults(self) -> dict:
        return {p.key: p.default for p in self.params}

    def capped_prize(self, params: dict) -> float | None:
        """The largest single prize when chance decides the winners (the legal prize cap applies), else None."""
        if self.top_prize is None:
            return None
        top, chance = self.top_prize(params)
        return top if chance else None

    @property
    def max_runs_per_year(self) -> int:
        return self.planning.max_runs

    @property
    def price_offer(self) -> bool:
        return self.planning.price_offer


def param(key, zh, en, unit, lo, hi, default, source, help_zh, help_en, step=1.0, prior=None, choices=()) -> Param:
    """Positional shorthand the type modules use to list their parameters compactly."""
    return Param(key, zh, en, unit, lo, hi, default, source, help_zh, help_en, step, prior, choices)
