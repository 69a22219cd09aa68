"""The MCP server: the tool catalog, filtered, over stdio or streamable HTTP."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel

from pinagent.mcp import identity
from pinagent.mcp.schemas import slim_schema
from pinagent.mcp.validation import readable_argument_errors
from pinagent.services import Services
from pinagent.tools.registry import ToolSpec, catalog, select_tools


class LazyServices:
    """Starts the shared services on first use, so `initialize` is answered before any I/O."""

    def __init__(self, start: Callable[[], Awaitable[Services]]) -> None:
        self._start = start
        self._services: Services | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Services:
        async with self._lock:
            if self._services is None:
                self._services = await self._start()
            return self._services

    async def close(self) -> None:
        if self._services is not None:
            await self._services.close()


def build_server(
    services: Services | Callable[[], Awaitable[Services]],
    *,
    read_only: bool = False,
    toolsets: Iterable[str] | None = None,
    include: Iterable[str] | None = None,
    exclude: Iterable[str] | None = None,
    owns_services: bool = False,
) -> MCPServer[Any]:
    """An MCP server exposing the selected tools.

    ``services`` is either the running process's services (the console shares them) or a factory
    that starts them on the first tool call (stdio).

    Raises:
        UnknownToolError: a filter names a toolset or tool that does not exist.
    """
    specs = select_tools(catalog(), read_only=read_only, toolsets=toolsets, include=include, exclude=exclude)

    @asynccontextmanager
    async def lifespan(_server: MCPServer[Any]) -> AsyncIterator[Any]:
        if isinstance(services, Services):
            yield services
            return
        holder = LazyServices(services)
        try:
            yield holder
        finally:
            if owns_services:
                await holder.close()

    server: MCPServer[Any] = MCPServer(
        name=identity.NAME,
        title=identity.TITLE,
        version=identity.VERSION,
        instructions=identity.INSTRUCTIONS,
        lifespan=lifespan,
        warn_on_duplicate_tools=True,
        middleware=[readable_argument_errors],
    )
    for spec in specs:
        _register(server, spec)
    return server


def compact(fn: Callable[..., Awaitable[BaseModel]]) -> Callable[..., Awaitable[CallToolResult]]:
    """Return the tool's model as compact JSON text plus structured content.

    The SDK's default text is indented JSON; every byte of it is paid for in the agent's context.
    """
    signature = inspect.signature(fn, eval_str=True)
    model = signature.return_annotation

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> CallToolResult:
        result = await fn(*args, **kwargs)
        data = result.model_dump(mode="json", exclude_none=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return CallToolResult(content=[TextContent(type="text", text=text)], structured_content=data)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        return_annotation=Annotated[CallToolResult, model]
    )
    return wrapper


def _register(server: MCPServer[Any], spec: ToolSpec) -> None:
    description = (spec.fn.__doc__ or "").strip().split("\n\n")[0]
    server.add_tool(
        compact(spec.fn),
        name=spec.name,
        # No per-tool title on the wire: the names read well and every token of tools/list is paid for.
        description=description,
        annotations=spec.annotations,
        structured_output=True,
    )
    tool = server._tool_manager.get_tool(spec.name)  # the SDK has no public hook for schema shaping
    assert tool is not None
    slim_schema(tool.parameters, output=False)
    if tool.fn_metadata.output_schema is not None:
        slim_schema(tool.fn_metadata.output_schema, output=True)
