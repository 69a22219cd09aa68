"""`pinagent connect`: consent in a browser, loopback redirect, accounts chosen at the prompt."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import httpx2

from pinagent.config import Settings
from pinagent.services import Services
from pinagent.store.repos import connection_for, shared_accounts
from tests.support.flows import form_fields
from tests.support.processes import PINAGENT, process_env


def test_terminal_connect_shares_the_chosen_accounts(tmp_path: Path) -> None:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "cli-test"}
    proc = subprocess.Popen(
        [PINAGENT, "connect", "--no-browser"],
        env=process_env(env) | {"COLUMNS": "200"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    seen: list[str] = []
    url = None
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("http://127.0.0.1:") and "/oauth/" in line:
            url = line.strip()
            break
    assert url, "".join(seen)
    assert "Emulated Pinterest" in "".join(seen)

    # The person's browser: the consent page is served by the loopback server itself.
    with httpx2.Client(timeout=30) as browser:
        page = browser.get(url)
        assert page.status_code == 200
        fields = form_fields(page.text)
        fields["decision"] = ["allow"]
        parts = urlsplit(url)
        redirect = browser.post(f"{parts.scheme}://{parts.netloc}{parts.path}", data=fields)
        assert redirect.status_code in (302, 303)
        done = browser.get(redirect.headers["location"])
        assert "Pinterest connected" in done.text

    # At the prompt: share the first two accounts; allow changes wherever it is asked.
    output, _ = proc.communicate("1,2\n" + "y\n" * 5, timeout=60)
    assert proc.returncode == 0, "".join(seen) + output
    assert "Connected as @" in output
    assert "Shared with pinagent:" in output

    asyncio.run(_assert_connected(env))


async def _assert_connected(env: dict[str, str]) -> None:
    services = await Services.start(Settings.from_env(env))
    try:
        workspace_id = await services.default_workspace_id()
        async with services.db.session() as session:
            connection = await connection_for(session, workspace_id)
            shared = await shared_accounts(session, workspace_id)
        assert connection.status == "active"
        assert len(shared) == 2
        assert "read_write" in {a.mode for a in shared}
    finally:
        await services.close()
