"""Arguments the SDK rejects come back as a readable tool error, like every other failure (§8).

The SDK answers a call whose arguments fail the input schema with pydantic's report (type codes,
documentation links). This middleware rewrites that text into "field: why" lines plus a reference, so
the agent can fix the call; the field names and allowed values are kept.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from mcp.server.context import ServerRequestContext
from mcp_types import CallToolResult, TextContent

HEADER = re.compile(r"^(?:Error executing tool (?P<tool>\w+): )?\d+ validation errors? for \w+Arguments$")
DETAIL = re.compile(r"^\s+(?P<why>.*?)(?: \[type=[^\]]*\])?$")


def readable(text: str) -> str | None:
    """The rewritten message, or None when ``text`` is not an argument-validation report."""
    lines = text.splitlines()
    if not lines or not (head := HEADER.match(lines[0])):
        return None
    problems: list[str] = []
    field: str | None = None
    for line in lines[1:]:
        if "errors.pydantic.dev" in line:
            continue
        if not line.startswith(" "):
            field = line.strip()
        elif field is not None and (detail := DETAIL.match(line)):
            problems.append(f"{field}: {detail.group('why').removeprefix('Value error, ')}")
            field = None
    tool = head.group("tool") or "the tool"
    reference = f"pinagent request {uuid.uuid4().hex[:16]}"
    return (
        f"Invalid arguments for {tool} — " + "; ".join(problems) + f". Fix them and call {tool} again. "
        f"[Reference: {reference}]"
    )


async def readable_argument_errors(ctx: ServerRequestContext[Any, Any], call_next: Any) -> Any:
    result = await call_next(ctx)
    if ctx.method != "tools/call":
        return result
    # The chain carries the result in its wire form (a dict) or as the model, depending on the path.
    wire = result.model_dump(by_alias=True, exclude_none=True) if isinstance(result, CallToolResult) else result
    if not isinstance(wire, dict) or not wire.get("isError"):
        return result
    content = wire.get("content") or []
    text = content[0].get("text") if content and isinstance(content[0], dict) else None
    if isinstance(text, str) and (rewritten := readable(text)):
        rewritten_content = [TextContent(type="text", text=rewritten).model_dump(by_alias=True, exclude_none=True)]
        return {**wire, "content": rewritten_content}
    return result
