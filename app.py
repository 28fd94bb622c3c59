"""Entry point: page setup, language switch and the grouped navigation."""
import streamlit as st

import ui
from ui import access

st.set_page_config(page_title="促销规划 · Promotion planner", page_icon=":material/trending_up:", layout="wide")

PAGES = {
    "nav.plan": [
        ("pages/overview.py", "page.overview", ":material/home:", "overview", True),
        ("pages/library.py", "page.library", ":material/menu_book:", "library", False),
        ("pages/simulator.py", "page.simulator", ":material/calculate:", "simulator", False),
        ("pages/compare.py", "page.compare", ":material/bar_chart:", "compare", False),
        ("pages/calendar.py", "page.calendar", ":material/calendar_month:", "calendar", False),
    ],
    "nav.customers": [
        ("pages/segments.py", "page.segments", ":material/groups:", "segments", False),
        ("pages/data.py", "page.data", ":material/database:", "data", False),
    ],
    "nav.admin": [
        ("pages/settings.py", "page.settings", ":material/settings:", "settings", False),
        ("pages/sharing.py", "page.sharing", ":material/share:", "sharing", False),
    ],
}

# language switch; a share link shows only the partner view, a protected app asks for login (both stop there)
access.gate([url for pages in PAGES.values() for *_, url, _default in pages])
nav = st.navigation({ui.T(group): [st.Page(path, title=ui.T(title), icon=icon, url_path=url, default=default)
                                   for path, title, icon, url, default in pages]
                     for group, pages in PAGES.items()})
nav.run()
