"""Configuration of one emulated Pinterest."""

from __future__ import annotations

import pathlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

RateLimitMode = Literal["standard", "trial", "off"]


@dataclass(frozen=True)
class EmulatorConfig:
    """How an emulated Pinterest behaves.

    Attributes:
        state_path: SQLite file holding all state; ``None`` keeps a private in-memory state.
            Every process opening the same file sees the same emulated Pinterest.
        dataset: ``"default"``, ``"large"`` or the path of a dataset JSON file (see docs/emulator.md).
        latency_ms: extra latency added to every ``/v5`` call.
        rate_limits: ``standard`` (per-minute windows), ``trial`` (per-day windows) or ``off``.
        hang_seconds: how long a ``timeout``/``commit_then_timeout`` fault keeps the request open
            before answering 504.
        rate_limit_overrides: per-category request budgets replacing the mode's defaults
            (e.g. ``{"ads_write": 3}``), mostly for tests.
    """

    state_path: pathlib.Path | None = None
    dataset: str = "default"
    latency_ms: int = 0
    rate_limits: RateLimitMode = "standard"
    hang_seconds: float = 60.0
    rate_limit_overrides: Mapping[str, int] = field(default_factory=dict)
