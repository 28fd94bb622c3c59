"""The model: promotion types (registry), their mechanics, campaigns, segments, simulation and the questions
asked of it (break-even, sensitivity, the type × segment matrix). numpy only; no database, no Streamlit."""
from .analysis import breakeven, compare_matrix, sensitivity
from .campaign import SETTINGS, Campaign, campaign_from_dict, check_number, check_param, full_params, make_campaign
from .mechanics import MODEL
from .registry import CHANNEL_EFFECT, LEGAL_PRIZE_CAP, PURPOSES, TYPE_KEYS, TYPES, Param, PromoType
from .segments import FIELDS, STAGES, Segment, default_segments, make_segment, pick
from .engine import evaluate
from .simulation import MAX_DRAWS, ModelWarning, Result, Stat, simulate

__all__ = [
    "breakeven", "compare_matrix", "sensitivity",
    "SETTINGS", "Campaign", "campaign_from_dict", "check_number", "check_param", "full_params", "make_campaign",
    "MODEL",
    "CHANNEL_EFFECT", "LEGAL_PRIZE_CAP", "PURPOSES", "TYPE_KEYS", "TYPES", "Param", "PromoType",
    "FIELDS", "STAGES", "Segment", "default_segments", "make_segment", "pick",
    "MAX_DRAWS", "ModelWarning", "Result", "Stat", "evaluate", "simulate",
]
