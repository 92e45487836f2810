"""Template rendering: reply-script placeholders and document templates (no Qt)."""
