"""`pinagent mcp`: the stdio server. Services start lazily so `initialize` answers at once."""

from __future__ import annotations

import sys
from collections.abc import Iterable


def run_stdio(
    *,
    read_only: bool,
    toolsets: Iterable[str] | None,
    include: Iterable[str] | None,
    exclude: Iterable[str] | None,
    list_only: bool = False,
) -> None:
    from pinagent.mcp.server import build_server

    async def start():  # type: ignore[no-untyped-def]
        from pinagent.config import Settings
        from pinagent.services import Services

        return await Services.start(Settings.from_env())

    server = build_server(
        start, read_only=read_only, toolsets=toolsets, include=include, exclude=exclude, owns_services=True
    )
    if list_only:
        import anyio

        for tool in anyio.run(server.list_tools):
            sys.stdout.write(f"{tool.name}\n")
        return
    server.run("stdio")
