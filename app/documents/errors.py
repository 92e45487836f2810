"""Why an export could not be written: light exception types the facade re-exports to the GUI and the CLI."""

from __future__ import annotations

from pathlib import Path


class ExportExists(FileExistsError):
    """The target exists and overwriting was not asked for (``--force`` / a confirmed dialog)."""

    def __init__(self, path: Path):
        super().__init__(f"{path} 已存在；要覆盖它请加 --force")
        self.path = path


class ExportError(RuntimeError):
    """A folder export cannot go where it was asked to (not empty, not ours, not writable)."""


class FontMissing(RuntimeError):
    """No CJK font to embed in a PDF."""


class LetterTemplateError(ValueError):
    """The letter template cannot be used; the message names the template and the placeholder or syntax error."""


class EmptyPack(ValueError):
    """No article matches the pack's selection."""


class PackSelectionError(ValueError):
    """The pack's selection names something that does not exist (an unknown kind)."""
