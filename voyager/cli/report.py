"""`voyager report`: Write plots and a Markdown summary of a run."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help="Write plots and a Markdown summary of a run.", description="Write plots and a Markdown summary of a run.")
    add_config_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return not_yet("`voyager report`", 9)
