"""`voyager learn`: run the lifelong-learning loop, or `--resume` a run."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, config_from_args, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="run the lifelong-learning loop on the embedded world (or a real server)",
        description="Propose tasks, write and refine skills, and grow the skill library. "
        "Stop any time with Ctrl-C; continue with --resume RUN_DIR.",
    )
    add_config_options(parser)
    parser.add_argument("--run-dir", metavar="DIR", help="run directory (default runs/<timestamp>-<name>)")
    parser.add_argument("--resume", metavar="RUN_DIR", help="continue the run in RUN_DIR")
    parser.add_argument("--max-iterations", type=int, metavar="N", help="stop after N iterations in all")
    return parser


def run(args: argparse.Namespace) -> int:
    config_from_args(args)
    return not_yet("`voyager learn`", 9)
