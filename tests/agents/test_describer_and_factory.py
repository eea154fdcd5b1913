"""The skill describer, the templates folder and build_agents."""

from __future__ import annotations

import pytest

from tests.agents.helpers import FakeLLM, tiny_embed
from voyager.agents import build_agents
from voyager.agents.describer import SkillDescriber
from voyager.agents.program import Program
from voyager.agents.templates import Templates
from voyager.config import load_config
from voyager.errors import ConfigError

PROGRAM = Program(code="async function mineWood(bot) {\n  await mineBlock(bot, 'oak_log', 1);\n}",
                  main_function="mineWood", exec_code="await mineWood(bot);")


def test_describer_sends_code_and_main_name_and_returns_one_line():
    llm = FakeLLM(["The function mines one oak log.\nIt uses mineBlock.  "])
    text = SkillDescriber(llm, Templates()).describe(PROGRAM)
    assert text == "The function mines one oak log. It uses mineBlock."
    system, user = llm.calls[0]
    assert "writes a description of the given function" in system["content"]
    assert user["content"].startswith(PROGRAM.code) and "The main function is `mineWood`." in user["content"]


def test_every_prompt_template_renders_with_what_the_agents_give():
    templates = Templates()
    given = {"action_system": {"version", "primitives", "programs", "response_format"},
             "action_parse_retry": {"error"}, "json_retry": {"error"}, "curriculum": {"version"},
             "curriculum_retry": {"error"}, "curriculum_qa_answer": {"version"},
             "curriculum_decompose": {"max_subgoals"}, "skill_description_user": {"code", "main_function"}}
    for name in templates.names():
        assert templates.placeholders(name) <= given.get(name, set()), name


def test_missing_template_or_value_is_a_one_line_config_error(tmp_path):
    (tmp_path / "x.txt").write_text("Hello $name")
    templates = Templates(tmp_path)
    with pytest.raises(ConfigError, match=r"uses \$name"):
        templates.render("x")
    with pytest.raises(ConfigError, match="missing"):
        templates.render("nope")


def test_build_agents_wires_roles_and_config(tmp_path):
    config = load_config(overrides=["action.max_parse_retries=4", "curriculum.retry_failed_after=9",
                                    "curriculum.qa_similarity_threshold=0.95", "inference.max_subgoals=6"])
    clients = {role: FakeLLM([]) for role in ("action", "curriculum", "curriculum_qa", "critic", "skill_description")}
    agents = build_agents(config, clients, embed=tiny_embed, qa_folder=tmp_path / "qa", primitive_docs="docs")
    assert agents.action.llm is clients["action"] and agents.action.max_parse_retries == 4
    assert agents.critic.llm is clients["critic"] and agents.describer.llm is clients["skill_description"]
    assert agents.curriculum.retry_failed_after == 9 and agents.curriculum.max_subgoals == 6
    assert agents.curriculum.qa is not None and agents.curriculum.qa.llm is clients["curriculum_qa"]
    assert agents.curriculum.qa.cache.threshold == 0.95 and (tmp_path / "qa").is_dir()
    with pytest.raises(ConfigError, match="task_file"):
        build_agents(load_config(overrides=["curriculum.mode=manual"]), clients)
    suite = build_agents(load_config(overrides=["curriculum.mode=suite", "curriculum.suite=tech_tree"]), clients)
    assert suite.curriculum.propose_next_task({}, [], [], 0)[0] == "Mine 1 wood log"
