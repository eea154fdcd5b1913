"""Builds the four agents from a config and the per-role LLM clients (a helper for the learner's wiring)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voyager.agents.action import ActionAgent
from voyager.agents.critic import Critic
from voyager.agents.curriculum import CurriculumAgent
from voyager.agents.describer import SkillDescriber
from voyager.agents.qa import CurriculumQA, Embedder, QACache
from voyager.agents.sources import StdinTasks, TaskList, manual_tasks, suite_tasks
from voyager.agents.templates import Templates
from voyager.agents.warmup import load_warm_up
from voyager.config import Config
from voyager.errors import ConfigError


@dataclass
class Agents:
    action: ActionAgent
    curriculum: CurriculumAgent
    critic: Critic
    describer: SkillDescriber


def task_source(config: Config) -> TaskList | StdinTasks | None:
    """The fixed task source of manual/suite mode (None in auto mode)."""
    cur = config.curriculum
    if cur.mode == "manual":
        if not cur.task_file:
            raise ConfigError("curriculum.mode=manual needs curriculum.task_file (a file, or - for stdin)")
        return StdinTasks() if cur.task_file == "-" else manual_tasks(cur.task_file)
    if cur.mode == "suite":
        if not cur.suite:
            raise ConfigError("curriculum.mode=suite needs curriculum.suite (e.g. tech_tree)")
        return suite_tasks(cur.suite)
    return None


def build_agents(config: Config, clients: dict[str, Any], *, embed: Embedder | None = None,
                 qa_folder: Path | None = None, templates: Templates | None = None,
                 primitive_docs: str | None = None,
                 known_functions: Callable[[], Iterable[str]] | None = None) -> Agents:
    """The agents for a run. `clients` maps role -> LLMClient (see voyager.llm.build_clients).

    The QA step runs only when `embed` is given (its cache lives in `qa_folder`, e.g.
    `<run_dir>/curriculum/qa`; None keeps it in memory). `known_functions` (e.g.
    `lambda: library.programs()`) turns on the action agent's check for calls to undefined names.
    """
    templates = templates or Templates()
    version = config.world.version
    qa = None
    if embed is not None:
        cache = QACache(qa_folder, embed, threshold=config.curriculum.qa_similarity_threshold)
        qa = CurriculumQA(clients["curriculum_qa"], templates, cache, version=version)
    curriculum = CurriculumAgent(
        clients["curriculum"], templates, qa=qa, warm_up=load_warm_up(config.curriculum.warm_up),
        mode=config.curriculum.mode, source=task_source(config),
        retry_failed_after=config.curriculum.retry_failed_after,
        chest_when_inventory_over=config.curriculum.chest_when_inventory_over,
        max_subgoals=config.inference.max_subgoals, version=version,
    )
    return Agents(
        action=ActionAgent(clients["action"], templates, primitive_docs=primitive_docs,
                           max_parse_retries=config.action.max_parse_retries, version=version,
                           known_functions=known_functions),
        curriculum=curriculum,
        critic=Critic(clients["critic"], templates),
        describer=SkillDescriber(clients["skill_description"], templates),
    )
