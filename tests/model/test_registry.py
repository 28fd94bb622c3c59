"""The registry of promotion types, the default segments and the core texts."""
from __future__ import annotations

import math

import pytest

from promo import LEGAL_PRIZE_CAP, PURPOSES, STAGES, TYPE_KEYS, TYPES, default_segments
from promo.i18n import core as core_texts
from promo.i18n import t
from promo.model import CHANNEL_EFFECT, MODEL
from promo.model.registry import Prior
from promo.model.segments import DEFAULT_SOURCE, FIELDS

TEN = ("discount", "gift", "rebate", "coupon", "co_promotion", "free_trial", "lottery", "prize_quiz", "sponsorship",
       "membership")
UNITS = {"yuan", "share", "people", "count", "weeks", "ratio", "times", "choice"}
ALL_PARAMS = [(tk, p) for tk, tp in TYPES.items() for p in tp.params]
IDS = [f"{tk}.{p.key}" for tk, p in ALL_PARAMS]


def test_exactly_the_ten_types_in_seed_order():
    assert tuple(TYPES) == TEN
    assert TYPE_KEYS == TEN
    for key, tp in TYPES.items():
        assert tp.key == key
        assert callable(tp.flows)


@pytest.mark.parametrize("tk, p", ALL_PARAMS, ids=IDS)
def test_every_parameter_has_unit_range_default_and_source(tk, p):
    assert p.unit in UNITS
    assert p.source.strip()
    assert p.zh.strip() and p.en.strip()
    assert p.help_zh.strip() and p.help_en.strip()
    if p.is_choice:
        keys = [c.key for c in p.choices]
        assert len(keys) == len(set(keys)) >= 2
        assert p.default in keys
        assert all(c.zh.strip() and c.en.strip() for c in p.choices)
        assert p.prior is None
    else:
        assert isinstance(p.default, (int, float)) and not isinstance(p.default, bool)
        assert math.isfinite(p.lo) and math.isfinite(p.hi)
        assert p.lo < p.hi
        assert p.lo <= p.default <= p.hi
        assert p.step > 0
        if p.unit == "share":
            assert p.lo >= 0 and p.hi <= 1
        else:
            assert p.lo >= 0
        if p.prior is not None:
            # a prior a person can read: P10 < typical < P90 around the default, with its source; never a median of 0
            assert 0 < p.prior.low < p.prior.typical < p.prior.high, p.key
            assert p.prior.typical == pytest.approx(p.default), p.key
            assert p.prior.source.strip()
            lo, hi = p.band(p.default)
            assert p.lo <= lo < p.default < hi <= p.hi


@pytest.mark.parametrize("tk", TEN)
def test_every_type_has_texts_in_both_languages(tk):
    tp = TYPES[tk]
    for zh, en in ((tp.zh, tp.en), (tp.desc_zh, tp.desc_en), (tp.cost_zh, tp.cost_en)):
        assert zh.strip() and en.strip()
    for zh, en in ((tp.strengths_zh, tp.strengths_en), (tp.weaknesses_zh, tp.weaknesses_en)):
        assert len(zh) == len(en) >= 1
        assert all(s.strip() for s in zh + en)
    assert tp.legal_zh and tp.legal_en
    assert all(s.strip() for s in tp.legal_zh + tp.legal_en)
    assert tp.name("zh") == tp.zh and tp.name("en") == tp.en
    assert tp.purposes and set(tp.purposes) <= set(PURPOSES)
    assert tp.seed_suits and set(tp.seed_suits) <= set(STAGES)
    assert len({p.key for p in tp.params}) == len(tp.params)


@pytest.mark.parametrize("tk", TEN)
def test_every_type_carries_its_planning_facts(tk):
    """One home per type: the optimizer's levels and duration, the rules' gap and deal flag, the colour."""
    tp = TYPES[tk]
    pl = tp.planning
    assert pl.max_runs >= 1 and pl.max_runs_source.strip()
    assert pl.min_gap_weeks >= 0 and 1 <= pl.duration_weeks <= 52
    low, mid, high = pl.levels
    assert mid == {} and low.keys() == high.keys() and low
    assert set(low) <= set(tp.param_index)
    assert tp.key_params and set(tp.key_params) <= set(tp.param_index) and next(iter(low)) == tp.key_params[0]
    assert tp.color.startswith("#") and len(tp.color) == 7
    assert tp.response_param is None or tp.response_param in tp.param_index


def test_colours_differ_between_types():
    assert len({tp.color for tp in TYPES.values()}) == len(TYPES)


def test_prior_needs_ordered_positive_percentiles():
    assert Prior(1.0, 2.0, 4.0, "x").band(3.0) == (1.5, 6.0)  # the spread is kept as ratios to the typical value
    for bad in ((0.0, 1.0, 2.0), (2.0, 1.0, 3.0), (1.0, 3.0, 2.0)):
        with pytest.raises(ValueError):
            Prior(*bad, "x")


def test_type_specific_parameters_named_in_the_issue():
    need = {
        "discount": {"depth"},
        "gift": {"gift_cost", "perceived_value", "min_spend"},
        "rebate": {"amount", "claim_rate", "slippage", "fulfilment_cost"},
        "coupon": {"face_value", "min_spend", "channel", "cost_per_send", "validity_weeks"},
        "co_promotion": {"partner_audience", "overlap", "cost_share"},
        "free_trial": {"samples", "unit_cost", "distribution_cost", "conversion"},
        "lottery": {"prize1_value", "prize1_count", "entry", "admin_cost"},
        "prize_quiz": {"prize_pool", "entry_rate"},
        "sponsorship": {"fee", "activation_ratio", "audience", "lagged_conversion"},
        "membership": {"reward_rate", "breakage", "fixed_cost", "retention_uplift", "horizon_weeks"},
    }
    for tk, keys in need.items():
        assert keys <= set(TYPES[tk].param_index), tk


