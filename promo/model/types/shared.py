"""Parameters and split shares the per-order offers (discount, gift, rebate) share."""
from __future__ import annotations

from ..registry import ASSUMPTION, Param, Prior, param

NEW_BUYERS = Prior(0.015, 0.03, 0.06, "assumption anchored on direct-mail response of own customers to an offer, "
                                      "3.4–5.3% (DMA 2012–2016), and a coupon's rate among regular buyers ÷ 4")

ANNOUNCE = param("announce_cost", "每人告知成本", "Cost per person told", "yuan", 0.0, 20.0, 0.05,
                 "typical bulk SMS price in China, 0.03–0.06 yuan", "告知一位顾客（短信、推送）的成本。",
                 "Cost of telling one customer (SMS, push).", 0.01)

# How the gross bump of a price offer splits (van Heerde et al. 2000/2004, Ailawadi et al. 2006/2007); the gift and
# the rebate use the same shares for lack of a source of their own.
SWITCHING, DIP, HALO = 0.33, 0.20, 0.16


def new_buyer_rate(what_zh: str, what_en: str, source: str = "as the discount's: ") -> Param:
    """The take-up of reached customers who would not have bought, for an offer worth 10% of the basket."""
    return param("new_buyer_rate", "新增购买率", "New-buyer rate", "share", 0.0, 0.5, 0.03,
                 source + "take-up of reached non-buyers for an offer worth 10% of the basket (more for more); "
                 + ASSUMPTION,
                 f"本来不会买的触达顾客中，因价值 10% 的{what_zh}而来购买的比例（价值越高越多）。",
                 f"Share of reached customers who would not have bought that {what_en} worth 10% of the basket brings "
                 "in (more for a larger one).", 0.005, NEW_BUYERS)
