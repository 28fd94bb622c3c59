"""How each promotion type turns reached customers into participants, orders and costs.

Every function takes a ``Ctx`` whose segment fields are column vectors (segments × 1)
and whose uncertain inputs are row vectors (1 × draws), so one call covers all
segments and all draws by numpy broadcasting. Quantities are per segment; costs in
``fixed`` are per campaign (one value per draw).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .registry import CHANNEL_EFFECT, TYPES

# Model constants (name: value, source), listed in the README (a test keeps the table in step).
MODEL = {
    "basket_sigma": (0.5, "log-sd of order values around the average order; typical retail basket spread, assumption"),
    "regular_elasticity": (2.6, "Bijmolt, van Heerde & Pieters 2005: regular price elasticity about −2.6"),
    "reference_pass": (0.1, "share of a discount absorbed into the reference price per 4 weeks on deal; assumption after the seed text"),
    "reference_weeks": (13, "weeks over which a lowered reference price costs sales; assumption"),
    "fatigue": (0.5, "response falls by 1/(1 + 0.5 × runs in the last 52 weeks / recommended runs); seed text: customers wait for the next offer"),
    "clv_discount_rate": (0.1, "yearly discount rate i in CLV = m·r/(1+i−r)"),
    "stick_share": (0.3, "share of reactivated or acquired buyers who stay customers; win-back succeeds 20–40% (Griffin & Lowenstein)"),
    "won_p_week": (0.03, "weekly purchase probability of a won-back or newly acquired customer; assumption"),
    "won_retention": (0.5, "yearly retention of a won-back or newly acquired customer; assumption"),
    "response_sigma": (0.25, "log-sd of the segment's response around its affinity; assumption"),
    "p_week_k": (200, "Beta concentration of the weekly purchase probability; a measured figure is fairly sure"),
    "suspicion_scale": (0.1, "a discount's response falls by e^(−(depth − suspicion level)/this) above the level; assumption"),
    "coupon_value_ref": (0.1, "face value ÷ minimum spend at which a coupon redeems at its stated rate; assumption"),
    "coupon_value_power": (0.6, "redemption scales with (face value ÷ minimum spend ÷ coupon_value_ref)^this; assumption"),
    "coupon_validity_weeks": (2.0, "validity effect (1 − e^(−weeks/this)) / (1 − e^(−4/this)), 1 at 4 weeks; assumption"),
    "appeal_power": (0.3, "a lottery's or quiz's appeal grows with (prize total ÷ reference)^this; the reference is the default prize list or quiz_pool_ref; assumption"),
    "appeal_cap": (3.0, "cap on the coupon value and prize appeal multipliers; assumption"),
    "quiz_pool_ref": (5000, "prize pool (yuan) at which a quiz draws its stated entry rate; assumption"),
}


def const(name: str) -> float:
    return MODEL[name][0]


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
    resp: np.ndarray  # affinity × sensitivity × fatigue × season × noise
    wake: np.ndarray  # 1 where incremental buyers are reactivations
    prospect: np.ndarray  # 1 where incremental buyers are acquisitions
    weeks: int
    reach: float
    cap: int
    runs: int
    alloc: np.ndarray  # share of campaign-wide resources (samples, audiences) per segment
    joint: bool = True  # segments share one campaign (False: each row is its own campaign)
    lift: float = 1.0  # multiplier on incremental buyers, used to solve for break-even

    @property
    def q(self) -> np.ndarray:
        """Chance a reached customer buys in the window without the promotion."""
        return 1.0 - (1.0 - self.p_week) ** self.weeks

    def orders_per_buyer(self) -> tuple[np.ndarray, np.ndarray]:
        """(orders a participant would place in the window, the same under the per-customer cap)."""
        q = self.q
        natural = np.where(q > 1e-12, self.p_week * self.weeks / np.maximum(q, 1e-12), 1.0)
        natural = np.maximum(natural, 1.0)
        return natural, np.minimum(natural, self.cap)


@dataclass
class Flows:
    reached: np.ndarray
    participants: np.ndarray
    subsidised: np.ndarray
    incremental_buyers: np.ndarray
    incremental_orders: np.ndarray  # before the post-promotion dip
    subsidised_orders: np.ndarray
    variable: dict  # cost component → per segment
    fixed: dict = field(default_factory=dict)  # cost component → per campaign
    dip_share: float | np.ndarray = 0.0
    orders_capped: np.ndarray | float = 0.0
    leads: np.ndarray | float = 0.0
    aware: np.ndarray | float = 0.0
    value_per_aware: float | np.ndarray = 0.0
    retention_gain: np.ndarray | float = 0.0
    reference_loss: np.ndarray | float = 0.0
    partner_cost: np.ndarray | float = 0.0
    partner_fixed: np.ndarray | float = 0.0
    partner_gain: np.ndarray | float = 0.0


def qualify_share(min_spend, aov) -> np.ndarray:
    """Share of orders at or above ``min_spend`` when order values are log-normal around ``aov``."""
    from scipy.special import ndtr  # here: scipy.special takes 0.5 s to import, which pages that never simulate skip

    s = const("basket_sigma")
    ratio = np.maximum(np.asarray(min_spend, dtype=float), 1e-9) / aov
    z = (np.log(ratio) + s * s / 2) / s
    return np.where(np.asarray(min_spend) <= 0, 1.0, 1.0 - ndtr(z))


def _split(x: Ctx, participants, q):
    sub = participants * q
    return sub, participants - sub


def _lifted(x: Ctx, reached, base_buyers, lift):
    """Buyers on deal when ``lift`` extra buyers come per baseline buyer, bounded by those reached."""
    incr = np.minimum(base_buyers * lift * x.lift, np.maximum(reached - base_buyers, 0.0))
    return base_buyers, incr


def discount(x: Ctx) -> Flows:
    p = x.p
    d, d0, s = p["depth"], p["dead_zone"], p["suspicion"]
    t = np.clip((d - 0.5 * d0) / np.maximum(d0, 1e-9), 0.0, 1.0)
    gate = np.where(d0 > 0, t * t * (3 - 2 * t), 1.0)
    suspicion = np.exp(-np.maximum(d - s, 0.0) / const("suspicion_scale"))
    lift = p["elasticity"] * d * gate * suspicion * p["incremental_share"] * x.resp
    reached = x.size * x.reach
    sub, incr = _lifted(x, reached, reached * x.q, lift)
    natural, k = x.orders_per_buyer()
    deal_orders = (sub + incr) * k
    weeks_factor = min(1.0, x.weeks / 4) * (1 + x.runs / TYPES["discount"].max_runs_per_year)
    erosion = const("regular_elasticity") * d * const("reference_pass") * weeks_factor
    ref_loss = reached * x.p_week * const("reference_weeks") * x.aov * x.margin * erosion
    return Flows(reached, sub + incr, sub, incr, incr * k, sub * k,
                 {"discount": d * x.aov * deal_orders}, dip_share=p["dip"],
                 orders_capped=(sub + incr) * (natural - k), reference_loss=ref_loss)


def gift(x: Ctx) -> Flows:
    p = x.p
    h = qualify_share(p["min_spend"], x.aov)
    effective = p["perceived_value"] / np.maximum(np.maximum(p["min_spend"], x.aov), 1e-9)
    reached = x.size * x.reach
    sub, incr = _lifted(x, reached, reached * x.q * h, p["gift_elasticity"] * effective * x.resp)
    natural, k = x.orders_per_buyer()
    gifts = (sub + incr) * k
    return Flows(reached, sub + incr, sub, incr, incr * k, sub * k, {"gifts": p["gift_cost"] * gifts},
                 dip_share=TYPES["gift"].dip, orders_capped=(sub + incr) * (natural - k))


def rebate(x: Ctx) -> Flows:
    p = x.p
    reached = x.size * x.reach
    sub, incr = _lifted(x, reached, reached * x.q, p["rebate_elasticity"] * p["amount"] / x.aov * x.resp)
    natural, k = x.orders_per_buyer()
    claims = (sub + incr) * k * p["claim_rate"]
    return Flows(reached, sub + incr, sub, incr, incr * k, sub * k,
                 {"rebates": claims * (1 - p["slippage"]) * p["amount"], "fulfilment": claims * p["fulfilment_cost"]},
                 dip_share=TYPES["rebate"].dip, orders_capped=(sub + incr) * (natural - k),
                 leads=(sub + incr) * p["claim_rate"])


def coupon(x: Ctx) -> Flows:
    p = x.p
    channel_reach, channel_mult = CHANNEL_EFFECT[p["channel"]]
    sends = x.size * x.reach * channel_reach
    ratio = p["face_value"] / np.maximum(np.where(p["min_spend"] > 0, p["min_spend"], x.aov), 1e-9)
    value = np.minimum((ratio / const("coupon_value_ref")) ** const("coupon_value_power"), const("appeal_cap"))
    scale = const("coupon_validity_weeks")
    validity = (1 - np.exp(-p["validity_weeks"] / scale)) / (1 - np.exp(-4.0 / scale))
    rate = np.clip(p["redemption_rate"] * channel_mult * value * validity * x.resp, 0.0, 1.0)
    redeemers = sends * rate
    sub, incr = _split(x, redeemers, x.q)
    incr = np.minimum(incr * x.lift, sends - sub)
    redeemers = sub + incr
    return Flows(sends, redeemers, sub, incr, incr, sub,
                 {"distribution": sends * p["cost_per_send"], "face_value": redeemers * p["face_value"],
                  "handling": redeemers * p["handling_cost"]},
                 dip_share=TYPES["coupon"].dip)


def co_promotion(x: Ctx) -> Flows:
    p = x.p
    # the partner's audience is the channel: its non-overlapping part are prospects, the overlap our customers
    customer = 1.0 - x.prospect
    share = x.alloc * customer / max(float(np.sum(x.alloc * customer)), 1e-12) if x.joint else customer
    audience = p["partner_audience"] * np.where(x.prospect > 0, 1 - p["overlap"], p["overlap"] * share)
    reached = np.minimum(x.size * x.reach, audience)
    takers = reached * np.clip(p["participation"] * x.resp, 0.0, 1.0)
    sub, incr = _split(x, takers, x.q)
    incr = np.minimum(incr * x.lift, reached - sub)
    takers = sub + incr
    ours = p["cost_share"]
    offer = takers * p["offer_cost"]
    return Flows(reached, takers, sub, incr, incr, sub, {"offers": ours * offer},
                 fixed={"joint_cost": ours * p["joint_cost"]},
                 partner_cost=(1 - ours) * offer, partner_fixed=(1 - ours) * p["joint_cost"],
                 partner_gain=takers * p["partner_gain"])


def free_trial(x: Ctx) -> Flows:
    p = x.p
    reached = np.minimum(x.size * x.reach, p["samples"] * x.alloc)
    buyers = reached * np.clip(p["conversion"] * x.resp, 0.0, 1.0)
    sub, incr = _split(x, buyers, x.q)
    incr = np.minimum(incr * x.lift, reached - sub)
    k = np.minimum(p["orders_per_buyer"], x.cap)
    return Flows(reached, sub + incr, sub, incr, incr * k, sub * k,
                 {"samples": reached * (p["unit_cost"] + p["distribution_cost"])},
                 orders_capped=(sub + incr) * (p["orders_per_buyer"] - k))


def _prizes(p: dict):
    return sum(p[f"prize{i}_value"] * p[f"prize{i}_count"] for i in (1, 2, 3))


_LOTTERY_POOL = _prizes(TYPES["lottery"].defaults())


def lottery(x: Ctx) -> Flows:
    p = x.p
    pool = _prizes(p)
    appeal = np.minimum((pool / _LOTTERY_POOL) ** const("appeal_power"), const("appeal_cap"))
    reached = x.size * x.reach
    entrants = reached * np.clip(p["entry_rate"] * appeal * x.resp, 0.0, 1.0)
    if p["entry"] == "purchase":
        entrants = entrants * qualify_share(p["min_spend"], x.aov)
        buyers = entrants
    else:
        buyers = entrants * p["signup_conversion"]
    sub, incr = _split(x, buyers, x.q)
    incr = np.minimum(incr * x.lift, reached - sub)
    return Flows(reached, sub + incr, sub, incr, incr, sub, {},
                 fixed={"prizes": pool, "administration": p["admin_cost"]},
                 leads=np.maximum(entrants, sub + incr))


def prize_quiz(x: Ctx) -> Flows:
    p = x.p
    appeal = np.minimum((max(p["prize_pool"], 1.0) / const("quiz_pool_ref")) ** const("appeal_power"), const("appeal_cap"))
    reached = x.size * x.reach
    entrants = reached * np.clip(p["entry_rate"] * appeal * x.resp, 0.0, 1.0)
    sub, incr = _split(x, entrants * p["purchase_conversion"], x.q)
    incr = np.minimum(incr * x.lift, reached - sub)
    return Flows(reached, sub + incr, sub, incr, incr, sub, {},
                 fixed={"prizes": p["prize_pool"], "administration": p["admin_cost"]},
                 leads=entrants, aware=reached * p["awareness_rate"], value_per_aware=p["value_per_aware"])


def sponsorship(x: Ctx) -> Flows:
    p = x.p
    reached = np.minimum(x.size * x.reach, p["audience"] * x.alloc)
    buyers = reached * np.clip(p["lagged_conversion"] * x.resp, 0.0, 1.0)
    sub, incr = _split(x, buyers, x.q)
    incr = np.minimum(incr * x.lift, reached - sub)
    return Flows(reached, sub + incr, sub, incr, incr, sub, {},
                 fixed={"sponsorship_fee": p["fee"],
                        "activation": p["fee"] * p["activation_ratio"]},
                 aware=reached * p["awareness_rate"], value_per_aware=p["value_per_aware"])


def _clv(yearly_margin, r):
    r = np.clip(r, 0.0, 0.99)
    return yearly_margin * r / (1 + const("clv_discount_rate") - r)


def membership(x: Ctx) -> Flows:
    p = x.p
    horizon = p["horizon_weeks"]
    reached = x.size * x.reach
    members = reached * np.clip(p["enrol_rate"] * x.resp, 0.0, 1.0)
    up = p["spend_uplift"]
    q_base = 1.0 - (1.0 - x.p_week) ** horizon
    q_up = 1.0 - (1.0 - np.minimum(x.p_week * (1 + up * x.lift), 1.0)) ** horizon
    sub = members * q_base
    incr = members * np.maximum(q_up - q_base, 0.0)
    base_orders = members * x.p_week * horizon
    incr_orders = base_orders * up * x.lift
    rewards = p["reward_rate"] * (1 - p["breakage"]) * x.aov * (base_orders + incr_orders)
    yearly_margin = x.p_week * 52 * x.aov * x.margin
    gain = members * (_clv(yearly_margin, x.retention + p["retention_uplift"]) - _clv(yearly_margin, x.retention))
    return Flows(reached, sub + incr, sub, incr, incr_orders, base_orders, {"rewards": rewards},
                 fixed={"programme": p["fixed_cost"] * horizon / 52},
                 leads=members, retention_gain=gain)


# Cost components paid for everyone reached, whether or not they take part (coupons sent, samples
# handed out): break-even participation treats them like fixed costs.
PER_REACHED = ("distribution", "samples")

MECHANICS = {f.__name__: f for f in (discount, gift, rebate, coupon, co_promotion, free_trial, lottery,
                                     prize_quiz, sponsorship, membership)}
assert set(MECHANICS) == set(TYPES)


def won_customer_value(aov, margin) -> np.ndarray:
    """Long-term margin of one reactivated or acquired buyer (share who stay × CLV)."""
    yearly = const("won_p_week") * 52 * aov * margin
    return const("stick_share") * _clv(yearly, const("won_retention"))
