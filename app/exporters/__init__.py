"""Exports of the knowledge base and of documents (each format in its own module)."""
