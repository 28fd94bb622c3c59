"""Command-line commands of the model: the promotion types, the default segments, one simulation."""
from __future__ import annotations

from .. import InputError
from ..i18n import t
from ..model import MAX_DRAWS, SETTINGS, TYPES, default_segments, make_campaign, simulate

MAX_SEED = 2**32 - 1  # numpy's seeds are non-negative


def register(sub, common) -> None:
    """Add the model's subcommands to the `python -m promo` parser."""
    common(sub.add_parser("types", help="the ten promotion types")).set_defaults(run=_types)
    common(sub.add_parser("segments", help="the default customer segments")).set_defaults(run=_segments)
    s = common(sub.add_parser("simulate", help="simulate one campaign"))
    s.add_argument("--type", required=True)
    s.add_argument("--segment", action="append", required=True, help="repeat for several segments")
    s.add_argument("--param", action="append", help="name=value, repeatable")
    s.add_argument("--draws", type=int, default=10_000, help=f"0 = expected value; at most {MAX_DRAWS}")
    s.add_argument("--seed", type=int, default=0, help=f"random seed, 0 to {MAX_SEED:,}")
    for k in SETTINGS:
        s.add_argument(f"--{k.replace('_', '-')}", dest=k, type=float, default=None,
                       help=SETTINGS[k][7].replace("%", "%%"))  # argparse %-formats help
    s.set_defaults(run=_simulate)


def parse_assignments(items, what: str = "--param") -> dict:
    """['face_value=20', ...] → {'face_value': 20.0}; text values stay text."""
    out = {}
    for item in items or []:
        if "=" not in item:
            raise InputError(f"{what} '{item}' must look like name=value.", f"{what}「{item}」的格式应为 名称=值。")
        k, v = item.split("=", 1)
        try:
            out[k.strip()] = float(v)
        except ValueError:
            out[k.strip()] = v.strip()
    return out


def _table(rows, headers) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths))  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _types(args):
    lang = args.lang
    data = [{"key": tp.key, "zh": tp.zh, "en": tp.en, "description": tp.desc_zh if lang == "zh" else tp.desc_en,
             "objectives": list(tp.objectives), "suits": list(tp.suits), "max_runs_per_year": tp.max_runs_per_year,
             "params": [{"key": p.key, "zh": p.zh, "en": p.en, "unit": p.unit, "min": p.lo, "max": p.hi,
                         "default": p.default, "source": p.source,
                         **({"choices": [c.key for c in p.choices]} if p.choices else {})} for p in tp.params]}
            for tp in TYPES.values()]
    rows = [(d["key"], d[lang], len(d["params"]), d["max_runs_per_year"], d["description"]) for d in data]
    return data, _table(rows, ["key", t("cli.name", lang), t("cli.params", lang), t("cli.max_runs", lang),
                               t("cli.description", lang)])


def _segments(args):
    data = [s.to_dict() for s in default_segments()]
    rows = [(s["key"], s[args.lang], f"{s['size']:,.0f}", f"{s['p_week']:.3f}", f"{s['aov']:,.0f}", f"{s['margin']:.0%}")
            for s in data]
    return data, _table(rows, ["key", t("cli.name", args.lang), "size", "p_week", "aov", "margin"])


def _simulate(args):
    if not 0 <= args.seed <= MAX_SEED:
        raise InputError(f"--seed must be a whole number from 0 to {MAX_SEED:,}, got {args.seed}.",
                         f"--seed 必须是 0 至 {MAX_SEED:,} 之间的整数，收到 {args.seed}。", field="seed")
    settings = {k: v for k, v in ((k, getattr(args, k)) for k in SETTINGS) if v is not None}
    c = make_campaign(args.type, args.segment, parse_assignments(args.param), **settings)
    r = simulate(c, draws=args.draws, seed=args.seed)
    d = r.to_dict()
    lang = args.lang
    money = lambda x: f"{x:,.0f}"  # noqa: E731
    rows = [(t("cli.reached", lang), f"{r.reached:,.0f}"), (t("cli.participants", lang), f"{r.participants:,.0f}"),
            (t("cli.incremental_buyers", lang), f"{r.incremental_buyers:,.0f}"),
            (t("cli.cost", lang), money(r.cost.mean)),
            (t("cli.profit", lang), f"{money(r.profit.mean)}  (P10 {money(r.profit.p10)}, P90 {money(r.profit.p90)})"),
            (t("cli.roi", lang), f"{r.roi.mean:.2f}  (P10 {r.roi.p10:.2f}, P90 {r.roi.p90:.2f})"),
            (t("cli.prob_loss", lang), f"{r.prob_loss:.0%}"),
            (t("cli.long_term", lang), money(r.long_term["total"]))]
    text = _table(rows, [TYPES[c.type].name(lang), " + ".join(c.segments)])
    for w in r.warnings:
        text += "\n! " + t(f"warn.{w.code}", lang, **w.data)
    return d, text
