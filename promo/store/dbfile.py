"""The database file: what may be opened as one, and why opening failed, in words a user can act on.

DuckDB 2.0 opens an existing CSV, Parquet or JSON file given as the database as an in-memory database over it,
silently (an import then "succeeds" and nothing is saved), so a path must be a DuckDB file or a new path. A file
another process holds (the running app, a second server, a CLI command) names that process and what to do.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError

MAGIC_OFFSET, MAGIC = 8, b"DUCK"  # DuckDB's file header: an 8-byte checksum, then the magic bytes
_LOOKS = ((b"PAR1", "Parquet", "Parquet"), (b"PK\x03\x04", "a zip or Excel file", "zip 或 Excel 文件"),
          (b"SQLite format 3", "SQLite", "SQLite"))
_PID = re.compile(r"\(PID (\d+)\)")
HOW = ("use another database file with --db or the PROMO_DB environment variable",
       "用 --db 或环境变量 PROMO_DB 指定另一个数据库文件")


def _kind(head: bytes) -> tuple[str, str]:
    for magic, en, zh in _LOOKS:
        if head.startswith(magic):
            return en, zh
    if head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"["):
        return "JSON", "JSON"
    return (("text (CSV?)", "文本（CSV？）") if head and b"\x00" not in head
            else ("another kind of file", "其他类型的文件"))


def check_path(path: Path) -> None:
    """InputError unless ``path`` is a new path or an existing DuckDB file."""
    if path.is_dir():
        raise InputError(f"The database path '{path}' is a folder: name a file in it, e.g. {path / 'promo.duckdb'}.",
                         f"数据库路径「{path}」是一个文件夹：请指定其中的文件，例如 {path / 'promo.duckdb'}。",
                         field="db")
    if not path.exists():
        return
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError as e:
        raise cannot_open(path, e) from None
    if head[MAGIC_OFFSET:MAGIC_OFFSET + len(MAGIC)] != MAGIC:
        en, zh = _kind(head) if head else ("an empty file", "空文件")
        raise InputError(
            f"'{path}' is not a database of this app: it is {en}. Point --db or PROMO_DB at a new file name (it is "
            "created) or an existing .duckdb file; to bring in a transaction log use import-transactions.",
            f"「{path}」不是本应用的数据库：它是{zh}。请让 --db 或 PROMO_DB 指向一个新文件名（会自动创建）"
            "或已有的 .duckdb 文件；导入交易记录请用 import-transactions。", field="db")


def _holder(pid: str) -> tuple[str, str]:
    """Who holds the lock, from the process's command line where the system shows it (Linux)."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\x00", b" ").decode(errors="replace")
    except OSError:
        cmd = ""
    if "streamlit" in cmd:
        return (f"the running app (a Streamlit server, PID {pid}) holds it. Stop the app first (Ctrl+C in its "
                "terminal, or docker stop)", f"正在运行的应用（Streamlit 服务器，进程号 {pid}）占用着它。请先停止应用"
                "（在其终端按 Ctrl+C，或 docker stop）")
    return (f"another program (PID {pid}) holds it. Wait until it has finished or stop it",
            f"另一个程序（进程号 {pid}）占用着它。请等它结束或停止它")


def cannot_open(path: Path, e: Exception) -> InputError:
    """The reason ``duckdb.connect`` (or the file system) refused ``path``, with what to do about it."""
    text = str(e)
    pid = _PID.search(text)
    if "lock" in text.lower() and pid:
        who_en, who_zh = _holder(pid.group(1))
        return InputError(f"The database '{path}' is in use: {who_en}, or {HOW[0]}.",
                          f"数据库「{path}」正在被使用：{who_zh}，或{HOW[1]}。", field="db")
    if "version" in text.lower():
        why_en, why_zh = "it was written by a different DuckDB version", "它由不同版本的 DuckDB 写入"
    elif isinstance(e, OSError):
        why_en = why_zh = e.strerror or text
    else:
        first = text.splitlines()[0][:160] if text else type(e).__name__
        why_en, why_zh = f"it is damaged or not a database ({first})", f"文件已损坏或不是数据库（{first}）"
    return InputError(f"The database '{path}' cannot be opened: {why_en}. Restore it from a backup, or {HOW[0]}.",
                      f"无法打开数据库「{path}」：{why_zh}。请从备份恢复，或{HOW[1]}。", field="db")


def check_schema(path: Path, version: int, tables: int, newest: int) -> None:
    """A DuckDB file of another program (tables, but not ours) or of a newer version of this app is left alone."""
    if version == 0 and tables:
        raise InputError(f"'{path}' is a DuckDB database of another program (it has tables but none of this app's); "
                         f"it is left unchanged: {HOW[0]}.",
                         f"「{path}」是其他程序的 DuckDB 数据库（有数据表，但不是本应用的）；"
                         f"未做任何修改：请{HOW[1]}。",
                         field="db")
    if version > newest:
        raise InputError(f"'{path}' was written by a newer version of this app (schema {version}, this one knows up "
                         f"to {newest}): update the app, or {HOW[0]}.",
                         f"「{path}」由更新版本的本应用写入（结构版本 {version}，本版本最高 {newest}）："
                         f"请更新应用，或{HOW[1]}。",
                         field="db")