def test_legal_limits():
    assert LEGAL_PRIZE_CAP == 50_000
    assert any("50,000" in s for s in TYPES["lottery"].legal_zh + TYPES["lottery"].legal_en)
    assert any("lottery" in s.lower() for s in TYPES["prize_quiz"].legal_en)
    assert "7" in TYPES["discount"].legal_en[0]  # genuine prior price: the lowest of the 7 days before
    # the default lottery respects the cap
    d = TYPES["lottery"].defaults()
    assert max(d["prize1_value"], d["prize2_value"], d["prize3_value"]) <= LEGAL_PRIZE_CAP


def test_coupon_channels_have_an_effect():
    channel = TYPES["coupon"].param("channel")
    assert {c.key for c in channel.choices} == set(CHANNEL_EFFECT)
    for reach, mult in CHANNEL_EFFECT.values():
        assert 0 < reach <= 1 and mult > 0


def test_model_constants_have_values_and_sources():
    assert MODEL
    for name, (value, source) in MODEL.items():
        for v in value if isinstance(value, tuple) else (value,):
            assert isinstance(v, (int, float)) and math.isfinite(v), name
        assert source.strip(), name


# ------------------------------------------------------------------ segments
def test_default_segments():
    segs = default_segments()
    assert tuple(s.key for s in segs) == STAGES == (
        "prospects", "new", "active", "vip", "half_dormant", "dormant", "churned")
    names = {s.key: (s.zh, s.en) for s in segs}
    assert names["prospects"][0] == "非顾客" and names["vip"][0] == "大客户" and names["dormant"][0] == "沉睡顾客"
    for s in segs:
        assert s.zh.strip() and s.en.strip() and s.zh != s.en
        assert s.name("zh") == s.zh and s.name("en") == s.en
        assert set(s.affinity) == set(TEN)
        for f, spec in FIELDS.items():
            assert spec.lo <= getattr(s, f) <= spec.hi, (s.key, f)
        assert s.size > 0 and s.aov > 0
    assert DEFAULT_SOURCE.strip()
    for f, spec in FIELDS.items():
        assert spec.key == f and spec.zh and spec.en and spec.unit and spec.help_zh and spec.help_en
        assert spec.lo < spec.hi


def test_segment_purchase_rates_follow_the_lifecycle():
    s = {x.key: x for x in default_segments()}
    assert s["vip"].p_week > s["active"].p_week > s["half_dormant"].p_week > s["dormant"].p_week > s["churned"].p_week
    assert s["vip"].aov > s["active"].aov


# ------------------------------------------------------------------ core texts
def test_core_texts_have_both_languages():
    for key, pair in core_texts.TEXTS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        zh, en = pair
        if key != "unit.choice":
            assert zh.strip() and en.strip(), key


WARNING_DATA = {
    "legal_prize_cap": {"value": 60000.0, "cap": 50000.0},
    "prizes_unclaimed": {"entrants": 100.0, "prizes": 211.0, "unused": 2220.0},
    "quiz_is_lottery": {},
    "dead_zone": {"depth": 0.05, "threshold": 0.1},
    "suspicion": {"depth": 0.6, "level": 0.5},
    "poor_gift": {"perceived": 10.0, "cost": 15.0},
    "frequency": {"runs": 5, "max": 4},
    "budget_binding": {"budget": 1000.0, "share": 0.3},
    "budget_infeasible": {"fixed": 2000.0, "budget": 1000.0, "share": 1.0},
    "cap_binding": {"cap": 3, "orders": 120.0},
    "loss_likely": {"prob": 0.7},
    "roi_implausible": {"roi": 12.5, "bound": 10.0, "inputs": ["regulars_ratio"],
                        "names": {"zh": "老顾客核销倍数", "en": "Regulars' redemption ratio"}},
    "lagged_beyond": {"share": 0.23, "weeks": 26.0},
    "samples_unused": {"samples": 5000.0, "reached": 480.0, "unused": 4520.0},
}


@pytest.mark.parametrize("code", sorted(WARNING_DATA))
def test_every_warning_has_a_text_in_both_languages(code):
    for lang in ("zh", "en"):
        text = t(f"warn.{code}", lang, **WARNING_DATA[code])
        assert text.strip() and "{" not in text


def test_objectives_and_units_have_texts():
    for o in PURPOSES:
        assert t(f"objective.{o}", "zh") and t(f"objective.{o}", "en")
    for u in UNITS - {"yuan", "choice"}:
        assert t(f"unit.{u}", "zh") and t(f"unit.{u}", "en")


def test_every_warning_the_engine_raises_has_a_text():
    """Warning codes raised in simulation.py and the types' modules are all in WARNING_DATA (and so have texts)."""
    import re
    from pathlib import Path

    from promo.model import simulation as sim
    sources = [Path(sim.__file__), *sorted((Path(sim.__file__).parent / "types").glob("*.py"))]
    raised = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'ModelWarning\("([a-z_]+)"', text)) | set(re.findall(r'\("([a-z_]+)", \{', text))
    assert raised == set(WARNING_DATA)
