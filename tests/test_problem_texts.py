"""Row report reasons in the page's language: every core.problems code has an English and a
Finnish text that takes exactly the params its producers give (checked on the producers' source),
real bad files get a code on every problem, hand-written Finnish examples, the CSV download,
and the Finnish Upload page showing a Finnish reason."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path
from string import Formatter

import pytest

from core.db import connect
from core.problems import PROBLEM_CODES, Problem
from dashboard.i18n import NBSP, STRINGS
from dashboard.upload.problem_text import problem_frame, problem_report_csv, reason_text
from tests import app_pages
from tests.conftest import ROOT

# the files that write problems
PRODUCERS = sorted(
    [
        *(ROOT / "surveys").glob("*.py"),
        *(ROOT / "pipelines").rglob("*.py"),
        *(ROOT / "core").glob("*.py"),
    ]
)
# files allowed to write a Problem without a code (none: every reason has its texts)
WITHOUT_CODE: dict[str, int] = {}

SAMPLE = {  # a value of the kind each param takes
    "first_row": 12,
    "row": 1234,
    "evidence_row": 7,
    "evidence_value": "13/02/2026",
    "order": "dmy",
    "other_order": "mdy",
    "metric": "nps",
    "low": 0,
    "high": 10,
    "field": "closed_at",
    "formats": ("%d.%m.%Y %H:%M",),
    "choices": ("phone", "email"),
    "limit": 1_000_000,
    "time": "2026-03-05 10:00",
    "other_row": 2,
    "count": 12_345,
    "column": "Opened",
    "columns": ("Ticket", "Opened"),
    "file": "export.csv",
    "rows": 2_000_001,
    "size": 300_000_000,
    "detail": "Invalid Input Error",
    "encoding": "cp1252",
    "byte": 1_234,
    "sheet": "Sheet1",
    "fields": 5,
    "header_columns": 4,
    "sheets": "Summary, Calls",
    "member": "export.csv",
    "ratio": 200,
    "files": "a.csv, b.csv",
}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_code_has_english_and_finnish_texts_with_its_params(code):
    entry = STRINGS[f"problem_{code}"]
    assert set(entry) == {"en", "fi"}
    for lang in ("en", "fi"):
        assert _placeholders(entry[lang]) == set(PROBLEM_CODES[code]), (code, lang)
    problem = Problem(3, "col", "val", "ENGLISH FALLBACK", code, {n: SAMPLE[n] for n in PROBLEM_CODES[code]})
    en, fi = reason_text(problem, "en"), reason_text(problem, "fi")
    for text in (en, fi):
        assert text != "ENGLISH FALLBACK" and "{" not in text and "[" not in text[:1]
    assert en != fi  # every text is translated


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def _name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", "")


def _codes(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    return []


def _keys(node: ast.AST | None) -> set[str] | None:
    """The keys of a dict literal (None: not a literal; a `**` spread is refused)."""
    if node is None:
        return set()
    if not isinstance(node, ast.Dict):
        return None
    assert all(isinstance(k, ast.Constant) for k in node.keys), ast.unparse(node)
    return {k.value for k in node.keys}


def _uses(path: Path) -> list[tuple[str, set[str] | None, int]]:
    """(code, param names or None when not a literal, line) of every code given in the file:
    code=/params= keywords, a code as a call's argument (with the params dict after it) and
    (…, "code", {params}) tuples."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for call in _calls(tree):
        kw = {k.arg: k.value for k in call.keywords}
        if "code" in kw:
            found += [(c, _keys(kw.get("params")), call.lineno) for c in _codes(kw["code"])]
        for i, arg in enumerate(call.args):  # Check(..., "code", {params}) or before(..., "code")
            codes = [c for c in _codes(arg) if c in PROBLEM_CODES]
            follows = call.args[i + 1] if i + 1 < len(call.args) else None
            found += [
                (c, _keys(follows) if isinstance(follows, ast.Dict) else None, call.lineno) for c in codes
            ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple):
            for a, b in zip(node.elts, node.elts[1:]):
                if _codes(a) and _codes(a)[0] in PROBLEM_CODES and isinstance(b, ast.Dict):
                    found += [(c, _keys(b), node.lineno) for c in _codes(a)]
    return found


