"""Who is using the dashboard: the local single-user mode, or a login with an account.

``app.py`` calls :func:`current_user` at the top of every run. Without accounts and with the
server bound to this machine only (``server.address`` 127.0.0.1, as ``.streamlit/config.toml``
sets it), everyone is the local user (:data:`smile_core.access.LOCAL_USER`) and a banner says
so. Otherwise the session must log in (:func:`login_page`); a login lasts until it has been idle
for :data:`~smile_core.access.IDLE_TIMEOUT` or is older than
:data:`~smile_core.access.ABSOLUTE_TIMEOUT`, and every run re-reads the account, so a removed
account or a changed role takes effect at the next page load. What the user may do is decided
in :mod:`smile_core.access`; this module only says who they are. Passwords are never kept or
logged.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from smile_core.access import LOCAL_USER, User, login_expired, login_required
from smile_core.store import NotFound, StoreError
from smile_core.store.accounts import Accounts, LoginRefused
from smile_core.store.codec import utc_now
from smile_core.text import Message, t
from smile_ui import persistence
from smile_ui.state import CURRENT_USER, LANGUAGE, LOGIN, LOGIN_EXPIRED, SSO_REFUSED


def accounts() -> Accounts:
    """The accounts of this server's database."""
    return Accounts(persistence.repository().engine)


def server_address() -> str | None:
    """The address the server listens on (``server.address``; None: every interface)."""
    return st.get_option("server.address")


#: Request headers a reverse proxy adds: their presence means the visitor is not local.
PROXY_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host")


def proxied() -> bool:
    """Whether this session's request came through a reverse proxy."""
    headers = st.context.headers
    return any(name in {k.lower() for k in headers} for name in PROXY_HEADERS)


def sso_configured() -> bool:
    """Whether single sign-on (OIDC through ``st.login``) is set up: an ``[auth]`` section in
    ``.streamlit/secrets.toml`` (README, "Single sign-on")."""
    try:
        return bool(st.secrets.get("auth"))
    except FileNotFoundError:  # no secrets file at all (StreamlitSecretNotFoundError)
        return False


def _identity_signed_in() -> bool:
    """Whether the identity provider has signed someone in (``st.user``; the key is absent
    where no identity was ever set, as in tests)."""
    return bool(st.user.get("is_logged_in", False))


def sso_login(now: datetime) -> User | None:
    """Log this session in as the account of the identity the provider signed in (by its
    e-mail address) and return it; None, with the refusal kept for the login page, when SMILE
    has no account for it or the provider did not verify the address. An expired login is
    not renewed this way: the expiry signs the identity out too (:func:`current_user`)."""
    if not (sso_configured() and _identity_signed_in()):
        return None
    email = st.user.get("email")
    try:
        if st.user.get("email_verified") is False:
            raise LoginRefused(Message.of("store.login.email_unverified"))
        record = accounts().for_identity(email)
    except LoginRefused as refusal:
        SSO_REFUSED.set((refusal.message_sv, refusal.message_en))
        return None
    SSO_REFUSED.set(None)
    LOGIN.set((record.id, now, now))
    return User.from_record(record)


def current_user(now: datetime | None = None) -> User | None:
    """The user of this run (also kept under :data:`~smile_ui.state.CURRENT_USER`), or None
    when the session must log in first."""
    now = now or utc_now()
    if not login_required(accounts().has_users(), server_address(), proxied=proxied()):
        CURRENT_USER.set(LOCAL_USER)
        return LOCAL_USER
    user = None
    login = LOGIN.get()
    if login is None and not LOGIN_EXPIRED.get() and sso_login(now) is not None:
        login = LOGIN.get()
    if login is not None:
        user_id, logged_in_at, last_seen_at = login
        if login_expired(logged_in_at, last_seen_at, now):
            LOGIN_EXPIRED.set(True)
            if sso_configured() and _identity_signed_in():
                st.logout()  # else the identity cookie would sign the session in again
        else:
            try:
                user = User.from_record(accounts().get_user(user_id))
            except NotFound:  # the account was removed meanwhile
                user = None
    if user is None:
        if CURRENT_USER.get() is not None:
            # Whoever logs in next in this browser must not find the last user's programmes.
            expired = LOGIN_EXPIRED.get()
            forget_session()
            LOGIN_EXPIRED.set(expired)
        LOGIN.set(None)
    else:
        LOGIN.set((user_id, logged_in_at, now))
    CURRENT_USER.set(user)
    return user


def still_logged_in(now: datetime | None = None) -> bool:
    """Whether this session's user (:data:`~smile_ui.state.CURRENT_USER`) may still be shown
    anything, judged without counting as activity (a timer's fragment run is not the user's):
    False when nobody is logged in or the login has expired (the next page run then logs out)."""
    if CURRENT_USER.get() is None:
        return False
    login = LOGIN.get()
    if login is None:
        return True  # local single-user mode: no login to expire
    _, logged_in_at, last_seen_at = login
    return not login_expired(logged_in_at, last_seen_at, now or utc_now())


def login_page() -> None:
    """The login form (a page of its own: the only one a logged-out session has)."""
    from smile_ui.state import current_language

    lang = current_language()
    st.title(t("login.title", lang))
    if LOGIN_EXPIRED.get():
        st.info(t("login.expired", lang), icon=":material/timer_off:")
    if not accounts().has_users():
        # Bound to a public address without any account: nobody can log in yet.
        st.warning(t("login.no_accounts", lang), icon=":material/person_off:")
        return
    if sso_configured():
        refused = SSO_REFUSED.get()
        if refused is not None and _identity_signed_in():
            st.error(refused[0] if lang == "sv" else refused[1], icon=":material/block:")
            if st.button(t("login.logout", lang), icon=":material/logout:", key="sso_logout"):
                SSO_REFUSED.set(None)
                st.logout()
        else:
            st.button(
                t("login.sso", lang), type="primary", icon=":material/key:", on_click=st.login
            )
        st.caption(t("login.sso_or_password", lang))
    with st.form("login_form"):
        name = st.text_input(t("login.name", lang), max_chars=120, key="login_name")
        password = st.text_input(
            t("login.password", lang), type="password", max_chars=200, key="login_password"
        )
        submitted = st.form_submit_button(t("login.submit", lang), icon=":material/login:")
    if submitted:
        try:
            record = accounts().authenticate(name, password)
        except StoreError as error:
            st.error(
                error.message_sv if lang == "sv" else error.message_en, icon=":material/block:"
            )
            return
        now = utc_now()
        LOGIN.set((record.id, now, now))
        LOGIN_EXPIRED.set(False)
        CURRENT_USER.set(User.from_record(record))
        st.rerun()


def sidebar(user: User, lang: str) -> None:
    """The sidebar's line on who is using the dashboard: the local-mode banner, or the user's
    name and role with a button to log out."""
    if user.local:
        st.sidebar.caption(f":material/computer: {t('login.local_mode', lang)}")
        return
    st.sidebar.caption(
        t("login.signed_in_as", lang, name=user.name, role=t(f"login.role.{user.role}", lang))
    )
    if st.sidebar.button(t("login.logout", lang), icon=":material/logout:", key="logout"):
        log_out()
        st.rerun()


def log_out() -> None:
    """End this session's login and forget everything the session held; a single sign-on
    ends at the identity cookie too (else the next page load would sign in again)."""
    forget_session()
    if sso_configured() and _identity_signed_in():
        st.logout()


def forget_session() -> None:
    """Drop everything the session holds (programmes, plans, the login) but its language."""
    for key in list(st.session_state.keys()):
        if key != LANGUAGE.name:
            del st.session_state[key]
