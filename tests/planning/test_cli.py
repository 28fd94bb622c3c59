"""The plan commands: JSON output, text output, and one-line errors with exit status 2."""
import json

import pytest

from promo.cli import main


def _write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def plan_file(tmp_path):
    return _write(tmp_path / "plan.json", {"year": 2027, "items": [
        {"id": "d1", "type": "discount", "segments": ["active"], "start_week": 10, "duration_weeks": 2},
        {"id": "d2", "type": "discount", "segments": ["active"], "start_week": 13, "duration_weeks": 2},
        {"id": "c1", "type": "coupon", "segments": ["vip"], "start_week": 20, "locked": True}]})


def test_plan_check_json(plan_file, tmp_path, capsys):
    rules = _write(tmp_path / "rules.json", {"budget": {"total": 1000}})
    assert main(["plan-check", plan_file, "--rules", rules, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False
    assert [v["rule"] for v in out["violations"]] == ["min_gap_weeks", "budget.total"]
    assert out["violations"][0]["items"] == ["d1", "d2"]
    assert out["totals"]["items"]["d2"]["carry_loss"] > 0
    assert len(out["totals"]["weekly"]["profit_p10"]) == 52


def test_plan_check_text_in_chinese(plan_file, capsys):
    assert main(["--lang", "zh", "plan-check", plan_file]) == 0
    text = capsys.readouterr().out
    assert "计划合计" in text and "最少应间隔 8 周" in text


@pytest.mark.parametrize("argv, message", [
    (["optimize", "--budget", "-5"],
     "error: --budget = -5 is not allowed; give an amount from 0 to 1,000,000,000,000."),
    (["optimize", "--budget", "lots"], "error: --budget must be an amount, got 'lots'."),
    (["optimize", "--budget", "100", "--objective", "p1O"],
     "error: Unknown objective 'p1O'. Did you mean 'p10'? Allowed: expected, p10."),
    (["optimize", "--budget", "100", "--year", "1900"],
     "error: year = 1900 is outside the supported range 2001 to 2099."),
    (["plan-check", "/nonexistent/plan.json"], "error: Cannot read the plan file '/nonexistent/plan.json'"),
])
def test_bad_input_is_one_line_with_status_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_contradictory_rules_file(tmp_path, plan_file, capsys):
    rules = _write(tmp_path / "rules.json", {"max_runs": {"lottery": 3}, "min_gap_weeks": {"lottery": 30}})
    assert main(["plan-check", plan_file, "--rules", rules]) == 2
    assert capsys.readouterr().err.startswith("error: max_runs.lottery = 3 contradicts min_gap_weeks.lottery = 30")


@pytest.mark.slow
def test_optimize_json_with_a_locked_item(tmp_path, plan_file, capfd):
    rules = _write(tmp_path / "rules.json", {"max_runs": dict.fromkeys((
        "discount", "gift", "rebate", "co_promotion", "free_trial", "lottery", "prize_quiz", "sponsorship",
        "membership"), 0)})
    assert main(["optimize", "--budget", "5000", "--rules", rules, "--lock", plan_file, "--json"]) == 0
    out = json.loads(capfd.readouterr().out)  # the file descriptor too: HiGHS writes there, not to sys.stdout
    assert out["status"] == "optimal" and out["mip_gap"] <= 0.001 and out["violations"] == []
    ids = [i["id"] for i in out["plan"]["items"]]
    assert ids[0] == "c1" and "d1" not in ids and len(ids) > 1
    assert all(i["type"] == "coupon" for i in out["plan"]["items"])
    assert out["totals"]["cost"]["mean"] <= 5000 + 1e-6
