"""What a type's ``flows`` fills in (``Offer``) from its inputs (``Ctx``), and the response curves types share.

Segment fields are column vectors (S×1) and uncertain inputs row vectors (1×N), so one call
covers every segment and every draw by numpy broadcasting. ``engine`` turns an Offer into
orders and money the same way for every type.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .constants import const


@dataclass
class Ctx:
    """Inputs of one evaluation: segment columns (S×1), draws rows (1×N), campaign settings."""

    type: str
    p: dict  # parameter name → float or (1×N) array
    size: np.ndarray
    p_week: np.ndarray
    aov: np.ndarray
    margin: np.ndarray
    retention: np.ndarray
    resp: np.ndarray  # affinity × deal sensitivity × fatigue × response noise
    wake: np.ndarray  # 1 where new buyers are reactivations
    prospect: np.ndarray  # 1 where new buyers are acquisitions
    weeks: int
    reach: float
    cap: int
    runs: int
    alloc: np.ndarray  # share of campaign-wide resources (samples, audiences) per segment
    joint: bool = True  # segments share one campaign (False: each row is its own campaign)
    lift: float = 1.0  # multiplier on the promotion's effect, used to solve for break-even
    season: float = 1.0  # demand relative to normal: more customers buy anyway, and more of the others are in the
    #                      market for an offer (seed text: holidays justify deeper offers)

    @property
    def in_market(self):
        """Scale on the take-up of customers who would not have bought: the season (festivals draw shoppers)."""
        return self.season

    @property
    def q(self) -> np.ndarray:
        """Chance a reached customer buys in the window without the promotion."""
        return 1.0 - (1.0 - self.p_week) ** self.weeks

    @property
    def orders(self) -> np.ndarray:
        """Orders a customer who buys in the window places there (at least one)."""
        q = self.q
        return np.maximum(np.where(q > 1e-12, self.p_week * self.weeks / np.maximum(q, 1e-12), 1.0), 1.0)

    def capped(self, n):
        """Orders that get the offer under the per-customer cap."""
        return np.minimum(n, self.cap)


@dataclass
class Offer:
    """What a type does to the customers it reaches (per segment; counts in people or orders)."""

    reached: np.ndarray
    sub: np.ndarray  # takers who would have bought anyway (subsidised)
    new: np.ndarray  # takers who buy because of the promotion
    variable: dict  # cost component → per segment
    fixed: dict = field(default_factory=dict)  # cost component → per campaign
    others: np.ndarray | float = 0.0  # takers who neither were going to buy nor buy (quiz or sign-up entrants)
    bump: np.ndarray | float = 0.0  # gross extra orders of the subsidised takers (frequency, stocking up)
    new_orders: np.ndarray | float = 0.0  # orders of the new buyers in the window
    switching: np.ndarray | float = 0.0  # share of the gross bump that only switches from the business's other goods
    pull_forward: np.ndarray | float = 0.0  # share of the gross bump borrowed from later weeks (the dip)
    halo: np.ndarray | float = 0.0  # other goods sold per unit of gross bump (value share)
    basket: np.ndarray | float = 0.0  # extra revenue from larger baskets
    inside: np.ndarray | float = 1.0  # share of the incremental sales inside the simulated window
    orders_capped: np.ndarray | float = 0.0
    leads: np.ndarray | float = 0.0
    aware: np.ndarray | float = 0.0
    value_per_aware: np.ndarray | float = 0.0
    retention_gain: np.ndarray | float = 0.0  # long-term margin beyond the window
    reference_loss: np.ndarray | float = 0.0
    partner_cost: np.ndarray | float = 0.0
    partner_fixed: np.ndarray | float = 0.0
    partner_gain: np.ndarray | float = 0.0


def _smoothstep(t):
    t = np.clip(t, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def gate(x, dead_zone, suspicion=None):
    """Response left at an offer worth ``x`` of the basket: nothing below half the dead zone, full from 1.5×
    (Gupta & Cooper 1992: promotion thresholds), falling above the suspicion level (seed text)."""
    d0 = np.asarray(dead_zone, dtype=float)
    g = np.where(d0 > 0, _smoothstep((x - 0.5 * d0) / np.maximum(d0, 1e-9)), 1.0)
    if suspicion is not None:
        g = g * np.exp(-np.maximum(x - suspicion, 0.0) / const("suspicion_scale"))
    return g


def bump(x, elasticity):
    """Gross relative bump in units at a price cut ``x``: (1 − x)^−e − 1, a constant elasticity."""
    return (1.0 - np.minimum(x, 0.95)) ** (-elasticity) - 1.0


def value_pull(x):
    """How strongly an offer worth ``x`` of the basket draws customers who would not have bought, relative to
    one worth ``offer_ref``: proportional to value (van Heerde & Neslin 2008 read an elasticity linearly)."""
    return np.asarray(x, dtype=float) / const("offer_ref")


def stretch(min_spend, aov):
    """(share of orders at or above the threshold, extra spend per offer order from baskets topped up to it).

    Order values are log-normal around ``aov``; baskets within ``stretch_band`` below the threshold are
    topped up to it (an assumption), those further below do not take the offer.
    """
    from scipy.special import ndtr  # here: scipy.special takes 0.5 s to import, which pages that never simulate skip

    s = const("basket_sigma")
    band = const("stretch_band")
    smin = np.maximum(np.asarray(min_spend, dtype=float), 1e-9)
    mu = np.log(aov) - s * s / 2

    def cdf(v):
        return ndtr((np.log(v) - mu) / s)

    def partial(v):  # E[X · 1{X < v}]
        return aov * ndtr((np.log(v) - mu - s * s) / s)

    lo = smin * (1 - band)
    above = 1.0 - cdf(smin)
    near = cdf(smin) - cdf(lo)
    topup = smin * near - (partial(smin) - partial(lo))
    eligible = above + near
    none = np.asarray(min_spend) <= 0
    return np.where(none, 1.0, eligible), np.where(none, 0.0, topup / np.maximum(eligible, 1e-12))


def clip01(x):
    return np.clip(x, 0.0, 1.0)


@dataclass
class OrderOffer:
    """Take-up of an offer on every order in the window (discount, gift, rebate), per segment."""

    reached: np.ndarray
    sub: np.ndarray  # reached customers who buy anyway and get the offer
    new: np.ndarray  # reached customers drawn in who would not have bought
    deal: np.ndarray  # orders with the offer per subsidised taker (capped)
    base: np.ndarray  # orders they would have placed anyway (capped)
    wanted: np.ndarray  # orders per subsidised taker before the cap
    n0: np.ndarray  # orders a buyer places in the window without the offer

    @property
    def bump(self):
        return self.sub * np.maximum(self.deal - self.base, 0.0)

    @property
    def orders(self):
        return self.sub * self.deal + self.new * self.base

    @property
    def capped_orders(self):
        return self.sub * (self.wanted - self.deal) + self.new * (self.n0 - self.base)


def order_offer(x: Ctx, value, elasticity, new_rate, g, eligible=1.0) -> OrderOffer:
    """An offer worth ``value`` of the basket on every order: the ``eligible`` share of those who buy anyway take it
    and buy (1 − value)^(−elasticity) times as much (× the response ``g``); those who would not have bought come in
    at ``new_rate`` × value ÷ ``offer_ref`` × ``g``, as far as their basket reaches a minimum spend (``eligible``)."""
    reached = x.size * x.reach
    q, n0 = x.q, x.orders
    wanted = n0 * (1 + bump(value, elasticity) * g)
    return OrderOffer(reached=reached, sub=reached * q * eligible,
                      new=reached * (1 - q) * clip01(new_rate * value_pull(value) * g * x.in_market) * eligible,
                      deal=x.capped(wanted), base=x.capped(n0), wanted=wanted, n0=n0)
