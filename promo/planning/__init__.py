"""Planning a year: festivals and the season, the plan and its file, the rules, the rule check, what a plan is
worth (valuation, with carry-over between items), the optimizer that builds the best plan under a budget, plan
items in words (names), and which saved scenario to run for a goal (decision)."""
from . import decision
from .checks import Violation, check
from .festivals import (YEAR_RANGE, Festival, default_season, festival_weeks, festivals, week_start,
                        weeks_in_year)
from .names import item_name, item_names, key_params, param_text, params_text
from .optimizer import CARRY_MODES, OBJECTIVES, STAGES, OptimizeResult, Progress, optimize
from .plan import (Plan, PlanItem, change_year, load_plan, new_plan, next_item_id, plan_from_dict, plan_from_file,
                   with_item, without_item)
from .rules import Rules, load_rules, rules_from_dict, rules_from_table
from .valuation import PlanValue, plan_value

__all__ = [
    "decision",
    "Violation", "check",
    "YEAR_RANGE", "Festival", "default_season", "festival_weeks", "festivals", "week_start", "weeks_in_year",
    "item_name", "item_names", "key_params", "param_text", "params_text",
    "CARRY_MODES", "OBJECTIVES", "STAGES", "OptimizeResult", "Progress", "optimize",
    "Plan", "PlanItem", "change_year", "load_plan", "new_plan", "next_item_id", "plan_from_dict", "plan_from_file",
    "with_item", "without_item",
    "Rules", "load_rules", "rules_from_dict", "rules_from_table",
    "PlanValue", "plan_value",
]
