"""Small presentation helpers shared by the pages: house style, print style, page headers and
tables that print whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.plain_text import escape_html
from dashboard.print_table import print_html

WRAP_ROW_HEIGHT = 74  # px: three lines of 14 px text; Streamlit wraps cells only above 64 px
PRINT_ONLY = "cx-print-only"  # class of an element shown only in print (the print copy of a table)

_SCREEN_CSS = """
  /* a product, not a notebook: no deploy button, less empty space above the title */
  [data-testid="stAppDeployButton"] { display: none; }
  [data-testid="stMainBlockContainer"] { padding-top: 4.25rem; }
  .cx-overline { color: #6b7280; font-size: 0.8rem; letter-spacing: 0.06em;
                 text-transform: uppercase; margin-bottom: -0.6rem; }
  /* the print copy of a table takes no room on screen (not even the gap between elements) */
  [data-testid="stElementContainer"]:has(.cx-print-only),
  [data-testid="stElementContainer"]:has(.cx-script) { display: none; }
  /* card (st.metric) labels wrap onto a second line instead of ending in "…" */
  [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
    height: auto !important;
  }
  [data-testid="stMetricLabel"] p { line-height: 1.3; }
  /* titles break between words only (no automatic hyphens: they split a compound that would fit
     on the next line); a word wider than the screen still breaks rather than pushing the page
     sideways */
  h1, h2, h3, h4, [data-testid="stMetricLabel"] p {
    hyphens: manual; overflow-wrap: break-word; word-break: normal;
  }
  /* a phone: titles small enough that long Finnish compounds ("Asiakaskokemuksen",
     "Yhteydenottokanavat") fit a 390 px screen on one line */
  @media (max-width: 640px) {
    [data-testid="stMainBlockContainer"] h1 { font-size: clamp(1.55rem, 7vw, 2.75rem); }
    [data-testid="stMainBlockContainer"] h2 { font-size: clamp(1.3rem, 5.6vw, 2.25rem); }
    [data-testid="stMainBlockContainer"] h3 { font-size: clamp(1.15rem, 4.8vw, 1.75rem); }
  }
