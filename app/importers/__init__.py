"""Importers: each source yields raw rows with their place in the file; ``records`` validates them."""

from app.importers.report import ImportReport, RefusedRow
from app.importers.sources import ImportSourceError, read_source

__all__ = ["ImportReport", "ImportSourceError", "RefusedRow", "read_source"]
