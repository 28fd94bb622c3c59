"""Every interface text exists in both languages with the same placeholders; every key used exists."""
import re
import string
from pathlib import Path

from promo import TYPES
from promo.i18n import TEXTS, t

ROOT = Path(__file__).resolve().parents[2]


def _fields(s: str) -> set:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


def test_every_text_has_both_languages_and_same_placeholders():
    for key, (zh, en) in TEXTS.items():
        assert zh.strip() or key.startswith("unit."), key
        assert en.strip() or key.startswith("unit."), key
        assert _fields(zh) == _fields(en), key


def test_every_key_used_in_pages_and_core_exists():
    used = set()
    for path in list((ROOT / "pages").glob("*.py")) + list((ROOT / "promo").rglob("*.py")) + [ROOT / "app.py"]:
        used |= set(re.findall(r"""\bT\(\s*["']([a-z_.0-9]+)["']""", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in TEXTS and not k.endswith("."))  # "unit." + code: built keys
    assert not missing


def test_every_cost_component_and_warning_has_a_label():
    from promo import make_campaign, simulate
    for key in TYPES:
        r = simulate(make_campaign(key, ["active"]), draws=0)
        for component in r.costs:
            assert f"cost.{component}" in TEXTS
        for lt in r.long_term:
            assert f"lt.{lt}" in TEXTS
    for code in ("legal_prize_cap", "quiz_is_lottery", "dead_zone", "suspicion", "poor_gift", "frequency",
                 "budget_binding", "budget_infeasible", "cap_binding", "loss_likely", "roi_implausible",
                 "lagged_beyond", "prizes_unclaimed"):
        assert f"warn.{code}" in TEXTS


def test_type_texts_in_both_languages():
    for p in TYPES.values():
        assert p.zh and p.en and p.desc_zh and p.desc_en and p.cost_zh and p.cost_en
        assert len(p.strengths_zh) == len(p.strengths_en) and len(p.weaknesses_zh) == len(p.weaknesses_en)
        assert t("objective." + p.purposes[0], "zh") != t("objective." + p.purposes[0], "en")