def test_every_producer_gives_a_listed_code_with_exactly_its_params():
    used: set[str] = set()
    for path in PRODUCERS:
        rel = path.relative_to(ROOT).as_posix()
        for code, params, line in _uses(path):
            assert code in PROBLEM_CODES, f"{rel}:{line}: {code!r} is not in core.problems.PROBLEM_CODES"
            if params is not None:
                assert params == set(PROBLEM_CODES[code]), f"{rel}:{line}: {code} params {params}"
            used.add(code)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bare = [
            c.lineno
            for c in _calls(tree)
            if _name(c) == "Problem" and "code" not in {k.arg for k in c.keywords}
        ]
        assert len(bare) == WITHOUT_CODE.get(rel, 0), f"{rel}: Problem(...) without a code on lines {bare}"
    assert used == set(PROBLEM_CODES), f"codes no producer gives: {set(PROBLEM_CODES) - used}"


# --- real bad files: every problem has a code, and its Finnish text -----------------------------


def _bad_survey(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        "Vastaustunnus;Asiakasnumero;Vastattu;Kuinka todennäköisesti suosittelisit meitä? (0-10)\n"
        "r-1;C1;10.1.2026 12:00;11\n"
        "r-2;;10.1.2026 12:01;9\n"
        "r-3;C3;eilen;8\n"
        "r-4;C4;10.1.2026 12:03;paljon\n"
        "r-1;C5;10.1.2026 12:04;7\n",
        encoding="utf-8",
    )
    return path


def test_a_bad_survey_file_has_finnish_reasons(tmp_path):
    from surveys import importer

    checked = importer.check(importer.preview_file(_bad_survey(tmp_path)))
    got = [(p.row, p.code, reason_text(p, "fi")) for p in checked.problems]
    assert got == [
        (
            2,
            "score_outside_scale",
            "Arvo ei ole NPS-asteikon 0–10 mukainen (arvoja ei muunneta asteikolta toiselle)",
        ),
        (3, "missing_customer_id", "Asiakastunnus puuttuu"),
        (4, "unparseable_date", "Päivämäärää ei voi tulkita"),
        (5, "not_a_score", "Ei kelvollinen NPS-vastaus (ei luku eikä tunnettu NPS-vastausvaihtoehto)"),
        (6, "duplicate_response_id", "Sama vastaustunnus riveillä 2 ja 6, mutta vastaukset eroavat"),
    ]
    assert [p.reason for p in checked.problems][:2] == [
        "outside the NPS scale 0-10 (not rescaled)",
        "missing customer id",
    ]


def test_a_broken_contacts_file_has_finnish_reasons(tmp_path):
    from pipelines.loaders import preview_load

    con = connect(tmp_path / "cx.duckdb")
    try:
        preview = preview_load(
            con,
            "contacts",
            ROOT / "tests" / "fixtures" / "systems" / "ticketing_fi_broken.csv",
            ROOT / "data" / "mappings" / "ticketing_fi.yaml",
        )
    finally:
        con.close()
    assert preview.problems and all(p.code in PROBLEM_CODES for p in preview.problems)
    fi = {p.code: reason_text(p, "fi") for p in preview.problems}
    assert fi["closed_before_opened"] == "Suljettu ennen avaamista (avattu 5.3.2026 klo 10.00)"
    assert fi["unknown_choice"].startswith("Kanava: tuntematon arvo (sallitut arvot phone, ")
    assert fi["negative_number"] == "Siirrot: arvo on negatiivinen"
    assert fi["duplicate_key"] == "Yhteydenoton tunnus: sama arvo myös rivillä 2"
    assert fi["missing_value"] == "Asiakastunnus: arvo puuttuu"
    assert fi["not_yes_no"] == "Ratkaistu: arvo ei ole kyllä/ei-tieto (kyllä/ei, yes/no, true/false, 1/0)"
    assert fi["not_a_number"] == "Siirrot: arvo ei ole luku"
    assert fi["not_whole_number"] == "Siirrot: arvon pitää olla kokonaisluku"
    assert fi["answered_before_asked"].startswith("Eskalointiin vastattu ennen sen lähettämistä (lähetetty ")
    assert fi["unparseable_time"] == (
        "Avattu: aikaa ei voi tulkita (odotettu muoto %d.%m.%Y %H:%M, %d.%m.%Y %H:%M:%S, %d.%m.%Y "
        "tai ISO 8601 (VVVV-KK-PP HH:MM:SS))"
    )


