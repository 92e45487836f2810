"""The frozen executable's entry point (PyInstaller runs this file as ``__main__``).

It also answers ``deskbook -m app.search.build_worker JOB``: a large index rebuild starts ``sys.executable -m
app.search.build_worker`` as a helper process, and in a bundle ``sys.executable`` is this program, not Python.
"""

from __future__ import annotations

import sys
import warnings

BUILD_WORKER = ["-m", "app.search.build_worker"]


def run() -> int:
    # The bundle leaves Pillow out (packaging/deskbook.spec): fpdf2 then warns on import that it cannot add images,
    # which Deskbook's documents never do.
    warnings.filterwarnings("ignore", message="Pillow could not be imported")
    if sys.argv[1:3] == BUILD_WORKER and len(sys.argv) == 4:
        from app.search.build_worker import main as build_worker

        return build_worker(sys.argv[3])
    from app.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
