"""File names of downloads: whose, what and when, readable in any language (Chinese kept), safe on any system."""
from __future__ import annotations

import re
from datetime import date

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_name(text: str, limit: int = 60) -> str:
    """Text fit for a file name on any system: characters Windows or a shell would refuse become "_", Chinese and
    other letters stay, spaces and dots at the ends go (Windows drops them)."""
    return _UNSAFE.sub("_", " ".join(str(text).split()))[:limit].strip(" ._")


def file_name(business: str, item: str, ext: str, day: date | None = None) -> str:
    """``<business>_<item>_<date>.<ext>``, e.g. 丽颜美妆连锁（演示）_2027 年度计划_2026-11-29.xlsx."""
    parts = [safe_name(business), safe_name(item), (day or date.today()).isoformat()]
    return "_".join(p for p in parts if p) + f".{ext}"


__all__ = ["file_name", "safe_name"]
