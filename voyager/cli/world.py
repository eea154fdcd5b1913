"""`voyager world`: run the embedded world alone until Ctrl-C."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="run the embedded world alone, for a human client or a script to join",
        description="Start the embedded Minecraft world and print its address and version.",
    )
    add_config_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=25565, help="port (default 25565)")
    parser.add_argument("--seed", type=int, help="terrain seed (default: world.seed)")
    parser.add_argument("--save-dir", metavar="DIR", help="folder to save the world in (default: none)")
    return parser


def run(args: argparse.Namespace) -> int:
    return not_yet("`voyager world`", 3)
