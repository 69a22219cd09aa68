"""`pinagent connect`: the console's consent flow from a terminal, with a loopback redirect.

For people who only use the stdio MCP server: consent happens in the browser, the redirect
comes back to a short-lived server on 127.0.0.1, and the ad accounts are chosen at the prompt.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import webbrowser

import typer
import uvicorn
from rich.console import Console
from rich.table import Table
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from pinagent.config import Settings
from pinagent.connect.errors import ConnectError
from pinagent.connect.service import AccountChoice
from pinagent.connect.states import AccountMode, ConnectionStatus
from pinagent.services import Services
from pinagent.store.repos import connection_for

CALLBACK_TIMEOUT = 600.0
DONE_PAGE = "<!doctype html><title>pinagent</title><h1>{}</h1><p>You can close this tab and return to the terminal.</p>"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def run_terminal_connect(port: int = 0, open_browser: bool = True) -> int:
    """Returns the process exit code."""
    console = Console()
    port = port or free_port()
    local_url = f"http://127.0.0.1:{port}"
    services = await Services.start(Settings.from_env(), local_url)
    callback: asyncio.Future[dict[str, str]] = asyncio.get_running_loop().create_future()

    async def on_callback(request: Request) -> Response:
        if not callback.done():
            callback.set_result(dict(request.query_params))
        ok = "code" in request.query_params
        return HTMLResponse(DONE_PAGE.format("Pinterest connected" if ok else "Pinterest was not connected"))

    routes: list[BaseRoute] = [Route("/callback", on_callback)]
    if services.app.emulator_asgi is not None:
        routes.append(Mount("/", app=services.app.emulator_asgi))
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=routes), host="127.0.0.1", port=port, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:  # noqa: ASYNC110 - uvicorn exposes no start event
            await asyncio.sleep(0.02)
        return await _connect(console, services, f"{local_url}/callback", callback, open_browser)
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await serving
        await services.close()


async def _connect(
    console: Console,
    services: Services,
    redirect_uri: str,
    callback: asyncio.Future[dict[str, str]],
    open_browser: bool,
) -> int:
    workspace_id = await services.default_workspace_id()
    async with services.db.session() as session:
        previous = ConnectionStatus((await connection_for(session, workspace_id)).status)
    purpose = "reconnect" if previous in (ConnectionStatus.ACTIVE, ConnectionStatus.NEEDS_RECONNECT) else "connect"
    url = await services.connect.begin(workspace_id, redirect_uri, purpose)
    console.print(f"Connecting [bold]{services.app.label}[/] ({services.app.api_url}).")
    console.print("Open this URL to sign in and allow access:", soft_wrap=True)
    print(url, flush=True)  # plain, so it can be copied (and read by scripts) unwrapped
    if open_browser:
        webbrowser.open(url)
    try:
        params = await asyncio.wait_for(callback, CALLBACK_TIMEOUT)
    except TimeoutError:
        console.print("[red]No answer from Pinterest within 10 minutes.[/] Run `pinagent connect` again.")
        return 1
    try:
        result = await services.connect.complete(params.get("state", ""), params.get("code"), params.get("error"))
    except ConnectError as exc:
        console.print(f"[red]{exc}[/]")
        return 1
    async with services.db.session() as session:
        connection = await connection_for(session, result.workspace_id)
    console.print(f"[green]Connected[/] as @{connection.username} ({connection.account_type}).")
    choices = await services.connect.account_choices(workspace_id)
    if not choices:
        console.print("This Pinterest user has no ad accounts; boards and pins still work.")
        return 0
    selection = _ask_selection(console, choices)
    try:
        rows = await services.connect.save_selection(workspace_id, selection)
    except ConnectError as exc:
        console.print(f"[red]{exc}[/]")
        return 1
    shared = ", ".join(f"{r.name} ({'read + write' if r.mode == 'read_write' else 'read'})" for r in rows)
    console.print(f"Shared with pinagent: {shared or 'no ad accounts'}.")
    return 0


def _ask_selection(console: Console, choices: list[AccountChoice]) -> dict[str, AccountMode]:
    table = Table(title="Ad accounts this Pinterest user can access")
    for column in ("#", "Ad account", "Id", "Currency", "Your role", "Shared now"):
        table.add_column(column)
    for number, choice in enumerate(choices, 1):
        table.add_row(
            str(number),
            choice.name,
            choice.ad_account_id,
            choice.currency,
            ", ".join(choice.permissions) or "—",
            choice.shared_mode or "no",
        )
    console.print(table)
    current = [str(i) for i, c in enumerate(choices, 1) if c.shared_mode]
    while True:
        answer = typer.prompt(
            "Share which accounts? Numbers separated by commas, or 'all'", default=",".join(current) or "all"
        )
        picked = _parse_numbers(answer, len(choices))
        if picked is not None:
            break
        console.print(f"[red]Give numbers between 1 and {len(choices)}, separated by commas, or 'all'.[/]")
    selection: dict[str, AccountMode] = {}
    for number in picked:
        choice = choices[number - 1]
        mode = AccountMode.READ
        if choice.can_write and typer.confirm(
            f"Let the agent propose changes on {choice.name} (read + write)?",
            default=choice.shared_mode == AccountMode.READ_WRITE,
        ):
            mode = AccountMode.READ_WRITE
        selection[choice.ad_account_id] = mode
    return selection


def _parse_numbers(answer: str, count: int) -> list[int] | None:
    answer = answer.strip().lower()
    if answer == "all":
        return list(range(1, count + 1))
    try:
        numbers = [int(part) for part in answer.split(",") if part.strip()]
    except ValueError:
        return None
    if not numbers or any(not 1 <= n <= count for n in numbers):
        return None
    return list(dict.fromkeys(numbers))