def test_hand_written_finnish_examples():
    def fi(code: str, **params) -> str:
        return reason_text(Problem(1, "", "", "x", code, params), "fi")

    assert fi("repeated_response", first_row=2, row=14) == (
        "Sama vastaustunnus ja sama vastaus riveillä 2 ja 14 (toisto, esim. yksi arvio kahdesta "
        "tilauksesta): valitse yksi kustakin toistuvasta vastauksesta, niin vastaus tuodaan kerran"
    )
    assert fi("score_outside_scale", metric="csat", low=1, high=5) == (
        "Arvo ei ole CSAT-asteikon 1–5 mukainen (arvoja ei muunneta asteikolta toiselle)"
    )
    assert fi(
        "date_order_mixed", order="dmy", other_order="mdy", evidence_row=4, evidence_value="13/02/2026"
    ) == (
        "Päivämäärää ei voi tulkita: arvo sopii vain muotoon kuukausi/päivä/vuosi (amerikkalainen), "
        "mutta rivin 4 arvo 13/02/2026 sopii vain muotoon päivä/kuukausi/vuosi. Sarakkeessa on "
        "kumpaakin muotoa: korjaa tiedosto tai valitse päivämäärien muoto"
    )
    # numbers in Finnish notation (non-breaking space between thousands)
    assert fi("more_problems", count=12_345) == f"Lisäksi 12{NBSP}345 ongelmaa, joita ei ole listattu"
    assert fi("implausibly_large", field="transfers", limit=1_000_000) == (
        f"Siirrot: epäuskottavan suuri arvo (yli 1{NBSP}000{NBSP}000)"
    )
    assert fi("too_many_rows", file="iso.csv", rows=2_000_001, limit=2_000_000) == (
        f"Tiedostossa iso.csv on 2{NBSP}000{NBSP}001 riviä, kun enimmäismäärä on 2{NBSP}000{NBSP}000"
    )
    assert reason_text(Problem(1, "", "", "missing customer id", "missing_customer_id"), "en") == (
        "missing customer id"
    )
    # no code (or an unknown one): the English reason, never a gap
    assert reason_text(Problem(0, "", "", "no responses to import"), "fi") == "no responses to import"


def test_the_finnish_table_and_download_have_finnish_headers_and_safe_cells():
    problems = [
        Problem(2, "=Asiakas", '=HYPERLINK("x")', "missing customer id", "missing_customer_id"),
        Problem(0, "", "", "x", "file_empty", {"file": "=evil.csv"}),
    ]
    frame = problem_frame(problems, 500, "fi")
    assert list(frame.columns) == ["Rivi", "Sarake", "Arvo", "Syy"]
    assert frame.iloc[0]["Arvo"] == '=HYPERLINK("x")'  # the table shows the data as it is
    rows = list(csv.reader(io.StringIO(problem_report_csv(problems, "fi"))))
    assert rows[0] == ["Rivi", "Sarake", "Arvo", "Syy"]
    assert rows[1] == ["2", "'=Asiakas", '\'=HYPERLINK("x")', "Asiakastunnus puuttuu"]
    assert rows[2][3] == "Tiedosto =evil.csv on tyhjä"
    english = list(csv.reader(io.StringIO(problem_report_csv(problems, "en"))))
    assert english[0] == ["row", "column", "value", "reason"]  # the CLI's column names
    assert english[1][3] == "missing customer id"


