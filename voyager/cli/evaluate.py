"""`voyager evaluate`: Run fixed task suites over seeds and report iterations to success."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help="Run fixed task suites over seeds and report iterations to success.", description="Run fixed task suites over seeds and report iterations to success.")
    add_config_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    return not_yet("`voyager evaluate`", 9)
