"""Drive the real consent flow and the emulator's admin API, as a person and an operator would."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2

from pinagent.connect.states import AccountMode
from pinagent.services import Services

EMULATOR_ORIGIN = "http://127.0.0.1:8000"


def form_fields(html: str) -> dict[str, list[str]]:
    """The fields a browser would submit by default: hidden inputs, checked boxes and radios."""
    fields: dict[str, list[str]] = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))
        kind = attrs.get("type", "text")
        if "name" not in attrs:
            continue
        if kind in ("checkbox", "radio") and not re.search(r"\bchecked\b", tag):
            continue
        fields.setdefault(attrs["name"], []).append(unescape(attrs.get("value", "on")))
    return fields


class Emulator:
    """The embedded emulator of a pinagent process, reached in-process like its own client does."""

    def __init__(self, services: Services) -> None:
        transport = services.app.transport()
        assert transport is not None, "these tests run on the embedded emulator"
        self.http = httpx2.AsyncClient(transport=transport, base_url=EMULATOR_ORIGIN)

    async def __aenter__(self) -> Emulator:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    async def admin(self, path: str, body: dict[str, Any] | None = None) -> Any:
        if body is None:
            response = await self.http.get(f"/_emulator/{path}")
        else:
            response = await self.http.post(f"/_emulator/{path}", json=body)
        assert response.status_code == 200, response.text
        return response.json()

    async def consent(
        self,
        authorize_url: str,
        *,
        username: str | None = None,
        scopes: list[str] | None = None,
        decision: str = "allow",
    ) -> dict[str, str]:
        """Open the consent page, choose the user and scopes, press a button; returns the redirect's query."""
        parts = urlsplit(authorize_url)
        page = await self.http.get(f"{parts.path}?{parts.query}")
        assert page.status_code == 200, page.text
        assert "Emulated Pinterest" in page.text
        fields = form_fields(page.text)
        if username is not None:
            assert f'value="{username}"' in page.text, f"{username} is not offered on the consent page"
            fields["username"] = [username]
        if scopes is not None:
            fields["scope"] = scopes
        fields["decision"] = [decision]
        answer = await self.http.post(parts.path, data=fields)
        assert answer.status_code in (302, 303), answer.text
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        return {key: values[0] for key, values in query.items()}


async def connect_workspace(
    services: Services,
    emulator: Emulator,
    *,
    username: str | None = None,
    scopes: list[str] | None = None,
    share: dict[str, AccountMode] | None = None,
) -> str:
    """Connect the default workspace through the consent page; share accounts (default: all, widest mode)."""
    workspace_id = await services.default_workspace_id()
    url = await services.connect.begin(workspace_id, "http://127.0.0.1:8000/integrations/pinterest/callback")
    answer = await emulator.consent(url, username=username, scopes=scopes)
    await services.connect.complete(answer["state"], answer.get("code"), answer.get("error"))
    if share is None:
        choices = await services.connect.account_choices(workspace_id)
        share = {c.ad_account_id: AccountMode.READ_WRITE if c.can_write else AccountMode.READ for c in choices}
    await services.connect.save_selection(workspace_id, share)
    return workspace_id


@asynccontextmanager
async def connected_services(
    env: dict[str, str], emulator_options: dict[str, Any] | None = None
) -> AsyncIterator[Services]:
    """pinagent's services on a data dir whose default workspace is connected (all accounts shared)."""
    from pinagent.config import Settings

    services = await Services.start(Settings.from_env(env), emulator_options=emulator_options)
    try:
        async with Emulator(services) as emulator:
            await connect_workspace(services, emulator)
        yield services
    finally:
        await services.close()


async def prepare_connected_data_dir(env: dict[str, str]) -> None:
    """A data dir connected as a person would have done in the console, for the CLI to use."""
    async with connected_services(env):
        pass
