"""Command line: ``python -m promo COMMAND``. Bad input exits with status 2 and one line on stderr.

Each feature module adds its commands through ``register(subparsers)``; a command is a
function ``run(args) -> (data, text)``: ``data`` is printed as JSON with ``--json``,
``text`` otherwise.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from importlib import import_module

from .. import InputError
from . import argerrors

FEATURES = ("model", "data", "learn", "plan", "share")  # modules of commands, each with register(sub, common)
# Commands whose start must stay fast load only their own module (the others import numpy, scipy, the calendars);
# any other command, and --help, load them all.
FAST = {"import-transactions": "data", "rfm": "data", "measure-deals": "learn"}


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line (in either language)."""

    def error(self, message):
        raise argerrors.translated(message)


def _jsonable(x):
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    return x


def build_parser(features=FEATURES) -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m promo", description="Promotion planning: simulate, import, plan.")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of tables and messages")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p):
        p.add_argument("--json", action="store_true", help="print JSON")
        p.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS)
        return p

    for feature in features:
        import_module(f".{feature}", __name__).register(sub, common)
    return parser


def _command(argv: list[str]) -> str | None:
    """The command named in ``argv`` (the first word that is neither an option nor the value of --lang)."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _fail(en: str, zh: str, lang: str) -> int:
    print(f"error: {zh if lang == 'zh' else en}", file=sys.stderr)
    return 2


def main(argv=None) -> int:
    """Run one command; any failure is one line on stderr and exit status 2, never a traceback."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = argerrors.language(argv)
    fast = FAST.get(_command(argv))
    try:
        args = build_parser((fast,) if fast else FEATURES).parse_args(argv)
        data, text = args.run(args)
        out = json.dumps(_jsonable(data), ensure_ascii=False, indent=2, default=str) if getattr(args, "json", False) \
            else text
    except InputError as e:
        return _fail(e.en, e.zh, lang)
    except OSError as e:  # a file the command reads or writes
        return _fail(f"cannot use the file '{e.filename}': {e.strerror or e}.",
                     f"无法使用文件「{e.filename}」：{e.strerror or e}。", lang)
    except KeyboardInterrupt:
        return _fail("interrupted.", "已中断。", lang)
    except Exception as e:  # a defect, not the user's input: still one line, with what to report
        what = f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
        return _fail(f"unexpected problem ({what}). Please report it with the command you ran.",
                     f"意外的问题（{what}）。请连同所运行的命令一起报告。", lang)
    try:
        print(out, flush=True)
    except BrokenPipeError:  # the reader stopped early (| head): nothing left to say, and nothing to flush at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


__all__ = ["main", "build_parser"]
