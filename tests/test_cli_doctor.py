"""`pinagent doctor` says what is wrong and what to do, and is quiet when all is well."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

from pinagent.config import Settings
from pinagent.services import Services
from tests.support.flows import Emulator, connect_workspace, prepare_connected_data_dir
from tests.support.processes import PINAGENT, process_env


def _doctor(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PINAGENT, "doctor"], env=process_env(env) | {"COLUMNS": "250"}, capture_output=True, text=True, timeout=120
    )


async def test_doctor_on_a_fresh_data_dir_points_to_connect(tmp_path: Path) -> None:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data")}
    result = _doctor(env)
    assert result.returncode == 1
    assert "Not connected" in result.stdout
    assert "pinagent connect" in result.stdout
    assert "Emulated Pinterest" in result.stdout


async def test_doctor_on_a_connected_workspace_is_all_green(tmp_path: Path) -> None:
    env = {
        "PINAGENT_DATA_DIR": str(tmp_path / "data"),
        "PINAGENT_SECRET_KEY": "doctor",
        "PINAGENT_REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    await prepare_connected_data_dir(env)
    result = _doctor(env)
    assert result.returncode == 0, result.stdout
    assert "Active as @acme_outdoor (BUSINESS)" in result.stdout
    assert "all 11 granted" in result.stdout
    assert "answered in" in result.stdout
    assert "Redis" in result.stdout
    assert "✗" not in result.stdout


async def test_processes_refreshing_at_once_keep_the_connection(tmp_path: Path) -> None:
    """Several processes find the access token expired together; rotation must not break the connection."""
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "race"}
    services = await Services.start(Settings.from_env(env))
    try:
        async with Emulator(services) as emulator:
            await connect_workspace(services, emulator)
            await emulator.admin("clock", {"advance_seconds": 31 * 24 * 3600})  # access token expired
    finally:
        await services.close()
    doctors = [
        await asyncio.create_subprocess_exec(
            PINAGENT, "doctor", env=process_env(env) | {"COLUMNS": "250"}, stdout=asyncio.subprocess.PIPE
        )
        for _ in range(3)
    ]
    outputs = [(await doctor.communicate())[0].decode() for doctor in doctors]
    assert all(doctor.returncode == 0 for doctor in doctors), outputs
    assert all("answered in" in output for output in outputs)
    final = _doctor(env)
    assert "Active as @acme_outdoor" in final.stdout
