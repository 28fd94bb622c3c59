"""Planning a year: festivals and the season, the plan and its file, the rules, the rule check, what a plan is
worth (valuation, with carry-over between items) and the optimizer that builds the best plan under a budget."""
from .checks import Violation, check
from .festivals import (YEAR_RANGE, Festival, default_season, festival_weeks, festivals, week_start,
                        weeks_in_year)
from .optimizer import CARRY_MODES, OBJECTIVES, OptimizeResult, optimize
from .plan import Plan, PlanItem, load_plan, new_plan, plan_from_dict
from .rules import Rules, load_rules, rules_from_dict
from .valuation import PlanValue, plan_value

__all__ = [
    "Violation", "check",
    "YEAR_RANGE", "Festival", "default_season", "festival_weeks", "festivals", "week_start", "weeks_in_year",
    "CARRY_MODES", "OBJECTIVES", "OptimizeResult", "optimize",
    "Plan", "PlanItem", "load_plan", "new_plan", "plan_from_dict",
    "Rules", "load_rules", "rules_from_dict",
    "PlanValue", "plan_value",
]
