"""Chinese full-text search on Whoosh (derived from SQLite; rebuildable at any time)."""
