"""`pinagent analytics export`: the data dir's connection, the same guards as the tools, a progress bar."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


async def run_export(account: str, start: dt.date, end: dt.date, level: str, granularity: str, out: Path) -> int:
    """Returns the exit code; errors are the same readable messages the agent gets."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from pinagent.config import Settings
    from pinagent.insights.export import export_rows, write_csv
    from pinagent.services import Services
    from pinagent.tools.analytics import check_window
    from pinagent.tools.context import Caller
    from pinagent.tools.errors import ANTICIPATED, explain
    from pinagent.tools.guards import shared_ad_account

    console = Console(stderr=True)
    services = await Services.start(Settings.from_env())
    try:
        caller = Caller(await services.default_workspace_id(), "cli", False)
        try:
            shared = await shared_ad_account(services, caller, account)
            check_window(start, end, dt.datetime.now(dt.UTC).date())
            with Progress(TextColumn("{task.description}"), BarColumn(), console=console, transient=True) as bar:
                task = bar.add_task(f"Exporting {level} analytics of {shared.name}", total=None)
                async with services.connect.client(caller.workspace_id) as client:
                    rows = await export_rows(
                        client, account, level, start, end, granularity,
                        lambda done, total: bar.update(task, completed=done, total=total),
                    )  # fmt: skip
        except ANTICIPATED as exc:
            console.print(f"[red]{explain(exc)}[/]")
            return 1
        if str(out) == "-":
            write_csv(rows, shared.currency, sys.stdout)
        else:
            with out.open("w", newline="") as handle:
                write_csv(rows, shared.currency, handle)
            console.print(f"Wrote {len(rows)} rows to {out}.")
        return 0
    finally:
        await services.close()
