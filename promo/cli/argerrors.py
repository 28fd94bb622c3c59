"""argparse's own error messages (English only) as InputErrors in both languages, so ``--lang zh`` covers them."""
from __future__ import annotations

import re

from .. import InputError

_KINDS = {"int": "整数", "float": "数字"}
# (pattern of argparse's message, the Chinese sentence); the English one is argparse's own
_ZH = (
    (r"argument (?P<a>\S+): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)",
     "参数 {a}：{v} 不是可选值（可选：{c}）"),
    (r"argument (?P<a>\S+): invalid (?P<kind>\w+) value: (?P<v>.+)", "参数 {a}：{v} 不是有效的{kind_zh}"),
    (r"argument (?P<a>\S+): expected one argument", "参数 {a} 后面需要一个值"),
    (r"argument (?P<a>\S+): expected at least one argument", "参数 {a} 后面至少需要一个值"),
    (r"argument (?P<a>\S+): not allowed with argument (?P<b>\S+)", "参数 {a} 不能与 {b} 同时使用"),
    (r"argument (?P<a>\S+): ignored explicit argument (?P<v>.+)", "参数 {a} 不接受值 {v}"),
    (r"the following arguments are required: (?P<a>.+)", "缺少必需的参数：{a}"),
    (r"one of the arguments (?P<a>.+) is required", "需要以下参数之一：{a}"),
    (r"unrecognized arguments: (?P<a>.+)", "无法识别的参数：{a}"),
    (r"ambiguous option: (?P<o>\S+) could match (?P<m>.+)", "选项 {o} 不明确，可能是：{m}"),
)


def translated(message: str) -> InputError:
    """An argparse message as a one-line InputError that points to --help."""
    zh = message
    for pattern, text in _ZH:
        m = re.fullmatch(pattern, message)
        if m:
            zh = text.format(**m.groupdict(), kind_zh=_KINDS.get(m.groupdict().get("kind"), "值"))
            break
    return InputError(f"{message} (see --help)", f"{zh}（见 --help）")


def language(argv) -> str:
    """The language asked for on the command line, found before parsing (so parse errors use it too)."""
    argv = list(argv)
    for i, arg in enumerate(argv):
        if arg == "--lang=zh" or (arg == "--lang" and argv[i + 1:i + 2] == ["zh"]):
            return "zh"
    return "en"
