"""Deskbook's shipped resources (demo knowledge base, document templates, translations, style sheet, icon).

This folder installs as the package ``app.resources`` (see pyproject.toml); read it through ``app.paths``.
"""
