"""`voyager inference`: solve a goal with a learned skill library."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from voyager.cli.common import add_config_options, config_from_args
from voyager.errors import ConfigError


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="solve a goal with a learned skill library",
        description="Decompose GOAL into subgoals and solve them in order with the skills of --library "
        "(which is only read).",
    )
    add_config_options(parser)
    parser.add_argument("goal", help='the goal, e.g. "Craft a diamond pickaxe"')
    parser.add_argument("--library", required=True, metavar="DIR", help="a run directory or library folder")
    parser.add_argument("--run-dir", metavar="DIR", help="where to write this inference run")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def run(args: argparse.Namespace) -> int:
    from voyager.cli.learn import _library_path, check_llm_configured
    from voyager.learner.inference import solve_goal
    from voyager.learner.progress import make_progress
    from voyager.learner.rundir import RunDir
    from voyager.learner.wiring import build_components, close_components
    from voyager.library.store import SkillStore

    config = config_from_args(args)
    library = Path(_library_path(args.library))
    # A folder that is no library (a typo, `runs/` instead of a run) would otherwise be solved
    # with no skills at all, after starting the world for nothing.
    if not SkillStore(library).exists():
        raise ConfigError(f"--library {args.library} has no skill library; pass a run directory or library folder")
    check_llm_configured(config)
    config.learner.name = "inference"
    run_dir = RunDir.create(config, args.run_dir)
    progress = make_progress(config.learner.progress)
    parts = None
    try:
        parts = build_components(config, run_dir, library_path=library, readonly_library=True)
        result = solve_goal(args.goal, parts, config, progress)
    finally:
        progress.close()
        close_components(parts)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        for sub in result.subgoals:
            mark = "ok  " if sub.success else "FAIL"
            print(f"{mark} {sub.subgoal} ({sub.attempts} attempts, {sub.rounds} rounds)")
        print(f"{'solved' if result.success else 'not solved'}: {result.goal}")
    print(f"voyager: inference run in {run_dir.root}", file=sys.stderr)
    return 0 if result.success else 1
