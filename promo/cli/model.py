"""Command-line commands of the model: the promotion types, the default segments, one simulation."""
from __future__ import annotations

from pathlib import Path

from .. import InputError, fmt, jsonfile, store
from ..i18n import t, warning
from ..model import (MAX_DRAWS, SETTINGS, TYPES, benchmarks, compare_matrix, default_segments, make_campaign,
                     make_segment, simulate, suits)

DB_HELP = "database file (default: PROMO_DB or data/promo.duckdb); its current segments are used when it exists"
SEGMENTS_HELP = "a JSON file of segments (a list, or {\"segments\": [...]} as `segments --json` prints)"

MAX_SEED = 2**32 - 1  # numpy's seeds are non-negative


def register(sub, common) -> None:
    """Add the model's subcommands to the `python -m promo` parser."""
    common(sub.add_parser("types", help="the ten promotion types")).set_defaults(run=_types)
    g = common(sub.add_parser("segments",
                              help="the business's current customer segments (the defaults without a database)"))
    g.add_argument("--db", help=DB_HELP)
    g.add_argument("--segments", dest="segments_file", help=SEGMENTS_HELP)
    g.set_defaults(run=_segments)
    m = common(sub.add_parser("model-card", help="the published figures the model is checked against"))
    m.add_argument("--db", help="a database whose line-item log and coupon campaigns give a measured column")
    m.set_defaults(run=_model_card)
    s = common(sub.add_parser("simulate", help="simulate one campaign"))
    s.add_argument("--db", help=DB_HELP)
    s.add_argument("--segments", dest="segments_file", help=SEGMENTS_HELP)
    s.add_argument("--type", required=True)
    s.add_argument("--segment", action="append", required=True, help="repeat for several segments")
    s.add_argument("--param", action="append", help="name=value, repeatable")
    s.add_argument("--draws", type=int, default=10_000, help=f"0 = expected value; at most {MAX_DRAWS}")
    s.add_argument("--seed", type=int, default=0, help=f"random seed, 0 to {MAX_SEED:,}")
    for k in SETTINGS:
        s.add_argument(f"--{k.replace('_', '-')}", dest=k, type=float, default=None,
                       help=SETTINGS[k].help_en.replace("%", "%%"))  # argparse %-formats help
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
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True))
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def current_segments(args) -> tuple:
    """The segments a command works on: ``--segments FILE``, else the database's current table (the applied
    measured segments when they were applied), else the shipped defaults when there is no database yet."""
    if getattr(args, "segments_file", None):
        d = jsonfile.read_json(args.segments_file, "segments", expect=(dict, list))
        rows = d.get("segments") if isinstance(d, dict) else d
        if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
            raise InputError(f"The segments file '{args.segments_file}' must hold a list of segments "
                             "(or {\"segments\": [...]}), as `python -m promo segments --json` prints.",
                             f"客群文件「{args.segments_file}」须为客群列表（或 {{\"segments\": [...]}}），"
                             "格式同 `python -m promo segments --json` 的输出。", field="segments")
        return tuple(make_segment(r) for r in rows)
    path = Path(getattr(args, "db", None) or store.db_path())
    if not path.exists():
        return default_segments()
    con = store.connect(path)
    try:
        return store.load_segments(con)
    finally:
        con.close()


def _types(args):
    lang = args.lang
    rows_by_model = compare_matrix(default_segments(), draws=0)
    data = [{"key": tp.key, "zh": tp.zh, "en": tp.en, "description": tp.desc_zh if lang == "zh" else tp.desc_en,
             "purposes": list(tp.purposes), "suits": suits(rows_by_model, tp.key), "seed_suits": list(tp.seed_suits),
             "max_runs_per_year": tp.planning.max_runs,
             "params": [{"key": p.key, "zh": p.zh, "en": p.en, "unit": p.unit, "min": p.lo, "max": p.hi,
                         "default": p.default, "source": p.source,
                         **({"p10": p.band(p.default)[0], "p90": p.band(p.default)[1], "prior_source": p.prior.source}
                            if p.prior else {}),
                         **({"choices": [c.key for c in p.choices]} if p.choices else {})} for p in tp.params]}
            for tp in TYPES.values()]
    rows = [(d["key"], d[lang], len(d["params"]), d["max_runs_per_year"], d["description"]) for d in data]
    return data, _table(rows, ["key", t("cli.name", lang), t("cli.params", lang), t("cli.max_runs", lang),
                               t("cli.description", lang)])


