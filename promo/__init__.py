"""Promotion planning core: types, segments, simulation, planning. Pure Python; never imports Streamlit.

By area: ``model`` (types, mechanics, simulation, analysis), ``planning`` (calendar, rules, check, valuation,
optimizer), ``customers`` (data import, segments from data, measured response rates, readouts, demo),
``sharing`` (login, partner views, reports), ``store`` (the database), ``i18n`` (texts), ``cli``; ``charts``,
``fmt``, ``errors`` and ``jsonfile`` serve them all. Pages and the CLI use the names listed in ``__all__`` here
and in the subpackages' ``__init__``.
"""
from .errors import InputError
from .model import (FIELDS, LEGAL_PRIZE_CAP, MODEL, PURPOSES, SETTINGS, STAGES, TYPE_KEYS, TYPES, Campaign,
                    ModelWarning, Param, PromoType, Result, Segment, Stat, breakeven, campaign_from_dict,
                    compare_matrix, default_segments, full_params, make_campaign, make_segment, pick, sensitivity,
                    simulate)
from .planning import (Festival, OptimizeResult, Plan, PlanItem, PlanValue, Rules, Violation, check, default_season,
                       festivals, load_plan, load_rules, new_plan, optimize, plan_from_dict, plan_value,
                       rules_from_dict, weeks_in_year)

__all__ = [
    "breakeven", "compare_matrix", "sensitivity",
    "SETTINGS", "Campaign", "campaign_from_dict", "full_params", "make_campaign",
    "InputError", "MODEL",
    "LEGAL_PRIZE_CAP", "PURPOSES", "TYPE_KEYS", "TYPES", "Param", "PromoType",
    "FIELDS", "STAGES", "Segment", "default_segments", "make_segment", "pick",
    "ModelWarning", "Result", "Stat", "simulate",
    "Festival", "default_season", "festivals", "weeks_in_year",
    "Plan", "PlanItem", "Violation", "check", "load_plan", "new_plan", "plan_from_dict",
    "PlanValue", "plan_value", "Rules", "load_rules", "rules_from_dict", "OptimizeResult", "optimize",
]
