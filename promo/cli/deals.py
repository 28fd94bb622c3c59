"""Command-line commands of learning from the log: measured deal effects (and the review of a past promotion)."""
from __future__ import annotations

from .. import InputError, store
from ..i18n import t
from .data import _db, _table


def _num(x, fmt: str) -> str:
    return "–" if x is None else format(x, fmt)


def _effects_text(e, lang: str) -> str:
    from ..customers import deals

    el, dip, sub = e.elasticity, e.dip, e.subsidised_share
    rows = [(t("deals.row.elasticity", lang), _num(el["estimate"], ".2f"), f"{_num(el['p10'], '.2f')} – {_num(el['p90'], '.2f')}",
             t("deals.basis.product_weeks", lang, n=el["product_weeks"])),
            (t("deals.row.dip", lang), _num(dip["estimate"], ".1%"), f"{_num(dip['p10'], '.1%')} – {_num(dip['p90'], '.1%')}",
             t("deals.basis.deals", lang, n=e.info.get("deals", 0))),
            (t("deals.row.subsidised", lang), _num(sub["estimate"], ".1%"),
             f"{_num(sub['p10'], '.1%')} – {_num(sub['p90'], '.1%')}", t("deals.basis.customers", lang, n=sub["customers"]))]
    head = [t(f"deals.col.{k}", lang) for k in ("figure", "estimate", "interval", "basis")]
    lift = [(f"{b['depth_from']:.0%}–{b['depth_to']:.0%}", f"{b['lift']:+.1%}", f"{b['p10']:+.1%} – {b['p90']:+.1%}",
             t("deals.basis.product_weeks", lang, n=b["product_weeks"])) for b in e.lift_by_depth]
    dip_line = t("deals.measurable", lang) if dip["measurable"] else t(
        "deals.not_measurable", lang, lo=_num(e.info.get("placebo_p5"), ".1%"), hi=_num(e.info.get("placebo_p95"), ".1%"))
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


def register(sub, common) -> None:
    """Add this feature's subcommands to the `python -m promo` parser."""
    db_help = f"database file (default: ${store.DB_ENV} or {store.DEFAULT_DB})"
    p = common(sub.add_parser("measure-deals", help="deal effects measured from a line-item log: elasticity, lift by "
                                                    "depth, post-promotion dip, subsidised share"))
    p.add_argument("--db", help=db_help)
    p.add_argument("--by", choices=store.GROUPS, help="measure per category, store or customer segment")
    p.set_defaults(run=_measure_deals)
