"""`voyager report RUN_DIR`: write plots and a Markdown summary of a run."""

from __future__ import annotations

import argparse

from voyager.learner.report import write_report


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="write plots (unique items, tech tree, tokens) and a Markdown summary of a run",
        description="Write unique_items.png, tech_tree.png, tokens.png and report.md for RUN_DIR.",
    )
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a run directory")
    parser.add_argument("--out", metavar="DIR", help="output folder (default RUN_DIR/report)")
    return parser


def run(args: argparse.Namespace) -> int:
    for path in write_report(args.run_dir, args.out):
        print(path)
    return 0
