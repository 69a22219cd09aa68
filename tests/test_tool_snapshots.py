"""Every tool's wire definition (schemas, annotations) is snapshotted; a change must be deliberate.

Regenerate after an intended change with: UPDATE_TOOLSNAPS=1 python -m pytest tests/test_tool_snapshots.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services

SNAPSHOTS = Path(__file__).parent / "__toolsnaps__"


async def test_tool_definitions_match_their_snapshots(services: Services) -> None:
    async with Client(build_server(services)) as client:
        tools = (await client.list_tools()).tools
    update = os.environ.get("UPDATE_TOOLSNAPS") == "1"
    SNAPSHOTS.mkdir(exist_ok=True)
    stale = []
    for tool in tools:
        wire = json.dumps(tool.model_dump(mode="json", by_alias=True, exclude_none=True), indent=2, sort_keys=True)
        path = SNAPSHOTS / f"{tool.name}.json"
        if update:
            path.write_text(wire + "\n")
        elif not path.exists() or path.read_text() != wire + "\n":
            stale.append(tool.name)
    orphans = sorted({p.stem for p in SNAPSHOTS.glob("*.json")} - {t.name for t in tools})
    assert not stale, f"tool definitions changed: {stale}; regenerate with UPDATE_TOOLSNAPS=1 if intended"
    assert not orphans, f"snapshots of removed tools: {orphans}"
    for tool in tools:
        assert tool.output_schema is not None, tool.name
        assert tool.annotations is not None, tool.name
