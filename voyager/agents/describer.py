"""The skill describer: a short description of a new skill's main function, used for retrieval."""

from __future__ import annotations

from typing import Any

from voyager.agents.action import ChatModel
from voyager.agents.program import Program
from voyager.agents.templates import Templates

MAX_CHARS = 800


class SkillDescriber:
    """Describes a program in one line (at most ~6 sentences), as Voyager's skill manager did."""

    def __init__(self, llm: ChatModel, templates: Templates) -> None:
        self.llm = llm
        self.templates = templates

    def describe(self, program: Program) -> str:
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.templates.render("skill_description")},
            {"role": "user", "content": self.templates.render("skill_description_user", code=program.code,
                                                              main_function=program.main_function)},
        ]
        text = " ".join(self.llm.chat(messages).split())
        # Models sometimes echo the prompt's lead-in; keep the description itself.
        for prefix in ("Then you would write:", "Description:"):
            if text.lower().startswith(prefix.lower()):
                text = text[len(prefix):].strip()
        if not text:
            text = f"Runs {program.main_function}."
        return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"
