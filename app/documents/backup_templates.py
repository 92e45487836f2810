"""Backups as the front ends see them: a restore checks the document templates in the backup like any template.

``app.backup`` sits below the documents and takes the check as a parameter; these wrappers give it the letter's
own check (run in a helper process with memory and time limits). The facade re-exports them.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.backup import BackupError, RestoreResult, prepare_data_dir
from app.backup import inspect_backup as _inspect_backup
from app.backup import restore as _restore

__all__ = ["BackupError", "check_letter_template", "inspect_backup", "prepare_data_dir", "restore"]


def check_letter_template(template: Path) -> None:
    """Raises LetterTemplateError (a ValueError) when the letter template cannot be used."""
    from app.documents.letter_docx import check_letter_template_isolated  # docx and lxml load only when needed

    check_letter_template_isolated(template)


def inspect_backup(path: Path | str) -> dict:
    """The manifest of a usable backup (see :func:`app.backup.inspect_backup`); raises BackupError."""
    return _inspect_backup(path, check_template=check_letter_template)


def restore(data_dir: Path | str, path: Path | str, *, now: datetime | None = None) -> RestoreResult:
    """Restore a backup (see :func:`app.backup.restore`), its letter template checked like any template."""
    return _restore(data_dir, path, now=now, check_template=check_letter_template)
