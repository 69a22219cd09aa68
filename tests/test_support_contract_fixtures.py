"""Self-tests for tests/support/contract_fixtures.py: recording -> validation at test teardown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import openapi_contract as oc

pytest_plugins = ["pytester"]

INNER_TESTS = """
import json, os
import pytest

def _emit(status, body, path="/v5/ad_accounts", query=""):
    record = {"method": "GET", "path": path, "query": query, "request_headers": {"Authorization": "Bearer t"},
              "request_body": None, "status": status,
              "response_headers": {"content-type": "application/json"}, "response_body": body,
              "operation_id": None}
    with open(os.environ["PINAGENT_EMULATOR_RECORD"], "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\\n")

def test_good():
    _emit(200, {"items": [{"id": "1"}], "bookmark": None})

def test_bad_response():
    _emit(200, {"items": [{"name": "no id"}]})

def test_after_bad_is_clean():
    _emit(404, {"code": 2, "message": "nope"})

@pytest.mark.no_contract(reason="exercises broken bodies")
def test_exempt():
    _emit(200, {"items": "not a list"})

@pytest.mark.contract_responses_only(reason="sends a bad query on purpose")
def test_bad_request_allowed():
    _emit(400, {"code": 1, "message": "bad"}, query="page_size=0")

def test_bad_request():
    _emit(400, {"code": 1, "message": "bad"}, query="page_size=0")
"""


@pytest.fixture(autouse=True)
def _spec() -> None:
    oc.require_spec()


def test_plugin_checks_each_tests_exchanges(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    recording = tmp_path / "session.jsonl"
    monkeypatch.setenv("PINAGENT_EMULATOR_RECORD", str(recording))
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makeconftest('pytest_plugins = ["tests.support.contract_fixtures"]\n')
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "--assert=plain", "--strict-markers", "-W", "error", "-rE"
    )
    result.assert_outcomes(passed=6, errors=2)
    out = result.stdout.str()
    assert "pinterest openapi spec: " in out
    assert f"recording: {recording}" in out
    erred = sorted(line.split("::")[1].split(" ")[0] for line in result.outlines if line.startswith("ERROR "))
    assert erred == ["test_bad_request", "test_bad_response"]
    assert "break the official OpenAPI contract" in out
    assert "$.items[0]: 'id' is a required property" in out
    assert "query parameter 'page_size': $: 0 is less than the minimum of 1" in out
    assert "not a list" not in out  # the exempt test's exchange was never checked
    assert len(recording.read_text().splitlines()) == 6