"""

# Print (A4): the page's content only, at the paper's width, every row of every table.
# Widgets are hidden by their element container so no empty gap is left where they stood.
_WIDGETS = ", ".join(
    f'[data-testid="stElementContainer"]:has([data-testid="{w}"])'
    for w in (
        "stButton", "stDownloadButton", "stLinkButton", "stFormSubmitButton", "stPopover",
        "stSelectbox", "stMultiSelect", "stTextInput", "stTextArea", "stNumberInput",
        "stDateInput", "stTimeInput", "stDateTimeInput", "stRadio", "stCheckbox", "stSlider",
        "stButtonGroup", "stFileUploader", "stColorPicker", "stCameraInput", "stChatInput",
        "stPageLink",
    )
)  # fmt: skip
_PRINT_CSS = f"""
  @page {{ size: A4; margin: 12mm 11mm; }}
  @media print {{
    [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
    [data-testid="stExpandSidebarButton"], [data-testid="stHeader"], header.stAppHeader,
    [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stBottom"],
    [data-testid="stSkipToContent"], [data-testid="stStatusWidget"], [data-testid="stToastContainer"],
    [data-testid="stDialog"], div[data-baseweb="modal"], [role="dialog"], [data-testid="stForm"],
    [data-testid="stElementToolbar"],
    [data-testid="stExpander"]:has(> details:not([open])),
    {_WIDGETS},
    [data-testid="stElementContainer"]:has([data-testid="stDataFrame"]):has(+ * .cx-print-only) {{
      display: none !important;
    }}
    [data-testid="stElementContainer"]:has(.cx-print-only) {{ display: block !important; }}
    html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"],
    [data-testid="stMain"], [data-testid="stMainBlockContainer"] {{
      height: auto !important; min-height: 0 !important; overflow: visible !important;
      position: static !important;
    }}
    [data-testid="stMain"] {{ margin: 0 !important; width: 100% !important; }}
    [data-testid="stMainBlockContainer"] {{
      padding: 0 !important; max-width: 100% !important; width: 100% !important;
    }}
    html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
      background: #fff !important;
    }}
    body {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
    /* a chart drawn wider than the paper is scaled to its width (see _FIT_CHARTS_JS) */
    .cx-print-fit .svg-container {{
      width: min(100%, var(--cx-width)) !important; height: auto !important;
      aspect-ratio: var(--cx-ratio);
    }}
    .cx-print-fit svg.main-svg {{ width: 100% !important; height: 100% !important; }}
    /* a Vega-Lite chart's SVG has a viewBox of its own: it only needs to be told to shrink */
    [data-testid="stVegaLiteChart"] svg.marks {{ max-width: 100% !important; height: auto !important; }}
    /* charts and other blocks never reach past the paper's right edge */
    [data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"],
    [data-testid="stElementContainer"], [data-testid="stPlotlyChart"], .js-plotly-plot,
    [data-testid="stVegaLiteChart"] {{
      max-width: 100% !important;
    }}
    [data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"], [data-testid="stMetric"],
    [data-testid="stAlert"] {{
      break-inside: avoid;
    }}
    [data-testid="stHeading"] {{ break-after: avoid; }}
    /* expanders: the summary reads as a heading; no border, no chevron */
    [data-testid="stExpander"] details {{ border: none !important; }}
    [data-testid="stExpander"] summary {{ padding-left: 0 !important; font-weight: 600; }}
    [data-testid="stExpander"] summary svg, [data-testid="stExpander"] summary
      [data-testid="stIconMaterial"] {{ display: none !important; }}
    /* tabs: only the label of the tab that is printed */
    [data-testid="stTabs"] [role="tab"]:not([aria-selected="true"]) {{ display: none !important; }}
    [data-testid="stTooltipIcon"] {{ display: none !important; }}
    a {{ color: inherit !important; text-decoration: none !important; }}
  }}
  .cx-print-only table {{
    width: 100%; border-collapse: collapse; table-layout: auto; font-size: 8pt; line-height: 1.25;
  }}
  .cx-print-only th, .cx-print-only td {{
    border: 0.5pt solid #c8ccd2; padding: 2pt 4pt; text-align: left; vertical-align: top;
    overflow-wrap: break-word; word-break: normal; hyphens: manual;
  }}
  .cx-print-only td.cx-long {{ overflow-wrap: anywhere; }}
  .cx-print-only th {{ background: #f0f2f6; font-weight: 600; }}
  .cx-print-only thead {{ display: table-header-group; }}
  .cx-print-only tr {{ break-inside: avoid; }}
  .cx-print-only .cx-print-more {{ font-size: 8pt; color: #6b7280; margin: 2pt 0 0 0; }}
"""


# Plotly draws its SVG layers at the on-screen width in pixels, which print cannot resize. When
# the page goes to print (the browser's beforeprint, or print media emulated by a test), each chart
# gets a viewBox of its own size and the class that lets the print CSS scale it down to the paper's
# width;
# back on screen both are removed. A constant script of ours: no text from data is in it.
_FIT_CHARTS_JS = """
<div class="cx-script"></div>
<script>
(() => {
  if (window.__cxPrintFit) return;
  window.__cxPrintFit = true;
  const fit = (on) => {
    for (const plot of document.querySelectorAll(".js-plotly-plot")) {
      const layers = plot.querySelectorAll("svg.main-svg");
      const width = layers.length ? parseFloat(layers[0].getAttribute("width")) : 0;
      const height = layers.length ? parseFloat(layers[0].getAttribute("height")) : 0;
      if (!on || !(width > 0 && height > 0)) {
        plot.classList.remove("cx-print-fit");
        layers.forEach((svg) => svg.removeAttribute("viewBox"));
        continue;
      }
      layers.forEach((svg) => svg.setAttribute("viewBox", `0 0 ${width} ${height}`));
      plot.style.setProperty("--cx-ratio", `${width} / ${height}`);
      plot.style.setProperty("--cx-width", `${width}px`);
      plot.classList.add("cx-print-fit");
    }
  };
  const media = window.matchMedia("print");
  let queued = false;
  const redrawn = new MutationObserver(() => {  // a chart drawn again while in print media
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fit(media.matches); });
  });
  const toggle = (on) => {
    fit(on);
    if (on) redrawn.observe(document.body, { childList: true, subtree: true });
    else redrawn.disconnect();
  };
  window.addEventListener("beforeprint", () => toggle(true));
  window.addEventListener("afterprint", () => toggle(false));
  media.addEventListener("change", (event) => toggle(event.matches));
})();
</script>
"""


# The page's language on <html> (Streamlit always says "en"): screen readers read Finnish as
# Finnish, and the browser neither offers to translate it nor spell-checks it as English.
# A constant script of ours: the code is one of i18n.LANGS, never text from a user.
_LANG_JS = """
<div class="cx-script"></div>
<script>document.documentElement.lang = "{lang}";</script>
"""


def apply_style() -> None:
    st.html(f"<style>{_SCREEN_CSS}{_PRINT_CSS}</style>")
    st.html(_FIT_CHARTS_JS, unsafe_allow_javascript=True)
    st.html(_LANG_JS.replace("{lang}", i18n.lang()), unsafe_allow_javascript=True)


def page_header(title: str, overline: str | None = None) -> None:
    """An uppercase overline (e.g. the company) above the page title."""
    if overline:
        st.html(f'<div class="cx-overline">{escape_html(overline)}</div>')
    st.title(title, anchor=False)


def table(
    frame: pd.DataFrame,
    *,
    column_config: Mapping[Any, Any] | None = None,
    hide_index: bool = True,
    width: int | str = "stretch",
    wrap: bool = False,
    tones: Mapping[Any, Sequence[str | None]] | None = None,
    row_tones: Sequence[str | None] | None = None,
    links: Sequence[str | None] | None = None,
    **dataframe_kwargs: Any,
) -> Any:
    """A table of a page: an HTML table (dashboard.html_table: cells wrap, every row prints,
    headers sort) unless rows are selected (``on_select``), which only the grid can do.

    The grid (st.dataframe) gets a static copy of every row that only print shows (it prints just
    its visible part); cells of the copy are escaped text, never HTML or Markdown. ``tones``
    (column -> one of html_table.TONES per row) and ``row_tones`` colour cells and rows of the
    HTML table; ``links`` (one URL or None per row) make its rows links, and it then returns
    the position of the row clicked in this run (else None; see links.drill_table).
    ``height``: as html_table.payload's. ``wrap`` (grid only): rows three lines high in which
    long texts wrap instead of being cut at the column's edge."""
    if "on_select" not in dataframe_kwargs:
        from dashboard import html_table

        return html_table.show(
            frame,
            key=dataframe_kwargs.get("key"),
            column_config=column_config,
            hide_index=hide_index,
            column_order=dataframe_kwargs.get("column_order"),
            tones=tones,
            row_tones=row_tones,
            links=links,
            height=dataframe_kwargs.get("height"),
        )
    if wrap:
        dataframe_kwargs.setdefault("row_height", WRAP_ROW_HEIGHT)
    result = st.dataframe(
        frame, column_config=column_config, hide_index=hide_index, width=width, **dataframe_kwargs
    )
    print_copy(frame, column_config, hide_index=hide_index, column_order=dataframe_kwargs.get("column_order"))
    return result


def print_copy(
    frame: pd.DataFrame,
    column_config: Mapping[Any, Any] | None = None,
    *,
    hide_index: bool = True,
    column_order: Sequence[Any] | None = None,
) -> None:
    """The print copy of a grid drawn just before (st.dataframe, or st.data_editor with the frame it
    returned): hidden on screen; in print it replaces the grid."""
    body = print_html(frame, column_config, hide_index, column_order=column_order)
    st.html(f'<div class="{PRINT_ONLY}">{body}</div>')