def _segments(args):
    data = [s.to_dict() for s in current_segments(args)]
    rows = [(s["key"], s[args.lang], f"{s['size']:,.0f}", f"{s['p_week']:.3f}", f"{s['aov']:,.0f}",
             f"{s['margin']:.0%}") for s in data]
    return data, _table(rows, ["key", t("cli.name", args.lang), "size", "p_week", "aov", "margin"])


def _simulate(args):
    if not 0 <= args.seed <= MAX_SEED:
        raise InputError(f"--seed must be a whole number from 0 to {MAX_SEED:,}, got {args.seed}.",
                         f"--seed 必须是 0 至 {MAX_SEED:,} 之间的整数，收到 {args.seed}。", field="seed")
    settings = {k: v for k, v in ((k, getattr(args, k)) for k in SETTINGS) if v is not None}
    c = make_campaign(args.type, args.segment, parse_assignments(args.param), **settings)
    r = simulate(c, current_segments(args), draws=args.draws, seed=args.seed)
    d = r.to_dict()
    lang = args.lang
    money = lambda x: fmt.money(x, lang, "")  # the currency is the business's, unknown here
    share = lambda x: fmt.share(x, lang)
    ratio = lambda x: fmt.ratio(x, lang)
    roi = fmt.NONE if r.roi.mean is None else f"{ratio(r.roi.mean)}  (P10 {ratio(r.roi.p10)}, P90 {ratio(r.roi.p90)})"
    rows = [(t("cli.reached", lang), fmt.count(r.reached, lang)),
            (t("cli.participants", lang), fmt.count(r.participants, lang)),
            (t("cli.incremental_buyers", lang), fmt.count(r.incremental_buyers, lang)),
            (t("cli.cost", lang), money(r.cost.mean)),
            (t("cli.profit", lang), f"{money(r.profit.mean)}  (P10 {money(r.profit.p10)}, P90 {money(r.profit.p90)})"),
            (t("cli.roi", lang), roi),
            (t("cli.prob_loss", lang), fmt.prob(r.prob_loss, lang)),
            (t("cli.sales_lift", lang), share(r.sales_lift.mean)),
            (t("cli.subsidised_share", lang), share(r.subsidised_share.mean)),
            (t("cli.drivers", lang), ", ".join(f"{_input_name(c, k, lang)} {fmt.share(v, lang)}" for k, v in r.drivers)
             or fmt.NONE),
            (t("cli.long_term", lang), money(r.long_term["total"]))]
    text = _table(rows, [TYPES[c.type].name(lang), " + ".join(c.segments)])
    for w in r.warnings:
        text += "\n! " + warning(w.code, w.data, lang)
    return d, text


def _input_name(c, key: str, lang: str) -> str:
    """A drawn input's name: a parameter of the type, or the segment-level inputs."""
    tp = TYPES[c.type]
    return tp.param(key).label(lang) if key in tp.param_index else t(f"driver.{key}", lang)


def _model_card(args):
    lang = args.lang
    items = benchmarks()
    measured = _measured(args.db, lang) if args.db else {}
    data = {"benchmarks": [b.to_dict() for b in items], "measured": measured}
    rows = [(b.key, b.published, _fmt(b.simulated, b.unit),
             f"{_fmt(b.tolerance[0], b.unit)}–{_fmt(b.tolerance[1], b.unit)}",
             t("card.ok", lang) if b.ok else t("card.out", lang),
             _fmt(measured[b.key]["value"], b.unit) + f" (n={measured[b.key]['n']:,})" if b.key in measured else "—")
            for b in items]
    return data, _table(rows, ["key", t("card.published", lang), t("card.simulated", lang), t("card.tolerance", lang),
                               t("card.status", lang), t("card.measured", lang)])


def _measured(db: str, lang: str) -> dict:
    """``customers.measured.card_measurements`` of an existing database (the measured column)."""
    from ..customers import measured

    path = Path(db)
    if not path.exists():
        raise InputError(f"The database '{db}' does not exist: give the file the app or import-transactions wrote.",
                         f"数据库「{db}」不存在：请给出应用或 import-transactions 写入的文件。", field="db")
    con = store.connect(path)
    try:
        return measured.card_measurements(con, lang)
    finally:
        con.close()


def _fmt(x: float, unit: str) -> str:
    return f"{x:.2%}" if unit == "share" and abs(x) < 0.01 else f"{x:.1%}" if unit == "share" else f"{x:,.0f}"
