"""Run real pinagent processes (serve, mcp, connect) for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2

PINAGENT = str(Path(sys.executable).with_name("pinagent"))
# Each running console's access token, by base URL (read from its data dir, as a person would).
CONSOLE_TOKENS: dict[str, str] = {}


def console_url(base: str, path: str = "/integrations") -> str:
    """The link `pinagent serve` prints: opening it signs the browser in to the console."""
    return f"{base}{path}{'&' if '?' in path else '?'}token={CONSOLE_TOKENS[base]}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_env(env: dict[str, str]) -> dict[str, str]:
    # The test's own configuration only; the contract recorder's file is passed on so every
    # emulator exchange of a child process is checked against the spec too.
    keep = {"PINAGENT_EMULATOR_RECORD"}
    merged = {k: v for k, v in os.environ.items() if k in keep or not k.startswith(("PINAGENT_", "PINTEREST_"))}
    merged.update(env)
    return merged


@contextmanager
def pinagent_serve(env: dict[str, str], timeout: float = 30.0) -> Iterator[str]:
    """`pinagent serve` on a free port; yields its base URL once /healthz answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = Path(env["PINAGENT_DATA_DIR"]).parent / f"serve-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        proc = subprocess.Popen(
            [PINAGENT, "serve", "--port", str(port)], env=process_env(env), stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"pinagent serve exited early:\n{log.read_text()}")
                try:
                    if httpx2.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx2.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"pinagent serve did not start in {timeout}s:\n{log.read_text()}")
                time.sleep(0.1)
            CONSOLE_TOKENS[base] = (Path(env["PINAGENT_DATA_DIR"]) / "console.token").read_text().strip()
            yield base
        finally:
            CONSOLE_TOKENS.pop(base, None)
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
