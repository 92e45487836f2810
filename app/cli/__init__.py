"""The ``deskbook`` command: the GUI by default, subcommands for scripting.

Each module in this package registers its subcommands; the handlers are thin and call :mod:`app.services`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from app import __version__
from app.cli.common import CommandError, unexpected_error
from app.services import StorageError

# The modules (in app.cli) that register subcommands, imported when the parser is built: the GUI start, which needs
# none of them, does not wait for their imports (the search engine, exporters, documents: ~0.2 s).
COMMAND_MODULES: list[str | ModuleType] = [
    "articles", "reminders", "curation", "backup", "records", "system", "model", "learning", "figures", "team",
    "roles", "exports",
]


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar="DIR", help="data directory (default: $DESKBOOK_DATA_DIR or the user data dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start the window, check it opens its index and resources, then quit (for packaging)")
    parser.add_argument("--no-demo", action="store_true",
                        help="首次启动时不放入演示知识库：从空的知识库开始（之后可用 deskbook demo 放入）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deskbook",
        description="Deskbook: knowledge base and reply scripts for support teams. Without a command, starts the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"deskbook {__version__}")
    _global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        if isinstance(module, str):
            module = importlib.import_module(f"app.cli.{module}")
        module.register(sub)
    return parser


class _GuiOptionsParser(argparse.ArgumentParser):
    def error(self, message: str):  # anything unusual goes to the full parser, which explains it
        raise argparse.ArgumentError(None, message)


def gui_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The global options when ``argv`` starts the GUI (no command, no --help/--version), else None."""
    parser = _GuiOptionsParser(add_help=False, exit_on_error=False)
    _global_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None
    return None if rest else args


def main(argv: Sequence[str] | None = None) -> int:
    gui = gui_options(sys.argv[1:] if argv is None else argv)
    if gui is not None:
        logging.basicConfig(level=logging.INFO if gui.verbose else logging.WARNING,
                            format="%(levelname)s %(name)s: %(message)s")
        from app.ui.launch import launch_gui  # Qt is imported only when the GUI starts

        return launch_gui(gui.data_dir, smoke_test=gui.smoke_test, seed_demo=not gui.no_demo)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        from app.ui.launch import launch_gui

        return launch_gui(args.data_dir, smoke_test=args.smoke_test, seed_demo=not args.no_demo)
    try:
        return args.handler(args) or 0
    except CommandError as error:
        print(f"deskbook: {error}", file=sys.stderr)
        return error.exit_code
    except StorageError as error:  # read-only, full or failing disk: the message says what to do
        print(f"deskbook: {error.message_zh}\n  {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("deskbook: 已中断（interrupted）", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `deskbook … | head`: the reader has all it wanted
        # Python would report the pipe again while flushing stdout at exit; point stdout at nothing first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # no command ends in a traceback: say what happened, keep the details
        return unexpected_error(args, error)
