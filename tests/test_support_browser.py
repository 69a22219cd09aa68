"""Self-tests for tests/support/browser*.py: Debian Chromium via Playwright against a live Starlette app."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from playwright.async_api import expect
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from tests.support import browser as browser_support

# browser/page come from tests.support.browser_fixtures, loaded by tests/conftest.py.

PAGE = """<!doctype html>
<html><head><title>pinagent browser self-test</title></head>
<body>
  <p id="status">idle</p>
  <button id="go" type="button">Go</button>
  <script>
    document.getElementById("go").addEventListener("click", async () => {
      const response = await fetch("/api/ping", {method: "POST"});
      const data = await response.json();
      document.getElementById("status").textContent = "clicked: " + data.pong;
    });
  </script>
</body></html>
"""


async def index(request: Request) -> HTMLResponse:
    return HTMLResponse(PAGE)


async def ping(request: Request) -> JSONResponse:
    return JSONResponse({"pong": request.method.lower()})


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    app = Starlette(routes=[Route("/", index), Route("/api/ping", ping, methods=["POST"])])
    with browser_support.serve_app(app) as url:
        yield url


@pytest.mark.browser
async def test_click_changes_text(page, app_url: str) -> None:
    await page.goto(app_url + "/")
    assert await page.title() == "pinagent browser self-test"
    status = page.locator("#status")
    assert await status.text_content() == "idle"
    await page.get_by_role("button", name="Go").click()
    await expect(status).to_have_text("clicked: post")


@pytest.mark.browser
async def test_browser_is_debian_chromium_headless(browser, page) -> None:
    assert browser.is_connected()
    assert browser.version.split(".")[0].isdigit()
    user_agent = await page.evaluate("navigator.userAgent")
    assert "HeadlessChrome" in user_agent or "Chrome" in user_agent
    await page.set_content("<p>empty</p>")
    with pytest.raises(PlaywrightTimeoutError, match="Timeout 300ms exceeded"):
        await page.locator("#nope").wait_for(timeout=300)


@pytest.mark.browser
async def test_screenshot_helper(page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.browser_fixtures import save_screenshot

    monkeypatch.setattr(browser_support, "ARTIFACTS_DIR", tmp_path)
    await page.set_content("<h1>shot</h1>")
    target = await save_screenshot(page, "tests/x.py::test_y[a/b]")
    assert target is not None
    assert Path(target).name == "tests_x.py_test_y_a_b.png"
    data = await asyncio.to_thread(Path(target).read_bytes)
    assert data.startswith(b"\x89PNG")


async def test_plain_async_tests_keep_working_after_browser_tests() -> None:
    # The browser lives on the session loop; ordinary async tests use their own function loop.
    await asyncio.sleep(0)
    assert asyncio.get_running_loop().is_running()


def test_node_failed_reads_reports(request: pytest.FixtureRequest) -> None:
    from tests.support.browser_fixtures import node_failed

    assert node_failed(request.node) is False


def test_chromium_executable_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(browser_support.CHROMIUM_ENV, str(fake))
    assert browser_support.chromium_executable() == str(fake)
    monkeypatch.setenv(browser_support.CHROMIUM_ENV, str(tmp_path / "missing"))
    assert browser_support.chromium_executable() is None


def test_launch_options_carry_required_flags() -> None:
    options = browser_support.launch_options("/usr/bin/chromium")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        assert flag in options["args"]
    assert options["headless"] is True
    assert options["executable_path"] == "/usr/bin/chromium"
