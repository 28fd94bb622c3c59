"""The README's plan and rules formats stay true: its examples load, and it names every rule and plan field."""
import json
import re
from pathlib import Path

from promo.planning.checks import check
from promo.planning.plan import ITEM_KEYS, PLAN_KEYS, plan_from_dict
from promo.planning.rules import RULE_KEYS, rules_from_dict

DOC = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_examples_load():
    section = DOC.split("\n## Year plans")[1].split("\n## ")[0]  # other sections have JSON examples of their own
    plan_text, rules_text = re.findall(r"```json\n(.*?)```", section, re.S)
    plan = plan_from_dict(json.loads(plan_text))
    rules = rules_from_dict(json.loads(rules_text))
    assert [i.id for i in plan.items] == ["spring-coupon", "d11-discount"]
    assert [v.rule for v in check(plan, rules)] == ["max_cap_per_customer"]


def test_every_rule_and_field_is_documented():
    for key in RULE_KEYS + PLAN_KEYS + ITEM_KEYS:
        assert f"`{key}`" in DOC or f"`items[].{key}`" in DOC, key
