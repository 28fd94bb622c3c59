"""One error type for bad input, so every caller can show it in the user's language."""
from __future__ import annotations

import difflib


class InputError(ValueError):
    """A bad value from a user: names the field, the value given and what is allowed.

    ``zh`` and ``en`` are complete sentences; ``str(err)`` is the English one so
    tracebacks and logs stay readable, ``err.message(lang)`` picks the language.
    """

    def __init__(self, en: str, zh: str, field: str | None = None):
        super().__init__(en)
        self.en, self.zh, self.field = en, zh, field

    def message(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


def did_you_mean(name: str, choices) -> tuple[str, str]:
    """(' Did you mean …?', '你是不是想输入 …？') or empty strings when nothing is close."""
    close = difflib.get_close_matches(str(name), [str(c) for c in choices], n=1, cutoff=0.6)
    if not close:
        return "", ""
    return f" Did you mean '{close[0]}'?", f" 你是不是想输入「{close[0]}」？"


def unknown(kind_en: str, kind_zh: str, name, choices, field: str | None = None) -> InputError:
    """An InputError for a name that is not one of ``choices``, with a did-you-mean hint."""
    hint_en, hint_zh = did_you_mean(name, choices)
    allowed = ", ".join(str(c) for c in choices)
    if not allowed:
        return InputError(f"Unknown {kind_en} '{name}': there are none yet.",
                          f"未知的{kind_zh}「{name}」：目前还没有任何{kind_zh}。", field=field)
    return InputError(
        f"Unknown {kind_en} '{name}'.{hint_en} Allowed: {allowed}.",
        f"未知的{kind_zh}「{name}」。{hint_zh}可选：{allowed}。",
        field=field,
    )
