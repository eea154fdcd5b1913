"""Which failed requests are retried, and how long to wait before the next attempt.

Retried: 429 (honouring Retry-After / retry-after-ms), 408/409, every 5xx, timeouts,
dropped connections and unparseable bodies. Anything else (401, 403, 400, 404, 422)
fails at once: the same request would fail again.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

import openai
import tenacity
from tenacity.wait import wait_base


class BadResponse(Exception):
    """A 2xx answer that is not a usable chat completion (garbage body, no choices)."""


def is_retryable(exc: BaseException) -> bool:
    """True for transient failures worth another attempt."""
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    # APITimeoutError is an APIConnectionError; both cover dropped connections.
    return isinstance(exc, openai.APIConnectionError | openai.APIResponseValidationError | BadResponse)


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's requested delay from `retry-after-ms` or `Retry-After` (seconds or HTTP date)."""
    response = getattr(exc, "response", None)
    headers: Any = getattr(response, "headers", None)
    if not headers:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(raw) if raw else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


class BackoffWait(wait_base):
    """Retry-After when the server gives one (capped), else exponential backoff with jitter."""

    def __init__(self, initial: float = 1.0, maximum: float = 30.0, max_retry_after: float = 120.0) -> None:
        # initial * 2**(n-1) plus up to `initial` of jitter, capped at `maximum`. Not
        # wait_exponential_jitter: tenacity 9 deprecates its `initial` and 8.x lacks `multiplier`.
        self.exponential = tenacity.wait_exponential(multiplier=initial, max=maximum) + \
            tenacity.wait_random(0, initial)
        self.maximum = maximum
        self.max_retry_after = max_retry_after

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        requested = retry_after_seconds(exc)
        if requested is not None:
            return min(requested, self.max_retry_after)
        return min(float(self.exponential(retry_state)), self.maximum)


def retrying(max_retries: int, wait: BackoffWait, sleep: Any = time.sleep) -> tenacity.Retrying:
    """A tenacity policy: at most `max_retries` retries of retryable errors; the last error is re-raised."""
    return tenacity.Retrying(
        stop=tenacity.stop_after_attempt(max_retries + 1),
        wait=wait,
        retry=tenacity.retry_if_exception(is_retryable),
        reraise=True,
        sleep=sleep,
    )
