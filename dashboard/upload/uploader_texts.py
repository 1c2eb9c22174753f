"""The file uploaders' own texts in Finnish. Streamlit 1.67's st.file_uploader has no option for
its button ("Upload"), its limit line ("200MB per file • CSV, …") or the text shown while a file
is dragged over it ("Drag and drop a file here"), so on the Finnish page CSS hides those and shows
ours (dashboard/text/upload.py) in their place, scoped to this page's uploaders by their keys.

Each built-in text keeps its element (its colour, weight and place) with its own text hidden
(visibility: hidden, so neither shown nor part of the page's innerText) and ours as ::after.
"""

from __future__ import annotations

from dashboard import i18n
from dashboard.i18n import t
from dashboard.upload.surveys import SURVEY_TYPES

try:
    from dashboard.upload.systems import SYSTEM_TYPES
except ImportError:  # systems loading not installed: the page says so, no uploader to word
    SYSTEM_TYPES = []

YAML_TYPES = ["yaml", "yml"]  # the mapping files' uploaders (survey_mapping.py, systems.py)
# the key prefixes of the Upload page's uploaders and the file types each accepts (as Streamlit
# lists them: upper case, in the order given to st.file_uploader)
UPLOADERS: dict[str, list[str]] = {
    "upl_survey_file_": SURVEY_TYPES,
    "upl_sys_file_": SYSTEM_TYPES,
    "upl_mapfile_": YAML_TYPES,
    "upl_sys_mapping_file_": YAML_TYPES,
}
ZONE = '[data-testid="stFileUploaderDropzone"]'
BUILT_IN = {  # the element that holds each built-in text, inside the drop zone
    "button": f'{ZONE} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p',
    "limit": f'{ZONE} [data-testid="stFileUploaderDropzoneInstructions"] span',
    "drop": f"{ZONE} > div:not([data-testid]) > span",  # shown only while a file is dragged over
}


def css_string(text: str) -> str:
    """A CSS string literal of `text` (quotes, backslashes and line breaks escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


def uploader_css(limit_mb: int, lang: str | None = None) -> str:
    """The <style> that words the Upload page's uploaders in `lang` (default: the page's); empty for
    English, whose texts are Streamlit's own."""
    code = lang or i18n.lang()
    if code == "en":
        return ""
    rules = []
    for prefix, types in UPLOADERS.items():
        scope = f'[class*="st-key-{prefix}"]'
        texts = {
            "button": t("upload_uploader_button", code),
            "limit": t(
                "upload_uploader_limit", code, mb=i18n.fmt_int(limit_mb, code), types=", ".join(types).upper()
            ),
            "drop": t("upload_uploader_drop", code),
        }
        for name, selector in BUILT_IN.items():
            rules.append(
                f"{scope} {selector} {{ visibility: hidden; font-size: 0 !important; white-space: normal; "
                "overflow: visible; }"
            )
            rules.append(  # ours may wrap (the limit line on a phone), never cut off
                f"{scope} {selector}::after {{ content: {css_string(texts[name])}; visibility: visible; "
                "font-size: 0.875rem; white-space: normal; }"
            )
    return "<style>\n" + "\n".join(rules) + "\n</style>"
