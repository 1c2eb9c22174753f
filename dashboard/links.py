"""Links between pages that carry the language, the filters and a drill-down key in the URL."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from dashboard import filters, i18n
from dashboard.plain_text import escape_markdown

CUSTOMER_PAGE = "views/customer.py"
CUSTOMER_URL_PATH = "customer"
QP_CUSTOMER = "customer"


def shared_params() -> dict[str, list[str]]:
    """Language and filter query parameters as they stand (what a shared link must keep)."""
    return filters.query_params(filters.current())


def href(url_path: str, **extra: str) -> str:
    """A relative URL to another page with the current language, filters and ``extra`` params."""
    params = {k: v for k, v in shared_params().items() if v}
    params.update({k: [v] for k, v in extra.items() if v is not None})
    return f"{url_path}?{urlencode(params, doseq=True)}" if params else url_path


def customer_href(customer_id: str) -> str:
    """URL of the customer page for one customer (for st.column_config.LinkColumn)."""
    return href(CUSTOMER_URL_PATH, **{QP_CUSTOMER: customer_id})


def customer_link(customer_id: str, label: str | None = None) -> None:
    """An in-app link to the customer page (keeps the session, so filters stay)."""
    params = {k: v for k, v in shared_params().items() if v}
    params[QP_CUSTOMER] = [customer_id]
    st.page_link(CUSTOMER_PAGE, label=label or escape_markdown(customer_id), icon=":material/person:",
                 query_params={k: v if len(v) > 1 else v[0] for k, v in params.items()})


def open_customer(customer_id: str) -> None:
    """Switch to the customer page now (e.g. from a table row selection)."""
    params = {k: v for k, v in shared_params().items() if v}
    params[QP_CUSTOMER] = [customer_id]
    st.switch_page(CUSTOMER_PAGE, query_params={k: v if len(v) > 1 else v[0] for k, v in params.items()})


__all__ = ["customer_href", "customer_link", "open_customer", "href", "i18n"]
