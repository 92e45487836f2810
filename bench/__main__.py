"""``python -m bench NAME [args]``: run one benchmark (see bench/RESULTS.md for the commands and figures)."""

from __future__ import annotations

import importlib
import sys

# Subcommand name -> module with a ``main(argv) -> int``; other benchmarks add one line here.
COMMANDS: dict[str, str] = {
    "quality": "bench.search_quality",
    "speed": "bench.search_speed",
    "gui": "bench.gui_bench",
    "documents": "bench.documents_bench",
    "hotkey": "bench.hotkey_bench",
    "eval-model": "bench.eval_model",
    "tune-fusion": "bench.tune_fusion",
    "tune-lexicon": "bench.tune_lexicon",
    "meaning-speed": "bench.meaning_speed",
    "figures": "bench.figures_bench",
    "team": "bench.team_sync",
    "templates": "bench.template_render",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python -m bench {{{'|'.join(COMMANDS)}}} [args]", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]])
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main())
