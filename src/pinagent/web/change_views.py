"""Change plans and their history as the console shows them: filters, queries, money in currency units."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, distinct, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from pinagent.changes.entities import KINDS
from pinagent.pinterest.money import format_money
from pinagent.store.models import ChangeEvent, ChangePlan, utcnow

STATUSES = (
    "planned",
    "approved",
    "applying",
    "applied",
    "partially_applied",
    "failed",
    "refused",
    "discarded",
    "expired",
)
HISTORY_LIMIT = 200
PAUSE_TOOL = "pause_recent"  # the tool name plan_pause_recent gives its plans

# How history events read in the console.
EVENT_LABELS = {
    "planned": "planned",
    "approved": "approved",
    "approval_declined": "approval declined",
    "rejected": "rejected",
    "apply_started": "apply started",
    "applied": "applied",
    "partially_applied": "partially applied",
    "failed": "failed",
    "apply_failed": "apply failed",
    "apply_interrupted": "apply interrupted",
    "refused_drift": "refused (targets changed)",
    "discarded": "discarded",
    "expired": "expired",
    "undo_planned": "undo planned",
}


@dataclass
class HistoryFilter:
    """The history page's GET parameters; invalid values are dropped and reported in ``problems``."""

    status: str = ""
    tool: str = ""
    ad_account_id: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, params: Any) -> HistoryFilter:
        found = cls(
            status=str(params.get("status") or "").strip(),
            tool=str(params.get("tool") or "").strip()[:64],
            ad_account_id=str(params.get("ad_account_id") or "").strip()[:32],
            text=str(params.get("q") or "").strip()[:200],
        )
        if found.status and found.status not in STATUSES:
            found.problems.append(f"Unknown status {found.status!r}; showing every status.")
            found.status = ""
        found.since = found._date(params, "from")
        found.until = found._date(params, "to")
        return found

    def _date(self, params: Any, name: str) -> date | None:
        value = str(params.get(name) or "").strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problems.append(f"“{value[:20]}” is not a date (use YYYY-MM-DD); the {name} date is ignored.")
            return None

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = {
            "status": self.status,
            "tool": self.tool,
            "ad_account_id": self.ad_account_id,
            "from": self.since.isoformat() if self.since else "",
            "to": self.until.isoformat() if self.until else "",
            "q": self.text,
        }
        return urlencode({k: v for k, v in pairs.items() if v})

    def apply(self, query: Select[ChangePlan]) -> Select[ChangePlan]:
        if self.status:
            query = query.where(ChangePlan.status == self.status)
        if self.tool:
            query = query.where(ChangePlan.tool == self.tool)
        if self.ad_account_id:
            query = query.where(ChangePlan.ad_account_id == self.ad_account_id)
        if self.since:
            query = query.where(ChangePlan.created_at >= datetime.combine(self.since, datetime.min.time(), UTC))
        if self.until:
            end = datetime.combine(self.until + timedelta(days=1), datetime.min.time(), UTC)
            query = query.where(ChangePlan.created_at < end)
        if self.text:
            query = query.where(
                or_(
                    *(
                        column.icontains(self.text, autoescape=True)
                        for column in (
                            ChangePlan.id,
                            ChangePlan.description,
                            ChangePlan.reason,
                            ChangePlan.created_by,
                            ChangePlan.approved_by,
                        )
                    )
                )
            )
        return query


async def find_plans(
    session: AsyncSession, workspace_id: str, filters: HistoryFilter, limit: int = HISTORY_LIMIT
) -> list[ChangePlan]:
    query = filters.apply(select(ChangePlan).where(ChangePlan.workspace_id == workspace_id))
    rows = await session.scalars(query.order_by(ChangePlan.created_at.desc(), ChangePlan.id).limit(limit))
    return list(rows)


