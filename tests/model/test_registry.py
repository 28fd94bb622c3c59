"""The registry of promotion types, the default segments and the core texts."""
from __future__ import annotations

import math

import pytest

from promo import LEGAL_PRIZE_CAP, PURPOSES, STAGES, TYPE_KEYS, TYPES, default_segments
from promo.i18n import core as core_texts
from promo.i18n import t
from promo.model.mechanics import MECHANICS, MODEL
from promo.model.registry import CHANNEL_EFFECT
from promo.model.segments import DEFAULT_SOURCE, FIELDS

TEN = ("discount", "gift", "rebate", "coupon", "co_promotion", "free_trial", "lottery", "prize_quiz", "sponsorship",
       "membership")
UNITS = {"yuan", "share", "people", "count", "weeks", "ratio", "times", "choice"}
ALL_PARAMS = [(tk, p) for tk, tp in TYPES.items() for p in tp.params]
IDS = [f"{tk}.{p.key}" for tk, p in ALL_PARAMS]


def test_exactly_the_ten_types_in_seed_order():
    assert tuple(TYPES) == TEN
    assert TYPE_KEYS == TEN
    assert set(MECHANICS) == set(TEN)
    for key, tp in TYPES.items():
        assert tp.key == key


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
        assert p.unc is None
    else:
        assert isinstance(p.default, (int, float)) and not isinstance(p.default, bool)
        assert math.isfinite(p.lo) and math.isfinite(p.hi)
        assert p.lo < p.hi
        assert p.lo <= p.default <= p.hi
        assert p.step > 0
        if p.unit == "share":
            assert 0 <= p.lo and p.hi <= 1
        else:
            assert p.lo >= 0
        if p.unc is not None:
            assert p.unc.kind in {"beta", "lognormal", "pert"}
            if p.unc.kind == "beta":
                assert p.unit == "share" and p.unc.k > 0
            if p.unc.kind == "lognormal":
                assert p.unc.sigma > 0
            if p.unc.kind == "pert":
                assert p.unc.lo <= 1 <= p.unc.hi


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
    assert tp.objectives and set(tp.objectives) <= set(PURPOSES)
    assert tp.suits and set(tp.suits) <= set(STAGES)
    assert tp.max_runs_per_year >= 1 and tp.max_runs_source.strip()
    assert 0 <= tp.dip < 1
    assert len({p.key for p in tp.params}) == len(tp.params)


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
        assert isinstance(value, (int, float)) and math.isfinite(value), name
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
            assert spec[3] <= getattr(s, f) <= spec[4], (s.key, f)
        assert s.size > 0 and s.aov > 0
    assert DEFAULT_SOURCE.strip()
    for f, spec in FIELDS.items():
        zh, en, unit, lo, hi, help_zh, help_en = spec
        assert zh and en and unit and help_zh and help_en and lo < hi


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
    "dead_zone": {"depth": 0.05, "threshold": 0.08},
    "suspicion": {"depth": 0.6, "level": 0.5},
    "poor_gift": {"perceived": 10.0, "cost": 15.0},
    "frequency": {"runs": 5, "max": 4},
    "budget_binding": {"budget": 1000.0, "share": 0.3},
    "budget_infeasible": {"fixed": 2000.0, "budget": 1000.0, "share": 1.0},
    "cap_binding": {"cap": 3, "orders": 120.0},
    "loss_likely": {"prob": 0.7},
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
    """Warning codes in simulation.py are all in WARNING_DATA (and so have texts)."""
    import re
    from pathlib import Path

    from promo.model import simulation as sim
    raised = set(re.findall(r'Warning\("([a-z_]+)"', Path(sim.__file__).read_text(encoding="utf-8")))
    assert raised == set(WARNING_DATA)
