"""`voyager learn`: run the lifelong-learning loop, or `--resume` a run."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from voyager.cli.common import add_config_options, config_from_args
from voyager.config import ROLES, Config, apply_overrides
from voyager.errors import ConfigError, LLMError

if TYPE_CHECKING:
    from voyager.learner.checkpoint import LearnerState
    from voyager.learner.rundir import RunDir


def register(subparsers: argparse._SubParsersAction, name: str) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help="run the lifelong-learning loop on the embedded world (or a real server)",
        description="Propose tasks, write and refine skills, and grow the skill library. "
        "Stop any time with Ctrl-C; continue with --resume RUN_DIR.",
    )
    add_config_options(parser)
    parser.add_argument("--run-dir", metavar="DIR", help="run directory (default runs/<timestamp>-<name>)")
    parser.add_argument("--resume", metavar="RUN_DIR", help="continue the run in RUN_DIR (its saved config; "
                        "--set still applies on top)")
    parser.add_argument("--max-iterations", type=int, metavar="N", help="stop after N iterations in all")
    return parser


def check_llm_configured(config: Config) -> None:
    """Fail before anything starts when a role has neither an endpoint nor a key."""
    for role in ROLES:
        settings = config.llm.for_role(role)
        if settings.base_url is None and not os.environ.get(settings.api_key_env):
            raise LLMError(
                f"no LLM configured for role {role}: export {settings.api_key_env}=<key> for OpenAI, or point "
                "every role at a local OpenAI-compatible server with "
                "--set llm.base_url=http://127.0.0.1:11434/v1 --set llm.model=<model> (Ollama, llama.cpp, vLLM)"
            )


def _resolve(args: argparse.Namespace):
    from voyager.learner.rundir import RunDir

    if args.resume:
        if args.run_dir or args.config:
            raise ConfigError("--resume uses the run's saved config; drop --run-dir/--config (use --set to adjust)")
        run = RunDir.open(args.resume)
        config = run.load_config()
        config = apply_overrides(config, args.overrides)
    else:
        config = config_from_args(args)
        run = None
    if args.max_iterations is not None:
        if args.max_iterations < 0:
            raise ConfigError("--max-iterations must be >= 0")
        config.learner.max_iterations = args.max_iterations
    return config, run


def run(args: argparse.Namespace) -> int:
    from voyager.learner.rundir import RunDir

    config, run_dir = _resolve(args)
    check_llm_configured(config)
    if run_dir is None:
        run_dir = RunDir.create(config, args.run_dir)
        _start_library(config, run_dir)
    else:
        run_dir.save_config(config)
    # From here on the run directory exists: a Ctrl-C at any moment (also while the world and
    # the bridge start, or while they stop) leaves a run that resumes, and we say how.
    try:
        print(f"voyager: run directory {run_dir.root}", file=sys.stderr)
        state, totals = _learn(config, run_dir)
    except KeyboardInterrupt:
        print(f"voyager: stopped; resume with `voyager learn --resume {run_dir.root}`", file=sys.stderr)
        return 130
    if state is None:
        return 1
    print(f"voyager: {state.iteration} iterations, {len(state.completed_tasks)} completed, "
          f"{len(state.failed_tasks)} failed; {totals}; stopped: {state.finished_reason}", file=sys.stderr)
    return 0


def _library_path(source: str):
    from voyager.library import resolve_library_dir

    return resolve_library_dir(source)


def _start_library(config: Config, run_dir) -> None:
    """Copy-on-write start from an existing library: its files are copied; the index is rebuilt."""
    if not config.library.start_from or config.library.start_mode != "copy":
        return
    from voyager.library import SkillLibrary

    source = _library_path(config.library.start_from)
    if not source.is_dir():
        raise ConfigError(f"library.start_from {config.library.start_from} does not exist")
    SkillLibrary.copy_from(source, run_dir.library_dir)


def _learn(config: Config, run_dir: RunDir) -> tuple[LearnerState | None, str]:
    """The learner on `run_dir` until it stops: (state or None, totals line)."""
    from voyager.learner.loop import Learner
    from voyager.learner.progress import make_progress
    from voyager.learner.rundir import RunLock
    from voyager.learner.wiring import build_components, close_components, describe_totals

    parts = None
    state = None
    progress = make_progress(config.learner.progress)
    with RunLock(run_dir):
        try:
            readonly = config.library.start_from is not None and config.library.start_mode == "readonly"
            library_path = _library_path(config.library.start_from) if readonly else None
            parts = build_components(config, run_dir, library_path=library_path, readonly_library=readonly)
            progress.update(run=str(run_dir.root))
            learner = Learner(config, run_dir, parts, progress)
            state = learner.learn(config.learner.max_iterations)
        finally:
            progress.close()
            totals = describe_totals(parts.ledger) if parts else ""
            if parts and config.learner.progress != "json":
                print(parts.ledger.summary(), file=sys.stderr)
            close_components(parts)
    return state, totals
