"""Where Deskbook keeps the user's data.

Resolution order: an explicit ``--data-dir``, then ``DESKBOOK_DATA_DIR``, then the platform's user data directory.
"""

from __future__ import annotations

import importlib.resources
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Deskbook"
ENV_VAR = "DESKBOOK_DATA_DIR"


def _resources_dir() -> Path:
    """The shipped resources: the package ``app.resources``, which pyproject.toml maps onto the top-level
    ``resources/`` folder, so the same lookup works in a checkout (editable install), an installed wheel and a
    PyInstaller bundle."""
    try:
        root = importlib.resources.files("app.resources")
    except ModuleNotFoundError:  # the source tree put on sys.path by hand, without an install
        return Path(__file__).resolve().parent.parent / "resources"
    # Deskbook is never imported from a zip, so the package is a folder: callers (Qt, docxtpl) need real paths.
    return Path(str(root))


RESOURCES_DIR = _resources_dir()


CACHE_ENV_VAR = "DESKBOOK_CACHE_DIR"


def cache_dir() -> Path:
    """Where derived files that can be made again live (a small copy of the Chinese font …), not the data."""
    from_env = os.environ.get(CACHE_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """The layout of one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "deskbook.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def model_dir(self) -> Path:
        """The optional meaning model (``deskbook model install``); re-installable, left out of backups."""
        return self.root / "model"

    @property
    def vectors_dir(self) -> Path:
        """Article vectors of the meaning model, derived like the index (and rebuilt from the database)."""
        return self.root / "vectors"

    @property
    def backups_dir(self) -> Path:
        return self.root / "backups"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def templates_dir(self) -> Path:
        """User-editable document templates (copied from resources on first use)."""
        return self.root / "templates"

    @property
    def instance_lock(self) -> Path:
        return self.root / "gui.lock"

    def ensure(self) -> DataPaths:
        self.root.mkdir(parents=True, exist_ok=True)
        return self
