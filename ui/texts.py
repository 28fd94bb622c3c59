"""The user's language: the sidebar switch (mirrored in the URL), texts and number formatting in it; texts with user
values for Markdown elements (``md``)."""
from __future__ import annotations

import streamlit as st

from promo import fmt
from promo.i18n import t

from .literal import plain
from .navigation import leave_old_style_pages
from .session import settings
from .urlstate import UrlState

LANG_KEY = "lang"
LANG_LABELS = {"zh": "中文", "en": "English"}


def md(key: str, /, **values) -> str:
    """``T(key, ...)`` for a Markdown element: every text value is passed through ``plain`` (numbers stay numbers)."""
    return T(key, **{k: plain(v) if isinstance(v, str) else v for k, v in values.items()})


def url_notices() -> None:
    """Tell the user which link values were ignored (bad or out of range) instead of failing."""
    for key, raw in st.session_state.pop("_url_rejected", []):
        st.warning(md("app.url_rejected", name=str(key), value=str(raw)), icon=":material/link_off:")


def lang() -> str:
    leave_old_style_pages()
    value = st.session_state.get("_lang", st.session_state.get(LANG_KEY))
    return value if value in LANG_LABELS else settings()["language"]


def T(key: str, /, **values) -> str:  # capital T: reads like the gettext "_"
    return t(key, lang(), **values)


def cur() -> str:
    return settings()["currency"]


# promo.fmt in the user's language and the business's currency (its docstring has the rules)
def money(x, digits: int | None = None) -> str:
    return fmt.money(x, lang(), cur(), digits)


def money_short(x) -> str:
    return fmt.money_short(x, lang(), cur())


def num(x, digits: int = 0) -> str:
    return fmt.num(x, lang(), digits)


def count(x) -> str:
    return fmt.count(x, lang())


def pct(x, digits: int = 0) -> str:
    return fmt.pct(x, lang(), digits)


def share(x) -> str:
    return fmt.share(x, lang())


def prob(x) -> str:
    return fmt.prob(x, lang())


def ratio(x) -> str:
    return fmt.ratio(x, lang())


def value(x, kind: str) -> str:
    return fmt.value(x, kind, lang(), cur())


def roi_note() -> str:
    return fmt.roi_note(lang())


def language_switch() -> str:
    """Sidebar language switch, mirrored in the URL so a shared link keeps the language.
    ``_lang`` holds the choice: the switch's own widget state is reset by Streamlit when the first run's
    page differs from the next one's (a link to ``/`` that runs a default page), so it is re-seeded each run."""
    leave_old_style_pages()
    url = UrlState(prefix_owned="\0")
    url.init(LANG_KEY, settings()["language"], parse=str, valid=LANG_LABELS.__contains__)
    st.session_state[LANG_KEY] = st.session_state.setdefault("_lang", st.session_state[LANG_KEY])
    st.sidebar.radio("语言 / Language", list(LANG_LABELS), format_func=LANG_LABELS.get, key=LANG_KEY,
                     horizontal=True, on_change=_language_chosen)
    url.write()
    return lang()


def _language_chosen() -> None:
    st.session_state["_lang"] = st.session_state[LANG_KEY]
