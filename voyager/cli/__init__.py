"""The `voyager` command. Each subcommand lives in its own module with `register` and `run`.

Errors that a user can fix (VoyagerError) print as one line and exit non-zero; Ctrl-C
exits 130. Tracebacks appear only with `--debug`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from voyager import __version__
from voyager.errors import VoyagerError

# name -> module under voyager.cli; order is the order shown in --help.
SUBCOMMANDS = {
    "learn": "learn",
    "inference": "inference",
    "skills": "skills",
    "world": "world",
    "eval": "evaluate",
    "report": "report",
    "status": "status",
    "doctor": "doctor",
    "setup": "setup",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voyager",
        description="A Voyager-style lifelong-learning agent for Minecraft.",
    )
    parser.add_argument("--version", action="version", version=f"voyager {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(f"voyager.cli.{module_name}")
        sub = module.register(subparsers, name)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except VoyagerError as exc:
        if args.debug:
            raise
        print(f"voyager: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("voyager: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: still one line, with the way to see more
        if args.debug:
            raise
        logging.getLogger("voyager").debug("unexpected error", exc_info=True)
        print(f"voyager: unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
              file=sys.stderr)
        return 1
