"""Texts of the Admin page: users and the audit log."""

STRINGS: dict[str, dict[str, str]] = {
    "nav_admin": {"en": "Admin", "fi": "Ylläpito"},
    "adm_title": {"en": "Users and audit log", "fi": "Käyttäjät ja tapahtumaloki"},
    "adm_overline": {"en": "Admin", "fi": "Ylläpito"},
    "adm_tab_users": {"en": "Users", "fi": "Käyttäjät"},
    "adm_tab_audit": {"en": "Audit log", "fi": "Tapahtumaloki"},
    "adm_mode_none": {
        "en": "Sign-in is off (CX_AUTH_MODE=none): the dashboard has one local user. Users below "
              "take effect when CX_AUTH_MODE=password.",
        "fi": "Kirjautuminen on pois päältä (CX_AUTH_MODE=none): hallintanäkymällä on yksi "
              "paikallinen käyttäjä. Alla olevat käyttäjät ovat käytössä, kun CX_AUTH_MODE=password.",
    },
    "adm_mode_oidc": {
        "en": "Sign-in is through your identity provider (CX_AUTH_MODE=oidc); roles come from the "
              "roles file (CX_AUTH_ROLES_FILE). Users below are used only in password mode.",
        "fi": "Kirjautuminen tapahtuu tunnistuspalvelun kautta (CX_AUTH_MODE=oidc); roolit tulevat "
              "roolitiedostosta (CX_AUTH_ROLES_FILE). Alla olevia käyttäjiä käytetään vain "
              "salasanatilassa.",
    },
    "adm_col_name": {"en": "User", "fi": "Käyttäjä"},
    "adm_col_role": {"en": "Role", "fi": "Rooli"},
    "adm_col_status": {"en": "Status", "fi": "Tila"},
    "adm_col_changed": {"en": "Changed", "fi": "Muutettu"},
    "adm_status_active": {"en": "active", "fi": "käytössä"},
    "adm_status_disabled": {"en": "disabled", "fi": "poistettu käytöstä"},
    "adm_status_locked": {"en": "locked until {until}", "fi": "lukittu {until} asti"},
    "adm_no_users": {"en": "No users yet.", "fi": "Ei vielä käyttäjiä."},
    "adm_add_header": {"en": "Add a user", "fi": "Lisää käyttäjä"},
    "adm_password": {"en": "Password (at least 10 characters)",
                     "fi": "Salasana (vähintään 10 merkkiä)"},
    "adm_add_button": {"en": "Add user", "fi": "Lisää käyttäjä"},
    "adm_added": {"en": "Added {name} as {role}.", "fi": "{name} lisätty roolilla {role}."},
    "adm_change_header": {"en": "Change a user", "fi": "Muuta käyttäjää"},
    "adm_pick_user": {"en": "User", "fi": "Käyttäjä"},
    "adm_new_role": {"en": "Role", "fi": "Rooli"},
    "adm_set_role": {"en": "Set role", "fi": "Aseta rooli"},
    "adm_disable": {"en": "Disable", "fi": "Poista käytöstä"},
    "adm_enable": {"en": "Enable", "fi": "Ota käyttöön"},
    "adm_new_password": {"en": "New password", "fi": "Uusi salasana"},
    "adm_set_password": {"en": "Set password", "fi": "Aseta salasana"},
    "adm_changed": {"en": "Saved.", "fi": "Tallennettu."},
    "adm_audit_intro": {
        "en": "Every sign-in, import, load, rollback, journey-map version, refresh, user change "
              "and export, newest first. Each entry is chained to the one before by a hash; "
              "'Check the chain' recomputes it.",
        "fi": "Jokainen kirjautuminen, tuonti, lataus, peruutus, polkukartan versio, päivitys, "
              "käyttäjämuutos ja vienti, uusin ensin. Jokainen merkintä on ketjutettu edelliseen "
              "tiivisteellä; 'Tarkista ketju' laskee sen uudelleen.",
    },
    "adm_audit_action": {"en": "Action", "fi": "Toiminto"},
    "adm_audit_all": {"en": "all", "fi": "kaikki"},
    "adm_audit_verify": {"en": "Check the chain", "fi": "Tarkista ketju"},
    "adm_audit_ok": {"en": "The chain is intact: {rows} entries. Latest hash: {head}",
                     "fi": "Ketju on eheä: {rows} merkintää. Viimeisin tiiviste: {head}"},
    "adm_audit_broken": {
        "en": "The chain is broken at entry {seq}: {reason}. Entries may have been changed.",
        "fi": "Ketju katkeaa merkinnän {seq} kohdalla: {reason}. Merkintöjä on ehkä muutettu.",
    },
    "adm_audit_empty": {"en": "No entries yet.", "fi": "Ei vielä merkintöjä."},
    "adm_col_seq": {"en": "No.", "fi": "Nro"},
    "adm_col_at": {"en": "When (UTC)", "fi": "Milloin (UTC)"},
    "adm_col_actor": {"en": "Who", "fi": "Kuka"},
    "adm_col_via": {"en": "Via", "fi": "Tapa"},
    "adm_col_action": {"en": "Action", "fi": "Toiminto"},
    "adm_col_object": {"en": "Object", "fi": "Kohde"},
    "adm_col_detail": {"en": "Detail", "fi": "Tiedot"},
    "adm_audit_download": {"en": "Download CSV", "fi": "Lataa CSV"},
    "adm_shown": {"en": "Latest {n} entries shown.", "fi": "Viimeisimmät {n} merkintää."},
}
