"""Errors of the LLM layer. Each message is one line naming what failed and what to do."""

from __future__ import annotations

from voyager.errors import LLMError, VoyagerError

__all__ = ["BudgetExceeded", "LLMError", "LLMRequestError"]


class BudgetExceeded(VoyagerError):
    """The run's token or cost budget (`llm.budget`) is spent; raised before the next call."""

    exit_code = 3


class LLMRequestError(LLMError):
    """The endpoint refused the request (401, 403, 400, 404...): retrying cannot help.

    `status` is the HTTP status code; `role`, `model` and `endpoint` say which role's settings to fix.
    """

    def __init__(self, message: str, *, status: int | None, role: str, model: str, endpoint: str) -> None:
        super().__init__(message)
        self.status = status
        self.role = role
        self.model = model
        self.endpoint = endpoint
