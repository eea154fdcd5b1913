"""The four agents (action, curriculum, critic, skill describer) and their helpers."""

from voyager.agents.action import ActionAgent, ProgramParseError, load_primitive_docs
from voyager.agents.critic import Critic, Verdict
from voyager.agents.curriculum import CurriculumAgent, CurriculumError
from voyager.agents.describer import SkillDescriber
from voyager.agents.factory import Agents, build_agents
from voyager.agents.parsing import ParseError, extract_json, extract_program
from voyager.agents.program import Program
from voyager.agents.qa import CurriculumQA, QACache
from voyager.agents.sources import CurriculumExhausted
from voyager.agents.templates import Templates

__all__ = ["ActionAgent", "Agents", "Critic", "CurriculumAgent", "CurriculumError", "CurriculumExhausted",
           "CurriculumQA", "ParseError", "Program", "ProgramParseError", "QACache", "SkillDescriber", "Templates",
           "Verdict", "build_agents", "extract_json", "extract_program", "load_primitive_docs"]
