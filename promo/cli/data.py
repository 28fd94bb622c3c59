"""Command-line commands of the customer-data feature: import, RFM, segments from data, calibration, readout.

Only the store and the importer are imported at the top: ``import-transactions`` and ``rfm`` run without pandas,
numpy or scipy (they cost about half a second of start-up each); the other commands import what they use.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from .. import InputError, store
from ..customers import ingest, limits, rules
from ..i18n import t


MAX_COST = 1e12  # a campaign's cost in the business's currency; more is a typo


def _pairs(items, what: str) -> dict:
    """['customer_id=客户ID', ...] → {'customer_id': '客户ID'}; values stay text (column names)."""
    out = {}
    for item in items or []:
        if "=" not in item:
            raise InputError(f"{what} '{item}' must look like field=column, e.g. customer_id=客户ID.",
                             f"{what}「{item}」的格式应为 字段=列名，例如 customer_id=客户ID。", field="map")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


@contextlib.contextmanager
def _db(args):
    con = store.connect(args.db or store.db_path())
    try:
        yield con
    finally:
        con.close()


def _table(rows, headers) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h)) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True))
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def _import_transactions(args):
    if args.keep_duplicates:
        print(t("data.keep_duplicates_deprecated", args.lang), file=sys.stderr)
    raw = ingest.read_table(args.file, limits=limits.COMMAND_LINE)
    mapping = ingest.auto_map(raw.columns, overrides=_pairs(args.map, "--map"))
    with _db(args) as con:
        opts = {"drop_duplicates": args.drop_duplicate_rows, "date_order": args.date_order}
        if args.check:
            report = store.check_transactions(con, raw, mapping, **opts)
        else:
            report = store.import_transactions(con, raw, mapping, replace=not args.append,
                                               skip_bad_rows=args.skip_bad_rows, **opts)
    text = report.text(args.lang)
    end = t("data.imported", args.lang, rows=report.valid_rows) if report.imported else (
        t("data.checked", args.lang) if report.ok else t("data.blocked", args.lang))
    return report.to_dict(), f"{text}\n{end}"


def out_file(path: str, flag: str, example: str) -> None:
    """Refuse an output path that cannot be a file (a folder, or inside a file) before anything is computed or saved."""
    out = Path(path)
    if out.is_dir():
        raise InputError(f"{flag} '{path}' is a folder: name a file, e.g. {out / example}.",
                         f"{flag}「{path}」是一个文件夹：请指定文件，例如 {out / example}。", field=flag.strip("-"))
    inside = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if inside is not None:
        raise InputError(f"{flag} '{path}' is inside '{inside}', which is a file, not a folder.",
                         f"{flag}「{path}」位于「{inside}」之中，而它是文件，不是文件夹。", field=flag.strip("-"))


def _rfm(args):
    out_file(args.out, "--out", "rfm.csv")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with _db(args) as con:
        end, counts = store.write_rfm(con, args.out, args.as_of, args.parquet,
                                       rules.make_rules(store.get_segment_rules(con)))
    customers = sum(counts.values())
    data = {"out": str(args.out), "customers": customers, "observation_end": end.isoformat(), "segments": counts}
    return data, t("data.rfm_written", args.lang, customers=customers, end=end, out=args.out) + "\n" + \
        ", ".join(f"{k}: {v:,}" for k, v in counts.items())


def _import_campaigns(args):
    targets = ingest.read_table(args.targets, limits=limits.COMMAND_LINE)
    responses = ingest.read_table(args.responses, allow_empty=True, limits=limits.COMMAND_LINE)
    t_map = ingest.auto_map(targets.columns, ingest.TARGET_FIELDS, _pairs(args.map_targets, "--map-targets"))
    r_map = ingest.auto_map(responses.columns, ingest.RESPONSE_FIELDS, _pairs(args.map_responses, "--map-responses"))
    with _db(args) as con:
        rep = store.import_campaigns(con, targets, responses, t_map, r_map, date_order=args.date_order)
    return rep, t("data.campaigns_imported", args.lang, **rep) + "\n" + t("data.not_counted", args.lang, **rep)


def _fmt_rate(r) -> tuple:
    lo, hi = r["interval"]
    return f"{r['rate']:.1%}", f"{lo:.1%} – {hi:.1%}"


def _calibrate(args):
    from ..customers import response_rates

    with _db(args) as con:
        data = response_rates.calibrate(con)
    lang = args.lang
    head = [t("data.targeted", lang), t("data.responders", lang), t("data.rate", lang), t("data.interval", lang)]
    camp = [(r["campaign_id"], r["promo_type"], r["targeted"], r["responders"], *_fmt_rate(r))
            for r in data["campaigns"]]
    seg = [(r["promo_type"], r["segment"], r["targeted"], r["responders"], *_fmt_rate(r))
           for r in data["by_type_segment"]]
    text = "\n\n".join([_table(camp, [t("data.campaign", lang), t("data.type", lang), *head]),
                        _table(seg, [t("data.type", lang), t("data.segment", lang), *head]),
                        t("data.not_counted", lang, **data)])
    return data, text


def _readout(args):
    from ..customers import readout
    from ..model import check_number

    if args.cost is not None:
        check_number("--cost", args.cost, 0, MAX_COST)
    with _db(args) as con:
        r = readout.readout(con, args.campaign_id, scenario_id=args.scenario, cost=args.cost)
    lang = args.lang
    rows = [(t(f"data.{g}", lang), r[g]["customers"], r[g]["responders"], f"{r[g]['rate']:.1%}",
             f"{r[g]['spend_per_customer']:,.2f}") for g in ("targeted", "holdout")]
    ru, su = r["response_uplift"], r["spend_uplift"]
    lines = [_table(rows, [t("data.group", lang), t("data.size", lang), t("data.responders", lang),
                           t("data.rate", lang), t("data.spend", lang)]),
             f"{t('data.response_uplift', lang)}: {ru['value']:+.1%} "
             f"({ru['interval'][0]:+.1%} … {ru['interval'][1]:+.1%})",
             f"{t('data.spend_uplift', lang)}: {su['value']:+,.2f} "
             f"({su['interval'][0]:+,.2f} … {su['interval'][1]:+,.2f})",
             f"{t('data.incremental_profit', lang)}: {r['incremental_profit']:+,.0f} "
             f"({r['incremental_profit_interval'][0]:+,.0f} … {r['incremental_profit_interval'][1]:+,.0f})"]
    for p in r.get("plan_vs_actual", []):
        f, a = p["forecast"], p["actual"]
        lines.append(f"{p['metric']}: {t('data.forecast', lang)} {f:,.0f} · {t('data.actual', lang)} {a:,.0f}"
                     if f is not None and a is not None else p["metric"])
    return r, "\n".join(lines)


def _data_segments(args):
    from ..customers import lifecycle

    lang = args.lang
    with _db(args) as con:
        if args.revert:
            hid = store.revert_segments(con)
            msg = t("data.segments_reverted", lang, id=hid) if hid else t("data.nothing_to_revert", lang)
            return {"reverted": hid}, msg
        if args.rule:
            saved = store.get_segment_rules(con) or {}
            store.save_segment_rules(con, lifecycle.make_rules({**saved, **_pairs(args.rule, "--rule")}))
        m = lifecycle.measure(con, as_of=args.as_of)
        data = {"observation_end": m.attrs["observation_end"].isoformat(), "vip_min_spend": m.attrs["vip_min_spend"],
                "rules": m.attrs["rules"], "segments": m.to_dict("records")}
        num = lambda x, f: "–" if x != x else format(x, f)  # NaN: not measured
        rows = [(r["segment"], r["size"], num(r["p_week"], ".3f"), num(r["aov"], ",.2f"),
                 num(r["spend_per_customer"], ",.2f")) for r in data["segments"]]
        text = _table(rows, [t(f"data.{k}", lang) for k in ("segment", "size", "p_week", "aov", "spend_per_customer")])
        if args.apply:
            segs = lifecycle.segments_from(m, store.load_segments(con))
            data["applied"] = store.apply_segments(con, segs, note=f"measured as of {data['observation_end']}")
            text += "\n" + t("data.segments_applied", lang, id=data["applied"])
    return data, text


def register(sub, common) -> None:
    """Add this feature's subcommands to the `python -m promo` parser."""
    db_help = f"database file (default: ${store.DB_ENV} or {store.DEFAULT_DB})"
    order_help = "how to read dates like 03/04/2024: auto (decide from the data), dmy or mdy"

    p = common(sub.add_parser("import-transactions", help="import a transaction log (CSV/TSV, .xlsx, Parquet)",
                              description=ingest.limits_text("en", limits.COMMAND_LINE)))
    p.add_argument("file")
    p.add_argument("--db", help=db_help)
    p.add_argument("--map", action="append", metavar="FIELD=COLUMN", help="which column holds a field; repeatable")
    p.add_argument("--check", action="store_true", help="only print the validation report; write nothing")
    p.add_argument("--skip-bad-rows", action="store_true", help="import the good rows even when some are bad")
    p.add_argument("--drop-duplicate-rows", action="store_true",
                   help="drop rows that repeat an earlier row in every column (kept by default: identical items repeat "
                        "in a line-item log)")
    p.add_argument("--keep-duplicates", action="store_true", help="deprecated: repeated rows are kept by default")
    p.add_argument("--append", action="store_true", help="add to the log instead of replacing it")
    p.add_argument("--date-order", choices=store.DATE_ORDERS, default="auto", help=order_help)
    p.set_defaults(run=_import_transactions)

    p = common(sub.add_parser("rfm", help="RFM per customer with its segment, to CSV"))
    p.add_argument("--db", help=db_help)
    p.add_argument("--as-of", help="observation end YYYY-MM-DD (default: the last transaction day)")
    p.add_argument("--out", required=True, help="CSV file to write")
    p.add_argument("--parquet",
                   help="compute from this Parquet log (customer_id, date, amount) instead of the database")
    p.set_defaults(run=_rfm)

    p = common(sub.add_parser("import-campaigns", help="import campaign targets and responses"))
    p.add_argument("--targets", required=True)
    p.add_argument("--responses", required=True)
    p.add_argument("--db", help=db_help)
    p.add_argument("--map-targets", action="append", metavar="FIELD=COLUMN")
    p.add_argument("--map-responses", action="append", metavar="FIELD=COLUMN")
    p.add_argument("--date-order", choices=store.DATE_ORDERS, default="auto", help=order_help)
    p.set_defaults(run=_import_campaigns)

    p = common(sub.add_parser("calibrate", help="response rates of past campaigns with 90%% intervals"))
    p.add_argument("--db", help=db_help)
    p.set_defaults(run=_calibrate)

    p = common(sub.add_parser("readout", help="targeted versus holdout of one campaign, plan versus actual"))
    p.add_argument("campaign_id")
    p.add_argument("--db", help=db_help)
    p.add_argument("--scenario", type=int, help="id of the saved plan to compare with")
    p.add_argument("--cost", type=float, help="what the campaign cost (default: the plan's cost, else 0)")
    p.set_defaults(run=_readout)

    p = common(sub.add_parser("data-segments",
                              help="segments measured from the log; --apply makes them the simulator's"))
    p.add_argument("--db", help=db_help)
    p.add_argument("--as-of", help="observation end YYYY-MM-DD")
    p.add_argument("--rule", action="append", metavar="NAME=VALUE",
                   help="change a segment rule and keep it: " + ", ".join(rules.RULES))
    g = p.add_mutually_exclusive_group()
    g.add_argument("--apply", action="store_true", help="use the measured segments in the simulator (recorded)")
    g.add_argument("--revert", action="store_true", help="undo the last --apply")
    p.set_defaults(run=_data_segments)
