"""Command-line command of the sharing feature: ``hash-password`` prints the hash to configure."""
from __future__ import annotations

import getpass
import sys

from .. import InputError
from ..i18n import t
from ..sharing import auth


def register(sub, common) -> None:
    """Add this feature's subcommands to the `python -m promo` parser."""
    p = common(sub.add_parser("hash-password", help=f"print the owner password hash for {auth.ENV_HASH}"))
    p.add_argument("--stdin", action="store_true", help="read the password from standard input (no prompt)")
    p.set_defaults(run=run_hash)


def run_hash(args):
    """Prompt twice (or read one line from stdin) and return the salted scrypt hash; the password is never printed."""
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not sys.stdin.isatty():
        raise InputError("There is no terminal to type the password in: pipe it in instead, "
                         "e.g. echo 'the password' | python -m promo hash-password --stdin",
                         "没有可以输入密码的终端：请改用管道输入，"
                         "例如 echo '密码' | python -m promo hash-password --stdin",
                         field="password")
    else:
        try:
            password = getpass.getpass(t("share.cli.password", args.lang) + ": ")
            again = getpass.getpass(t("share.cli.again", args.lang) + ": ")
        except EOFError:
            raise InputError("No password was typed.", "没有输入密码。", field="password") from None
        if again != password:
            raise InputError("The two passwords differ.", "两次输入的密码不一致。", field="password")
    if len(password) < 8:
        raise InputError("Use a password of at least 8 characters.", "密码至少需要 8 个字符。", field="password")
    digest = auth.hash_password(password)
    return {"hash": digest, "env": auth.ENV_HASH}, digest
