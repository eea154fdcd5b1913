"""The ledger: every LLM call (each attempt) as one JSONL line, totals, cost and the budget.

The JSONL log in the run directory is the truth: a resumed run rebuilds its totals from it,
so the budget counts what earlier sessions spent.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from voyager import atomic
from voyager.config import Budget, Price
from voyager.llm.errors import BudgetExceeded


def estimate_tokens(text: str) -> int:
    """A rough token count (~4 characters per token, as OpenAI documents for English)."""
    return max(1, (len(text) + 3) // 4) if text else 0


@dataclass
class CallRecord:
    """One attempt at one chat completion, as written to the JSONL log."""

    role: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency: float
    attempt: int
    cost: float
    estimated: bool = False  # tokens estimated (the endpoint returned no usage)
    ok: bool = True
    error: str | None = None
    time: float = field(default_factory=time.time)


def _empty_totals() -> dict[str, Any]:
    return {"calls": 0, "failed_calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "tokens": 0, "cost": 0.0}


class Ledger:
    """Per-run and per-role token and cost totals, with an optional budget.

    `log_path` None keeps the records in memory only. An existing log is read back first.
    """

    def __init__(self, log_path: Path | None, prices: dict[str, Price], budget: Budget) -> None:
        self.log_path = Path(log_path) if log_path is not None else None
        self.prices = dict(prices)
        self.budget = budget
        self._lock = threading.Lock()
        self._totals = _empty_totals()
        self._roles: dict[str, dict[str, Any]] = defaultdict(_empty_totals)
        if self.log_path is not None:
            for record in atomic.read_jsonl(self.log_path):
                self._add(record)

    # ------------------------------------------------------------------ prices
    def price_for(self, model: str) -> Price | None:
        """The price of `model`: exact name, else without a provider prefix ("openai/gpt-4o")."""
        if model in self.prices:
            return self.prices[model]
        short = model.rsplit("/", 1)[-1]
        return self.prices.get(short)

    def cost_of(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        """USD for these tokens; models missing from the price table cost 0."""
        price = self.price_for(model)
        if price is None:
            return 0.0
        return (prompt_tokens * price.prompt + completion_tokens * price.completion) / 1_000_000

    # ----------------------------------------------------------------- records
    def record(self, *, role: str, model: str, prompt_tokens: int, completion_tokens: int, latency: float,
               attempt: int, estimated: bool = False, error: str | None = None) -> CallRecord:
        """Log one attempt (appended to the JSONL file at once) and add it to the totals."""
        rec = CallRecord(
            role=role, model=model, prompt_tokens=int(prompt_tokens), completion_tokens=int(completion_tokens),
            latency=round(latency, 4), attempt=attempt,
            cost=round(self.cost_of(model, prompt_tokens, completion_tokens), 8),
            estimated=estimated, ok=error is None, error=error,
        )
        data = asdict(rec)
        with self._lock:
            if self.log_path is not None:
                atomic.append_jsonl(self.log_path, data)
            self._add(data)
        return rec

    def _add(self, record: dict[str, Any]) -> None:
        prompt = int(record.get("prompt_tokens", 0) or 0)
        completion = int(record.get("completion_tokens", 0) or 0)
        cost = float(record.get("cost", 0.0) or 0.0)
        failed = record.get("ok") is False
        for bucket in (self._totals, self._roles[str(record.get("role", "?"))]):
            bucket["calls"] += 1
            bucket["failed_calls"] += int(failed)
            bucket["prompt_tokens"] += prompt
            bucket["completion_tokens"] += completion
            bucket["tokens"] += prompt + completion
            bucket["cost"] += cost

    # ------------------------------------------------------------------ totals
    def totals(self) -> dict[str, Any]:
        """{"calls", "failed_calls", "prompt_tokens", "completion_tokens", "tokens", "cost"} for the run."""
        with self._lock:
            out = dict(self._totals)
        out["cost"] = round(out["cost"], 6)
        return out

    def by_role(self) -> dict[str, dict[str, Any]]:
        """The same totals per role, sorted by role name."""
        with self._lock:
            roles = {name: dict(values) for name, values in sorted(self._roles.items())}
        for values in roles.values():
            values["cost"] = round(values["cost"], 6)
        return roles

    def over_budget(self) -> str | None:
        """Why the budget is spent (one line), or None while calls may still be made."""
        totals = self.totals()
        if self.budget.max_tokens is not None and totals["tokens"] >= self.budget.max_tokens:
            return f"token budget spent: {totals['tokens']} of llm.budget.max_tokens={self.budget.max_tokens}"
        if self.budget.max_cost_usd is not None and totals["cost"] >= self.budget.max_cost_usd:
            return (f"cost budget spent: ${totals['cost']:.4f} of "
                    f"llm.budget.max_cost_usd={self.budget.max_cost_usd}")
        return None

    def check_budget(self) -> None:
        """Raise BudgetExceeded if the budget is spent (called before every request)."""
        reason = self.over_budget()
        if reason:
            raise BudgetExceeded(f"{reason}; raise the limit and resume the run to continue")

    def summary(self) -> str:
        """A small plain-text table of calls, tokens and cost per role and in total."""
        lines = [f"{'role':<18} {'calls':>6} {'tokens':>10} {'cost USD':>10}"]
        for role, values in self.by_role().items():
            lines.append(f"{role:<18} {values['calls']:>6} {values['tokens']:>10} {values['cost']:>10.4f}")
        totals = self.totals()
        lines.append(f"{'total':<18} {totals['calls']:>6} {totals['tokens']:>10} {totals['cost']:>10.4f}")
        return "\n".join(lines)
