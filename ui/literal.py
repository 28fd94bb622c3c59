"""User text kept literal wherever Streamlit reads Markdown (one helper for every page)."""
from __future__ import annotations

import re

# every character Markdown, HTML or Streamlit's own syntax (:red[…], :material/icon:, $math$) could read
_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'@%^])")
# Streamlit turns https://…, www.… and name@host into links even when escaped: an invisible word joiner breaks them
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")


def plain(text) -> str:
    """User text (a name, an imported label, a value from the address bar) shown literally inside Markdown: st.markdown,
    st.caption, st.info/warning/error/success, st.table cells, titles, labels and help all read Markdown, which would
    turn ``[log in](https://evil.example)`` into a link and ``![x](https://evil.example/i.png)`` into an image."""
    return _SYNTAX.sub(r"\\\1", _AUTOLINK.sub("\u2060", " ".join(str(text).split())))
