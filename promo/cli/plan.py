"""Command-line commands of the plan feature: ``plan-check`` and ``optimize``."""
from __future__ import annotations

from .. import InputError, fmt
from ..i18n import t
from ..model import check_number, default_segments
from ..planning import (CARRY_MODES, OBJECTIVES, Rules, check, item_names, load_plan, load_rules, optimize,
                        plan_value, weeks_in_year)

MIN_SECONDS, MAX_SECONDS = 1.0, 3600.0
MAX_BUDGET = 1e12  # a year's promotion budget in the business's currency; more is a typo


def register(sub, common) -> None:
    """Add this feature's subcommands to the `python -m promo` parser."""
    p = common(sub.add_parser("plan-check", help="a plan file's totals and every rule it breaks"))
    p.add_argument("plan", help="plan JSON file (see docs/plan-format.md)")
    p.add_argument("--rules", help="rules JSON file; defaults apply to anything it leaves out")
    p.set_defaults(run=run_check)
    o = common(sub.add_parser("optimize", help="the best plan under a budget and the rules"))
    o.add_argument("--budget", required=True, help="total budget (expected cost), 0 or more")
    o.add_argument("--year", help="plan year (default: next year, or the locked plan's year)")
    o.add_argument("--objective", default="expected", help=f"one of {', '.join(OBJECTIVES)}")
    o.add_argument("--rules", help="rules JSON file")
    o.add_argument("--lock", help="plan JSON file whose items marked \"locked\": true must stay")
    o.add_argument("--carry", default="spacing", help=f"carry-over handling: {', '.join(CARRY_MODES)}")
    o.add_argument("--time-limit", type=float, default=60.0,
                   help=f"seconds the solver may use, {MIN_SECONDS:g} to {MAX_SECONDS:g}")
    o.set_defaults(run=run_optimize)


def _money(x: float, lang: str) -> str:
    return fmt.money(x, lang, "")  # the currency is the business's, which the command line does not know


def _budget(text: str) -> float:
    try:
        x = float(text)
    except (TypeError, ValueError):
        raise InputError(f"--budget must be an amount, got '{text}'.", f"--budget 必须是金额，收到「{text}」。",
                         field="budget") from None
    if not 0 <= x <= MAX_BUDGET:  # NaN fails this too
        raise InputError(f"--budget = {text} is not allowed; give an amount from 0 to {MAX_BUDGET:,.0f}.",
                         f"--budget = {text} 无效；请输入 0 至 {MAX_BUDGET:,.0f} 之间的金额。", field="budget")
    return x


def _items_text(plan, value, segments, lang: str) -> list[str]:
    """One line per item: its name in words, its weeks, cost and profit (the id, a key, is in the JSON output)."""
    names = item_names(plan.items, segments, lang, "")
    lines = []
    for it in plan.items:
        v = value.items[it.id]
        lock = " 🔒" if it.locked else ""
        lines.append(f"  {names[it.id]}  {t('plan.weeks', lang)} {it.start_week}–{it.end_week}{lock}"
                     f"  {t('plan.cost', lang)} {_money(v.cost.mean, lang)}  {t('plan.profit', lang)} "
                     f"{_money(v.profit.mean, lang)}"
                     + (f"  ({t('plan.carry_loss', lang)} {_money(v.carry_loss, lang)})" if v.carry_loss > 0.5 else ""))
    return lines


def _totals_text(value, lang: str) -> list[str]:
    money = lambda x: _money(x, lang)
    return [f"{t('plan.totals', lang)}: {t('plan.cost', lang)} {money(value.cost.mean)}; "
            f"{t('plan.profit', lang)} {money(value.profit.mean)} (P10 {money(value.profit.p10)}, "
            f"P90 {money(value.profit.p90)}); {t('plan.roi', lang)} {fmt.ratio(value.roi.mean, lang)}; "
            f"{t('plan.prob_loss', lang)} {fmt.prob(value.prob_loss, lang)}"]


def _violations_text(violations, lang: str) -> list[str]:
    if not violations:
        return [t("plan.no_violations", lang)]
    return [f"{t('plan.violations', lang)}:"] + [f"! {v.message(lang)}" for v in violations]


def run_check(args):
    segments = default_segments()
    plan = load_plan(args.plan, segments)
    rules = load_rules(args.rules, [s.key for s in segments], plan.weeks) if args.rules else Rules()
    value = plan_value(plan, segments)
    violations = check(plan, rules, segments, value)
    data = {"plan": plan.to_dict(), "totals": value.to_dict(), "violations": [v.to_dict() for v in violations],
            "ok": not violations}
    lang = args.lang
    text = "\n".join(_items_text(plan, value, segments, lang) + _totals_text(value, lang)
                     + _violations_text(violations, lang))
    return data, text


def run_optimize(args):
    segments = default_segments()
    budget = _budget(args.budget)
    locked = load_plan(args.lock, segments) if args.lock else None
    year = args.year
    weeks = locked.weeks if locked else (weeks_in_year(year) if year is not None else 52)
    rules = load_rules(args.rules, [s.key for s in segments], weeks) if args.rules else Rules()
    check_number("--time-limit", args.time_limit, MIN_SECONDS, MAX_SECONDS)
    res = optimize(budget=budget, year=year, objective=args.objective, rules=rules, locked=locked, segments=segments,
                   carry=args.carry, time_limit=args.time_limit)
    lang = args.lang
    gap = fmt.pct(res.mip_gap, lang, 3) if res.mip_gap is not None else fmt.NONE
    lines = [f"{t('plan.status', lang)}: {t('plan.status.' + res.status, lang)}; {t('plan.gap', lang)} {gap}; "
             f"{t('plan.objective', lang)}: {t('plan.objective.' + res.objective, lang)} = "
             f"{_money(res.objective_value, lang)}; "
             + t("plan.candidates", lang, used=res.stats.get("candidates_used", 0),
                 built=res.stats.get("candidates_built", 0))
             + "; " + t("plan.seconds", lang, seconds=res.stats["seconds"])]
    if res.value is not None:
        lines += _items_text(res.plan, res.value, segments, lang) + _totals_text(res.value, lang)
    lines += _violations_text(res.violations, lang) if res.status == "infeasible" else []
    lines += [en if lang == "en" else zh for en, zh in res.explanation if (en, zh) not in
              [(v.en, v.zh) for v in res.violations]]
    return res.to_dict(), "\n".join(lines)
