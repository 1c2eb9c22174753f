"""Scrub personal data from free-text comments: e-mail, phone, Finnish hetu, IBAN."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_HETU = re.compile(r"\b(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{1,3}[ -]?(?:\(0\))?|0)\(?\d{1,4}\)?(?:[ -]?\d{2,4}){1,4}(?!\w)"
)
_MAYBE = re.compile(r"[\d@]")
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def _iban_ok(text: str) -> bool:
    s = text.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def _hetu_ok(m: re.Match) -> bool:
    dd, mm = int(m.group(1)), int(m.group(2))
    if not (1 <= dd <= 31 and 1 <= mm <= 12):
        return False
    return _HETU_CHECK[int(m.group(1) + m.group(2) + m.group(3) + m.group(5)) % 31] == m.group(6)


def _phone(m: re.Match) -> str:
    digits = sum(ch.isdigit() for ch in m.group(0))
    return "[phone]" if 7 <= digits <= 15 else m.group(0)


def scrub(text: str | None) -> str | None:
    """Replace personal data by [email], [iban], [hetu], [phone]."""
    if not text or not _MAYBE.search(text):
        return text
    text = _EMAIL.sub("[email]", text)
    text = _IBAN.sub(lambda m: "[iban]" if _iban_ok(m.group(0)) else m.group(0), text)
    text = _HETU.sub(lambda m: "[hetu]" if _hetu_ok(m) else m.group(0), text)
    return _PHONE.sub(_phone, text)
