"""Links between pages that carry the language, the filters and a drill-down key in the URL."""

from __future__ import annotations

from urllib.parse import urlencode

from dashboard import filters

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
