"""Business settings: name, currency symbol, default language and margin, the public address share links use."""
import os

import streamlit as st

import ui
from promo import InputError
from promo.sharing import links

T = ui.T
st.title(":material/settings: " + T("page.settings"))
current = ui.settings()
with st.form("settings_form"):
    name = st.text_input(T("set.name"), value=current["business_name"], max_chars=80, key="set_name")
    currency = st.text_input(T("set.currency"), value=current["currency"], max_chars=4, key="set_currency",
                             help=T("set.currency_help"))
    language = st.radio(T("set.language"), ["zh", "en"], index=["zh", "en"].index(current["language"]),
                        format_func=ui.LANG_LABELS.get, horizontal=True, key="set_language")
    margin = st.number_input(T("set.margin"), value=float(current["default_margin"]) * 100, step=1.0,
                             key="set_margin", help=T("set.margin_help"))
    public_url = st.text_input(T("set.public_url"), value=current["public_url"], max_chars=300, key="set_public_url",
                               help=T("set.public_url_help"), placeholder="https://promo.example.com")
    base, source = links.public_base(current)
    if source == "env":
        st.caption(ui.md("set.public_url_env", url=base or os.environ.get(links.ENV_URL, "")))
    if st.form_submit_button(T("set.save"), type="primary", key="set_save"):
        if not currency.strip():
            st.error(T("set.currency_empty"))
        elif not 0 <= margin < 100:
            st.error(T("set.margin_range"))
        else:
            try:
                ui.save_settings(business_name=name.strip(), currency=currency.strip(), language=language,
                                 default_margin=margin / 100, public_url=public_url)
                st.success(T("set.saved"))
            except InputError as e:
                ui.error(e)
