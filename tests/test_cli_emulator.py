"""`pinagent emulator`: the emulator as a standalone server, as other projects' tests would run it."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx2

from pinagent.emulator import DEFAULT_APP_ID
from tests.support.processes import PINAGENT, free_port, process_env


def test_standalone_emulator_serves_pinterest_and_its_admin_api(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    state = tmp_path / "emulator.sqlite3"
    command = [
        PINAGENT,
        "emulator",
        "--port",
        str(port),
        "--latency-ms",
        "5",
        "--rate-limits",
        "off",
        "--state",
        str(state),
    ]
    with subprocess.Popen(command, env=process_env({}), stdout=subprocess.PIPE, text=True) as proc:
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx2.get(f"{base}/_emulator/stats", timeout=1).status_code == 200:
                        break
                except httpx2.TransportError:
                    assert time.monotonic() < deadline, "the emulator did not start"
                    time.sleep(0.1)
            unauthenticated = httpx2.get(f"{base}/v5/user_account")
            assert unauthenticated.status_code == 401
            assert unauthenticated.json() == {"code": 2, "message": "Authentication failed."}
            assert unauthenticated.headers["x-pinterest-rid"]
            consent = httpx2.get(
                f"{base}/oauth/",
                params={
                    "client_id": DEFAULT_APP_ID,
                    "redirect_uri": "http://127.0.0.1:9/callback",
                    "response_type": "code",
                    "scope": "ads:read",
                    "state": "s",
                },
            )
            assert consent.status_code == 200
            assert "Emulated Pinterest" in consent.text
            stats = httpx2.get(f"{base}/_emulator/stats").json()
            assert stats["requests"].get("user_account/get") == 1
            bad_fault = httpx2.post(f"{base}/_emulator/faults", json={"kind": "meteor"})
            assert bad_fault.status_code == 400
            assert httpx2.post(f"{base}/_emulator/reset").status_code == 200
            assert state.exists()
        finally:
            proc.terminate()
            output, _ = proc.communicate(timeout=10)
    assert DEFAULT_APP_ID in output  # the app id (and secret) are printed at start
    assert f"{base}/v5" in output
