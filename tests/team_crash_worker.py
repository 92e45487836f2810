"""A desk that syncs with the team library and is killed (SIGKILL) in the middle of it.

Run by tests/test_team_crash.py as ``python -m tests.team_crash_worker SCENARIO DATA_DIR``. Scenarios that kill
themselves do so at a precise point through a patched method; ``pull-loop`` pulls until the test kills it.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(scenario: str, data_dir: str) -> None:
    from app.services import Deskbook
    from app.team.gitrepo import TeamRepository
    from app.team.publish import Publisher
    from app.team.pull import Puller

    desk = Deskbook.open(Path(data_dir))
    desk.prepare_index()

    if scenario == "pull-mid-apply":
        # The first chunk of articles is committed; the process dies as the second chunk starts.
        original = Puller._apply_chunk
        calls = []

        def apply_chunk(self, *args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                die()
            return original(self, *args, **kwargs)

        Puller._apply_chunk = apply_chunk
        desk.team.pull()

    elif scenario == "publish-after-push":
        # The commit reached the library; the process dies before the database records it.
        Publisher.record = lambda *a, **k: die()
        desk.team.publish()

    elif scenario == "publish-before-push":
        # The commit is built in the clone; the process dies before pushing it.
        TeamRepository.push = lambda *a, **k: die()
        desk.team.publish()

    elif scenario == "pull-loop":
        # Pull again and again (the test resets the desk's sync state each time by rewinding), until killed.
        print("ready", flush=True)
        while True:
            desk.team.pull()
            with desk.team.stores.db.atomic():
                desk.team.stores.state.delete("synced_head")
            print("pulled", flush=True)

    raise SystemExit("the scenario finished without being killed")


if __name__ == "__main__":
    main(*sys.argv[1:])
