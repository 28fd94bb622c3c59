"""The JSON reader refuses what would crash, hang or silently change a plan or rules file, in both languages."""
import json

import pytest

from promo import InputError
from promo.jsonfile import MAX_DEPTH, parse_json, read_json
from promo.planning.plan import load_plan, plan_from_dict
from promo.planning.rules import rules_from_dict

PLAN = {"year": 2027, "items": [{"id": "a", "type": "coupon", "segments": ["dormant"], "start_week": 5}]}


@pytest.mark.parametrize("data, en, zh", [
    (b"[" * 100_000 + b"]" * 100_000, f"nests lists or objects more than {MAX_DEPTH} levels deep", "嵌套超过 64 层"),
    (b'{"year": ' + b"9" * 5000 + b"}", "has 5,000 characters; write it with at most 40", "有 5,000 个字符"),
    (b'{"year": 1e400}', "the number 1e400 is too large", "数字 1e400 太大"),
    (b'{"year": NaN}', "NaN is not a number JSON allows", "NaN 不是 JSON 允许的数字"),
    ('{"year": 2027, "items": [{"id": "春节"}]}'.encode("gbk"), "is not UTF-8 text (byte 34 is not", "不是 UTF-8 文本"),
    (b'{"year": 2027, "year": 2028}', 'the key "year" appears twice', "键「year」出现了两次"),
    (b"[1, 2]", "must hold an object {\u2026} at the top, not list", "最外层必须是对象"),
    (b"", "is empty", "是空的"),
    (b'{"year": 2027', "is not valid JSON: Expecting ',' delimiter at line 1, column 14", "不是有效的 JSON"),
])
def test_refused_with_a_message_in_both_languages(data, en, zh):
    with pytest.raises(InputError) as e:
        parse_json(data, "plan", "p.json")
    assert en in e.value.en and e.value.en.startswith("The plan file 'p.json' ")
    assert zh in e.value.zh and e.value.zh.startswith("计划文件「p.json」")


def test_plain_documents_are_read_as_json_reads_them():
    text = json.dumps(PLAN | {"season": {"5": 1.25}}, ensure_ascii=False)
    assert parse_json(text.encode("utf-8-sig"), "plan", "p.json") == json.loads(text)
    assert parse_json(b'{"a": [[[[1]]]], "b": "[[[[[[[[", "c": -1e15}', "rules", "r.json") == \
        {"a": [[[[1]]]], "b": "[[[[[[[[", "c": -1e15}


def test_depth_limit_is_exact():
    assert parse_json(b"{\"a\": " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"}", "plan", "p")
    with pytest.raises(InputError, match="levels deep"):
        parse_json(b"{\"a\": " + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"}", "plan", "p")


def test_a_file_that_cannot_be_read(tmp_path):
    with pytest.raises(InputError, match="Cannot read the rules file") as e:
        read_json(tmp_path / "missing.json", "rules")
    assert e.value.zh.startswith("无法读取规则文件")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (5 * 2**20 + 1))
    with pytest.raises(InputError, match="at most 5 MB"):
        load_plan(big)


@pytest.mark.parametrize("item, message", [
    ({"type": ["coupon"]}, 'type must be a promotion type like "coupon", got ["coupon"]'),
    ({"segments": None}, 'segments must be a list of segment keys like ["active"], got null'),
    ({"segments": [["vip"]]}, 'segments must be a list of segment keys like ["active"], got [["vip"]]'),
    ({"params": True}, 'params must be an object like {"face_value": 20}, got true'),
])
def test_plan_items_of_the_wrong_type(item, message):
    with pytest.raises(InputError) as e:
        plan_from_dict({"year": 2027, "items": [PLAN["items"][0] | item]})
    assert e.value.en == f"Item 'a' (number 1): {message}."


@pytest.mark.parametrize("rules, message", [
    ({"deal_types": [["discount"]]}, "Unknown promotion type in deal_types '['discount']'."),
    ({"no_overlap": None}, 'no_overlap must be a list of pairs like [["discount", "coupon"]], got null.'),
])
def test_rules_of_the_wrong_type(rules, message):
    with pytest.raises(InputError) as e:
        rules_from_dict(rules)
    assert e.value.en.startswith(message)
