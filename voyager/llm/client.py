"""One chat client per LLM role, on the `openai` package (OpenAI-compatible endpoints and Azure).

The openai client's own retries are off (`max_retries=0`): retries are ours (see retry.py),
so every attempt is logged by the ledger and bounded by the role's `max_retries`.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

import openai

from voyager.config import ROLES, LLMConfig, ResolvedRoleLLM
from voyager.errors import LLMError
from voyager.llm.accounting import Ledger, estimate_tokens
from voyager.llm.errors import LLMRequestError
from voyager.llm.retry import BackoffWait, BadResponse, retrying

log = logging.getLogger(__name__)

# Local servers (Ollama, llama.cpp, vLLM, LM Studio) ignore the key but the client needs one.
PLACEHOLDER_KEY = "not-needed"
ROLE_HEADER = "X-Voyager-Role"
_HINTS = {
    401: "check the key in ${env}",
    403: "the key in ${env} may not access this model",
    404: "check the model name and that base_url ends in /v1",
}


class LLMClient:
    """Chat completions for one role (`settings.role`), with retries and accounting.

    `backoff_initial`/`backoff_max` shape the exponential backoff (seconds) and
    `max_retry_after` caps a server's Retry-After; `sleep` is injectable for tests.
    """

    def __init__(self, settings: ResolvedRoleLLM, ledger: Ledger, *, backoff_initial: float = 1.0,
                 backoff_max: float = 30.0, max_retry_after: float = 120.0, sleep: Any = time.sleep) -> None:
        self.settings = settings
        self.ledger = ledger
        self.role = settings.role
        self.model = settings.model
        self.endpoint = settings.base_url or "https://api.openai.com/v1"
        self.last_finish_reason: str | None = None
        self._json_mode_ok = True
        self._token_param = "max_tokens"  # newer OpenAI reasoning models want max_completion_tokens
        self._send_temperature = True  # and accept only their default temperature
        self._wait = BackoffWait(backoff_initial, backoff_max, max_retry_after)
        self._sleep = sleep
        self._client = self._make_client(settings)

    def _make_client(self, s: ResolvedRoleLLM) -> openai.OpenAI:
        key = os.environ.get(s.api_key_env) or None
        if key is None and s.base_url is None:
            raise LLMError(
                f"LLM role {s.role}: ${s.api_key_env} is unset and no base_url is configured; export "
                f"{s.api_key_env}=... or set llm.base_url (e.g. --set llm.base_url=http://127.0.0.1:11434/v1)"
            )
        common: dict[str, Any] = {
            "api_key": key or PLACEHOLDER_KEY, "timeout": s.timeout, "max_retries": 0,
            "default_headers": {ROLE_HEADER: s.role},
        }
        if s.api_version:
            if not s.base_url:
                raise LLMError(f"LLM role {s.role}: Azure OpenAI (api_version set) needs base_url "
                               "= https://<resource>.openai.azure.com")
            return openai.AzureOpenAI(azure_endpoint=s.base_url, api_version=s.api_version, **common)
        return openai.OpenAI(base_url=s.base_url, **common)

    # ------------------------------------------------------------------ public
    def chat(self, messages: list[dict[str, Any]], *, json_mode: bool = False) -> str:
        """Send `messages` (OpenAI chat format) and return the answer's text.

        Raises BudgetExceeded before the call when the budget is spent, LLMRequestError at once
        for 4xx refusals, and LLMError when retries are exhausted.
        """
        self.ledger.check_budget()
        attempt = 0

        def one_attempt() -> str:
            nonlocal attempt
            attempt += 1
            return self._attempt(messages, json_mode and self._json_mode_ok, attempt)

        try:
            for try_ in retrying(self.settings.max_retries, self._wait, self._sleep):
                with try_:
                    return one_attempt()
        except openai.BadRequestError as exc:
            if self._adapt(exc, json_mode):
                return self.chat(messages, json_mode=json_mode)
            raise self._refused(exc) from None
        except openai.APIStatusError as exc:
            if exc.status_code < 500 and exc.status_code not in (408, 409, 429):
                raise self._refused(exc) from None
            raise self._exhausted(exc, attempt) from None
        except (openai.APIError, BadResponse) as exc:
            raise self._exhausted(exc, attempt) from None
        raise AssertionError("unreachable")  # pragma: no cover

    # ----------------------------------------------------------------- helpers
    def _attempt(self, messages: list[dict[str, Any]], json_mode: bool, attempt: int) -> str:
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages}
        if self._send_temperature:
            kwargs["temperature"] = self.settings.temperature
        if self.settings.max_tokens:
            kwargs[self._token_param] = self.settings.max_tokens
        if json_mode:
            kwargs["response_format"] = {"type": "json_object"}
        started = time.monotonic()
        try:
            try:
                response = self._client.chat.completions.create(**kwargs)
            except ValueError as exc:  # a body that is not JSON (or not UTF-8): a broken proxy or server
                raise BadResponse(f"the endpoint answered with an unreadable body ({exc})") from exc
            if isinstance(response, str) or not getattr(response, "choices", None):
                raise BadResponse(f"the endpoint answered without choices: {str(response)[:120]!r}")
            choice = response.choices[0]
            text = (choice.message.content if choice.message else None) or ""
        except Exception as exc:
            self.ledger.record(role=self.role, model=self.model, prompt_tokens=0, completion_tokens=0,
                               latency=time.monotonic() - started, attempt=attempt, error=_short(exc))
            raise
        self.last_finish_reason = getattr(choice, "finish_reason", None)
        usage = getattr(response, "usage", None)
        prompt = getattr(usage, "prompt_tokens", None) if usage else None
        completion = getattr(usage, "completion_tokens", None) if usage else None
        estimated = prompt is None or completion is None
        if prompt is None:
            prompt = sum(estimate_tokens(str(m.get("content") or "")) for m in messages)
        if completion is None:
            completion = estimate_tokens(text)
        self.ledger.record(role=self.role, model=self.model, prompt_tokens=prompt, completion_tokens=completion,
                           latency=time.monotonic() - started, attempt=attempt, estimated=estimated)
        return text

    def _adapt(self, exc: openai.BadRequestError, json_mode: bool) -> bool:
        """Change the request's shape once per kind of 400 that names an unsupported parameter;
        True when the request should be sent again."""
        message = str(exc).lower()
        if self._token_param == "max_tokens" and "max_completion_tokens" in message and self.settings.max_tokens:
            self._token_param = "max_completion_tokens"
            return True
        if self._send_temperature and "temperature" in message:
            log.info("role %s: model %s rejects temperature; using its default", self.role, self.model)
            self._send_temperature = False
            return True
        if json_mode and self._json_mode_ok:
            # Servers word this differently (or not at all): any 400 in JSON mode tries once without it.
            log.info("role %s: %s refused a JSON-mode request; asking without it", self.role, self.endpoint)
            self._json_mode_ok = False
            return True
        return False

    def _where(self) -> str:
        return f"LLM role {self.role} (model {self.model} at {self.endpoint})"

    def _refused(self, exc: openai.APIStatusError) -> LLMRequestError:
        hint = _HINTS.get(exc.status_code, "fix the request settings for this role").replace(
            "${env}", f"${self.settings.api_key_env}")
        return LLMRequestError(f"{self._where()} refused the request: HTTP {exc.status_code} {_short(exc)}; {hint}",
                               status=exc.status_code, role=self.role, model=self.model, endpoint=self.endpoint)

    def _exhausted(self, exc: BaseException, attempts: int) -> LLMError:
        return LLMError(f"{self._where()} failed after {attempts} attempt(s): {_short(exc)}; check the server "
                        f"is up, or raise llm.max_retries / llm.timeout")


def _short(exc: BaseException) -> str:
    """One line of an exception: its type and the first line of its message (<= 200 chars)."""
    body = getattr(exc, "body", None)
    message = body.get("message") if isinstance(body, dict) and body.get("message") else str(exc)
    first = (message.strip().splitlines() or [""])[0][:200]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def build_clients(llm_config: LLMConfig, ledger: Ledger, **kwargs: Any) -> dict[str, LLMClient]:
    """One LLMClient per role (action, curriculum, curriculum_qa, critic, skill_description)."""
    return {role: LLMClient(llm_config.for_role(role), ledger, **kwargs) for role in ROLES}
