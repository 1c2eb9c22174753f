"""The Upload page's parts (dashboard/views/upload.py composes them): surveys.py (survey exports),
systems.py (contacts, journey events, customers), history.py (import history and rollback) and
files.py (what they share: the stored upload, who imports, session memo, the refresh)."""
