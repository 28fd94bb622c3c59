"""The model: the ten promotion types (one module each in ``types/``), the engine that values them the same way,
campaigns, segments, the simulation, the questions asked of it and the model card. numpy only; no database, no
Streamlit."""
from .analysis import breakeven, compare_matrix, drivers, match_param, sensitivity, suits
from .campaign import (SETTINGS, Campaign, Setting, campaign_from_dict, check_number, check_param, full_params,
                       make_campaign)
from .card import Benchmark, benchmarks
from .constants import MODEL
from .engine import evaluate, roi
from .registry import LEGAL_PRIZE_CAP, PURPOSES, Param, Planning, Prior, PromoType
from .segments import FIELDS, STAGES, Field, Segment, default_segments, make_segment, pick
from .simulation import MAX_DRAWS, ModelWarning, Result, Stat, simulate
from .types import TYPE_KEYS, TYPES
from .types.coupon import CHANNEL_EFFECT

__all__ = [
    "breakeven", "compare_matrix", "drivers", "match_param", "sensitivity", "suits",
    "SETTINGS", "Campaign", "Setting", "campaign_from_dict", "check_number", "check_param", "full_params",
    "make_campaign",
    "Benchmark", "benchmarks",
    "MODEL",
    "evaluate", "roi",
    "LEGAL_PRIZE_CAP", "PURPOSES", "Param", "Planning", "Prior", "PromoType",
    "FIELDS", "STAGES", "Field", "Segment", "default_segments", "make_segment", "pick",
    "MAX_DRAWS", "ModelWarning", "Result", "Stat", "simulate",
    "TYPE_KEYS", "TYPES",
    "CHANNEL_EFFECT",
]