async def events_of(session: AsyncSession, workspace_id: str, change_ids: list[str]) -> dict[str, list[ChangeEvent]]:
    """Each plan's history, oldest first."""
    found: dict[str, list[ChangeEvent]] = {change_id: [] for change_id in change_ids}
    if not change_ids:
        return found
    rows = await session.scalars(
        select(ChangeEvent)
        .where(ChangeEvent.workspace_id == workspace_id, ChangeEvent.change_id.in_(change_ids))
        .order_by(ChangeEvent.id)
    )
    for event in rows:
        found[event.change_id].append(event)
    return found


async def tools_used(session: AsyncSession, workspace_id: str) -> list[str]:
    rows = await session.scalars(
        select(distinct(ChangePlan.tool)).where(ChangePlan.workspace_id == workspace_id).order_by(ChangePlan.tool)
    )
    return list(rows)


async def awaiting_approval(session: AsyncSession, workspace_id: str) -> list[ChangePlan]:
    """Plans a person must approve or reject, newest first (expired ones can no longer be approved)."""
    rows = await session.scalars(
        select(ChangePlan)
        .where(
            ChangePlan.workspace_id == workspace_id,
            ChangePlan.status == "planned",
            ChangePlan.requires_approval.is_(True),
            ChangePlan.expires_at > utcnow(),
        )
        .order_by(ChangePlan.created_at.desc(), ChangePlan.id)
    )
    return list(rows)


def when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "—"


def _shown(value: Any, money: bool, currency: str) -> str:
    if value is None:
        return "—"
    if money and isinstance(value, int | float) and not isinstance(value, bool):
        return format_money(value, currency)
    return str(value)


def diff_rows(plan: ChangePlan, currency: str) -> list[dict[str, str]]:
    """The plan's field-level before → after, money in the ad account's currency units."""
    kind = KINDS.get(str(plan.payload.get("operation", "/")).split("/")[0])
    money = kind.money if kind else frozenset()
    return [
        {
            "target": str(change["target_name"]),
            "target_id": str(change["target_id"]),
            "field": str(change["field"]),
            "before": _shown(change["before"], change["wire_field"] in money, currency),
            "after": _shown(change["after"], change["wire_field"] in money, currency),
        }
        for change in plan.diff
    ]


def status_label(plan: ChangePlan) -> str:
    if plan.status == "planned" and plan.expires_at < utcnow():
        return "planned (expired)"
    return plan.status.replace("_", " ")


def event_note(event: ChangeEvent) -> str:
    """The one line of an event's detail a person needs (an outcome's message, a rejection note)."""
    detail = event.detail or {}
    if message := detail.get("message"):
        return str(message)
    if note := detail.get("note"):
        return str(note)
    if undo := detail.get("undo_change_id"):
        return f"undo plan {undo}"
    return ""


def plan_view(plan: ChangePlan, currency: str, events: list[ChangeEvent] | None = None) -> dict[str, Any]:
    """Everything a template shows about one plan."""
    return {
        "plan": plan,
        "status": status_label(plan),
        "created": when(plan.created_at),
        "expires": when(plan.expires_at),
        "expired": plan.expires_at < utcnow(),
        "diff": diff_rows(plan, currency),
        "currency": currency,
        "events": [
            {
                "at": when(event.at),
                "kind": EVENT_LABELS.get(event.kind, event.kind.replace("_", " ")),
                "raw_kind": event.kind,
                "actor": event.actor,
                "note": event_note(event),
                "request_ids": list(event.pinterest_request_ids),
            }
            for event in events or []
        ],
    }


async def recent_pause_plans(session: AsyncSession, workspace_id: str, hours: float = 24) -> list[ChangePlan]:
    """The console's pause plans of the last ``hours``, newest first, whatever became of them."""
    rows = await session.scalars(
        select(ChangePlan)
        .where(
            ChangePlan.workspace_id == workspace_id,
            ChangePlan.tool == PAUSE_TOOL,
            ChangePlan.created_at >= utcnow() - timedelta(hours=hours),
        )
        .order_by(ChangePlan.created_at.desc(), ChangePlan.id)
        .limit(20)
    )
    return list(rows)
