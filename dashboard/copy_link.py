"""A link shown whole with a Copy button: a tiny st.components.v2 component instead of st.code,
whose syntax highlighter costs a new browser tab about 0.2 s (`python -m bench.browser_floor`).

The link text is set with textContent (never HTML). The button copies with the Clipboard API
where the browser allows it (https, localhost) and otherwise selects the text and asks the
browser to copy it; either way the button says whether it worked.
"""

from __future__ import annotations

import streamlit as st

COMPONENT = "cx_copy_link"

CSS = """
.cx-copy { display: flex; gap: 0.5rem; align-items: flex-start; flex-wrap: wrap; }
.cx-copy a { flex: 1 1 18rem; min-width: 0; overflow-wrap: anywhere; font-family: "Source Code Pro",
  monospace; font-size: 0.85rem; background: #f0f2f6; border-radius: 0.5rem; padding: 0.5rem 0.75rem;
  color: #31333f; text-decoration: none; }
.cx-copy button { font: inherit; font-size: 0.875rem; padding: 0.4rem 0.9rem; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); background: #fff; color: #31333f; cursor: pointer; }
.cx-copy button:hover { border-color: #1c5fb8; color: #1c5fb8; }
"""

JS = """
export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector(":scope > .cx-copy");
  if (!box) {
    box = document.createElement("div");
    box.className = "cx-copy";
    parentElement.appendChild(box);
  }
  box.replaceChildren();
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.url;
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = data.copy;
  button.addEventListener("click", async () => {
    let done = false;
    try {
      await navigator.clipboard.writeText(data.url);
      done = true;
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(link);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      done = document.execCommand && document.execCommand("copy");
    }
    button.textContent = done ? data.copied : data.failed;
  });
  box.append(link, button);
}
"""


def show(url: str, *, key: str, copy: str, copied: str, failed: str) -> None:
    """The link ``url`` and a button labelled ``copy`` (then ``copied`` or ``failed``)."""
    mount = st.components.v2.component(COMPONENT, css=CSS, js=JS, isolate_styles=False)
    mount(data={"url": url, "copy": copy, "copied": copied, "failed": failed}, key=key)
