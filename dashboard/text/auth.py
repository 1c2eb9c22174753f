"""Texts of sign-in, sign-out, the sidebar's user line and refusals."""

STRINGS: dict[str, dict[str, str]] = {
    "auth_title": {"en": "Sign in", "fi": "Kirjaudu sisään"},
    "auth_name": {"en": "User name", "fi": "Käyttäjätunnus"},
    "auth_password": {"en": "Password", "fi": "Salasana"},
    "auth_sign_in": {"en": "Sign in", "fi": "Kirjaudu"},
    "auth_sign_out": {"en": "Sign out", "fi": "Kirjaudu ulos"},
    "auth_password_hint": {
        "en": "Ask an administrator for an account. After 5 failed attempts the account is "
        "locked for 15 minutes.",
        "fi": "Pyydä tunnus ylläpitäjältä. Viiden epäonnistuneen yrityksen jälkeen tunnus "
        "lukitaan 15 minuutiksi.",
    },
    "auth_failed": {
        "en": "Sign-in failed: wrong user name or password, or the account is locked or disabled.",
        "fi": "Kirjautuminen epäonnistui: väärä käyttäjätunnus tai salasana, tai tunnus on "
        "lukittu tai poistettu käytöstä.",
    },
    "auth_no_users": {
        "en": "No users yet. Whoever runs the server adds the first administrator on the command line:",
        "fi": "Käyttäjiä ei vielä ole. Palvelimen ylläpitäjä lisää ensimmäisen pääkäyttäjän komentoriviltä:",
    },
    "auth_expired": {
        "en": "Your session ended. Please sign in again.",
        "fi": "Istuntosi päättyi. Kirjaudu uudelleen.",
    },
    "auth_account_gone": {
        "en": "Your account was disabled. Ask an administrator.",
        "fi": "Tunnuksesi on poistettu käytöstä. Ota yhteyttä ylläpitäjään.",
    },
    "auth_signed_in_as": {
        "en": "Signed in as **{name}** ({role})",
        "fi": "Kirjautuneena: **{name}** ({role})",
    },
    "auth_local_caption": {
        "en": "Single-user, local only: whoever uses this computer has every right. "
        "Set CX_AUTH_MODE to serve on a network.",
        "fi": "Yhden käyttäjän paikallinen tila: tämän koneen käyttäjällä on kaikki "
        "oikeudet. Verkossa käyttö vaatii CX_AUTH_MODE-asetuksen.",
    },
    "auth_role_viewer": {"en": "viewer", "fi": "katselija"},
    "auth_role_editor": {"en": "editor", "fi": "muokkaaja"},
    "auth_role_admin": {"en": "admin", "fi": "pääkäyttäjä"},
    "auth_page_refused": {
        "en": "Your role does not allow this page.",
        "fi": "Roolisi ei salli tätä sivua.",
    },
    "auth_action_refused": {
        "en": "Your role does not allow this.",
        "fi": "Roolisi ei salli tätä.",
    },
    "auth_bad_mode": {
        "en": "CX_AUTH_MODE must be none, password or oidc. The dashboard does not start until it is.",
        "fi": "CX_AUTH_MODE-asetuksen on oltava none, password tai oidc. Koontinäkymä ei käynnisty ennen sitä.",
    },
    "auth_none_not_local": {
        "en": "This dashboard is served on {address}, which other computers can reach, but sign-in "
        "is off (CX_AUTH_MODE=none). Either serve it on 127.0.0.1 only (server.address in "
        ".streamlit/config.toml) or set CX_AUTH_MODE=password or oidc.",
        "fi": "Koontinäkymä on tarjolla osoitteessa {address}, johon muut koneet pääsevät, mutta kirjautuminen "
        "on pois päältä (CX_AUTH_MODE=none). Tarjoa se vain osoitteessa 127.0.0.1 (server.address "
        "tiedostossa .streamlit/config.toml) tai aseta CX_AUTH_MODE=password tai oidc.",
    },
    "auth_oidc_not_configured": {
        "en": "CX_AUTH_MODE is oidc but .streamlit/secrets.toml has no [auth] section. See docs/security.md.",
        "fi": "CX_AUTH_MODE on oidc, mutta tiedostossa .streamlit/secrets.toml ei ole "
        "[auth]-osiota. Katso docs/security.md.",
    },
    "auth_oidc_intro": {
        "en": "Sign in with your organisation's account.",
        "fi": "Kirjaudu organisaatiosi tunnuksella.",
    },
    "auth_oidc_button": {"en": "Sign in", "fi": "Kirjaudu"},
    "auth_oidc_no_role": {
        "en": "You are signed in, but this account has no access to the dashboard. Ask an "
        "administrator to add it.",
        "fi": "Olet kirjautunut, mutta tällä tunnuksella ei ole pääsyä koontinäkymään. Pyydä ylläpitäjää "
        "lisäämään se.",
    },
    "error_unexpected": {
        "en": "Something went wrong on the server. If it happens again, tell your administrator "
        "the error id {error_id}.",
        "fi": "Palvelimella tapahtui virhe. Jos se toistuu, kerro ylläpitäjälle virhetunnus {error_id}.",
    },
}
