"""Speed of the plan feature on the full instance, with every rule active.

Prints: the optimizer's time (simulating the 10 types × 7 segments × start weeks × 3 levels
candidates, then HiGHS), status and MIP gap for both objectives (target: proven optimal,
gap ≤ 0.1%, ≤ 10 s), and the time to check a 50-item plan (target ≤ 200 ms), cold (first
simulation of its items) and warm (the median of 20 re-checks, as after an edit on the page).
Run: .venv/bin/python bench/bench_plan.py
"""
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from promo.model import make_campaign
from promo.planning import Plan, PlanItem, Rules, check, default_season, optimize
from promo.planning.optimizer import _summary
from promo.planning.valuation import simulate_item

YEAR, BUDGET = 2027, 300_000
RULES = Rules(budget_total=BUDGET, budget_per_type={"lottery": 50_000, "co_promotion": 30_000, "coupon": 120_000},
              budget_per_segment={"prospects": 120_000, "vip": 20_000}, max_cap_per_customer=2, prize_cap=30_000)


def run_optimizer(objective: str) -> None:
    simulate_item.cache_clear()
    _summary.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    res = optimize(year=YEAR, objective=objective, rules=RULES)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    s = res.stats
    print(f"optimize --objective {objective}: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(simulation {s['seconds_simulation']:.2f} s, solver {s['seconds_solver']:.2f} s); "
          f"status {res.status}; MIP gap {res.mip_gap:.4%}; "
          f"objective {res.objective_value:,.0f} (bound {res.bound:,.0f}); {len(res.plan.items)} items; "
          f"{s['candidates_used']} of {s['candidates_built']} candidates kept; {s['rows']} rows; "
          f"rule violations {len(res.violations)}; cost {res.value.cost.mean:,.0f}")


def fifty_items() -> Plan:
    types = ["discount", "gift", "coupon", "lottery", "free_trial", "rebate", "prize_quiz"]
    segs = ["new", "active", "vip", "half_dormant", "dormant", "churned", "prospects"]
    items = tuple(PlanItem(f"i{k}", make_campaign(types[k % 7], [segs[(k * 3) % 7]], duration_weeks=2 + k % 3),
                           1 + (k * 5) % 48) for k in range(50))
    return Plan(YEAR, items, default_season(YEAR))


def run_check() -> None:
    plan = fifty_items()
    simulate_item.cache_clear()
    t0 = time.perf_counter()
    found = check(plan, RULES)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(20):
        t0 = time.perf_counter()
        check(plan, RULES)
        warm.append(time.perf_counter() - t0)
    print(f"plan check, 50 items: cold {cold * 1000:.0f} ms, warm median {statistics.median(warm) * 1000:.0f} ms; "
          f"{len(found)} violations found")


if __name__ == "__main__":
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times stretch when others run)")
    run_optimizer("expected")
    run_optimizer("p10")
    run_check()
