"""Where the shared benchmark material is: ``shared/bench`` beside the checkout (``/work/main`` → ``/work/shared``),
found upwards from this file so a worktree deeper down (``/work/wt/NAME``) finds it too."""

from __future__ import annotations

from pathlib import Path


def shared_bench_dir() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "bench"
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "shared" / "bench"
