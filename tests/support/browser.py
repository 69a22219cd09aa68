"""Headless Chromium for browser tests: Debian's ``/usr/bin/chromium`` driven by Playwright.

Playwright's own browser builds are never downloaded; CI installs Debian's package
(``apt-get install -y chromium``) and Playwright launches it through ``executable_path``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM_ENV = "PINAGENT_CHROMIUM"
SKIP_ENV = "PINAGENT_SKIP_BROWSER"
DEBIAN_CHROMIUM = "/usr/bin/chromium"
MISSING_MESSAGE = "Debian chromium not found; run: apt-get install -y chromium"
REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = Path(os.environ.get("PINAGENT_TEST_ARTIFACTS") or REPO_ROOT / "test-artifacts")
DEFAULT_TIMEOUT_MS = 10_000

# Playwright adds its own --headless/--user-data-dir (fresh temp profile per launch).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_executable() -> str | None:
    """``$PINAGENT_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on PATH; ``None`` if absent."""
    override = os.environ.get(CHROMIUM_ENV)
    if override:
        return override if os.access(override, os.X_OK) else None
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def skip_requested() -> bool:
    return os.environ.get(SKIP_ENV, "").strip().lower() in ("1", "true", "yes")


def launch_options(executable: str) -> dict[str, Any]:
    """Keyword arguments for ``playwright.chromium.launch`` (sync or async API)."""
    return {
        "executable_path": executable,
        "headless": True,
        "args": list(CHROMIUM_ARGS),
        "chromium_sandbox": False,
        "env": {**os.environ, "HOME": os.environ.get("HOME", "/tmp")},
    }


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve_app(app: Any, host: str = "127.0.0.1", timeout: float = 10.0) -> Iterator[str]:
    """Run an ASGI app with uvicorn in a background thread; yield its base URL (loopback only).

    The listening socket is bound here (port 0) and handed to uvicorn, so there is no port race.
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {host}:{port}")
            time.sleep(0.02)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
