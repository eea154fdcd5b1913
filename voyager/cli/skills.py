"""`voyager skills`: browse, search, export, import and serve a skill library."""

from __future__ import annotations

import argparse

from voyager.cli.common import add_config_options, not_yet


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="browse, search, export, import or serve a skill library",
        description="Work with a skill library. DIR is a run directory or a library folder.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(act: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(act, help=help_text, description=help_text)
        add_config_options(sub)
        sub.add_argument("--library", metavar="DIR", default=".", help="run directory or library folder")
        return sub

    action("list", "table of skills: name, version, task, uses, success rate")
    action("show", "one skill's code, description, lineage and calls").add_argument("name")
    action("search", "semantic search over skill descriptions").add_argument("query")
    action("export", "write the library as a Voyager-format folder or a .tar.gz archive").add_argument("dest")
    action("import", "add the skills of a Voyager-format folder or an archive").add_argument("src")
    serve = action("serve", "a local web page for browsing and searching the library")
    serve.add_argument("--port", type=int, default=8765)
    return parser


def run(args: argparse.Namespace) -> int:
    return not_yet(f"`voyager skills {args.action}`", 8)
