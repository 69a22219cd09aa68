"""Per-user request budgets by rate-limit category (FACTS.md §4).

``standard`` counts per minute, ``trial`` per UTC day; ``off`` never limits. The standard limits
for writes and organic categories come from a third-party transcription of Pinterest's table.
"""

from __future__ import annotations

import math

from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.errors import RATE_LIMIT_MESSAGE, rate_limited
from pinagent.emulator.state import Tx

STANDARD_PER_MINUTE = {
    "ads_read": 1000,
    "ads_write": 400,
    "ads_analytics": 300,
    "org_read": 1000,
    "org_write": 100,
    "org_analytics": 60,
}
TRIAL_PER_DAY = {
    "ads_read": 1000,
    "ads_write": 300,
    "ads_analytics": 1000,
    "org_read": 1000,
    "org_write": 300,
    "org_analytics": 1000,
}
CATEGORIES = tuple(STANDARD_PER_MINUTE)


def message() -> str:
    """Pinterest's rate-limit message (code 8)."""
    return RATE_LIMIT_MESSAGE


def limit_for(category: str, config: EmulatorConfig) -> tuple[int, int] | None:
    """``(requests, window_seconds)`` for a category, or ``None`` when unlimited."""
    if config.rate_limits == "off":
        return None
    window = 60 if config.rate_limits == "standard" else 86_400
    table = STANDARD_PER_MINUTE if config.rate_limits == "standard" else TRIAL_PER_DAY
    limit = config.rate_limit_overrides.get(category, table.get(category))
    return None if limit is None else (limit, window)


def check(tx: Tx, user_id: str, category: str, config: EmulatorConfig) -> None:
    """Count one request of ``user_id`` in ``category``.

    Raises:
        ApiError: 429 code 8 with ``X-RateLimit-Reset`` (seconds until the window resets).
    """
    limit = limit_for(category, config)
    if limit is None:
        return
    budget, window = limit
    now = tx.now()
    window_start = int(now // window) * window
    row = tx.execute(
        "SELECT window_start, n FROM rate_counters WHERE user_id=? AND category=?", (user_id, category)
    ).fetchone()
    used = int(row[1]) if row is not None and int(row[0]) == window_start else 0
    if used >= budget:
        tx.bump("rate_limited")
        raise rate_limited(math.ceil(window_start + window - now))
    tx.execute(
        "INSERT OR REPLACE INTO rate_counters (user_id, category, window_start, n) VALUES (?, ?, ?, ?)",
        (user_id, category, window_start, used + 1),
    )
