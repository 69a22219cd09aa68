"""Use the console over plain HTTP, as a browser without JavaScript would."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import httpx2

from tests.support.flows import form_fields
from tests.support.processes import console_url


class ConsoleUser:
    """A person clicking through the console (cookies kept, redirects followed by hand)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = httpx2.Client(base_url=base, timeout=30)
        signed_in = self.http.get(console_url(base, "/integrations"))
        assert signed_in.status_code == 303, signed_in.text

    def close(self) -> None:
        self.http.close()

    def _csrf(self, path: str) -> str:
        page = self.http.get(path)
        assert page.status_code == 200, page.text
        return form_fields(page.text)["csrf_token"][0]

    def connect(self, purpose: str = "connect", share_all: bool = True) -> None:
        token = self._csrf("/integrations")
        start = self.http.post("/integrations/pinterest/connect", data={"csrf_token": token, "purpose": purpose})
        assert start.status_code == 303
        consent_url = urlsplit(start.headers["location"])
        consent = self.http.get(f"{consent_url.path}?{consent_url.query}")
        fields = form_fields(consent.text)
        fields["decision"] = ["allow"]
        back = self.http.post(consent_url.path, data=fields)
        assert back.status_code in (302, 303), back.text
        callback = urlsplit(back.headers["location"])
        done = self.http.get(f"{callback.path}?{callback.query}")
        assert done.status_code == 303, done.text
        picker = self.http.get(done.headers["location"])
        fields = form_fields(picker.text)
        if share_all:
            fields["share"] = re.findall(r'name="share" value="(\d+)"', picker.text)
            for account_id in fields["share"]:
                row = picker.text.split(f'name="mode_{account_id}"')[1].split("</select>")[0]
                fields[f"mode_{account_id}"] = ["read_write" if 'value="read_write"' in row else "read"]
        saved = self.http.post("/integrations/pinterest/accounts", data=fields)
        assert saved.status_code == 303, saved.text

    def create_api_key(self, name: str = "test client") -> str:
        token = self._csrf("/settings/api-keys")
        page = self.http.post("/settings/api-keys", data={"csrf_token": token, "name": name})
        assert page.status_code == 200, page.text
        match = re.search(r'<pre id="new-api-key">([^<]+)</pre>', page.text)
        assert match, "the new key is shown once"
        return unescape(match.group(1))

    def status(self) -> str:
        page = self.http.get("/integrations")
        match = re.search(r'data-testid="connection-status">([^<]+)<', page.text)
        assert match
        return match.group(1)


class ChangeControl:
    """The console's change-control pages over plain HTTP: approvals, history, settings."""

    def __init__(self, user: ConsoleUser) -> None:
        self.http = user.http
        self._user = user

    def post(self, form_page: str, action: str, **data: str) -> httpx2.Response:
        """Submit a form of ``form_page`` (with its CSRF token); returns the answer (redirects not followed)."""
        token = self._user._csrf(form_page)
        return self.http.post(action, data={"csrf_token": token, **data})

    def approve(self, change_id: str) -> None:
        answer = self.post("/approvals", f"/approvals/{change_id}/approve")
        assert answer.status_code == 303, answer.text

    def reject(self, change_id: str) -> None:
        answer = self.post("/approvals", f"/approvals/{change_id}/reject")
        assert answer.status_code == 303, answer.text

    def set_policy(self, policy: str) -> None:
        answer = self.post("/settings", "/settings/policy", policy=policy)
        assert answer.status_code == 303, answer.text

    def set_frozen(self, frozen: bool) -> None:
        answer = self.post("/settings", "/settings/freeze", frozen="on" if frozen else "off")
        assert answer.status_code == 303, answer.text

    def set_read_only(self, read_only: bool) -> None:
        answer = self.post("/settings", "/settings/read-only", read_only="on" if read_only else "off")
        assert answer.status_code == 303, answer.text

    def set_caps(self, caps: dict[str, tuple[str, str]]) -> httpx2.Response:
        """``caps``: ad account id → (max daily budget in currency units, max % increase), "" = no cap."""
        fields: dict[str, str] = {}
        for account_id, (daily, pct) in caps.items():
            fields[f"daily_{account_id}"] = daily
            fields[f"pct_{account_id}"] = pct
        return self.post("/settings", "/settings/caps", **fields)

    def plan_pause(self, hours: str) -> httpx2.Response:
        return self.post("/settings", "/settings/pause-recent", hours=hours)

    def apply(self, change_id: str) -> httpx2.Response:
        return self.post("/settings", f"/changes/{change_id}/apply")

    def settings(self) -> str:
        page = self.http.get("/settings")
        assert page.status_code == 200, page.text
        return page.text

    def flash(self, answer: httpx2.Response) -> str:
        """The notice a redirect leads to, or the error the page shows."""
        if answer.status_code == 303:
            answer = self.http.get(answer.headers["location"])
        match = re.search(r'class="flash flash-(?:error|notice)"[^>]*>([^<]+)<', answer.text)
        assert match, answer.text[:500]
        return unescape(match.group(1))

    def history_ids(self, **filters: str) -> list[str]:
        page = self.http.get("/changes", params=filters)
        assert page.status_code == 200, page.text
        return re.findall(r'<tbody class="change" data-change-id="([^"]+)"', page.text)

    def history_csv(self, query: str = "", **filters: str) -> list[dict[str, str]]:
        import csv
        import io

        answer = self.http.get(f"/changes.csv{query}", params=filters or None)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/csv")
        return list(csv.DictReader(io.StringIO(answer.text)))


@asynccontextmanager
async def mcp_over_http(base: str, key: str) -> AsyncIterator[Any]:
    """An MCP client session on the console's /mcp with a workspace API key."""
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=30) as http,
        Client(streamable_http_client(f"{base}/mcp", http_client=http)) as client,
    ):
        yield client
