"""Options shared by several subcommands."""

from __future__ import annotations

import argparse

from voyager.config import Config, load_config


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="FILE", help="YAML file merged over configs/default.yaml")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
        help="override one config key, e.g. --set llm.model=gpt-4o-mini (repeatable)",
    )


def config_from_args(args: argparse.Namespace) -> Config:
    return load_config(args.config, args.overrides)


def not_yet(what: str, issue: int) -> int:
    """For a subcommand whose capability has not landed: say so plainly, exit 3."""
    import sys

    print(f"voyager: {what} is not implemented yet (tracked in issue {issue}).", file=sys.stderr)
    return 3
