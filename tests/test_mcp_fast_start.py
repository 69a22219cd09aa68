"""`pinagent mcp` answers `initialize` before loading the SDK, exactly as the SDK would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.processes import PINAGENT, process_env


def _session(env: dict[str, str], messages: list[dict[str, Any]], until_id: int) -> list[dict[str, Any]]:
    """Send ``messages`` to a fresh `pinagent mcp`; collect what it answers up to the id ``until_id``."""
    with subprocess.Popen(
        [PINAGENT, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    ) as proc:
        assert proc.stdin is not None
        assert proc.stdout is not None
        try:
            proc.stdin.write(b"".join(json.dumps(m).encode() + b"\n" for m in messages))
            proc.stdin.flush()
            answers = []
            while True:
                line = proc.stdout.readline()
                assert line, f"server closed stdout after {answers}"
                answers.append(json.loads(line))
                if answers[-1].get("id") == until_id:
                    return answers
        finally:
            proc.terminate()


def _initialize(version: str) -> dict[str, Any]:
    client = {"name": "test", "version": "1"}
    params = {"protocolVersion": version, "capabilities": {}, "clientInfo": client}
    return {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}


@pytest.mark.parametrize("version", ["2025-06-18", "2024-11-05", "1999-01-01"])
def test_fast_answer_equals_the_sdk_answer(tmp_path: Path, version: str) -> None:
    env = process_env({"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "k"})
    sdk = _session(env | {"PINAGENT_MCP_FAST_START": "0"}, [_initialize(version)], until_id=1)
    fast = _session(env, [_initialize(version)], until_id=1)
    assert fast == sdk


def test_session_continues_on_the_sdk_after_the_fast_answer(tmp_path: Path) -> None:
    env = process_env({"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "k"})
    messages = [
        _initialize("2025-06-18"),
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    ]
    answers = _session(env, messages, until_id=2)
    assert [a.get("id") for a in answers] == [1, 2], "one answer per request, initialize answered once"
    assert "get_connection_status" in {tool["name"] for tool in answers[1]["result"]["tools"]}
