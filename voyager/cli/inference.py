"""`voyager inference`: solve a goal with a learned skill library."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="solve a goal with a learned skill library",
        description="Decompose GOAL into subgoals and solve them in order with the skills of --library.",
    )
    add_config_options(parser)
    parser.add_argument("goal", help='the goal, e.g. "Craft a diamond pickaxe"')
    parser.add_argument("--library", required=True, metavar="DIR", help="a run directory or library folder")
    parser.add_argument("--run-dir", metavar="DIR", help="where to write this inference run")
    return parser


def run(args: argparse.Namespace) -> int:
    return not_yet("`voyager inference`", 9)
