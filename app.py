"""Entry point: page setup, language switch and the grouped navigation."""
import streamlit as st

from pages import ui

st.set_page_config(page_title="促销规划 · Promotion planner", page_icon=":material/trending_up:", layout="wide")
ui.language_switch()

PAGES = {
    "nav.plan": [
        ("pages/overview.py", "page.overview", ":material/home:", "overview", True),
        ("pages/library.py", "page.library", ":material/menu_book:", "library", False),
        ("pages/simulator.py", "page.simulator", ":material/calculate:", "simulator", False),
        ("pages/compare.py", "page.compare", ":material/bar_chart:", "compare", False),
    ],
    "nav.customers": [
        ("pages/segments.py", "page.segments", ":material/groups:", "segments", False),
    ],
    "nav.admin": [
        ("pages/settings.py", "page.settings", ":material/settings:", "settings", False),
    ],
}

nav = st.navigation({ui.T(group): [st.Page(path, title=ui.T(title), icon=icon, url_path=url, default=default)
                                   for path, title, icon, url, default in pages]
                     for group, pages in PAGES.items()})
nav.run()
