"""`voyager eval`: run a fixed task suite over seeds and report iterations to success."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from voyager.cli.common import add_config_options, config_from_args
from voyager.errors import ConfigError


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="run a task suite (tech tree, zero-shot) over seeds; report iterations to success",
        description="Tech-tree suites start a learning run per seed and report when each milestone is "
        "reached; zero-shot suites solve each task with --library and report the iterations used.",
    )
    add_config_options(parser)
    parser.add_argument("--suite", default="tech_tree", help="a suite in curriculum/suites/ or a YAML path")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated world seeds (default 1,2,3)")
    parser.add_argument("--library", metavar="DIR", help="learned library (required for zero-shot suites)")
    parser.add_argument("--max-iterations", type=int, metavar="N", help="override the suite's iteration budget")
    parser.add_argument("--out", metavar="DIR", help="output folder (default runs/eval-<suite>-<timestamp>)")
    return parser


def run(args: argparse.Namespace) -> int:
    from voyager.cli.learn import _library_path, check_llm_configured
    from voyager.learner.evaluate import load_suite, run_suite, seeded
    from voyager.learner.inference import solve_goal
    from voyager.learner.loop import Learner
    from voyager.learner.progress import make_progress
    from voyager.learner.report import metrics_by_iteration
    from voyager.learner.rundir import RunDir
    from voyager.learner.wiring import build_components, close_components

    config = config_from_args(args)
    suite = load_suite(args.suite)
    try:
        seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    except ValueError:
        raise ConfigError(f"--seeds {args.seeds!r} must be comma-separated integers, e.g. 1,2,3") from None
    if suite.kind == "zero_shot" and not args.library:
        raise ConfigError(f"suite {suite.name} is zero-shot: pass --library RUN_DIR with a learned library")
    if args.max_iterations:
        suite.max_iterations = args.max_iterations
    check_llm_configured(config)
    out = Path(args.out or Path(config.learner.run_root) / f"eval-{suite.name}-{time.strftime('%Y%m%d-%H%M%S')}")
    progress = make_progress(config.learner.progress)

    def learn_one(seed: int, run_dir: Path, max_iterations: int):
        cfg = seeded(config, seed)
        cfg.learner.max_iterations = max_iterations
        run = RunDir.open(run_dir) if (run_dir / "config.yaml").is_file() else RunDir.create(cfg, run_dir)
        parts = build_components(cfg, run)
        try:
            Learner(cfg, run, parts, progress).learn(max_iterations)
        finally:
            close_components(parts)
        return metrics_by_iteration(run)

    def solve_one(seed: int, task: str, run_dir: Path, max_iterations: int):
        cfg = seeded(config, seed)
        cfg.inference.attempts_per_subgoal = max(1, max_iterations // cfg.action.max_rounds)
        run = RunDir.create(cfg, run_dir)
        parts = build_components(cfg, run, library_path=_library_path(args.library), readonly_library=True)
        try:
            result = solve_goal(task, parts, cfg, progress)
        finally:
            close_components(parts)
        return result.rounds if result.success else None

    try:
        result = run_suite(suite, seeds, out, learn_one=learn_one, solve_one=solve_one)
    finally:
        progress.close()
    table = Table(f"{suite.name} ({suite.kind})", *[f"seed {s}" for s in seeds], "iterations")
    for name, values in result.rows.items():
        table.add_row(name, *[str(v) if v is not None else "-" for v in values], dict(result.table())[name])
    Console().print(table)
    print(f"voyager: results in {out / 'results.json'}", file=sys.stderr)
    return 0
