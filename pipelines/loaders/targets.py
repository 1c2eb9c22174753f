"""What each systems load kind writes: target columns, their types, and the names they go by in
exports. The kinds themselves (raw table, key) are listed in core/load_kinds.py."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from core.load_kinds import LOAD_KINDS, SYSTEMS_KINDS, KindName

TargetType = Literal["text", "timestamp", "integer", "boolean", "choice"]

OTHER_VALUES = "*"  # value-map key: every other non-empty value of the column
CHANNELS = ("phone", "email", "chat", "social", "web_form", "store")
OUTCOMES = ("ok", "failed")


@dataclass(frozen=True)
class Target:
    """One column of a raw table as the loader fills it."""

    name: str
    type: TargetType
    required: bool = False
    choices: tuple[str, ...] = ()
    default: object = None  # value when the column is absent or the cell is empty
    synonyms: tuple[str, ...] = ()  # header names recognised without a mapping file
    free_text: bool = False  # written by people: personal data is scrubbed before it is stored


@dataclass(frozen=True)
class Kind:
    """A systems load kind (core.load_kinds: the raw table it fills, its key) with its target
    columns in table order."""

    name: KindName
    targets: tuple[Target, ...]
    row_column: str | None = None  # column that gets the record's position in its file (1 = first)

    @property
    def table(self) -> str:
        return LOAD_KINDS[self.name].table

    @property
    def key(self) -> str:
        return LOAD_KINDS[self.name].key

    def target(self, name: str) -> Target:
        for t in self.targets:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.targets)


CUSTOMER_ID_SYNONYMS = (
    "customer|customer number|customer no|client id|account id|asiakas|"
    "asiakasnumero|asiakas id|asiakastunnus|asiakkaan id|asiakasnro"
)


def _t(
    name: str,
    type_: TargetType = "text",
    required: bool = False,
    synonyms: str = "",
    choices: tuple[str, ...] = (),
    default: object = None,
    free_text: bool = False,
) -> Target:
    return Target(
        name,
        type_,
        required,
        choices,
        default,
        tuple(s.strip() for s in synonyms.split("|") if s.strip()),
        free_text,
    )


CONTACTS = Kind(
    "contacts",
    (
        _t(
            "contact_id",
            required=True,
            synonyms=(
                "contact|contact id|contact number|ticket id|ticket|ticket number|case id|case number|"
                "call id|conversation id|interaction id|yhteydenotto|yhteydenoton id|yhteydenottotunnus|"
                "tiketti|tiketin id|tiketin numero|tikettinumero|tukipyyntö|tukipyynnön numero|puhelu id|"
                "puhelun id|puhelutunnus|tapaus|tapausnumero"
            ),
        ),
        _t("customer_id", required=True, synonyms=CUSTOMER_ID_SYNONYMS),
        _t(
            "journey_id",
            synonyms=(
                "journey|order id|order|order number|order no|tilaus|tilausnumero|tilaus id|tilausnro|"
                "polku id|asiointi id"
            ),
        ),
        _t(
            "opened_at",
            "timestamp",
            required=True,
            synonyms=(
                "opened|created|created at|created_time|opened time|start time|started|started at|"
                "start|received at|avattu|avattu klo|luotu|luontiaika|aloitettu|alkuaika|alkanut|"
                "saapunut|vastaanotettu"
            ),
        ),
        _t(
            "closed_at",
            "timestamp",
            synonyms=(
                "closed|closed time|solved at|solved|resolved at|end time|ended|ended at|end|"
                "suljettu|sulkemisaika|päättynyt|loppuaika|ratkaisuaika|ratkaistu klo"
            ),
        ),
        _t(
            "channel",
            "choice",
            required=True,
            choices=CHANNELS,
            synonyms=("contact channel|source channel|via|kanava|yhteydenottokanava|asiointikanava"),
        ),
        _t(
            "reason",
            synonyms=(
                "contact reason|category|topic|subject category|reason code|disposition|"
                "syy|yhteydenoton syy|aihe|kategoria|aihealue|syykoodi"
            ),
        ),
        _t(
            "handling_team",
            synonyms=(
                "team|group|assigned group|queue|handled by team|tiimi|ryhmä|käsittelijäryhmä|jono|"
                "käsittelevä tiimi"
            ),
        ),
        _t(
            "transfers",
            "integer",
            default=0,
            synonyms=(
                "transfer count|transfers count|number of transfers|siirrot|siirtoja|siirtojen määrä|"
                "siirtojen lukumäärä"
            ),
        ),
        _t(
            "resolved",
            "boolean",
            synonyms=(
                "is resolved|solved flag|resolved flag|first contact resolution|fcr|ratkaistu|"
                "ratkesi|ratkaistiinko"
            ),
        ),
        _t(
            "escalated_to",
            synonyms=(
                "escalation|escalated|escalation function|eskaloitu|eskaloitu kenelle|eskalointi|"
                "siirretty toiminnolle"
            ),
        ),
        _t(
            "escalation_asked_at",
            "timestamp",
            synonyms=("escalated at|escalation asked|escalation sent at|eskaloitu klo|eskalointi lähetetty"),
        ),
        _t(
            "escalation_answered_at",
            "timestamp",
            synonyms=(
                "escalation answered|escalation answered at|escalation resolved at|"
                "eskalointi vastattu|eskalointiin vastattu"
            ),
        ),
        _t(
            "note",
            # Freshdesk and Salesforce exports have a Description (Freshdesk's API also a plain-text
            # description_text beside the HTML one) and a Subject, Zendesk's CSV only a Subject: the
            # first name found wins, so plain text before HTML and a description before a subject
            synonyms=(
                "notes|description text|description|ticket description|case description|internal note|"
                "agent note|comment|comments|summary|details|subject|muistiinpano|muistiinpanot|kuvaus|"
                "kommentti|yhteenveto|lisätiedot|viesti|otsikko"
            ),
            free_text=True,
        ),
    ),
)

EVENTS = Kind(
    "events",
    (
        _t("event_id", synonyms="event number|id|tapahtuma id|tapahtumatunnus|tapahtumanumero"),
        _t("customer_id", required=True, synonyms=CUSTOMER_ID_SYNONYMS),
        _t(
            "journey_id",
            required=True,
            synonyms=(
                "journey|case id|case|order id|order|order number|order no|tilaus|tilausnumero|"
                "tilaus id|tilausnro|tapaus|tapausnumero"
            ),
        ),
        _t(
            "activity",
            required=True,
            synonyms=(
                "activity name|event type|event name|event|step|toiminto|tapahtuma|tapahtumatyyppi|vaihe"
            ),
        ),
        _t(
            "occurred_at",
            "timestamp",
            required=True,
            synonyms=(
                "timestamp|time|event time|event timestamp|occurred|date|datetime|created at|"
                "aika|aikaleima|tapahtuma-aika|tapahtumahetki|päivämäärä"
            ),
        ),
        _t(
            "outcome",
            "choice",
            choices=OUTCOMES,
            default="ok",
            synonyms=("result|status code|lopputulos|tulos|tila"),
        ),
        _t(
            "promised_at",
            "timestamp",
            synonyms=(
                "promised|promised time|due|due at|due date|deadline|sla deadline|luvattu|luvattu aika|"
                "lupaus|eräpäivä|määräaika"
            ),
        ),
    ),
    row_column="source_row",
)

CUSTOMERS = Kind(
    "customers",
    (
        _t("customer_id", required=True, synonyms=CUSTOMER_ID_SYNONYMS),
        _t("segment", synonyms="customer segment|customer type|asiakassegmentti|segmentti|asiakastyyppi"),
        _t("region", synonyms="area|county|province|maakunta|alue|region name"),
        _t("tier", synonyms="level|loyalty tier|membership|membership level|taso|jäsenyys|kanta-asiakastaso"),
    ),
)

_TARGETS = {k.name: k for k in (CONTACTS, EVENTS, CUSTOMERS)}
KINDS: dict[str, Kind] = {name: _TARGETS[name] for name in SYSTEMS_KINDS}  # in the registry's order

# Cell values recognised without a value map (compared lower-case and trimmed).
CHOICE_SYNONYMS: dict[str, dict[str, str]] = {
    "channel": {
        "puhelin": "phone",
        "puhelu": "phone",
        "call": "phone",
        "voice": "phone",
        "telephone": "phone",
        "tel": "phone",
        "soitto": "phone",
        "e-mail": "email",
        "mail": "email",
        "sähköposti": "email",
        "sahkoposti": "email",
        "sposti": "email",
        "s-posti": "email",
        "chatti": "chat",
        "live chat": "chat",
        "livechat": "chat",
        "verkkochat": "chat",
        "some": "social",
        "social media": "social",
        "sosiaalinen media": "social",
        "facebook": "social",
        "instagram": "social",
        "twitter": "social",
        "web form": "web_form",
        "webform": "web_form",
        "web-form": "web_form",
        "form": "web_form",
        "lomake": "web_form",
        "verkkolomake": "web_form",
        "yhteydenottolomake": "web_form",
        "myymälä": "store",
        "myymala": "store",
        "shop": "store",
        "in store": "store",
        "in-store": "store",
        "kauppa": "store",
    },
    "outcome": {
        "success": "ok",
        "succeeded": "ok",
        "successful": "ok",
        "completed": "ok",
        "onnistui": "ok",
        "onnistunut": "ok",
        "kunnossa": "ok",
        "fail": "failed",
        "failure": "failed",
        "error": "failed",
        "virhe": "failed",
        "epäonnistui": "failed",
        "epäonnistunut": "failed",
    },
}
TRUE_WORDS = ("true", "t", "1", "yes", "y", "kyllä", "kylla", "k", "on")
FALSE_WORDS = ("false", "f", "0", "no", "n", "ei", "e", "off")


def normalise_header(text: object) -> str:
    """Header comparison key: lower case, letters and digits, runs of anything else as '_'."""
    s = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    return re.sub(r"[^\w]+|_+", "_", s).strip("_")


def parse_choice(target: Target, value: object) -> str | None:
    """A cell value as one of the target's choices (built-in synonyms included), else None."""
    v = str(value).strip().lower()
    if v in target.choices:
        return v
    return CHOICE_SYNONYMS.get(target.name, {}).get(v)


def parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    v = str(value).strip().lower()
    return True if v in TRUE_WORDS else False if v in FALSE_WORDS else None
