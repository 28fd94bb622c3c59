"""The ten promotion types, one module each, in the seed text's order; ``TYPES`` is the registry."""
from __future__ import annotations

from ...i18n import TEXTS
from ..registry import PromoType
from . import co_promotion, coupon, discount, free_trial, gift, lottery, membership, prize_quiz, rebate, sponsorship

TYPES: dict[str, PromoType] = {}


def register(tp: PromoType) -> None:
    """Add a promotion type: the registry entry is everything the product needs (its texts join the interface's)."""
    clash = (TEXTS.keys() & tp.texts.keys()) - {k for k, v in tp.texts.items() if TEXTS.get(k) == v}
    if tp.key in TYPES or clash:
        raise ValueError(f"type {tp.key!r} or its texts {sorted(clash)} are already registered")
    TYPES[tp.key] = tp
    TEXTS.update(tp.texts)


for _module in (discount, gift, rebate, coupon, co_promotion, free_trial, lottery, prize_quiz, sponsorship, membership):
    register(_module.TYPE)
TYPE_KEYS = tuple(TYPES)

__all__ = ["TYPES", "TYPE_KEYS", "register"]
