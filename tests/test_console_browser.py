"""The whole connect flow in a real browser: Integrations → consent → picker → Active → Disconnect."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pinagent.config import REQUESTED_SCOPES
from tests.support.processes import console_url, pinagent_serve

pytestmark = pytest.mark.browser


@pytest.fixture
def console(tmp_path: Path) -> Iterator[str]:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "browser-test"}
    with pinagent_serve(env) as base:
        yield base


async def _status(page: Any) -> str:
    return str(await page.get_by_test_id("connection-status").inner_text())


async def _consent(page: Any) -> None:
    await page.wait_for_url(re.compile(r"/oauth/"))
    assert "Emulated Pinterest" in await page.content()
    await page.get_by_role("button", name="Allow access").click()
    await page.wait_for_url(re.compile(r"/integrations/pinterest/accounts"))


async def test_connect_choose_accounts_reconnect_and_disconnect(page: Any, console: str) -> None:
    await page.goto(console_url(console, "/integrations"))
    assert await _status(page) == "Not connected"
    scopes = await page.locator("#scopes li").all_inner_texts()
    assert len(scopes) == 11
    for scope, allows in REQUESTED_SCOPES.items():
        assert any(scope in s and allows in s for s in scopes)

    await page.get_by_role("button", name="Connect").click()
    await _consent(page)

    rows = page.locator("#account-picker tbody tr")
    assert await rows.count() >= 3
    writable = read_only = None
    for i in range(await rows.count()):
        row = rows.nth(i)
        options = await row.locator("select option").all_inner_texts()
        if "read + write" in options and writable is None:
            writable = row
        elif "read + write" not in options and read_only is None:
            read_only = row
    assert writable is not None
    assert read_only is not None
    assert "ANALYST" in await read_only.inner_text() or "read only" in await read_only.inner_text()
    await writable.locator("input[type=checkbox]").check()
    await writable.locator("select").select_option("read_write")
    await read_only.locator("input[type=checkbox]").check()
    await page.get_by_role("button", name="Save and finish").click()

    await page.wait_for_url(re.compile(r"/integrations\?"))
    assert await _status(page) == "Active"
    assert "Shared 2 ad accounts with pinagent." in await page.content()
    shared = await page.locator("#shared-accounts tbody tr").all_inner_texts()
    assert len(shared) == 2
    assert any("read + write" in row for row in shared)

    # Reconnect re-runs consent and keeps the selection (pre-checked in the picker).
    await page.get_by_role("button", name="Reconnect").click()
    await _consent(page)
    checked = page.locator("#account-picker input[type=checkbox]:checked")
    assert await checked.count() == 2
    await page.get_by_role("button", name="Save and finish").click()
    await page.wait_for_url(re.compile(r"/integrations\?"))
    assert await _status(page) == "Active"

    page.on("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name="Disconnect").click()
    await page.wait_for_url(re.compile(r"/integrations\?"))
    assert await _status(page) == "Disconnected"
    assert "tokens were deleted" in await page.content()
    assert await page.get_by_role("button", name="Connect").is_visible()
