"""The `pinagent` command line. Heavy imports stay inside commands so each starts fast."""

from __future__ import annotations

import asyncio
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pinagent.cli_admin import freeze, policy

app = typer.Typer(help="pinagent: connect AI agents to Pinterest Business accounts.", no_args_is_help=True)
db_app = typer.Typer(help="pinagent's own database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
analytics_app = typer.Typer(help="Paid analytics of a shared ad account.", no_args_is_help=True)
app.add_typer(analytics_app, name="analytics")


class RateLimits(StrEnum):
    standard = "standard"
    trial = "trial"
    off = "off"


def _quiet_http_logs() -> None:
    # One INFO line per HTTP request (the Pinterest client's, and the SDK's) drowns what matters.
    import logging

    for name in ("httpx2", "httpcore2", "mcp.server.streamable_http_manager"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _csv(value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Expose no write or change tools over /mcp")] = False,
) -> None:
    """Run the console and MCP over HTTP (/mcp); on the embedded emulator, Pinterest too."""
    import uvicorn

    from pinagent.config import Settings
    from pinagent.services import Services
    from pinagent.web.app import create_console

    _quiet_http_logs()
    settings = Settings.from_env()
    local_url = settings.public_url or f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"  # noqa: S104
    services = asyncio.run(Services.start(settings, local_url))
    console = create_console(services, host=host, port=port, read_only=read_only)
    from pinagent.web.access import console_token

    typer.echo(f"pinagent console: {local_url}/?token={console_token(settings.data_dir)}")
    typer.echo(f"MCP over HTTP:    {local_url}/mcp  (create an API key at {local_url}/settings/api-keys)")
    typer.echo(f"Pinterest:        {services.app.label} — API base URL {services.app.api_url}")
    if services.app.emulated:
        from pinagent.emulator import DEFAULT_APP_ID

        typer.echo(f"Emulator admin:   {services.app.admin_url}  (app id {DEFAULT_APP_ID})")
    typer.echo(f"Data dir:         {settings.data_dir}")
    uvicorn.run(console, host=host, port=port, log_level="warning")


@app.command()
def mcp(
    read_only: Annotated[bool, typer.Option("--read-only", help="Drop every write and change tool")] = False,
    toolsets: Annotated[str | None, typer.Option(help="Comma-separated toolsets to expose")] = None,
    tools: Annotated[str | None, typer.Option(help="Comma-separated tool names to expose")] = None,
    exclude_tools: Annotated[str | None, typer.Option(help="Comma-separated tool names to hide")] = None,
    list_tools: Annotated[bool, typer.Option("--list-tools", help="Print the selected tools and exit")] = False,
) -> None:
    """Serve MCP over stdio for the data dir's default workspace."""
    from pinagent.mcp.stdio import run_stdio
    from pinagent.tools.registry import UnknownToolError

    _quiet_http_logs()
    try:
        run_stdio(
            read_only=read_only,
            toolsets=_csv(toolsets),
            include=_csv(tools),
            exclude=_csv(exclude_tools),
            list_only=list_tools,
        )
    except UnknownToolError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def connect(
    port: Annotated[int, typer.Option(help="Loopback port for the redirect (0 = any free port)")] = 0,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Only print the URL")] = False,
) -> None:
    """Connect Pinterest from a terminal: consent in the browser, choose ad accounts here."""
    from pinagent.connect.terminal import run_terminal_connect

    raise typer.Exit(asyncio.run(run_terminal_connect(port=port, open_browser=not no_browser)))


@app.command()
def emulator(
    port: Annotated[int, typer.Option(help="Port to listen on")],
    host: Annotated[str, typer.Option(help="Interface to bind")] = "127.0.0.1",
    dataset: Annotated[str, typer.Option(help="default, large, or a JSON file")] = "default",
    latency_ms: Annotated[int, typer.Option(help="Added latency per API call")] = 0,
    rate_limits: Annotated[RateLimits, typer.Option(help="Pinterest rate limits to emulate")] = RateLimits.standard,
    state: Annotated[Path | None, typer.Option(help="SQLite state file (default: in memory)")] = None,
) -> None:
    """Run the Pinterest emulator as a standalone server."""
    from pinagent.emulator import EmulatorConfig, run_server

    config = EmulatorConfig(state_path=state, dataset=dataset, latency_ms=latency_ms, rate_limits=rate_limits.value)
    run_server(host, port, config)


@app.command()
def approve(change_id: Annotated[str, typer.Argument(help="The change_id to approve (chg_…)")]) -> None:
    """Approve a change plan as the person at this terminal."""
    from pinagent.changes.approvals import approve_from_terminal

    raise typer.Exit(asyncio.run(approve_from_terminal(change_id)))


@app.command()
def doctor() -> None:
    """Check configuration, connection, scopes and reachability, and say what to fix."""
    from rich.console import Console
    from rich.table import Table

    from pinagent.config import Settings
    from pinagent.doctor import data_dir_check, run_checks

    settings = Settings.from_env()
    checks = [data_dir_check(settings), *asyncio.run(run_checks(settings))]
    table = Table(title=f"pinagent doctor — {settings.data_dir}")
    for column in ("", "Check", "Finding", "What to do"):
        table.add_column(column)
    for check in checks:
        table.add_row("[green]✓[/]" if check.ok else "[red]✗[/]", check.name, check.detail, check.fix)
    Console().print(table)
    raise typer.Exit(0 if all(c.ok for c in checks) else 1)


app.command()(freeze)
app.command()(policy)


class Level(StrEnum):
    ad_account = "ad_account"
    campaign = "campaign"
    ad_group = "ad_group"
    ad = "ad"


class Granularity(StrEnum):
    TOTAL = "TOTAL"
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


@analytics_app.command("export")
def analytics_export(
    ad_account_id: Annotated[str, typer.Argument(help="A shared ad account id")],
    start: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"], help="First day (UTC)")],
    end: Annotated[datetime, typer.Option(formats=["%Y-%m-%d"], help="Last day (UTC)")],
    level: Annotated[Level, typer.Option(help="Which entities get a row")] = Level.campaign,
    granularity: Annotated[Granularity, typer.Option(help="Rows per day, week, month or in total")] = Granularity.DAY,
    out: Annotated[Path, typer.Option(help="CSV file to write ('-' for stdout)")] = Path("-"),
) -> None:
    """Export spend, clicks, conversions, CPA, ROAS… as CSV (money in the account's currency)."""
    from pinagent.cli_analytics import run_export

    raise typer.Exit(
        asyncio.run(run_export(ad_account_id, start.date(), end.date(), level.value, granularity.value, out))
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate pinagent's database to the newest schema."""
    from pinagent.config import Settings
    from pinagent.store.db import Database

    settings = Settings.from_env()

    async def run() -> None:
        db = Database(settings.database_url)
        try:
            await db.upgrade()
        finally:
            await db.dispose()

    asyncio.run(run())
    typer.echo("Database is at the newest schema.")


def main() -> None:
    app()
