"""A text file in two encodings: some lines UTF-8 with Chinese, others GBK (two exports pasted together).

Read as GB18030 the whole file decodes, and the UTF-8 lines come out as wrong characters without any error; read
as UTF-8 it fails. So when UTF-8 fails, each line is classified: pure ASCII (fine either way), valid UTF-8 with
non-ASCII characters, or not UTF-8. Lines of both of the last two kinds mean a mixed file, refused with line numbers.
"""
from __future__ import annotations

import io

from ..errors import InputError

SHOWN = 10  # line numbers listed per kind


def mixed_lines(source) -> tuple[list[int], list[int], int, int]:
    """The first ``SHOWN`` numbers of UTF-8 lines and of non-UTF-8 lines (ASCII lines are neither), and how many of
    each, in a binary file object; line 1 is the header."""
    utf8, other = [], []
    n_utf8 = n_other = 0
    for number, line in enumerate(source, 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            n_other += 1
            if len(other) < SHOWN:
                other.append(number)
        else:
            n_utf8 += 1
            if len(utf8) < SHOWN:
                utf8.append(number)
    return utf8, other, n_utf8, n_other


def check_single_encoding(name: str, data: bytes | None, path: str | None) -> None:
    """InputError when the file mixes UTF-8 lines with lines in another encoding (GBK)."""
    with (io.BytesIO(data) if data is not None else open(path, "rb")) as f:
        if f.read(3) != b"\xef\xbb\xbf":
            f.seek(0)
        utf8, other, n_utf8, n_other = mixed_lines(f)
    if not (n_utf8 and n_other):
        return
    lines = lambda xs, n: ", ".join(map(str, xs)) + (" …" if n > len(xs) else "")
    raise InputError(
        f"'{name}' mixes two text encodings: {n_utf8:,} line(s) are UTF-8 (lines {lines(utf8, n_utf8)}) and "
        f"{n_other:,} are not (lines {lines(other, n_other)}; GBK?). Read as one encoding, the other lines' Chinese "
        "would come out garbled. Save the whole file in one encoding (Excel: Save as → CSV UTF-8) and import again.",
        f"「{name}」混用了两种文字编码：{n_utf8:,} 行是 UTF-8（第 {lines(utf8, n_utf8)} 行），{n_other:,} 行不是"
        f"（第 {lines(other, n_other)} 行；可能是 GBK）。按其中一种读取，另一部分的中文会变成乱码。"
        "请把整个文件存为同一种编码（Excel：另存为 → CSV UTF-8）后重新导入。", field="file")
