"""Answer `initialize` on stdio before the MCP SDK is imported.

Importing the SDK and building the catalog takes about a second on a small machine, and MCP
clients give servers little time to start. The first line on stdin is read here: if it is an
`initialize` request of the handshake era, the answer (identical to the SDK's, which a test
checks) goes out at once. The SDK then starts and receives the same request, so its session is
initialized too; its duplicate answer is dropped. Anything else is simply handed to the SDK.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from typing import Any

from pinagent.mcp import identity

# The SDK's handshake-era protocol versions (mcp_types.version.HANDSHAKE_PROTOCOL_VERSIONS).
HANDSHAKE_VERSIONS = ("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25")
CAPABILITIES = {
    "prompts": {"listChanged": False},
    "resources": {"listChanged": False, "subscribe": False},
    "tools": {"listChanged": False},
}


def initialize_result(requested: object) -> dict[str, Any]:
    version = requested if requested in HANDSHAKE_VERSIONS else HANDSHAKE_VERSIONS[-1]
    return {
        "capabilities": CAPABILITIES,
        "instructions": identity.INSTRUCTIONS,
        "protocolVersion": version,
        "serverInfo": {"name": identity.NAME, "title": identity.TITLE, "version": identity.VERSION},
    }


def answer_initialize(line: bytes) -> object | None:
    """Answer ``line`` if it is an `initialize` request; returns its id (None when not answered)."""
    try:
        message = json.loads(line)
    except ValueError:
        return None
    if not isinstance(message, dict) or message.get("method") != "initialize" or "id" not in message:
        return None
    params = message.get("params") or {}
    requested = params.get("protocolVersion") if isinstance(params, dict) else None
    if requested not in HANDSHAKE_VERSIONS and isinstance(requested, str) and requested > HANDSHAKE_VERSIONS[-1]:
        return None  # a newer protocol era: let the SDK negotiate it
    request_id: object = message["id"]
    reply = {"jsonrpc": "2.0", "id": request_id, "result": initialize_result(requested)}
    sys.stdout.buffer.write(json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
    sys.stdout.buffer.flush()
    return request_id


class ReplayStdin:
    """stdin for the SDK: the line already read, then the rest of the real stdin."""

    def __init__(self, first_line: bytes) -> None:
        self._first = first_line.decode("utf-8", errors="replace")

    def __aiter__(self) -> AsyncIterator[str]:
        return self._lines()

    async def _lines(self) -> AsyncIterator[str]:
        import anyio

        if self._first:
            yield self._first
        # The same BufferedReader the first line came from, so nothing it buffered is lost.
        while line := await anyio.to_thread.run_sync(sys.stdin.buffer.readline):
            yield line.decode("utf-8", errors="replace")


class FilteredStdout:
    """stdout for the SDK, minus its second answer to the `initialize` already answered."""

    def __init__(self, answered_id: object | None) -> None:
        self._answered_id = answered_id

    async def write(self, text: str) -> int:
        if self._answered_id is not None:
            message = json.loads(text)
            if message.get("id") == self._answered_id and ("result" in message or "error" in message):
                self._answered_id = None
                return len(text)
        sys.stdout.buffer.write(text.encode())
        return len(text)

    async def flush(self) -> None:
        sys.stdout.buffer.flush()