def test_the_cli_report_stays_english():
    from core.problems import report_csv

    rows = list(
        csv.reader(
            io.StringIO(report_csv([Problem(2, "a", "", "missing customer id", "missing_customer_id")]))
        )
    )
    assert rows == [["row", "column", "value", "reason"], ["2", "a", "", "missing customer id"]]


# --- the Finnish Upload page ---------------------------------------------------------------------


def test_the_finnish_upload_page_shows_finnish_reasons(writable_db, tmp_path, monkeypatch):
    from dashboard import i18n

    at = app_pages.open_page("upload", {"lang": "fi"})
    # AppTest calls the radios' format_func outside the run, where the page's language is unknown
    monkeypatch.setattr(i18n, "lang", lambda: "fi")
    at.file_uploader(key="upl_survey_file_0").set_value(
        ("bad.csv", _bad_survey(tmp_path).read_bytes(), "text/csv")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    problems = app_pages.frame(at, "Syy")
    assert list(problems.columns) == ["Rivi", "Sarake", "Arvo", "Syy"]
    reasons = list(problems["Syy"])
    assert "Asiakastunnus puuttuu" in reasons
    assert "Arvo ei ole NPS-asteikon 0–10 mukainen (arvoja ei muunneta asteikolta toiselle)" in reasons
    assert not any("missing" in r or "outside" in r for r in reasons)
    assert problems.iloc[0]["Arvo"] == "11"


# --- a file refused before it is read (core.reading, core.compressed) ------------------------------


def test_refused_files_carry_their_code_and_read_in_finnish(tmp_path):
    import gzip
    import zipfile

    from core.reading import FileRejectedError, Limits
    from core.table_reader import read_table
    from dashboard.upload.problem_text import rejection_text
    from surveys.importer import read_file

    empty = tmp_path / "tyhjä.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "kuva.csv"
    binary.write_bytes(b"a,b\n\x01\x02\x03\x04\x05\x06\x07\x08" * 50)
    two = tmp_path / "kaksi.zip"
    with zipfile.ZipFile(two, "w") as zf:
        zf.writestr("a.csv", "x\n1\n")
        zf.writestr("b.csv", "x\n2\n")
    nested = tmp_path / "sisäkkäin.csv.gz"
    nested.write_bytes(gzip.compress(gzip.compress(b"x\n1\n")))
    cases = [
        (lambda: read_table(empty, None, Limits()), "file_empty", "Tiedosto tyhjä.csv on tyhjä"),
        (
            lambda: read_table(binary, None, Limits()),
            "control_characters",
            "Tiedostossa kuva.csv on ohjausmerkkejä",
        ),
        (lambda: read_file(two, None, Limits()), "zip_many_files", "Zip-paketissa kaksi.zip on 2 tiedostoa"),
        (
            lambda: read_file(nested, None, Limits()),
            "nested_archive",
            "Tiedostossa sisäkkäin.csv.gz on toinen pakattu",
        ),
    ]
    for read, code, finnish in cases:
        with pytest.raises(FileRejectedError) as refused:
            read()
        assert refused.value.code == code
        assert rejection_text(refused.value, "fi").startswith(finnish)
        assert rejection_text(refused.value, "en") != rejection_text(refused.value, "fi")
    assert rejection_text(FileRejectedError("x.csv: something new"), "fi") == "x.csv: something new"


def test_the_finnish_upload_page_says_why_a_file_was_refused_in_finnish(writable_db, tmp_path, monkeypatch):
    from dashboard import i18n

    at = app_pages.open_page("upload", {"lang": "fi"})
    monkeypatch.setattr(i18n, "lang", lambda: "fi")
    at.file_uploader(key="upl_survey_file_0").set_value(("tyhjä.csv", b"", "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("Tiedosto hylättiin: Tiedosto tyhjä.csv on tyhjä" in e for e in errors), errors
