"""The frozen executable's entry point (PyInstaller runs this file as ``__main__``).

It also answers the two helper processes the app starts as ``sys.executable -m MODULE …`` (in a bundle
``sys.executable`` is this program, not Python): ``-m app.search.build_worker JOB PARENT_PID`` (half of a large
index rebuild) and ``-m app.templates.isolated`` (a letter template rendered with memory and time limits).
"""

from __future__ import annotations

import sys
import warnings

BUILD_WORKER = ["-m", "app.search.build_worker"]
ISOLATED_RENDER = ["-m", "app.templates.isolated"]


def run() -> int:
    # The bundle leaves Pillow out (packaging/deskbook.spec): fpdf2 then warns on import that it cannot add images,
    # which Deskbook's documents never do.
    warnings.filterwarnings("ignore", message="Pillow could not be imported")
    if sys.argv[1:3] == BUILD_WORKER and len(sys.argv) in (4, 5):
        from app.search.build_worker import main as build_worker

        return build_worker(sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else None)
    if sys.argv[1:3] == ISOLATED_RENDER and len(sys.argv) == 3:
        from app.templates.isolated import main as isolated_render

        return isolated_render()
    from app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
