"""`pinagent mcp`: the stdio server for the data dir's default workspace."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pinagent.services import Services

FAST_START_ENV = "PINAGENT_MCP_FAST_START"


async def _start_services() -> Services:
    from pinagent.config import Settings
    from pinagent.services import Services

    return await Services.start(Settings.from_env())


def run_stdio(
    *,
    read_only: bool,
    toolsets: Iterable[str] | None,
    include: Iterable[str] | None,
    exclude: Iterable[str] | None,
    list_only: bool = False,
) -> None:
    """Serve MCP on stdin/stdout (or, with ``list_only``, print the selected tool names).

    Raises:
        UnknownToolError: a filter names a toolset or tool that does not exist.
    """
    first_line = b""
    answered: object | None = None
    fast = not list_only and os.environ.get(FAST_START_ENV, "1") != "0"
    if fast:
        from pinagent.mcp.fast_start import answer_initialize

        first_line = sys.stdin.buffer.readline()
        answered = answer_initialize(first_line)

    # Heavy imports from here on: the MCP SDK, SQLAlchemy, the tool catalog.
    import anyio

    from pinagent.mcp.server import build_server

    server = build_server(
        _start_services, read_only=read_only, toolsets=toolsets, include=include, exclude=exclude, owns_services=True
    )
    if list_only:
        for tool in anyio.run(server.list_tools):
            sys.stdout.write(f"{tool.name}\n")
        return
    if not fast:
        server.run("stdio")
        return
    anyio.run(_serve, server, first_line, answered)


async def _serve(server: object, first_line: bytes, answered: object | None) -> None:
    from mcp.server.mcpserver import MCPServer
    from mcp.server.stdio import stdio_server

    from pinagent.mcp.fast_start import FilteredStdout, ReplayStdin

    assert isinstance(server, MCPServer)
    lowlevel = server._lowlevel_server  # the SDK's public run_stdio_async takes no streams
    async with stdio_server(stdin=ReplayStdin(first_line), stdout=FilteredStdout(answered)) as (read, write):  # type: ignore[arg-type]
        await lowlevel.run(read, write, lowlevel.create_initialization_options())
