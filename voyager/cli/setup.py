"""`voyager setup`: install the Node packages of the world and the bridge (npm ci)."""

from __future__ import annotations

import argparse

from voyager.nodejs import ensure_node_packages


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name, help="install the Node packages of env/ and bridge/ (runs npm ci once)",
        description="Check Node.js and run `npm ci` in env/ and bridge/ when needed.",
    )


def run(args: argparse.Namespace) -> int:
    for package in ("env", "bridge"):
        path = ensure_node_packages(package)
        print(f"voyager: {package}/ Node packages ready in {path}")
    return 0
