"""Which Pinterest pinagent talks to: the real API, Pinterest's sandbox or the embedded emulator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import anyio
import httpx2

from pinagent.config import DEFAULT_PINTEREST_API_URL, DEFAULT_PINTEREST_OAUTH_URL, Settings

if TYPE_CHECKING:
    from starlette.types import ASGIApp

EMULATED_LABEL = "Emulated Pinterest"
DEFAULT_LOCAL_URL = "http://127.0.0.1:8000"


class TimedASGITransport(httpx2.ASGITransport):
    """An in-process transport that honours the client's read timeout, as a network would.

    Without it a hanging emulated Pinterest would hold a call for as long as it hangs, and the
    client's timeout handling (ambiguous writes, retried reads) could never be exercised offline.
    """

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        timeouts = request.extensions.get("timeout") or {}
        limit = timeouts.get("read")
        if limit is None:
            return await super().handle_async_request(request)
        try:
            with anyio.fail_after(limit):
                return await super().handle_async_request(request)
        except TimeoutError as exc:
            raise httpx2.ReadTimeout(f"no answer within {limit:g} s", request=request) from exc


@dataclass
class PinterestApp:
    """The Pinterest app credentials and endpoints in use, plus how to reach them."""

    label: str
    api_url: str
    oauth_url: str
    app_id: str
    app_secret: str = field(repr=False)
    emulated: bool = False
    # Seconds the client waits for an answer; a write that gets none is treated as ambiguous.
    timeout: float = 30.0
    # The embedded emulator is served in-process; every process shares its state file.
    emulator_asgi: ASGIApp | None = field(default=None, repr=False)

    def transport(self) -> httpx2.AsyncBaseTransport | None:
        """The transport for API calls: in-process for the embedded emulator, network otherwise."""
        if self.emulator_asgi is None:
            return None
        return TimedASGITransport(app=self.emulator_asgi)

    @property
    def admin_url(self) -> str | None:
        return self.api_url.removesuffix("/v5") + "/_emulator/" if self.emulated else None


def resolve_pinterest_app(
    settings: Settings, local_url: str | None = None, emulator_options: Mapping[str, Any] | None = None
) -> PinterestApp:
    """Real Pinterest when app credentials are configured; the embedded emulator otherwise.

    ``local_url`` is where this process serves the console (and so the emulator's consent page);
    ``emulator_options`` are further EmulatorConfig fields (tests shorten fault hangs, for example).
    """
    if not settings.uses_emulator:
        assert settings.pinterest_app_id
        assert settings.pinterest_app_secret
        api_url = settings.pinterest_api_url or DEFAULT_PINTEREST_API_URL
        label = "Pinterest (sandbox)" if "api-sandbox" in api_url else "Pinterest"
        return PinterestApp(
            label=label,
            api_url=api_url,
            oauth_url=settings.pinterest_oauth_url or DEFAULT_PINTEREST_OAUTH_URL,
            app_id=settings.pinterest_app_id,
            app_secret=settings.pinterest_app_secret,
        )
    # Imported here: processes talking to real Pinterest never load the emulator.
    from pinagent.emulator import DEFAULT_APP_ID, DEFAULT_APP_SECRET, EmulatorConfig, create_app

    base = (local_url or settings.public_url or DEFAULT_LOCAL_URL).rstrip("/")
    emulator = create_app(EmulatorConfig(state_path=settings.emulator_state_path, **(emulator_options or {})))
    return PinterestApp(
        label=EMULATED_LABEL,
        api_url=f"{base}/v5",
        oauth_url=f"{base}/oauth/",
        app_id=DEFAULT_APP_ID,
        app_secret=DEFAULT_APP_SECRET,
        emulated=True,
        emulator_asgi=emulator,
    )
