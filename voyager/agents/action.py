"""The action agent: writes a mineflayer program for the task (Voyager's iterative prompting).

System prompt: rules, the control primitives' docs (`skills/*.md`, verbatim) and the retrieved
skills' code. User message: the last round's code, execution error, chat log and the world
state (see rendering.py). The program is extracted and checked by parsing.py; when that fails
the model is asked again with the parse error (up to `max_parse_retries` times).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from voyager.agents.parsing import ParseError, explain_undefined, extract_program, undefined_calls
from voyager.agents.program import Program
from voyager.agents.rendering import render_action_message
from voyager.agents.templates import Templates
from voyager.errors import VoyagerError
from voyager.paths import skills_dir

__all__ = ["ActionAgent", "Program", "ProgramParseError", "load_primitive_docs", "primitive_names"]

log = logging.getLogger(__name__)


class ChatModel(Protocol):
    def chat(self, messages: list[dict[str, Any]], *, json_mode: bool = False) -> str: ...


class ProgramParseError(VoyagerError):
    """The model gave no usable program, even after being re-asked with the parse error."""


def load_primitive_docs(folder: Path | None = None) -> str:
    """Every primitive's doc (`skills/<name>.md`, private `_*.md` and README excluded), sorted by name."""
    folder = Path(folder) if folder is not None else skills_dir()
    docs = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name.startswith("_") or path.stem.lower() == "readme":
            continue
        docs.append(path.read_text(encoding="utf-8").strip())
    return "\n\n".join(docs) if docs else "(no control primitives documented)"


def primitive_names(folder: Path | None = None) -> list[str]:
    """The primitives' function names (one `skills/<name>.md` per public primitive)."""
    folder = Path(folder) if folder is not None else skills_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.md") if not p.name.startswith("_") and p.stem.lower() != "readme")


def render_skills(skills: Sequence[Any]) -> str:
    """Retrieved skills as code, each headed by its description as a comment."""
    parts = []
    for skill in skills:
        description = " ".join(str(getattr(skill, "description", "") or "").split())
        header = f"// {getattr(skill, 'name', '')}: {description}\n" if description else ""
        parts.append(f"{header}{str(getattr(skill, 'code', '')).strip()}")
    return "\n\n".join(parts) if parts else "(none yet)"


class ActionAgent:
    """Proposes a Program for a task. It gets its LLM client and templates; it builds no services."""

    def __init__(self, llm: ChatModel, templates: Templates, *, primitive_docs: str | None = None,
                 max_parse_retries: int = 2, version: str = "1.19.2", chat_log: bool = True,
                 execution_error: bool = True, known_functions: Callable[[], Iterable[str]] | None = None,
                 primitives: Iterable[str] | None = None) -> None:
        """`known_functions` returns the learned skills' names (e.g. `lambda: library.programs()`);
        given it, calls to names defined nowhere (hallucinated helpers) are sent back to the model
        like parse errors. Without it only `sleep` and `require` are checked."""
        self.llm = llm
        self.templates = templates
        self.primitive_docs = primitive_docs if primitive_docs is not None else load_primitive_docs()
        self.primitives = set(primitives) if primitives is not None else set(primitive_names())
        self.max_parse_retries = max_parse_retries
        self.version = version
        self.chat_log = chat_log
        self.execution_error = execution_error
        self.known_functions = known_functions
        self.last_messages: list[dict[str, Any]] = []  # the conversation of the last propose(), for logs

    def system_message(self, retrieved_skills: Sequence[Any] = ()) -> str:
        return self.templates.render(
            "action_system", version=self.version, primitives=self.primitive_docs,
            programs=render_skills(retrieved_skills),
            response_format=self.templates.text("action_response_format").strip(),
        )

    def _known(self, retrieved_skills: Sequence[Any]) -> set[str] | None:
        if self.known_functions is None:
            return None
        return self.primitives | set(self.known_functions()) | {str(getattr(s, "name", "")) for s in retrieved_skills}

    def user_message(self, *, task: str, context: str | None, observation: dict[str, Any],
                     events: list[dict[str, Any]] | None, last_code: str | None, critique: str | None) -> str:
        return render_action_message(observation=observation or {}, events=events, task=task, context=context,
                                     last_code=last_code, critique=critique, chat_log=self.chat_log,
                                     execution_error=self.execution_error)

    def propose(self, *, task: str, context: str | None, observation: dict[str, Any],
                events: list[dict[str, Any]] | None, last_code: str | None, critique: str | None,
                retrieved_skills: Sequence[Any] = ()) -> Program:
        """Ask the model for a program; re-ask with the parse error until one parses.

        Raises ProgramParseError after `max_parse_retries` re-asks.
        """
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": self.system_message(retrieved_skills)},
            {"role": "user", "content": self.user_message(task=task, context=context, observation=observation,
                                                          events=events, last_code=last_code, critique=critique)},
        ]
        self.last_messages = messages
        error = ""
        flagged: Program | None = None  # parsed, but calls undefined names
        known = self._known(retrieved_skills)
        for attempt in range(self.max_parse_retries + 1):
            answer = self.llm.chat(messages)
            try:
                program = extract_program(answer)
                missing = undefined_calls(program.code, known)
                if not missing:
                    return program
                flagged = program
                raise ParseError(explain_undefined(missing, known))
            except ParseError as exc:
                error = str(exc)
                log.info("action answer %d for %r unusable: %s", attempt + 1, task, error)
                messages = [*messages, {"role": "assistant", "content": answer},
                            {"role": "user", "content": self.templates.render("action_parse_retry", error=error)}]
                self.last_messages = messages
        if flagged is not None:
            # The call check is advisory: run the last program that parsed and let the bridge report.
            return flagged
        raise ProgramParseError(f"the action model gave no usable program for {task!r} after "
                                f"{self.max_parse_retries + 1} answers: {error}")
