"""Promotion planning core: types, segments, simulation. Pure Python; never imports Streamlit."""
from .analysis import breakeven, compare_matrix, sensitivity
from .campaign import SETTINGS, Campaign, campaign_from_dict, full_params, make_campaign
from .errors import InputError
from .mechanics import MODEL
from .registry import LEGAL_PRIZE_CAP, OBJECTIVES, TYPE_KEYS, TYPES, Param, PromoType
from .segments import FIELDS, STAGES, Segment, default_segments, make_segment, pick
from .simulate import Result, Stat, Warning, simulate
from .festivals import Festival, default_season, festivals, weeks_in_year
from .plan import Plan, PlanItem, Violation, check, load_plan, new_plan, plan_from_dict
from .plan_value import PlanValue, plan_value
from .rules import Rules, load_rules, rules_from_dict
from .optimize import OptimizeResult, optimize

__all__ = [
    "breakeven", "compare_matrix", "sensitivity",
    "SETTINGS", "Campaign", "campaign_from_dict", "full_params", "make_campaign",
    "InputError", "MODEL",
    "LEGAL_PRIZE_CAP", "OBJECTIVES", "TYPE_KEYS", "TYPES", "Param", "PromoType",
    "FIELDS", "STAGES", "Segment", "default_segments", "make_segment", "pick",
    "Result", "Stat", "Warning", "simulate",
    "Festival", "default_season", "festivals", "weeks_in_year",
    "Plan", "PlanItem", "Violation", "check", "load_plan", "new_plan", "plan_from_dict",
    "PlanValue", "plan_value", "Rules", "load_rules", "rules_from_dict", "OptimizeResult", "optimize",
]
