"""When to try a failed call again, and how long to wait first.

- 429: wait the ``X-RateLimit-Reset`` seconds and retry, for reads and writes alike (a 429 was not
  executed). A reset beyond ``max_wait_seconds`` (e.g. the daily quota) is raised at once.
- 5xx and network errors: retried with exponential backoff and jitter for reads (GET) only. A write
  is never retried blindly: it may have been applied.
- Everything else is raised at once.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .errors import PinterestConnectionError, PinterestError, RateLimitError, ServerError

__all__ = ["RetryPolicy", "default_jitter"]


def default_jitter(delay: float) -> float:
    """Spread retries out: a random delay between half and all of ``delay``."""
    return delay * (0.5 + random.random() / 2)


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts a call gets and how long to sleep between them.

    ``jitter`` and ``sleep`` are injectable so tests can pin them.
    """

    max_attempts: int = 3
    max_wait_seconds: float = 20.0
    base_delay: float = 0.5
    jitter: Callable[[float], float] = default_jitter
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {self.max_attempts}")
        if self.max_wait_seconds < 0 or self.base_delay < 0:
            raise ValueError("max_wait_seconds and base_delay must not be negative")

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter after failed attempt number ``attempt`` (1-based)."""
        delay = min(self.base_delay * (2 ** (attempt - 1)), self.max_wait_seconds)
        return max(0.0, min(self.jitter(delay), self.max_wait_seconds))

    def delay_before_retry(self, error: PinterestError, *, attempt: int, is_read: bool) -> float | None:
        """Seconds to wait before retrying after ``error`` on ``attempt``, or ``None`` to raise it."""
        if attempt >= self.max_attempts:
            return None
        if isinstance(error, RateLimitError):
            if error.is_spam_block:
                return None
            if error.retry_after is None:
                return self.backoff(attempt)
            return error.retry_after if error.retry_after <= self.max_wait_seconds else None
        if isinstance(error, ServerError | PinterestConnectionError) and is_read:
            return self.backoff(attempt)
        return None
