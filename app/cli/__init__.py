"""The ``deskbook`` command: the GUI by default, subcommands for scripting.

Each module in this package registers its subcommands; the handlers are thin and call :mod:`app.services`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import articles, curation, reminders
from app.cli import backup
from app.cli import records
from app.cli.common import CommandError
from app.store.errors import StorageError

COMMAND_MODULES = [articles, reminders, curation, backup, records]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deskbook",
        description="Deskbook: knowledge base and reply scripts for support teams. Without a command, starts the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"deskbook {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data directory (default: $DESKBOOK_DATA_DIR or the user data dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command is None:
        from app.ui.launch import launch_gui  # Qt is imported only when the GUI starts

        return launch_gui(args.data_dir)
    try:
        return args.handler(args) or 0
    except CommandError as error:
        print(f"deskbook: {error}", file=sys.stderr)
        return error.exit_code
    except StorageError as error:  # read-only, full or failing disk: the message says what to do
        print(f"deskbook: {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("deskbook: interrupted", file=sys.stderr)
        return 130
