"""Page-specific texts: one module per page, each with a STRINGS dict merged into dashboard.strings."""
