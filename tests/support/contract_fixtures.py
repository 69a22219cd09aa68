"""pytest plugin: every emulator exchange made during a test is checked against the official spec.

Enable it in ``tests/conftest.py``::

    pytest_plugins = ["tests.support.contract_fixtures"]

How it works:

* At start-up ``PINAGENT_EMULATOR_RECORD`` is pointed at one JSONL file for the session (unless it
  is already set), so in-process emulators, emulators on threads and subprocesses all record there.
* The autouse fixture ``emulator_contract`` notes the file's size before each test and, at
  teardown, validates the exchanges appended since (responses, and the client's requests).
  Violations fail the test (reported as an error at teardown) with one line per problem.
* If the official spec is absent the check is skipped; the header line of the run says so. Tests
  that need the spec itself call ``require_spec()`` and are skipped with the reason.

Markers (registered here, so ``--strict-markers`` accepts them):

* ``@pytest.mark.no_contract(reason=...)``: do not check this test's exchanges.
* ``@pytest.mark.contract_responses_only(reason=...)``: check responses but not the requests,
  for tests that send malformed requests on purpose.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import openapi_contract as oc

RECORD_ENV = "PINAGENT_EMULATOR_RECORD"
_SESSION_FILE = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "no_contract(reason): skip the OpenAPI contract check of this test")
    config.addinivalue_line(
        "markers", "contract_responses_only(reason): check emulator responses but not the requests sent"
    )
    existing = os.environ.get(RECORD_ENV)
    if existing:
        path = Path(existing)
    else:
        folder = Path(tempfile.mkdtemp(prefix="pinagent-contract-"))
        path = folder / "exchanges.jsonl"
        os.environ[RECORD_ENV] = str(path)
    config.stash[_SESSION_FILE] = path


def pytest_report_header(config: pytest.Config) -> str:
    where = oc.spec_path()
    state = "found" if oc.spec_available() else "MISSING - emulator contract checks are skipped"
    return f"pinterest openapi spec: {where} ({state}); recording: {config.stash.get(_SESSION_FILE, None)}"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@pytest.fixture(autouse=True)
def emulator_contract(request: pytest.FixtureRequest) -> Iterator[Path | None]:
    """Validate the emulator exchanges this test caused; yields the recording file (or None)."""
    path = request.config.stash.get(_SESSION_FILE, None)
    if path is None or request.node.get_closest_marker("no_contract") or not oc.spec_available():
        yield None
        return
    start = _size(path)
    yield path
    if _size(path) <= start:
        return
    check_requests = request.node.get_closest_marker("contract_responses_only") is None
    problems = oc.validate_recording(path, requests=check_requests, start=start)
    if problems:
        raise oc.ContractViolation(
            f"{len(problems)} emulator exchange(s) in this test break the official OpenAPI contract "
            f"({oc.spec_path()}):",
            problems,
        )
