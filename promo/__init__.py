"""Promotion planning core: types, segments, simulation, planning. Pure Python; never imports Streamlit.

By area: ``model`` (types, mechanics, simulation, analysis), ``planning`` (calendar, rules, check, valuation,
optimizer), ``customers`` (data import, segments from data, measured response rates, readouts, demo),
``sharing`` (login, partner views, reports), ``store`` (the database), ``i18n`` (texts), ``cli``; ``charts``,
``fmt``, ``errors`` and ``jsonfile`` serve them all. Pages and the CLI use the names listed in ``__all__`` here
and in the subpackages' ``__init__``.
"""
from importlib import import_module

from .errors import InputError

# name → the subpackage that has it: loaded on first use (PEP 562), so that ``python -m promo import-transactions``
# and ``rfm`` start without numpy, scipy and the calendars (about 0.5 s of imports)
_LAZY = {
    **dict.fromkeys(("FIELDS", "LEGAL_PRIZE_CAP", "MODEL", "PURPOSES", "SETTINGS", "STAGES", "TYPE_KEYS", "TYPES",
                     "Campaign", "ModelWarning", "Param", "PromoType", "Result", "Segment", "Stat", "breakeven",
                     "campaign_from_dict", "compare_matrix", "default_segments", "full_params", "make_campaign",
                     "make_segment", "pick", "sensitivity", "simulate"), "model"),
    **dict.fromkeys(("Festival", "OptimizeResult", "Plan", "PlanItem", "PlanValue", "Rules", "Violation", "check",
                     "default_season", "festivals", "load_plan", "load_rules", "new_plan", "optimize", "plan_from_dict",
                     "plan_value", "rules_from_dict", "weeks_in_year"), "planning"),
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'promo' has no attribute '{name}'")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["InputError", *_LAZY]
