"""Measured deal effects: how much a price cut lifted a product's units, how much of that went missing afterwards,
and how many of the discounted units went to customers who buy at full price anyway.

Pure: it works on the product × week aggregates and deal buyers the store hands over (``store.product_weeks``,
``store.deal_buyers``). The method (README, "Measured deal effects"):

- panel: each product, each week from its first to its last sale; weeks without sales are zeros. A week is on
  deal when half its units or more were sold on deal at an average depth of ``DEAL_MIN`` or more, regular when
  under 1% of its value was discounted, and neither otherwise (left out);
- baseline of a week: the product's level (from its regular weeks away from deals: not the week before one, not
  the ``DIP_WEEKS`` after) × the week's factor, all products' regular sales that week against their levels.
  Festival weeks (``planning.festivals``, lead weeks included) are compared like with like: a week's factor is
  shrunk toward the factor of the same festival in every year of the log (toward the nearby ordinary weeks for
  an ordinary week), and a festival without any regular week takes the calendar's default lift;
- promotional elasticity e in the simulator's form, units = baseline × (1 − depth)^(−e): Poisson pseudo-maximum
  likelihood over the deal weeks; lift by depth bucket: units ÷ baseline − 1; intervals: P10 and P90 of
  ``BOOT`` bootstrap resamples of whole products;
- post-promotion dip: units missing in the ``DIP_WEEKS`` after each deal (baseline − units) ÷ the deal's extra
  units (units − baseline), the simulator's pull-forward share; interval from resampling deals; placebo: the
  same missing units after random regular weeks, and "not measurable" when the dip lies inside their 5–95% band;
- subsidised share: deal units bought by customers who had bought the same product at full price in the
  ``WEEKS_BEFORE`` weeks before ÷ all deal units; bootstrap over customers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from ..errors import InputError

DEAL_MIN = 0.05  # average depth of a deal week's discounted units
DEAL_SHARE = 0.5  # share of a deal week's units sold on deal
REGULAR_MAX = 0.01  # discount ÷ list value of a regular week
DIP_WEEKS = 2
WEEKS_BEFORE = 8
BOOT = 400
SHRINK_UNITS = 30.0  # a week's factor counts as this many expected units of its festival's (or neighbours') factor
NEIGHBOURS = 6  # ordinary weeks within this many weeks inform an ordinary week's factor
MAX_PRODUCTS = 5000  # beyond this (a free-text product column) the best-selling products are measured
BUCKETS = ((0.05, 0.15), (0.15, 0.25), (0.25, 0.35), (0.35, 0.5), (0.5, 0.95))
MIN_PRODUCT_WEEKS, MIN_DEALS, MIN_CUSTOMERS = 30, 10, 30  # below these a figure is flagged as resting on too little
SEED = 12


@dataclass
class Effects:
    """The measured figures (``to_json`` gives the four of issue 12) with what they rest on and what to mind."""

    elasticity: dict
    lift_by_depth: list
    dip: dict
    subsidised_share: dict
    info: dict = field(default_factory=dict)  # products, weeks, deal weeks, deals, festival deal weeks, placebo band
    notes: list = field(default_factory=list)  # (code, data): too little data, products without regular weeks …

    def to_json(self) -> dict:
        return {"elasticity": self.elasticity, "lift_by_depth": self.lift_by_depth, "dip": self.dip,
                "subsidised_share": self.subsidised_share}

    def lift_at(self, depth: float) -> float | None:
        """The units lift the fitted elasticity gives at ``depth`` off: (1 − depth)^(−e) − 1."""
        e = self.elasticity["estimate"]
        return None if e is None else float((1 - depth) ** (-e) - 1)


def _week_classes(weeks: pd.DatetimeIndex) -> tuple[list, dict]:
    """Per week: the festival it holds (``key``), or whose gift-buying weeks before it it is (``key:lead``), or None;
    and the calendar's default lift of each."""
    from ..planning.festivals import festivals

    by_week, lifts = {}, {}
    for year in sorted({d.isocalendar().year for d in weeks}):
        for f in festivals(year):
            lifts[f.key], lifts[f"{f.key}:lead"] = f.lift, f.lead_lift
            for w in f.weeks:
                by_week.setdefault((year, w), f.key)
            for w in range(max(1, f.week - f.lead_weeks), f.week):
                by_week.setdefault((year, w), f"{f.key}:lead")
    return [by_week.get(tuple(d.isocalendar())[:2]) for d in weeks], lifts


@dataclass
class Panel:
    products: np.ndarray
    weeks: pd.DatetimeIndex
    units: np.ndarray  # products × weeks
    depth: np.ndarray
    active: np.ndarray
    deal: np.ndarray
    regular: np.ndarray
    classes: list  # per week: festival key, 'key:lead' or None
    lifts: dict  # festival key → the calendar's default lift


