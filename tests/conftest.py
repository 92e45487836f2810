import os

# GUI tests run headless; set here so no one has to remember it on the command line.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The small copy of the Chinese font takes ~30 s of CPU to make; tests that need it make a tiny one themselves.
os.environ.setdefault("DESKBOOK_FONT_CACHE", "0")

import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

# Whoosh's RAM index spills segments to <tempdir>/MAIN.tmp — a fixed name — and deletes that folder when done, so
# test runs in parallel processes deleted each other's files ("This file is already closed"). A private temp dir
# per run keeps them apart.
tempfile.tempdir = tempfile.mkdtemp(prefix="deskbook-tests-")
atexit.register(shutil.rmtree, tempfile.tempdir, True)

from datetime import datetime, timezone  # noqa: E402

from hypothesis import settings as hypothesis_settings  # noqa: E402

# In CI every run explores the same examples, so a green main stays green; locally each run explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

import pytest  # noqa: E402

from app.services import Deskbook  # noqa: E402

FIXED_NOW = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self, now: datetime = FIXED_NOW):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def desk(clock):
    """An in-memory Deskbook with a RAM index, ready to search."""
    desk = Deskbook(None, clock=clock)
    desk.prepare_index()
    desk.reindex()
    yield desk
    desk.close()


@pytest.fixture
def disk_desk(tmp_path, clock):
    """A Deskbook on a real data directory."""
    desk = Deskbook(tmp_path / "data", clock=clock)
    desk.prepare_index()
    desk.reindex()
    yield desk
    desk.close()
