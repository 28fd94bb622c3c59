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

from .. import InputError
from . import data, model, plan, share


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m promo", description="Promotion planning: simulate, import, plan.")
    parser.add_argument("--lang", choices=("zh", "en"), default="en", help="language of tables and messages")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p):
        p.add_argument("--json", action="store_true", help="print JSON")
        p.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS)
        return p

    for feature in (model, data, plan, share):
        feature.register(sub, common)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
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
