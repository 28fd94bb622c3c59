"""The embedded demo business: created on first start so every page shows something at once.

Its year plan (``demo_plan.json``) is the optimizer's plan for the demo segments, default rules and a budget of
200,000 (the calendar's default), year 2027, each item kept with the parameters of its level. It is shipped as a
file because the optimizer takes seconds, too long for the first start; ``write_plan()`` makes it again (after a
change of the model), and tests/customers/test_demo.py checks that it still meets the default rules.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import store
from ..model.campaign import make_campaign
from ..model.simulation import simulate
from ..planning.checks import check
from ..planning.plan import Plan, plan_from_dict
from ..planning.rules import Rules
from ..planning.valuation import plan_value

BUSINESS = {"zh": "丽颜美妆连锁（演示）", "en": "Liyan Cosmetics chain (demo)"}
PLAN_FILE = Path(__file__).with_name("demo_plan.json")
PLAN_YEAR, PLAN_BUDGET = 2027, 200_000.0
PLAN_NAME = {"zh": "2027 年度计划（优化器，预算 ¥200,000）",
             "en": "Plan 2027 (optimizer, budget ¥200,000)"}

# (name zh / en, type, segments, params, settings)
SCENARIOS = (
    ("双11 八五折 · 活跃老客", "Double 11 15% off · active", "discount", ["active"], {"depth": 0.15},
     {"duration_weeks": 2}),
    ("满100减20 券唤醒沉睡顾客", "20-off coupon wakes dormant", "coupon", ["dormant", "half_dormant"],
     {"face_value": 20, "min_spend": 100, "channel": "wechat"}, {"reach": 0.8}),
    ("满199送旅行装 · 新客", "Gift with 199 spend · new", "gift", ["new"], {}, {}),
    ("社区派发试用装 5000 份", "5,000 samples near the shop", "free_trial", ["prospects"], {"samples": 5000},
     {"duration_weeks": 1}),
    ("周年庆抽奖", "Anniversary lottery", "lottery", ["active", "vip"], {}, {"duration_weeks": 3}),
    ("金卡会员计划", "Gold card membership", "membership", ["active", "vip"], {}, {"reach": 0.8}),
    ("与乳品店联合促销", "Co-promotion with a dairy shop", "co_promotion", ["prospects", "new"], {}, {}),
)


def seed(con, lang: str = "zh", draws: int = 4000) -> None:
    """Fill an empty database with the demo business (deterministic: fixed seeds)."""
    store.save_settings(con, business_name=BUSINESS[lang], currency="¥", language=lang, default_margin=0.5)
    store.reset_segments(con)
    segs = store.load_segments(con)
    for i, (zh, en, type_, seg_keys, params, settings) in enumerate(SCENARIOS):
        c = make_campaign(type_, seg_keys, params, **settings)
        r = simulate(c, segs, draws=draws, seed=i + 1)
        store.save_scenario(con, zh if lang == "zh" else en, c, r.to_dict())
    plan = demo_plan(segs)
    value = plan_value(plan, segs)
    store.save_plan(con, PLAN_NAME[lang], plan, Rules(), value.summary(check(plan, Rules(), segs, value)))
    store.save_working_plan(con, plan, Rules(), {"key": "cal.v.demo", "values": {}})


def demo_plan(segments=None) -> Plan:
    return plan_from_dict(json.loads(PLAN_FILE.read_text(encoding="utf-8")), segments)


def write_plan() -> Plan:
    """Run the optimizer on the demo (seconds) and write its plan to ``PLAN_FILE``, one item a line, each with only
    the parameters its level sets."""
    from ..model.types import TYPES
    from ..planning.optimizer import LEVEL_NAMES, optimize

    res = optimize(budget=PLAN_BUDGET, year=PLAN_YEAR)
    items = [{"id": it.id, "type": it.type, "segments": list(it.segments), "start_week": it.start_week,
              "duration_weeks": it.duration, "cap_per_customer": it.campaign.cap_per_customer,
              "params": TYPES[it.type].planning.levels[LEVEL_NAMES.index(it.id.rsplit("-", 1)[1])]}
             for it in res.plan.items]
    lines = ",\n".join("  " + json.dumps(i, ensure_ascii=False) for i in items)
    PLAN_FILE.write_text(f'{{"year": {PLAN_YEAR:d},\n "items": [\n{lines}\n ]\n}}\n', encoding="utf-8")
    return demo_plan()


def open_or_create(path=None):
    """Connect; if the file did not exist, seed the demo. Returns the connection."""
    target = store.db_path() if path is None else path
    fresh = str(target) == ":memory:" or not Path(target).exists()
    con = store.connect(target)
    if fresh or (not store.list_scenarios(con) and not store.get_settings(con)["business_name"]):
        seed(con)
    return con
