"""Docs that tests keep true: the README names every type, every JSON field, both commands."""
from pathlib import Path

from promo import TYPES, make_campaign, simulate

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    head = README[:1500]
    assert "make run" in head and "make test" in head


def test_every_type_is_described_in_the_readme():
    for key, p in TYPES.items():
        assert f"{key} {p.zh[:2]}" in README, key


def test_every_json_field_of_simulate_is_documented():
    fields = simulate(make_campaign("co_promotion", ["prospects"]), draws=0).to_dict()
    for name in fields:
        assert f"`{name}`" in README, name


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert "make test" in ci


def test_every_model_constant_is_in_the_readme():
    from promo.model import MODEL
    for name, (value, _source) in MODEL.items():
        assert f"| `{name}` | {value} |" in README, name


def test_every_warning_code_is_listed_in_the_readme():
    from tests.model.test_registry import WARNING_DATA
    line = next(x for x in README.splitlines() if x.startswith("| `warnings` |"))
    assert all(f"`{code}`" in line for code in WARNING_DATA)


def test_every_streamlit_setting_is_in_the_readme_table():
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    missing = [f"{section}.{key}" for section, keys in config.items() for key in keys
               if f"| `{section}.{key}` | .streamlit/config.toml |" not in README]
    assert missing == []
