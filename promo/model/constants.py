"""Model constants shared by the types and the engine: (value, source). The README lists every one
(a test keeps the table in step); a parameter a user may change is a type parameter instead."""
from __future__ import annotations

MODEL = {
    "basket_sigma": (0.5, "log-sd of order values around the average order; typical retail basket spread, assumption"),
    "stretch_band": (0.25, "baskets up to this share below a minimum spend are topped up to it to get the offer; "
                           "assumption"),
    "offer_ref": (0.1, "offer value (share of the basket) at which a type's rate for customers who would not have "
                       "bought is stated; their take-up grows in proportion to value (van Heerde & Neslin 2008 read "
                       "an elasticity linearly: −3.63 → +73% at 20% off)"),
    "regulars_ratio": (4.0, "take-up among customers who would buy anyway ÷ among those who would not, for offers the "
                            "customer must act on (coupon, co-promotion, draw entry, enrolment): Bawa & Shoemaker 1987 "
                            "find redemption 'much higher' among regular buyers; the figure 4 (2–8) is an assumption"),
    "offer_dead_zone": (0.03, "offers worth less than this share of the basket barely move anyone (coupons, gifts, "
                              "rebates; Gupta & Cooper 1992 show thresholds exist); value an assumption"),
    "suspicion_scale": (0.1, "a discount's response falls by e^(−(depth − suspicion level)/this) above the level; "
                             "assumption"),
    "regular_elasticity": (2.6, "Bijmolt, van Heerde & Pieters 2005: regular price elasticity −2.62 (mean of 1,851)"),
    "reference_pass": (0.1, "share of a discount absorbed into the reference price per 4 weeks on deal; assumption "
                            "after Kalyanaram & Winer 1995 (reference prices form from past prices)"),
    "reference_weeks": (13, "weeks over which a lowered reference price costs sales; assumption"),
    "fatigue": (0.5, "response falls by 1/(1 + 0.5 × runs in the last 52 weeks / recommended runs); seed text: "
                     "customers wait for the next offer; Blattberg et al. 1995: frequent deals give lower spikes"),
    "clv_discount_rate": (0.1, "yearly discount rate i in CLV = m·r/(1+i−r)"),
    "stick_share": (0.3, "share of reactivated or acquired buyers who stay customers; win-back succeeds 20–40% "
                         "(Griffin & Lowenstein 2001, secondary)"),
    "won_p_week": (0.03, "weekly purchase probability of a won-back or newly acquired customer; assumption"),
    "won_retention": (0.5, "yearly retention of a won-back or newly acquired customer; assumption"),
    "p_week_spread": ((0.8, 1.25), "P10 and P90 of a segment's weekly purchase probability ÷ its value; a measured "
                                   "rate is known to about ±20%, assumption"),
    "response_spread": ((0.7, 1.4), "P10 and P90 of a segment's response ÷ its affinity; assumption"),
    "coupon_validity_weeks": (2.0, "validity effect (1 − e^(−weeks/this)) / (1 − e^(−4/this)), 1 at 4 weeks; "
                                   "assumption"),
    "appeal_power": (0.3, "a draw's or quiz's appeal grows with (prize total ÷ reference)^this; assumption"),
    "appeal_cap": (3.0, "cap on the prize appeal multiplier; assumption"),
    "quiz_pool_ref": (5000, "prize pool (yuan) at which a quiz draws its stated entry rate; assumption"),
    "rebate_new_claim_ratio": (3.2, "buyers drawn by a rebate claim it 3.2× as often as buyers who would have bought "
                                    "anyway: PMA 2005, redemption 67.6% of incremental vs 21.1% of all sales"),
    "self_selection_keep": (0.143, "share (1/7) of the member/non-member gap a loyalty programme causes: "
                                   "Leenheer et al. 2007 find the effect seven times smaller than the naive gap"),
    "heavy_p_week": (0.25, "weekly purchase probability at which a member no longer buys more (Liu 2007: heavy buyers "
                           "claim rewards without changing behaviour; light and moderate buyers buy more); the cut-off "
                           "is an assumption"),
    "lagged_spread_weeks": (26, "weeks over which a sponsorship's lagged sales arrive after its lag (effects decay "
                                "over 6–12 months); assumption"),
    "roi_plausible": (10.0, "a campaign ROI above this is flagged and its drivers named; Nielsen 2015: the best 10% of "
                            "promotions return about 7× the worst"),
}


def const(name: str):
    return MODEL[name][0]
