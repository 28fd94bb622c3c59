"""Command line: ``python -m promo COMMAND``. Bad input exits with status 2 and one line on stderr.

Each feature module adds its commands through ``register(subparsers)``; a command is a
function ``run(args) -> (data, text)``: ``data`` is printed as JSON with ``--json``,
``text`` otherwise.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from importlib import import_module

from .. import InputError

FEATURES = ("model", "data", "learn", "plan", "share")  # modules of commands, each with register(sub, common)
# Commands whose start must stay fast load only their own module (the others import numpy, scipy, the calendars);
# any other command, and --help, load them all.
FAST = {"import-transactions": "data", "rfm": "data", "measure-deals": "learn"}


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message):
        raise InputError(f"{message} (see --help)", f"{message}（见 --help）")


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


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    fast = FAST.get(_command(argv))
    parser = build_parser((fast,) if fast else FEATURES)
    lang = "en"
    try:
        args = parser.parse_args(argv)
        lang = args.lang
        data, text = args.run(args)
    except InputError as e:
        print(f"error: {e.message(lang)}", file=sys.stderr)
        return 2
    except (OSError, json.JSONDecodeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if getattr(args, "json", False):
        print(json.dumps(_jsonable(data), ensure_ascii=False, indent=2, default=str))
    else:
        print(text)
    return 0


__all__ = ["main", "build_parser"]
