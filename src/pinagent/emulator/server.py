"""Serving the emulator over HTTP with uvicorn."""

from __future__ import annotations

import uvicorn

from pinagent.emulator.app import create_app
from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.generator import DEFAULT_APP_ID, DEFAULT_APP_SECRET


def describe(host: str, port: int) -> list[str]:
    """The lines printed at start: base URL, consent URL, admin URL, app id and secret."""
    shown = f"[{host}]" if ":" in host else host
    origin = f"http://{shown}:{port}"
    return [
        "Emulated Pinterest",
        f"  API base URL:  {origin}/v5",
        f"  OAuth consent: {origin}/oauth/",
        f"  Admin API:     {origin}/_emulator/",
        f"  App id:        {DEFAULT_APP_ID}",
        f"  App secret:    {DEFAULT_APP_SECRET}",
    ]


def run_server(host: str, port: int, config: EmulatorConfig) -> None:
    """Serve an emulated Pinterest until interrupted; prints where to reach it first."""
    app = create_app(config)
    for line in describe(host, port):
        print(line, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
