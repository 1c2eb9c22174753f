"""The journey map editor's parts (dashboard/views/journey_map_editor.py composes them): state.py
(the map being edited, flash messages, validation problems in the page's terms), editors.py (one
table per section), unmapped.py (activities and reasons the map does not cover), versions.py
(history, restore, download and upload), proposals.py (proposed themes: untagged comments and notes
clustered on request, one added as a theme in one click) and proposal_theme.py (that theme's entry:
id slug, terms, checks)."""
