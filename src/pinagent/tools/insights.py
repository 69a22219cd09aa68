"""Toolset ``insights``: explain paid performance and turn its recommendations into change plans."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.entities import AD, AD_GROUP, CAMPAIGN, EntityKind
from pinagent.changes.planner import Edit
from pinagent.insights.collect import collect
from pinagent.insights.comparison import METRICS, account_change, top_movers
from pinagent.insights.diagnosis import Finding, diagnose
from pinagent.insights.snapshot import Snapshot, Window
from pinagent.services import Services
from pinagent.tools.analytics import MAX_DAYS_BACK
from pinagent.tools.common import AdAccountId, Table, table
from pinagent.tools.context import Caller
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.guards import on_account
from pinagent.tools.plan_view import ChangePlanOut
from pinagent.tools.planning import plan_update
from pinagent.tools.registry import ToolSpec

Days = Annotated[int, Field(ge=1, le=45, description="Period length; compared with the previous one")]
MAX_FINDINGS = 25  # the most severe and costly; a long tail of small findings would flood the context
KINDS: dict[str, EntityKind] = {"campaign": CAMPAIGN, "ad_group": AD_GROUP, "ad": AD}
MOVER_COLUMNS = ("id", "name", "status", *(f"{m}{s}" for m in METRICS for s in ("", "_before", "_pct")))


class FindingOut(BaseModel):
    id: str
    severity: str
    level: str
    name: str
    explanation: str
    evidence: dict[str, float | int | str | None]
    recommendation: str
    change: str | None = None
    wasted: float | None = None


class DiagnosisOut(BaseModel):
    ad_account_id: str
    currency: str
    period: list[str]
    previous_period: list[str]
    account: dict[str, dict[str, float]] = Field(description="Metric → before, now, change, pct")
    top_movers: Table
    findings: list[FindingOut] = Field(description="change: what plan_recommendations would plan")
    more_findings: int = 0


class NeedsPersonOut(BaseModel):
    finding_id: str
    name: str
    what_to_do: str


class RecommendationsOut(BaseModel):
    plans: list[ChangePlanOut]
    needs_a_person: list[NeedsPersonOut]


def _window(days: int, as_of: dt.date | None) -> Window:
    """Raises: ToolProblem for a period Pinterest cannot report (no request is sent)."""
    today = dt.datetime.now(dt.UTC).date()
    window = Window(as_of or today - dt.timedelta(days=1), days)
    if window.end > today:
        raise ToolProblem(f"as_of {window.end} is in the future; the latest allowed is {today}.")
    earliest = today - dt.timedelta(days=MAX_DAYS_BACK)
    if window.history_start < earliest:
        latest_days = max(1, ((window.end - earliest).days + 1) // 2)
        raise ToolProblem(
            f"days={days} with as_of {window.end} needs analytics from {window.history_start}, but Pinterest keeps "
            f"only {MAX_DAYS_BACK} days (from {earliest}). Use a later as_of or days ≤ {latest_days}."
        )
    return window


async def _snapshot(services: Services, caller: Caller, ad_account_id: str, currency: str, window: Window) -> Snapshot:
    async with services.connect.client(caller.workspace_id) as client:
        return await collect(client, ad_account_id, currency, window)


def _finding_out(finding: Finding) -> FindingOut:
    return FindingOut(
        id=finding.id,
        severity=finding.severity,
        level=finding.level,
        name=finding.name,
        explanation=finding.explanation,
        evidence={k: v for k, v in finding.evidence.items() if v is not None},
        recommendation=finding.recommendation,
        change=finding.change.summary if finding.change else None,
        wasted=finding.wasted or None,
    )


@agent_tool
async def diagnose_performance(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    days: Days = 7,
    as_of: Annotated[dt.date | None, Field(description="Last day of the period; default yesterday")] = None,
) -> DiagnosisOut:
    """What changed vs the previous period, where money is wasted and what to do (findings with evidence)."""
    services, caller, shared = await on_account(ctx, ad_account_id)
    snapshot = await _snapshot(services, caller, ad_account_id, shared.currency, _window(days, as_of))
    findings = diagnose(snapshot)
    movers = []
    for mover in top_movers(snapshot):
        row: dict[str, Any] = {"id": mover.id, "name": mover.name, "status": mover.status}
        for metric, change in mover.changes.items():
            row |= {metric: change.now, f"{metric}_before": change.before, f"{metric}_pct": change.pct}
        movers.append(row)
    return DiagnosisOut(
        ad_account_id=ad_account_id,
        currency=shared.currency,
        period=snapshot.window.label(),
        previous_period=snapshot.window.previous_label(),
        account={metric: change.as_dict() for metric, change in account_change(snapshot).items()},
        top_movers=table(movers, MOVER_COLUMNS, optional=MOVER_COLUMNS[3:], currency=shared.currency),
        findings=[_finding_out(f) for f in findings[:MAX_FINDINGS]],
        more_findings=max(0, len(findings) - MAX_FINDINGS),
    )


def _chosen(findings: list[Finding], finding_ids: list[str] | None) -> list[Finding]:
    """Raises: ToolProblem naming unknown ids and the valid ones."""
    if finding_ids is None:
        return [f for f in findings if f.change]
    by_id = {f.id: f for f in findings}
    if unknown := [i for i in dict.fromkeys(finding_ids) if i not in by_id]:
        valid = ", ".join(by_id) or "none: the diagnosis found nothing to fix"
        raise ToolProblem(
            f"Unknown finding id(s) {', '.join(unknown)} for this period (findings are re-diagnosed on every call). "
            f"Valid ids: {valid}."
        )
    return [by_id[i] for i in dict.fromkeys(finding_ids)]


def _batches(findings: list[Finding]) -> list[list[Finding]]:
    """One batch per entity kind and direction: savings apply at once, spend increases wait for approval."""
    batches: dict[tuple[str, bool], list[Finding]] = {}
    seen: set[tuple[str, str]] = set()
    for finding in findings:
        change = finding.change
        if change is None or (change.level, change.entity_id) in seen:
            continue
        seen.add((change.level, change.entity_id))
        batches.setdefault((change.level, change.action == "pause"), []).append(finding)
    order = {"campaign": 0, "ad_group": 1, "ad": 2}
    return [batches[key] for key in sorted(batches, key=lambda k: (not k[1], order[k[0]]))]


async def _plan(
    services: Services, caller: Caller, ad_account_id: str, currency: str, batch: list[Finding]
) -> ChangePlanOut:
    changes = [f.change for f in batch if f.change]
    edits = [Edit(c.entity_id, {c.wire_field: c.wire_value}) for c in changes]
    reason = "diagnose_performance: " + "; ".join(f"{f.id} ({f.explanation})" for f in batch)
    kind = KINDS[changes[0].level]
    return await plan_update(services, caller, kind, ad_account_id, currency, edits, reason, "plan_recommendations")


@agent_tool
async def plan_recommendations(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    finding_ids: Annotated[list[str] | None, Field(description="Default: all with a change")] = None,
    days: Days = 7,
) -> RecommendationsOut:
    """Re-diagnose and plan the findings' changes. Writes nothing: returns plans for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    snapshot = await _snapshot(services, caller, ad_account_id, shared.currency, _window(days, None))
    chosen = _chosen(diagnose(snapshot), finding_ids)
    needs = [NeedsPersonOut(finding_id=f.id, name=f.name, what_to_do=f.recommendation) for f in chosen if not f.change]
    plans = []
    for batch in _batches(chosen):
        try:
            plans.append(await _plan(services, caller, ad_account_id, shared.currency, batch))
            continue
        except ToolProblem as exc:
            if len(batch) == 1:
                needs.append(_refused(batch[0], exc))
                continue
        # A rule (e.g. a spend cap) refused the batch: plan what it allows one by one.
        for finding in batch:
            try:
                plans.append(await _plan(services, caller, ad_account_id, shared.currency, [finding]))
            except ToolProblem as exc:
                needs.append(_refused(finding, exc))
    return RecommendationsOut(plans=plans, needs_a_person=needs)


def _refused(finding: Finding, exc: ToolProblem) -> NeedsPersonOut:
    return NeedsPersonOut(
        finding_id=finding.id,
        name=finding.name,
        what_to_do=f"{finding.recommendation} pinagent could not plan it: {exc.message}",
    )


TOOLS = [
    ToolSpec(diagnose_performance, "insights", "Diagnose performance", read_only=True, idempotent=True),
    ToolSpec(plan_recommendations, "insights", "Plan recommendations", read_only=False),
]
