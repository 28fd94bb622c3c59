"""Fail closed: every protection setting that is present but unusable is a problem that stops the app (pure checks,
then the page it shows); a configured app is protected; an unprotected app says so, in red when others can reach it."""
import pytest
from streamlit import config

import ui
from promo.i18n import t
from promo.sharing import auth, protection
from tests.sharing.conftest import CHEAP_HASH

OIDC = {"redirect_uri": "https://promo.example.com/oauth2callback", "cookie_secret": "s" * 32, "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://id.example.com/.well-known/openid-configuration"}


def problems(env=None, secrets=None, error=None) -> list[str]:
    return [en for en, _zh in protection.read(env or {}, secrets, error).problems]


def test_nothing_configured_is_open_and_no_problem():
    p = protection.read({}, {})
    assert not p.protected and p.problems == () and p.password_hash is None


def test_a_usable_hash_protects_from_either_place_and_the_environment_wins():
    assert protection.read({auth.ENV_HASH: CHEAP_HASH}, {}).password_hash == CHEAP_HASH
    assert protection.read({}, {"auth": {"owner_password_hash": CHEAP_HASH}}).password_hash == CHEAP_HASH
    other = auth.hash_password("another one", log2_n=10)
    p = protection.read({auth.ENV_HASH: other}, {"auth": {"owner_password_hash": CHEAP_HASH}})
    assert p.password_hash == other and p.protected and p.problems == ()


@pytest.mark.parametrize("env, secrets, error, expected", [
    ({}, {}, "Error parsing secrets file at /app/.streamlit/secrets.toml: Expected '=' after a key (at line 2)",
     "The secrets file cannot be read: Error parsing secrets file at /app/.streamlit/secrets.toml: Expected '=' "
     "after a key (at line 2). Fix the file (it is TOML: key = \"value\" lines under [auth])."),
    ({}, {"auth": {"owner_password": "hunter2"}}, None,
     "[auth] owner_password is not a setting: the app never keeps the password itself. Write its hash as "
     "owner_password_hash instead; make a hash with: python -m promo hash-password."),
    ({}, {"Auth": {"owner_password_hash": CHEAP_HASH}}, None,
     "The secrets file has [Auth]; the section must be written [auth], in lower case."),
    ({}, {"owner_password_hash": CHEAP_HASH}, None,
     "owner_password_hash is outside [auth] in the secrets file: move it to a line below [auth] (TOML puts keys "
     "written above any [section] line at the top level)."),
    ({}, {"auth": {"owner_password_hash": CHEAP_HASH[:-5]}}, None,
     "[auth] owner_password_hash is set but is not a usable password hash: its salt or key has the wrong length "
     "(copied only in part?). It must be the whole line that hash-password prints (scrypt$…); make a hash with: "
     "python -m promo hash-password. In a shell, quote it: it contains $."),
    ({auth.ENV_HASH: "scrypt"}, {}, None,  # `-e PROMO_OWNER_PASSWORD_HASH=scrypt$15$…` unquoted: the shell ate the rest
     f"The environment variable {auth.ENV_HASH} is set but is not a usable password hash: it does not have the form "
     "scrypt$N$r$p$salt$key. It must be the whole line that hash-password prints (scrypt$…); make a hash with: "
     "python -m promo hash-password. In a shell, quote it: it contains $."),
    ({auth.ENV_HASH: ""}, {}, None,
     f"The environment variable {auth.ENV_HASH} is set but is not a usable password hash: it does not have the form "
     "scrypt$N$r$p$salt$key. It must be the whole line that hash-password prints (scrypt$…); make a hash with: "
     "python -m promo hash-password. In a shell, quote it: it contains $."),
    ({}, {"auth": {}}, None,
     "[auth] in the secrets file is empty: add owner_password_hash (or single sign-on), or remove the [auth] line."),
    ({}, {"auth": {"owner_password_hsh": CHEAP_HASH}}, None,
     "[auth] owner_password_hsh is not a setting this app knows. Did you mean 'owner_password_hash'? Known: "
     "owner_password_hash, owner_emails, redirect_uri, cookie_secret, client_id, client_secret, server_metadata_url, "
     "client_kwargs, expose_tokens."),
    ({}, {"auth": {k: v for k, v in OIDC.items() if k != "client_secret"} | {"owner_emails": ["a@b.c"]}}, None,
     "Single sign-on in [auth] is incomplete: client_secret missing (it needs client_id, client_secret, "
     "server_metadata_url)."),
    ({}, {"auth": {"redirect_uri": OIDC["redirect_uri"], "cookie_secret": "s" * 32, "owner_emails": ["a@b.c"],
                   "google": {"client_id": "x"}}}, None,
     "Single sign-on in [auth.google] is incomplete: client_secret, server_metadata_url missing (it needs client_id, "
     "client_secret, server_metadata_url)."),
    ({}, {"auth": {k: v for k, v in OIDC.items() if k != "cookie_secret"} | {"owner_emails": ["a@b.c"]}}, None,
     "Single sign-on needs redirect_uri and cookie_secret in [auth]: cookie_secret missing."),
    ({}, {"auth": OIDC | {"redirect_uri": "https://promo.example.com/", "owner_emails": ["a@b.c"]}}, None,
     "[auth] redirect_uri must be the app's address followed by /oauth2callback, e.g. "
     "https://promo.example.com/oauth2callback."),
    ({}, {"auth": OIDC}, None,
     "Single sign-on is configured without owner_emails: anyone the provider accepts would be an owner. Add "
     "owner_emails = [\"you@example.com\"] to [auth]."),
    ({}, {"auth": OIDC | {"owner_emails": "boss@example.com"}}, None,
     "[auth] owner_emails must be a list of e-mail addresses like [\"you@example.com\"]."),
    ({}, {"auth": {"owner_password_hash": CHEAP_HASH, "owner_emails": ["boss@example.com"]}}, None,
     "[auth] owner_emails is set but no single sign-on provider is: it has no effect. Configure the provider (see the "
     "README, Owner access) or remove the line."),
], ids=["toml_error", "owner_password", "Auth", "hash_outside_auth", "truncated_hash", "env_unquoted", "env_empty",
        "empty_auth", "misspelt_key", "sso_half", "sso_named_half", "sso_no_cookie_secret", "sso_bad_redirect",
        "sso_without_owner_emails", "owner_emails_not_a_list", "owner_emails_without_sso"])
