"""The LLM layer: one OpenAI-compatible client per role, retries, and the call ledger."""

from voyager.llm.accounting import CallRecord, Ledger, estimate_tokens
from voyager.llm.client import LLMClient, build_clients
from voyager.llm.errors import BudgetExceeded, LLMError, LLMRequestError

__all__ = ["BudgetExceeded", "CallRecord", "LLMClient", "LLMError", "LLMRequestError", "Ledger",
           "build_clients", "estimate_tokens"]
