"""`voyager status`: Show a run's progress, tokens and cost."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help="Show a run's progress, tokens and cost.", description="Show a run's progress, tokens and cost.")
    add_config_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return not_yet("`voyager status`", 9)
