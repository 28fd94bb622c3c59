"""The ten promotion types, one module each, in the seed text's order; ``TYPES`` is the registry."""
from __future__ import annotations

from ..registry import PromoType
from . import co_promotion, coupon, discount, free_trial, gift, lottery, membership, prize_quiz, rebate, sponsorship

TYPES: dict[str, PromoType] = {m.TYPE.key: m.TYPE for m in (
    discount, gift, rebate, coupon, co_promotion, free_trial, lottery, prize_quiz, sponsorship, membership)}
TYPE_KEYS = tuple(TYPES)

__all__ = ["TYPES", "TYPE_KEYS"]
