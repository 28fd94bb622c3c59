"""The one reader of JSON files (plans, rules, segments), from a path or an upload's bytes.

Anything that is not a small, plain JSON document of the expected shape is an InputError naming the file and
what to change: bytes that are not UTF-8, nesting deeper than ``MAX_DEPTH`` (the parser would recurse), numbers
beyond ``MAX_NUMBER`` or longer than ``MAX_NUMBER_CHARS`` characters (a 5,000-digit integer takes Python seconds
to convert, or refuses), NaN/Infinity, a key given twice (JSON keeps the last one silently), the wrong top-level type.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import InputError

MAX_BYTES = 5 * 2**20
MAX_DEPTH = 64
MAX_NUMBER = 1e15
MAX_NUMBER_CHARS = 40
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
KINDS = {"plan": "计划", "rules": "规则", "segments": "客群"}  # kind → its name in Chinese messages
_TYPES = {dict: ("an object {…}", "对象 {…}"), list: ("a list […]", "列表 […]")}


class _Bad(ValueError):
    """Raised inside the parser's hooks; turned into an InputError with the file's name."""

    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.en, self.zh = en, zh


def _number(text: str, value: float) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Bad(f"the number {text[:12]}… has {len(text):,} characters; write it with at most {MAX_NUMBER_CHARS}",
                   f"数字 {text[:12]}… 有 {len(text):,} 个字符；最多写 {MAX_NUMBER_CHARS} 个")
    if not abs(value) <= MAX_NUMBER:
        raise _Bad(f"the number {text} is too large (at most {MAX_NUMBER:,.0f})",
                   f"数字 {text} 太大（最大 {MAX_NUMBER:,.0f}）")


def _int(text: str) -> int:
    _number(text, float(text) if len(text) <= MAX_NUMBER_CHARS else float("inf"))
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    _number(text, value)
    return value


def _constant(text: str):
    raise _Bad(f"{text} is not a number JSON allows; write a number", f"{text} 不是 JSON 允许的数字，请写一个数字")


def _object(pairs: list) -> dict:
    out = {}
    for k, v in pairs:
        if k in out:
            raise _Bad(f"the key \"{k}\" appears twice in one object; keep one",
                       f"同一个对象中键「{k}」出现了两次，请只保留一个")
        out[k] = v
    return out


def _depth(text: str) -> int:
    """How deeply lists and objects nest, counted without the parser (which recurses once per level)."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _bad(kind: str, name: str, en: str, zh: str) -> InputError:
    return InputError(f"The {kind} file '{name}' {en}.", f"{KINDS.get(kind, kind)}文件「{name}」{zh}。", field=kind)


def _size(size: int, kind: str, name: str) -> None:
    if size > MAX_BYTES:
        raise _bad(kind, name, f"is {size / 2**20:,.1f} MB; at most {MAX_BYTES // 2**20} MB can be read",
                   f"大小为 {size / 2**20:,.1f} MB，最大只能读取 {MAX_BYTES // 2**20} MB")


def parse_json(data: bytes, kind: str, name: str, expect: type | tuple = dict):
    """The JSON document in ``data`` (a file's bytes), checked as described above; ``expect``: the type (or types)
    the top level must have."""
    def bad(en: str, zh: str) -> InputError:
        return _bad(kind, name, en, zh)

    _size(len(data), kind, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise bad(f"is not UTF-8 text (byte {e.start + 1} is not; GBK or another encoding?): save it as UTF-8, "
                  "e.g. in Notepad: Save as → Encoding: UTF-8",
                  f"不是 UTF-8 文本（第 {e.start + 1} 个字节不是；可能是 GBK 等编码）：请另存为 UTF-8，"
                  "例如在记事本中：另存为 → 编码：UTF-8") from None
    if not text.strip():
        raise bad("is empty", "是空的")
    if _depth(text) > MAX_DEPTH:
        raise bad(f"nests lists or objects more than {MAX_DEPTH} levels deep", f"列表或对象嵌套超过 {MAX_DEPTH} 层")
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant,
                           object_pairs_hook=_object)
    except _Bad as e:
        raise bad(f"is not usable: {e.en}", f"无法使用：{e.zh}") from None
    except json.JSONDecodeError as e:
        raise bad(f"is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}",
                  f"不是有效的 JSON：第 {e.lineno} 行第 {e.colno} 列，{e.msg}") from None
    except RecursionError:  # only below the depth limit, on a thread with a small stack
        raise bad("nests too deeply", "嵌套层数过多") from None
    expected = expect if isinstance(expect, tuple) else (expect,)
    if not isinstance(value, expected):
        en, zh = " or ".join(_TYPES[t][0] for t in expected), "或".join(_TYPES[t][1] for t in expected)
        raise bad(f"must hold {en} at the top, not {type(value).__name__}", f"最外层必须是{zh}")
    return value


def read_json(path, kind: str, expect: type | tuple = dict):
    """``parse_json`` of the file at ``path``; a missing or unreadable file is an InputError too."""
    p = Path(path)
    try:
        _size(p.stat().st_size, kind, str(p))
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"Cannot read the {kind} file '{p}': {e.strerror or e}.",
                         f"无法读取{KINDS.get(kind, kind)}文件「{p}」：{e.strerror or e}。", field=kind) from None
    return parse_json(data, kind, str(p), expect)


__all__ = ["parse_json", "read_json"]
