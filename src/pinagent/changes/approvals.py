"""Approvals come from a person (terminal, console or MCP elicitation), never from the model."""

from __future__ import annotations

import getpass
import socket

from sqlalchemy import update

from pinagent.changes.plans import record_event
from pinagent.store.db import Database
from pinagent.store.models import ChangePlan, utcnow


class ApprovalError(Exception):
    """The plan cannot be approved (unknown, already decided, or expired)."""


async def approve(db: Database, change_id: str, approver: str, workspace_id: str | None = None) -> ChangePlan:
    """Mark a planned change approved by ``approver``.

    Raises:
        ApprovalError: no such plan, or it is no longer waiting for approval.
    """
    async with db.session() as session:
        plan = await session.get(ChangePlan, change_id)
        if plan is None or (workspace_id is not None and plan.workspace_id != workspace_id):
            raise ApprovalError(f"No change {change_id} in this workspace.")
        if plan.status == "approved":
            return plan
        if plan.status != "planned":
            raise ApprovalError(f"Change {change_id} is {plan.status}; only planned changes can be approved.")
        if plan.expires_at < utcnow():
            raise ApprovalError(
                f"Change {change_id} expired at {plan.expires_at:%Y-%m-%d %H:%M} UTC; ask for a new plan."
            )
        result = await session.execute(
            update(ChangePlan)
            .where(ChangePlan.id == change_id, ChangePlan.status == "planned")
            .values(status="approved", approved_by=approver)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise ApprovalError(f"Change {change_id} changed state while being approved; look at it again.")
        record_event(session, plan, "approved", approver)
    plan.status = "approved"
    return plan


async def approve_from_terminal(change_id: str) -> int:
    """`pinagent approve`: show the plan, ask the person, record their answer. Returns the exit code."""
    import sys

    import typer

    from pinagent.config import Settings

    if not sys.stdin.isatty():
        # An agent with a shell tool could otherwise pipe its own "yes" in.
        typer.echo(
            "pinagent approve must be answered by a person at a terminal (stdin is not a terminal). "
            "Run it in a terminal, or approve in the pinagent console.",
            err=True,
        )
        return 2

    settings = Settings.from_env()
    db = Database(settings.database_url)
    try:
        await db.upgrade()
        async with db.session() as session:
            plan = await session.get(ChangePlan, change_id)
        if plan is None:
            typer.echo(f"No change {change_id} in {settings.data_dir}.", err=True)
            return 1
        typer.echo(plan.description)
        for warning in plan.warnings:
            typer.echo(f"  ! {warning}")
        if plan.reason:
            typer.echo(f"Reason given: {plan.reason}")
        answer = typer.prompt("Type approve to apply it when the agent asks (anything else cancels)", default="")
        if answer.strip().lower() != "approve":
            typer.echo("Not approved.")
            return 1
        approver = f"{getpass.getuser()}@{socket.gethostname()} (terminal)"
        try:
            await approve(db, change_id, approver)
        except ApprovalError as exc:
            typer.echo(str(exc), err=True)
            return 1
        typer.echo(f"Approved {change_id}. The agent can now apply it with apply_change.")
        return 0
    finally:
        await db.dispose()
