"""Command-line commands that learn from the log: measured deal effects, and the review of a past promotion."""
from __future__ import annotations

from .. import InputError, store
from ..i18n import t
from .data import _db, _table, out_file


def _num(x, fmt: str) -> str:
    return "–" if x is None else format(x, fmt)


def _effects_text(e, lang: str) -> str:
    from ..customers import deals

    el, dip, sub = e.elasticity, e.dip, e.subsidised_share
    rows = [(t("deals.row.elasticity", lang), _num(el["estimate"], ".2f"),
             f"{_num(el['p10'], '.2f')} – {_num(el['p90'], '.2f')}",
             t("deals.basis.product_weeks", lang, n=el["product_weeks"])),
            (t("deals.row.dip", lang), _num(dip["estimate"], ".1%"),
             f"{_num(dip['p10'], '.1%')} – {_num(dip['p90'], '.1%')}",
             t("deals.basis.deals", lang, n=e.info.get("deals", 0))),
            (t("deals.row.subsidised", lang), _num(sub["estimate"], ".1%"),
             f"{_num(sub['p10'], '.1%')} – {_num(sub['p90'], '.1%')}",
             t("deals.basis.customers", lang, n=sub["customers"]))]
    head = [t(f"deals.col.{k}", lang) for k in ("figure", "estimate", "interval", "basis")]
    lift = [(f"{b['depth_from']:.0%}–{b['depth_to']:.0%}", f"{b['lift']:+.1%}", f"{b['p10']:+.1%} – {b['p90']:+.1%}",
             t("deals.basis.product_weeks", lang, n=b["product_weeks"])) for b in e.lift_by_depth]
    dip_line = t("deals.measurable", lang) if dip["measurable"] else t(
        "deals.not_measurable", lang, lo=_num(e.info.get("placebo_p5"), ".1%"),
        hi=_num(e.info.get("placebo_p95"), ".1%"))
    notes = [deals.note_text(code, data, lang) for code, data in e.notes]
    return "\n".join([t("deals.span", lang, **{**e.info, "first": e.info["first_week"], "last": e.info["last_week"]}),
                      _table(rows, head), f"{t('deals.row.elasticity', lang)}: {t('deals.elasticity', lang)}",
                      f"{t('deals.row.dip', lang)}: {t('deals.dip', lang, weeks=deals.DIP_WEEKS)} — {dip_line}",
                      f"{t('deals.row.subsidised', lang)}: {t('deals.subsidised', lang, weeks=deals.WEEKS_BEFORE)}",
                      "", t("deals.lift", lang),
                      _table(lift, [t("deals.col.depth", lang), t("deals.col.lift", lang), head[2], head[3]]), *notes])


def _measure_deals(args):
    from ..customers import measured

    with _db(args) as con:
        result = measured.deal_effects(con, args.by)
    lang = args.lang
    if args.by is None:
        return result.to_json(), t("deals.title", lang) + "\n" + _effects_text(result, lang)
    data, parts = {}, [t("deals.title", lang) + " · " + t("deals.by", lang, by=t(f"deals.by.{args.by}", lang))]
    for group, e in result.items():
        if isinstance(e, InputError):
            parts.append(t("deals.group_error", lang, group=group, error=e.message(lang)))
            continue
        data[group] = e.to_json()
        parts += ["", f"== {group}", _effects_text(e, lang)]
    return data, "\n".join(parts)


def _review(args):
    from pathlib import Path

    from ..customers import review
    from ..sharing import reports

    lang = args.lang
    if args.excel:
        out_file(args.excel, "--excel", "review.xlsx")
    with _db(args) as con:
        if args.list:
            campaigns = store.campaign_list(con)
            periods = review.deal_periods(con) if store.product_weeks(con).shape[0] else []
            data = {"campaigns": campaigns["campaign_id"].tolist(),
                    "deal_periods": [{**p, "start": str(p["start"]), "end": str(p["end"])} for p in periods]}
            rows = [(c, "", "") for c in data["campaigns"]] + [(p["product"], p["start"], f"{p['depth']:.0%}")
                                                             for p in data["deal_periods"]]
            return data, _table(rows, [t("review.xl.subject", lang), t("review.xl.start", lang),
                                       t("deals.col.depth", lang)])
        history = store.review_history(con)
        if args.history:
            record = review.track_record(history)
            rows = [(h["id"], h["subject"], h["start"], t(f"review.column.{h['metric']}", lang), _num(h["p10"], ",.2f"),
                     _num(h["p90"], ",.2f"), _num(h["actual"], ",.2f")) for h in history]
            return {"record": record, "reviews": history}, _table(rows, ["#", t("review.xl.subject", lang), t(
                "review.xl.start", lang), t("review.xl.metric", lang), "P10", "P90", t("review.xl.actual", lang)]) + \
                "\n" + t("review.record", lang, **record)
        if args.product:
            if not args.week:
                raise InputError("--product needs --week: a date in the deal period (see --list).",
                                 "--product 需要 --week：促销期内的一个日期（见 --list）。", field="week")
            r = review.deal_review(con, args.product, args.week)
        elif args.campaign_id:
            r = review.campaign_review(con, args.campaign_id, scenario_id=args.scenario)
        else:
            raise InputError("Name a campaign (review CMP001) or a deal period (--product SKU --week DATE); "
                             "--list shows them.",
                             "请指定活动（review CMP001）或促销期（--product 商品 --week 日期）；--list 可列出。",
                             field="review")
        data = r.to_dict()
        if args.save:
            data["recorded"] = store.save_review(con, data)
            history = store.review_history(con)
        record = review.track_record(history)
        cur = store.get_settings(con)["currency"]
    lines = {k: review.writeup(r, record, k, cur) for k in ("zh", "en")}
    if args.excel:
        Path(args.excel).parent.mkdir(parents=True, exist_ok=True)
        Path(args.excel).write_bytes(reports.review_excel(data, lines, history, record, lang, cur))
    return {**data, "writeup": lines, "record": record}, "\n".join(lines[lang])


def register(sub, common) -> None:
    """Add this feature's subcommands to the `python -m promo` parser."""
    db_help = f"database file (default: ${store.DB_ENV} or {store.DEFAULT_DB})"
    p = common(sub.add_parser("measure-deals", help="deal effects measured from a line-item log: elasticity, lift by "
                                                    "depth, post-promotion dip, subsidised share"))
    p.add_argument("--db", help=db_help)
    p.add_argument("--by", choices=store.GROUPS, help="measure per category, store or customer segment")
    p.set_defaults(run=_measure_deals)

    p = common(sub.add_parser("review", help="review of a past promotion (a campaign, or a deal period of the log) "
                                             "against comparable weeks and the simulator's prediction"))
    p.add_argument("campaign_id", nargs="?", help="a campaign of the history")
    p.add_argument("--product", help="review the deal period of this product that includes --week")
    p.add_argument("--week", help="a date in the deal period, YYYY-MM-DD")
    p.add_argument("--scenario", type=int, help="id of the saved plan whose parameters the prediction uses")
    p.add_argument("--save", action="store_true", help="add the review to the running record of prediction vs outcome")
    p.add_argument("--excel", help="write the review to this .xlsx file")
    p.add_argument("--list", action="store_true", help="list the campaigns and deal periods that can be reviewed")
    p.add_argument("--history", action="store_true", help="show the running record of reviews")
    p.add_argument("--db", help=db_help)
    p.set_defaults(run=_review)
