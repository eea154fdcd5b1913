"""The action agent: prompts from templates and the observation; parse errors are re-asked."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.agents.helpers import FakeLLM, observation
from voyager.agents.action import ActionAgent, ProgramParseError, load_primitive_docs
from voyager.agents.templates import Templates
from voyager.config import Budget
from voyager.llm import Ledger, LLMClient

GOOD = "Plan: mine.\n```javascript\nasync function mineThreeOakLogs(bot) {\n  await mineBlock(bot, 'oak_log', 3);\n}\n```"


@dataclass
class FakeSkill:
    name: str
    code: str
    description: str


def make_agent(answers, **kw):
    llm = FakeLLM(answers)
    agent = ActionAgent(llm, Templates(), primitive_docs="## mineBlock(bot, name, count)\nMines blocks.", **kw)
    return agent, llm


def propose(agent, **kw):
    args = {"task": "Mine 3 oak logs", "context": "", "observation": observation(), "events": [],
            "last_code": None, "critique": None, "retrieved_skills": []}
    args.update(kw)
    return agent.propose(**args)


def test_system_prompt_has_rules_primitive_docs_and_retrieved_skills():
    agent, llm = make_agent([GOOD])
    skills = [FakeSkill("craftPlanks", "async function craftPlanks(bot) { await craftItem(bot, 'oak_planks', 1) }",
                        "Crafts planks from a log.")]
    program = propose(agent, retrieved_skills=skills)
    assert program.main_function == "mineThreeOakLogs" and program.exec_code == "await mineThreeOakLogs(bot);"
    system, user = llm.calls[0]
    assert system["role"] == "system" and user["role"] == "user"
    assert "## mineBlock(bot, name, count)\nMines blocks." in system["content"]
    assert "// craftPlanks: Crafts planks from a log.\nasync function craftPlanks(bot)" in system["content"]
    assert "Minecraft Java Edition 1.19.2" in system["content"]
    assert "RESPONSE FORMAT:\nExplain: ..." in system["content"]
    assert "$" not in system["content"].replace("${", "")  # every placeholder filled
    assert "Task: Mine 3 oak logs" in user["content"] and "Inventory (10/36)" in user["content"]


def test_parse_error_is_sent_back_instead_of_reparsing():
    broken = "```javascript\nasync function mineLogs(bot) {\n  if (x {\n}\n```"
    agent, llm = make_agent(["I would mine the logs.", broken, GOOD], max_parse_retries=2)
    program = propose(agent)
    assert program.main_function == "mineThreeOakLogs"
    assert len(llm.calls) == 3
    second = llm.calls[1]
    assert second[-2] == {"role": "assistant", "content": "I would mine the logs."}
    assert "no JavaScript code" in second[-1]["content"]
    third = llm.calls[2]
    assert "SyntaxError at line 2" in third[-1]["content"] and third[-2]["content"] == broken


def test_gives_up_after_max_parse_retries():
    agent, llm = make_agent(["no code", "still none"], max_parse_retries=1)
    with pytest.raises(ProgramParseError, match="after 2 answers"):
        propose(agent)
    assert len(llm.calls) == 2


def test_primitive_docs_come_from_skills_markdown(tmp_path):
    (tmp_path / "mineBlock.md").write_text("# mineBlock\nmines\n")
    (tmp_path / "craftItem.md").write_text("# craftItem\ncrafts\n")
    (tmp_path / "_private.md").write_text("hidden")
    assert load_primitive_docs(tmp_path) == "# craftItem\ncrafts\n\n# mineBlock\nmines"


def test_over_real_http_with_the_scripted_endpoint(scripted_llm, llm_settings):
    scripted_llm.script("action", ["```js\nfunction notAsync(bot) {}\n```", GOOD])
    client = LLMClient(llm_settings("action"), Ledger(None, {}, Budget()), backoff_initial=0.01)
    agent = ActionAgent(client, Templates(), primitive_docs="docs", max_parse_retries=1)
    program = propose(agent)
    assert program.main_function == "mineThreeOakLogs"
    retry = scripted_llm.requests_for("action")[1]
    assert "no async function found" in retry.last_user


def test_calls_to_undefined_functions_are_sent_back():
    hallucinated = "```javascript\nasync function mineThreeOakLogs(bot) {\n  await collectLogs(bot, 3);\n}\n```"
    llm = FakeLLM([hallucinated, GOOD])
    agent = ActionAgent(llm, Templates(), primitive_docs="docs", primitives=["mineBlock"],
                        known_functions=lambda: ["craftPlanks"])
    assert "mineBlock" in propose(agent).code
    assert "`collectLogs` is not defined" in llm.calls[1][-1]["content"]


def test_sleep_is_flagged_even_without_the_library_and_the_check_never_blocks():
    sleepy = "```javascript\nasync function waitABit(bot) {\n  await sleep(1000);\n}\n```"
    agent, llm = make_agent([sleepy, sleepy], max_parse_retries=1)
    program = propose(agent)
    assert program.main_function == "waitABit"  # accepted after the last re-ask: the bridge will report
    assert "bot.waitForTicks" in llm.calls[1][-1]["content"]


def test_functions_defined_or_passed_around_are_not_flagged():
    code = ("```javascript\nasync function helper(bot) {}\nasync function main(bot) {\n  const f = () => 1;\n"
            "  f(); await helper(bot); Math.max(1, 2); parseInt('3'); await mineBlock(bot, 'dirt', 1);\n}\n```")
    llm = FakeLLM([code])
    agent = ActionAgent(llm, Templates(), primitive_docs="docs", primitives=["mineBlock"], known_functions=lambda: [])
    assert propose(agent).main_function == "main" and len(llm.calls) == 1