def test_present_but_unusable_settings_are_problems_never_no_password(env, secrets, error, expected):
    found = problems(env, secrets, error)
    assert found == [expected]
    zh = protection.read(env, secrets, error).problems[0][1]
    assert zh and zh != expected  # said in Chinese too


def test_single_sign_on_with_owner_emails_is_protection():
    p = protection.read({}, {"auth": OIDC | {"owner_emails": ["Boss@Example.com"], "microsoft": {
        "client_id": "a", "client_secret": "b", "server_metadata_url": "https://login.example/.well-known"}}})
    assert p.problems == () and p.providers == (None, "microsoft") and p.owner_emails == ("boss@example.com",)


def test_problems_add_up():
    assert len(problems({auth.ENV_HASH: "x"}, {"Auth": {}, "owner_password": "p"})) == 3


# --- the page -------------------------------------------------------------------------------------------------

BROKEN = "[auth]\nowner_password_hash = \"scrypt$14$8$2$abc\nowner_emails = [\n"


def _secrets_file(tmp_path, monkeypatch, text: str):
    """A real secrets.toml for the app (AppTest's own secrets cannot be a file with a syntax error)."""
    path = tmp_path / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(path)])
    import streamlit as st

    monkeypatch.setattr(st.secrets, "_secrets", None)
    yield path
    config.set_option("secrets.files", before)
    st.secrets._secrets = None


@pytest.fixture
def broken_secrets(tmp_path, monkeypatch):
    yield from _secrets_file(tmp_path, monkeypatch, BROKEN)


@pytest.mark.parametrize("where", [{}, {"share": "A" * 43}, {"page": "simulator"}])
def test_a_secrets_file_with_a_syntax_error_stops_every_page(run, broken_secrets, where):
    at = run(**where)
    assert [h.value for h in at.header] == [":material/error: " + t("share.broken.title", lang)
                                            for lang in ("zh", "en")]
    assert len(at.error) == 2 and "The secrets file cannot be read" in at.error[1].value
    assert "无法读取密钥文件" in at.error[0].value and "line 2" in at.error[1].value
    assert not at.get("text_input") and not at.sidebar.children.get(0) and not at.radio  # no login, no switch
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("pages/simulator.py")


def test_owner_password_instead_of_its_hash_stops_the_app_instead_of_opening_it(run):
    at = run(secrets={"auth": {"owner_password": "hunter2"}})
    assert "\\[auth\\] owner\\_password is not a setting" in at.error[1].value
    assert "hunter2" not in " ".join(e.value for e in at.error)  # the password is never shown back


def test_an_exposed_unprotected_app_shows_a_red_warning_on_every_page(app, listening):
    at = app(lang="en")
    listening("0.0.0.0")
    for page in ("pages/overview.py", "pages/simulator.py", "pages/calendar.py", "pages/data.py"):
        at.switch_page(page).run()
        assert at.main.error[0].value.startswith("Not protected, and reachable from other computers: the app listens "
                                                 "on 0\\.0\\.0\\.0 with no owner password")
        assert "Running locally" not in " ".join(w.value for w in at.warning)
        assert at.sidebar.error[0].value == "Not protected: reachable from other computers, no owner password"
    listening(None)  # server.address not set: Streamlit listens on every address
    at.run()
    assert ui.plain("listens on every network address (server.address is not set)") in at.main.error[0].value


def test_a_local_unprotected_app_says_so_in_the_sidebar_not_in_red(app):
    at = app(lang="en")
    assert not at.main.error and at.sidebar.warning[0].value.startswith("Not protected: no owner password.")


def test_a_share_link_on_an_unprotected_app_is_refused_and_says_why(run, db_path):
    from promo import store
    from promo.customers import demo

    con = demo.open_or_create(db_path)
    _id, token = store.create_share(con, "p", [("scenario", 1)], 7, "en")
    con.close()
    at = run(share=token)
    assert [i.value for i in at.info] == ["  \n".join(t("share.needs_protection", lang) for lang in ("zh", "en"))]
    assert not at.radio and not at.metric and not at.get("plotly_chart")
