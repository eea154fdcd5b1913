"""Build the loop's parts from a config: the one place that constructs services."""

from __future__ import annotations

import contextlib
from pathlib import Path

from voyager.config import Config
from voyager.learner.loop import Components
from voyager.learner.rundir import RunDir


def build_components(config: Config, run: RunDir, *, library_path: Path | None = None,
                     readonly_library: bool = False, env=None) -> Components:
    """LLM clients and ledger, the four agents, the skill library and the environment.

    `env`: an environment that is already running (tests share one world per session);
    without it a MinecraftEnv is built from the config.
    """
    from voyager.agents import build_agents
    from voyager.env import MinecraftEnv
    from voyager.library import SkillLibrary
    from voyager.llm import Ledger, build_clients

    ledger = Ledger(run.llm_log, config.llm.prices, config.llm.budget)
    clients = build_clients(config.llm, ledger)
    library = SkillLibrary.open(library_path or run.library_dir, embedding=config.library.embedding,
                                readonly=readonly_library)
    try:
        agents = build_agents(config, clients, embed=library.embed, qa_folder=run.qa_dir,
                              known_functions=lambda: library.programs().keys())
        if env is None:
            env = MinecraftEnv(config, run_dir=run.root)
    except BaseException:
        library.close()
        raise
    return Components(env=env, curriculum=agents.curriculum, action=agents.action, critic=agents.critic,
                      describer=agents.describer, library=library, ledger=ledger)


def close_components(parts: Components | None) -> None:
    if parts is None:
        return
    for closer in (getattr(parts.env, "close", None), getattr(parts.library, "close", None)):
        if closer:
            # Closing must not mask the error that ended the run.
            with contextlib.suppress(Exception):
                closer()


def describe_totals(ledger) -> str:
    totals = ledger.totals()
    return f"{totals.get('tokens', 0)} tokens, ${totals.get('cost', 0.0):.4f}"
