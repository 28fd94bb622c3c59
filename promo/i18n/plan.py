"""Interface texts: key → (中文, English)."""
TEXTS: dict[str, tuple[str, str]] = {}
