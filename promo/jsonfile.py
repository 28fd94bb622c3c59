"""The one reader of JSON files (plans, rules): a missing or malformed file is an InputError naming the file
and the place."""
from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError


def read_json(path, kind: str):
    """Parse a JSON file; a missing or malformed file is an InputError naming the file and the place."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"Cannot read the {kind} file '{p}': {e.strerror or e}.",
                         f"无法读取{kind}文件「{p}」：{e.strerror or e}。", field=kind) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"The {kind} file '{p}' is not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}.",
                         f"{kind}文件「{p}」不是有效的 JSON：第 {e.lineno} 行第 {e.colno} 列，{e.msg}。",
                         field=kind) from None


__all__ = ["read_json"]
