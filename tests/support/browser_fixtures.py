"""pytest plugin: session-scoped headless Chromium (Playwright **async** API) and a per-test ``page``.

Use it from ``tests/conftest.py`` (or a test module) with::

    pytest_plugins = ["tests.support.browser_fixtures"]

Browser tests are ``async def`` tests marked ``@pytest.mark.browser``. The browser lives on the
pytest-asyncio *session* event loop, so every async test that requests ``browser`` or ``page`` is
switched to ``loop_scope="session"`` automatically (see ``pytest_collection_modifyitems``); all
other async tests keep their function-scoped loops. A sync (``def``) test that requests them fails
with an explanation.

Why not the sync API: Playwright's sync API leaves its own event loop marked as *running* in the
main thread between calls, so while a session-scoped sync browser is alive every later
``async def`` test fails with "Runner.run() cannot be called from a running event loop".

Chromium missing -> the fixture FAILS with an install hint, unless ``PINAGENT_SKIP_BROWSER=1``.
On a failing test the page is saved as ``test-artifacts/<test id>.png``.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from . import browser as _support
from .browser import (
    DEFAULT_TIMEOUT_MS,
    MISSING_MESSAGE,
    SKIP_ENV,
    chromium_executable,
    launch_options,
    skip_requested,
)

BROWSER_FIXTURES = frozenset({"browser", "page"})
_REPORT_KEY = pytest.StashKey[dict[str, pytest.TestReport]]()
_RECORDER_NAME = "pinagent-browser-report-recorder"


class _ReportRecorder:
    """Keeps each phase's report on the item so fixtures can see whether the test failed."""

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
        report = yield
        item.stash.setdefault(_REPORT_KEY, {})[report.when] = report
        return report


def _ensure_recorder(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin(_RECORDER_NAME):
        config.pluginmanager.register(_ReportRecorder(), _RECORDER_NAME)


def pytest_configure(config: pytest.Config) -> None:
    _ensure_recorder(config)


def _uses_browser(item: pytest.Item) -> bool:
    return bool(BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())))


def _is_async(item: pytest.Item) -> bool:
    return inspect.iscoroutinefunction(getattr(item, "obj", None))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run async tests that use ``browser``/``page`` on the session loop the browser lives on."""
    for item in items:
        if not _uses_browser(item) or not _is_async(item):
            continue
        marker = item.get_closest_marker("asyncio")
        if marker is None or not (marker.kwargs.get("loop_scope") or marker.kwargs.get("scope")):
            item.add_marker(pytest.mark.asyncio(loop_scope="session"), append=False)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if _uses_browser(item) and not _is_async(item) and isinstance(item, pytest.Function):
        pytest.fail(
            f"{item.nodeid}: tests using the browser/page fixtures must be 'async def' "
            "(Playwright async API on the session event loop)",
            pytrace=False,
        )


def node_failed(item: pytest.Item) -> bool:
    reports = item.stash.get(_REPORT_KEY, {})
    return any(r.failed for r in reports.values())


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """A headless Debian Chromium shared by the whole session (Playwright async ``Browser``)."""
    _ensure_recorder(request.config)
    executable = chromium_executable()
    if executable is None:
        if skip_requested():
            pytest.skip(f"{MISSING_MESSAGE} ({SKIP_ENV}=1 set)")
        pytest.fail(MISSING_MESSAGE, pytrace=False)
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_options(executable))
        try:
            yield browser
        finally:
            await browser.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page(browser: Any, request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """A fresh context + page per test, 10 s default timeout, screenshot on failure."""
    context = await browser.new_context()
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
    page = await context.new_page()
    try:
        yield page
    finally:
        if node_failed(request.node):
            await save_screenshot(page, request.node.nodeid)
        await context.close()


async def save_screenshot(page: Any, name: str) -> str | None:
    """Save ``page`` as ``test-artifacts/<sanitised name>.png``; return the path (None if it failed)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:180] or "page"
    target_dir = _support.ARTIFACTS_DIR
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{safe}.png"
    try:
        await page.screenshot(path=str(target), full_page=True)
    except Exception:  # the page may already be gone; the test's own failure matters more
        return None
    return str(target)
