"""Diagnosis: find where paid performance goes wrong and say what to do (pure, no I/O).

Every rule reads a :class:`~pinagent.insights.snapshot.Snapshot` and yields
:class:`~pinagent.insights.findings.Finding` s with a stable id (``kind:entity_id``), the numbers
behind them (currency units, both periods), one sentence of explanation and a recommendation,
optionally with a change pinagent can plan. docs/insights.md explains every rule and threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pinagent.insights.ad_rules import high_cpc_ads, low_delivery_ad_groups, rejected_ads
from pinagent.insights.campaign_rules import budget_limited, falling_ctr, high_cpa, paused_top_performers, wasted_spend
from pinagent.insights.findings import SEVERITY_ORDER, Benchmark, Finding, SuggestedChange, benchmark
from pinagent.insights.snapshot import Snapshot

Rule = Callable[[Snapshot, Benchmark], Iterable[Finding]]
RULES: tuple[Rule, ...] = (
    high_cpa,
    wasted_spend,
    budget_limited,
    falling_ctr,
    paused_top_performers,
    rejected_ads,
    high_cpc_ads,
    low_delivery_ad_groups,
)


def diagnose(snapshot: Snapshot) -> list[Finding]:
    """Every rule's findings: most severe first, then the most money wasted, then by id."""
    bench = benchmark(snapshot)
    findings = [finding for rule in RULES for finding in rule(snapshot, bench)]
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], -f.wasted, f.id))


__all__ = ["RULES", "Finding", "SuggestedChange", "diagnose"]
