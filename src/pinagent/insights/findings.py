"""Findings: what the diagnosis reports, and the account figures every rule compares with.

CPA is the cost per **checkout** (``TOTAL_CHECKOUT``): Pinterest's ``TOTAL_CONVERSIONS`` also
counts page visits, add-to-carts and signups, which would make every campaign look cheap. ROAS is
checkout value per unit of spend. Money is in the account's currency units.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pinagent.insights.kpis import Kpis, total
from pinagent.insights.snapshot import CampaignData, Snapshot

Severity = Literal["high", "medium", "low"]
Level = Literal["campaign", "ad_group", "ad"]
Evidence = dict[str, float | int | str | None]

CONVERSION_OBJECTIVES = frozenset({"WEB_CONVERSION", "CATALOG_SALES"})
# A campaign must carry this share of the account's spend before its CPA is judged: below it, one
# checkout more or less swings the CPA and the money at stake is small.
MIN_SPEND_SHARE = 0.02
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class SuggestedChange:
    """A change pinagent can plan: one Pinterest field of one entity."""

    action: Literal["pause", "reactivate", "raise_daily_budget"]
    level: Level
    entity_id: str
    wire_field: str
    wire_value: str | int
    summary: str


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: Severity
    level: Level
    entity_id: str
    name: str
    explanation: str
    recommendation: str
    evidence: Evidence = field(default_factory=dict)
    wasted: float = 0.0  # money spent for (nearly) nothing in the period, currency units
    change: SuggestedChange | None = None

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.entity_id}"


@dataclass(frozen=True)
class Benchmark:
    """The account's figures a campaign is compared with."""

    spend: float  # account spend in the period
    cpa: float | None  # cost per checkout of the conversion campaigns in the period
    roas: float | None  # account ROAS in the period
    daily_spend: float  # account spend per day over the history
    history_cpa: float | None
    history_roas: float | None


def benchmark(snapshot: Snapshot) -> Benchmark:
    now = snapshot.current(snapshot.account_daily)
    history = snapshot.history(snapshot.account_daily)
    converting = [c for c in snapshot.campaigns if c.objective in CONVERSION_OBJECTIVES]
    days = (snapshot.window.end - snapshot.window.history_start).days + 1
    return Benchmark(
        spend=now.spend,
        cpa=total(snapshot.current(c.daily) for c in converting).cost_per_checkout,
        roas=now.roas,
        daily_spend=history.spend / days,
        history_cpa=total(snapshot.history(c.daily) for c in converting).cost_per_checkout,
        history_roas=history.roas,
    )


def money(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def periods(now: Kpis, before: Kpis, *metrics: str) -> Evidence:
    """Evidence for both periods: ``spend`` (this period) and ``spend_before`` (the one before)."""
    evidence: Evidence = {}
    for metric in metrics:
        for suffix, kpis in (("", now), ("_before", before)):
            value = kpis.cost_per_checkout if metric == "cpa" else getattr(kpis, metric)
            evidence[metric + suffix] = round(value, 6 if metric == "ctr" else 2) if isinstance(value, float) else value
    return evidence


def pause(level: Level, entity_id: str, name: str) -> SuggestedChange:
    label = level.replace("_", " ")
    return SuggestedChange("pause", level, entity_id, "status", "PAUSED", f"pause {label} “{name}”")


def active_converting(snapshot: Snapshot) -> Iterable[CampaignData]:
    return [c for c in snapshot.campaigns if c.status == "ACTIVE" and c.objective in CONVERSION_OBJECTIVES]
