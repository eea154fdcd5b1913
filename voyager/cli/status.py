"""`voyager status RUN_DIR`: a run's progress, tokens and cost."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.table import Table

from voyager.learner.rundir import RunDir
from voyager.learner.status import run_status


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="show a run's progress, skills, tokens and cost",
        description="Show iterations, completed/failed tasks, skills, and LLM tokens and cost per role.",
    )
    parser.add_argument("run_dir", metavar="RUN_DIR", help="a run directory")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser


def run(args: argparse.Namespace) -> int:
    status = run_status(RunDir.open(args.run_dir))
    if args.json:
        print(json.dumps(status, indent=2))
        return 0
    console = Console()
    state = "running" if status["running"] else f"stopped ({status['finished_reason'] or 'not finished'})"
    console.print(f"[bold]{status['run_dir']}[/]: {state}")
    console.print(f"iterations {status['iteration']}: {status['completed']} completed, {status['failed']} failed")
    if status["current_task"]:
        console.print(f"in progress: {status['current_task']} (round {status['current_round']})")
    console.print(f"skills ({len(status['skills'])}): {', '.join(status['skills']) or '-'}")
    table = Table("role", "calls", "tokens", "cost (USD)")
    for role, totals in status["by_role"].items():
        table.add_row(role, str(totals["calls"]), str(totals["tokens"]), f"{totals['cost']:.4f}")
    calls = sum(int(totals["calls"]) for totals in status["by_role"].values())
    table.add_row("[bold]total", str(calls), str(status["tokens"]), f"{status['cost']:.4f}")
    console.print(table)
    return 0
