"""Only a person with the console's access link drives the console; other hosts and origins are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from tests.support.flows import form_fields
from tests.support.processes import console_url, pinagent_serve


@pytest.fixture
def console(tmp_path: Path) -> Iterator[str]:
    with pinagent_serve({"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "access"}) as base:
        yield base


def test_pages_need_the_access_link(console: str, tmp_path: Path) -> None:
    for path in ("/integrations", "/approvals", "/settings", "/settings/api-keys", "/changes.csv"):
        response = httpx2.get(f"{console}{path}")
        assert response.status_code == 401, path
        assert "?token=" in response.text
    assert httpx2.post(f"{console}/settings/api-keys", data={"name": "x"}).status_code == 401
    assert httpx2.get(f"{console}/integrations?token=wrong").status_code == 401
    token_file = tmp_path / "data" / "console.token"
    assert token_file.stat().st_mode & 0o777 == 0o600

    with httpx2.Client() as browser:
        signed_in = browser.get(console_url(console, "/settings"))
        assert signed_in.status_code == 303
        assert signed_in.headers["location"] == "/settings"  # the token leaves the address bar
        assert token_file.read_text().strip() not in signed_in.headers["set-cookie"]
        assert browser.get(f"{console}/settings").status_code == 200

    # Pinterest's surfaces on the same port keep their own rules.
    assert httpx2.get(f"{console}/healthz").status_code == 200
    assert httpx2.get(f"{console}/_emulator/stats").status_code == 200
    assert httpx2.post(f"{console}/mcp", json={}).status_code == 401  # API key, not the console link


def test_other_hosts_and_cross_origin_forms_are_refused(console: str) -> None:
    with httpx2.Client() as browser:
        browser.get(console_url(console))
        rebinding = browser.get(f"{console}/settings", headers={"Host": "attacker.example"})
        assert rebinding.status_code == 421
        page = browser.get(f"{console}/settings/api-keys")
        token = form_fields(page.text)["csrf_token"][0]
        forged = browser.post(
            f"{console}/settings/api-keys",
            data={"csrf_token": token, "name": "stolen"},
            headers={"Origin": "https://attacker.example"},
        )
        assert forged.status_code == 403
        same_site = browser.post(
            f"{console}/settings/api-keys", data={"csrf_token": token, "name": "mine"}, headers={"Origin": console}
        )
        assert same_site.status_code == 200
        assert "pa_" in same_site.text
