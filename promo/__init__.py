"""Promotion planning core: types, segments, simulation. Pure Python; never imports Streamlit."""
from .analysis import breakeven, compare_matrix, sensitivity
from .campaign import SETTINGS, Campaign, campaign_from_dict, full_params, make_campaign
from .errors import InputError
from .mechanics import MODEL
from .registry import LEGAL_PRIZE_CAP, OBJECTIVES, TYPE_KEYS, TYPES, Param, PromoType
from .segments import FIELDS, STAGES, Segment, default_segments, make_segment, pick
from .simulate import Result, Stat, Warning, simulate

__all__ = [
    "breakeven", "compare_matrix", "sensitivity",
    "SETTINGS", "Campaign", "campaign_from_dict", "full_params", "make_campaign",
    "InputError", "MODEL",
    "LEGAL_PRIZE_CAP", "OBJECTIVES", "TYPE_KEYS", "TYPES", "Param", "PromoType",
    "FIELDS", "STAGES", "Segment", "default_segments", "make_segment", "pick",
    "Result", "Stat", "Warning", "simulate",
]
