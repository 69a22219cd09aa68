"""`pinagent freeze` and `pinagent policy`: the workspace admin's switches, from a terminal.

They act on the data dir's default workspace (``PINAGENT_DATA_DIR``), the same one the console and
`pinagent mcp` use. Heavy imports stay inside the commands so each starts fast.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

if TYPE_CHECKING:
    from pinagent.store.db import Database


T = TypeVar("T")


class ApprovalPolicy(StrEnum):
    all_writes = "all_writes"
    spend_and_activation = "spend_and_activation"
    none = "none"


def _terminal_user() -> str:
    import getpass
    import socket

    return f"{getpass.getuser()}@{socket.gethostname()} (terminal)"


def _on_default_workspace(work: Callable[[Database, str], Awaitable[T]]) -> T:
    """Run ``work(db, workspace_id)`` against the data dir's database, migrated to the newest schema."""
    from pinagent.changes.workspace_admin import default_workspace_of
    from pinagent.config import Settings
    from pinagent.store.db import Database

    settings = Settings.from_env()

    async def run() -> T:
        db = Database(settings.database_url)
        try:
            await db.upgrade()
            workspace = await default_workspace_of(db)
            return await work(db, workspace.id)
        finally:
            await db.dispose()

    return asyncio.run(run())


def freeze(
    off: Annotated[bool, typer.Option("--off", help="Unfreeze: plans can be applied again")] = False,
) -> None:
    """Freeze changes (nothing is applied, by the agent or the console) or, with --off, unfreeze."""
    from pinagent.changes.workspace_admin import describe_freeze, set_frozen

    actor = _terminal_user()

    async def work(db: Database, workspace_id: str) -> str:
        return describe_freeze(await set_frozen(db, workspace_id, not off, actor))

    typer.echo(_on_default_workspace(work))


def policy(
    value: Annotated[
        ApprovalPolicy | None,
        typer.Argument(
            help="Set the approval policy (omit to print the current one)",
            metavar="[all_writes|spend_and_activation|none]",
        ),
    ] = None,
) -> None:
    """Print or set the approval policy: all_writes, spend_and_activation (default) or none."""
    from pinagent.changes.workspace_admin import POLICY_EXPLAINED, load_workspace, set_policy

    async def work(db: Database, workspace_id: str) -> str:
        if value is None:
            current = (await load_workspace(db, workspace_id)).approval_policy
        else:
            current = (await set_policy(db, workspace_id, value.value)).approval_policy
        return f"Approval policy: {current}\n{POLICY_EXPLAINED[current]}"

    typer.echo(_on_default_workspace(work))
    if value is not None:
        typer.echo("It decides for plans made from now on.")