def panel(rows: pd.DataFrame) -> tuple[Panel, list]:
    """The product × week panel of one group's ``store.product_weeks`` rows, zeros where nothing sold."""
    notes = []
    totals = rows.groupby("product")["units"].sum()
    if len(totals) > MAX_PRODUCTS:
        keep = totals.nlargest(MAX_PRODUCTS).index
        notes.append(("many_products", {"products": len(totals), "kept": MAX_PRODUCTS}))
        rows = rows[rows["product"].isin(keep)]
    products = np.sort(rows["product"].unique())
    first, last = rows["week"].min(), rows["week"].max()
    weeks = pd.date_range(first, last, freq="7D")
    p = np.searchsorted(products, rows["product"].to_numpy())
    w = ((pd.to_datetime(rows["week"]) - pd.Timestamp(first)).dt.days // 7).to_numpy()
    shape = (len(products), len(weeks))

    def grid(col):
        g = np.zeros(shape)
        g[p, w] = rows[col].to_numpy(float)
        return g
    units, deal_units, lst, deal_list, disc = (grid(c) for c in ("units", "deal_units", "list", "deal_list",
                                                                  "discount"))
    seen = units > 0
    first_w = np.where(seen.any(1), seen.argmax(1), 0)
    last_w = np.where(seen.any(1), shape[1] - 1 - seen[:, ::-1].argmax(1), -1)
    col = np.arange(shape[1])[None, :]
    active = (col >= first_w[:, None]) & (col <= last_w[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        depth = np.where(deal_list > 0, disc / deal_list, 0.0)
        deal = active & (deal_units >= DEAL_SHARE * np.maximum(units, 1e-12)) & (units > 0) & (depth >= DEAL_MIN)
        regular = active & ~deal & (disc <= REGULAR_MAX * np.maximum(lst, 1e-12))
    classes, lifts = _week_classes(weeks)
    return Panel(products, weeks, units, np.where(deal, np.minimum(depth, 0.95), 0.0), active, deal, regular,
                 classes, lifts), notes


def _episodes(deal: np.ndarray) -> list[tuple[int, int, int]]:
    """(product, first week, last week) of each run of consecutive deal weeks."""
    out = []
    for p in range(deal.shape[0]):
        w = np.flatnonzero(deal[p])
        if len(w):
            breaks = np.flatnonzero(np.diff(w) > 1)
            out += [(p, int(w[a]), int(w[b])) for a, b in zip(np.r_[0, breaks + 1], np.r_[breaks, len(w) - 1],
                                                               strict=True)]
    return out


def baseline(pn: Panel, episodes) -> tuple[np.ndarray, np.ndarray, list]:
    """(expected units at regular price per cell, the cells the levels were fitted on, notes)."""
    base = pn.regular.copy()
    for p, a, b in episodes:  # the week before a deal and the weeks after it are not regular demand
        base[p, max(a - 1, 0)] = False
        base[p, b + 1:b + 1 + DIP_WEEKS] = False
    default_lift = pn.lifts
    n_w = pn.units.shape[1]
    classes = np.array([c or "" for c in pn.classes])
    ordinary = classes == ""
    f = np.ones(n_w)
    notes = []
    for _ in range(25):
        denom = (f[None, :] * base).sum(1)
        a = np.where(denom > 0, (pn.units * base).sum(1) / np.maximum(denom, 1e-12), np.nan)
        a_f = np.nan_to_num(a)
        num_w = (pn.units * base).sum(0)
        den_w = (a_f[:, None] * base).sum(0)
        prior = np.ones(n_w)
        for c in set(classes[~ordinary]):
            m = classes == c
            prior[m] = num_w[m].sum() / den_w[m].sum() if den_w[m].sum() > 0 else default_lift.get(c, 1.0)
        for w in np.flatnonzero(ordinary):
            near = ordinary & (np.abs(np.arange(n_w) - w) <= NEIGHBOURS)
            prior[w] = num_w[near].sum() / den_w[near].sum() if den_w[near].sum() > 0 else 1.0
        f_new = np.maximum((num_w + SHRINK_UNITS * prior) / (den_w + SHRINK_UNITS), 1e-3)  # a week with no sales at all
        scale = np.exp(np.mean(np.log(f_new[ordinary]))) if ordinary.any() else 1.0
        f_new = f_new / scale
        if np.allclose(f_new, f, rtol=1e-6):
            break
        f = f_new
    notes += [("festival_default", {"festival": str(c), "lift": default_lift.get(c, 1.0)})
              for c in sorted(set(classes[~ordinary])) if base[:, classes == c].sum() == 0]
    return a[:, None] * f[None, :], base, notes


def _weights(rng, groups: int, n: int = BOOT) -> np.ndarray:
    """Bootstrap weights: how often each of ``groups`` units is drawn in each of ``n`` resamples (n × groups)."""
    return rng.multinomial(groups, np.full(groups, 1.0 / groups), size=n).astype(float) if groups else np.zeros((n, 0))


def _ppml(x: np.ndarray, u: np.ndarray, b: np.ndarray, w: np.ndarray, start: float = 2.0) -> np.ndarray:
    """e per row of weights ``w`` (resamples × cells) solving Σ w·x·(u − b·e^{e·x}) = 0 (Newton from ``start``)."""
    e = np.full(w.shape[0], float(start))
    for _ in range(40):
        m = b[None, :] * np.exp(np.clip(e[:, None] * x[None, :], -30, 30))
        score = (w * x * (u - m)).sum(1)
        hess = (w * x * x * m).sum(1)
        step = np.where(hess > 0, score / np.maximum(hess, 1e-12), 0.0)
        e = np.clip(e + step, -20.0, 40.0)
        if np.all(np.abs(step) < 1e-8):
            break
    return e


def _band(x) -> tuple[float | None, float | None]:
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    return (float(np.percentile(x, 10)), float(np.percentile(x, 90))) if len(x) else (None, None)


def _elasticity(pn: Panel, b: np.ndarray, ok: np.ndarray, rng) -> tuple[dict, list]:
    cells = pn.deal & ok[:, None] & (b > 0)
    p, w = np.nonzero(cells)
    out = {"estimate": None, "p10": None, "p90": None, "product_weeks": len(p)}
    buckets = []
    if not len(p):
        return out, buckets
    x, u, bb = -np.log(1 - pn.depth[p, w]), pn.units[p, w], b[p, w]
    products, pc = np.unique(p, return_inverse=True)
    boot = _weights(rng, len(products))[:, pc]
    est = _ppml(x, u, bb, np.ones((1, len(p))))[0]
    lo, hi = _band(_ppml(x, u, bb, boot, est))
    out.update(estimate=float(est), p10=lo, p90=hi)
    d = pn.depth[p, w]
    for a, z in BUCKETS:
        m = (d >= a) & (d < z)
        if m.any():
            lift = u[m].sum() / bb[m].sum() - 1
            draws = (boot[:, m] @ u[m]) / np.maximum(boot[:, m] @ bb[m], 1e-12) - 1
            lo, hi = _band(draws)
            buckets.append({"depth_from": a, "depth_to": z, "product_weeks": int(m.sum()), "lift": float(lift),
                            "p10": lo, "p90": hi})
    return out, buckets


def _dip(pn: Panel, b: np.ndarray, base: np.ndarray, episodes, ok: np.ndarray, rng) -> tuple[dict, dict]:
    n_w = pn.units.shape[1]
    bumps, missing = [], []
    for p, a, z in episodes:
        post = slice(z + 1, z + 1 + DIP_WEEKS)
        if not ok[p] or z + DIP_WEEKS >= n_w or not pn.regular[p, post].all():
            continue
        bumps.append((pn.units[p, a:z + 1] - b[p, a:z + 1]).sum())
        missing.append((b[p, post] - pn.units[p, post]).sum())
    bumps, missing = np.array(bumps), np.array(missing)
    out = {"estimate": None, "p10": None, "p90": None, "measurable": False}
    info = {"deals": len(bumps)}
    if not len(bumps) or bumps.sum() <= 0:
        return out, info
    est = missing.sum() / bumps.sum()
    k = _weights(rng, len(bumps))
    lo, hi = _band((k @ missing) / np.maximum(k @ bumps, 1e-12))
    # placebo: the same statistic after regular weeks that are followed by regular weeks, none near a deal
    after = np.ones_like(base)
    for j in range(1, DIP_WEEKS + 1):
        after[:, :-j] &= base[:, j:]
        after[:, -j:] = False
    cand_p, cand_w = np.nonzero(base & after & ok[:, None])
    out.update(estimate=float(est), p10=lo, p90=hi)
    if len(cand_p) >= len(bumps):
        gap = np.zeros(len(cand_p))
        for j in range(1, DIP_WEEKS + 1):
            gap += b[cand_p, cand_w + j] - pn.units[cand_p, cand_w + j]
        picks = rng.integers(0, len(cand_p), (BOOT, len(bumps)))
        placebo = gap[picks].sum(1) / bumps.sum()
        p5, p95 = np.percentile(placebo, [5, 95])
        out["measurable"] = bool(est < p5 or est > p95)
        info.update(placebo_p5=float(p5), placebo_p95=float(p95))
    return out, info


def _subsidised(buyers: pd.DataFrame, rng) -> dict:
    deal, sub = buyers["deal_units"].to_numpy(float), buyers["subsidised_units"].to_numpy(float)
    out = {"estimate": None, "p10": None, "p90": None, "customers": int((deal > 0).sum())}
    if deal.sum() <= 0:
        return out
    draws = []
    for _ in range(BOOT):
        i = rng.integers(0, len(deal), len(deal))
        draws.append(sub[i].sum() / max(deal[i].sum(), 1e-12))
    lo, hi = _band(draws)
    out.update(estimate=float(sub.sum() / deal.sum()), p10=lo, p90=hi)
    return out


def measure(rows: pd.DataFrame, buyers: pd.DataFrame, seed: int = SEED) -> Effects:
    """The measured deal effects of one group: ``rows`` from ``store.product_weeks``, ``buyers`` from
    ``store.deal_buyers``. Raises an InputError when the log has no products or no discounted sales."""
    if rows.empty:
        raise InputError("The log has no product column, so deals cannot be measured: import a line-item log with a "
                         "product (商品编码 or 商品名称) and a discount column.",
                         "交易记录没有商品列，无法测量促销效果：请导入含商品（商品编码或商品名称）和优惠金额列的明细记录。",
                         field="product")
    rng = np.random.default_rng(seed)
    pn, notes = panel(rows)
    if not pn.deal.any():
        raise InputError("No product-week in the log was on deal (half its units sold at 5% off or more): deal effects "
                         "need a discount column (优惠金额) with the discounts given.",
                         "交易记录中没有促销周（一周内至少一半的件数以 5% 以上的折扣售出）："
                         "测量促销效果需要含优惠金额的明细。",
                         field="discount")
    episodes = _episodes(pn.deal)
    b, base, base_notes = baseline(pn, episodes)
    notes += base_notes
    ok = base.any(1)
    never = [str(x) for x in pn.products[pn.deal.any(1) & ~ok]]
    if never:
        notes.append(("no_regular", {"count": len(never), "examples": never[:5]}))
    elasticity, buckets = _elasticity(pn, b, ok, rng)
    dip, dip_info = _dip(pn, b, base, episodes, ok, rng)
    subsidised = _subsidised(buyers, rng)
    if elasticity["product_weeks"] < MIN_PRODUCT_WEEKS:
        notes.append(("few_product_weeks", {"count": elasticity["product_weeks"], "min": MIN_PRODUCT_WEEKS}))
    if dip_info["deals"] < MIN_DEALS:
        notes.append(("few_deals", {"count": dip_info["deals"], "min": MIN_DEALS}))
    elif dip["estimate"] is not None and not dip["measurable"]:
        notes.append(("dip_within_noise", {"lo": dip_info.get("placebo_p5"), "hi": dip_info.get("placebo_p95")}))
    if subsidised["customers"] < MIN_CUSTOMERS:
        notes.append(("few_customers", {"count": subsidised["customers"], "min": MIN_CUSTOMERS}))
    festive = np.array([c is not None for c in pn.classes])
    info = {"products": len(pn.products), "weeks": len(pn.weeks), "deal_weeks": int(pn.deal.sum()),
            "festival_deal_weeks": int(pn.deal[:, festive].sum()), "first_week": pn.weeks[0].date().isoformat(),
            "last_week": pn.weeks[-1].date().isoformat(), **dip_info}
    return Effects(elasticity, buckets, dip, subsidised, info, notes)


def note_text(code: str, data: dict, lang: str) -> str:
    """A note of ``Effects.notes`` as a sentence in ``lang`` (festival keys become festival names)."""
    from ..i18n import t

    shown = {k: ", ".join(map(str, v)) if isinstance(v, list) else v for k, v in data.items()}
    if "festival" in data:
        key, _, lead = str(data["festival"]).partition(":")
        shown["festival"] = t(f"plan.festival.{key}", lang) + (t("deals.lead", lang) if lead else "")
    return t(f"deals.note.{code}", lang, **shown)


def measure_groups(rows: pd.DataFrame, buyers: pd.DataFrame, seed: int = SEED) -> dict[str, Effects | InputError]:
    """``measure`` per group (category, store or segment): a group where nothing can be measured gets its error."""
    out = {}
    for g in sorted(rows["group"].unique()):
        try:
            out[str(g)] = measure(rows[rows["group"] == g], buyers[buyers["group"] == g], seed)
        except InputError as e:
            out[str(g)] = e
    return out


def stage_periods(first: date, last: date, months: int = 3) -> list[date]:
    """The days at which customers are put into segments for ``--by segment``: the first of every quarter."""
    out, d = [], date(first.year, ((first.month - 1) // months) * months + 1, 1)
    while d <= last:
        out.append(d)
        m = d.month - 1 + months
        d = date(d.year + m // 12, m % 12 + 1, 1)
    return out or [first - timedelta(days=1)]
