"""Self-tests for tests/support/openapi_contract.py against the official Pinterest spec."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support import openapi_contract as oc


@pytest.fixture(autouse=True)
def _spec() -> dict[str, Any]:
    return oc.require_spec()


AD_ACCOUNT = {
    "id": "549755885175",
    "name": "ACME Corp",
    "owner": {"id": "383791336903426391", "username": "acme"},
    "country": "US",
    "currency": "USD",
    "permissions": ["OWNER"],
    "created_time": 1451431341,
    "updated_time": None,
}

CAMPAIGN = {
    "id": "626735565838",
    "ad_account_id": "549755885175",
    "name": "Summer sale",
    "status": "ACTIVE",
    "lifetime_spend_cap": 1432744744,
    "daily_spend_cap": None,
    "order_line_id": None,
    "tracking_urls": None,
    "start_time": 1580865126,
    "end_time": None,
    "summary_status": "RUNNING",
    "objective_type": "AWARENESS",
    "created_time": 1432744744,
    "updated_time": 1432744744,
    "type": "campaign",
    "is_campaign_budget_optimization": False,
    "is_flexible_daily_budgets": False,
}

TOKEN_REFRESH = {
    "access_token": "pina_AAAA",
    "token_type": "bearer",
    "expires_in": 2592000,
    "scope": "ads:read,ads:write",
    "response_type": "refresh_token",
    "refresh_token": "pinr_BBBB",
    "refresh_token_expires_in": 5184000,
    "refresh_token_expires_at": 1767225600,
}

BEARER = {"Authorization": "Bearer pina_AAAA"}


# --- spec loading ------------------------------------------------------------------------------------


def test_spec_is_the_official_document() -> None:
    spec = oc.load_spec()
    assert spec["openapi"] == "3.0.3"
    assert spec["servers"][0]["url"] == "https://api.pinterest.com/v5"
    assert len(spec["paths"]) >= 169
    assert oc.load_spec() is spec  # cached per process


def test_require_spec_skips_with_reason_when_absent(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "openapi.yaml"
    monkeypatch.setenv(oc.SPEC_ENV, str(missing))
    assert oc.spec_path() == missing.resolve()
    assert not oc.spec_available()
    with pytest.raises(
        pytest.skip.Exception, match=r"official Pinterest OpenAPI spec not found at .*PINTEREST_OPENAPI_SPEC"
    ):
        oc.require_spec()
    with pytest.raises(oc.SpecUnavailable):
        oc.load_spec(missing)


def test_default_spec_path_is_beside_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(oc.SPEC_ENV, raising=False)
    beside = (oc.REPO_ROOT.parent / "shared" / "pinterest-api" / "openapi.yaml").resolve()
    # A clone elsewhere (CI) falls back to the workplace's copy.
    expected = beside if beside.is_file() or not oc.WORKPLACE_SPEC_PATH.is_file() else oc.WORKPLACE_SPEC_PATH
    assert oc.spec_path() == expected


# --- routing -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "operation_id", "template"),
    [
        ("GET", "/v5/ad_accounts", "ad_accounts/list", "/ad_accounts"),
        ("GET", "/v5/ad_accounts/123", "ad_accounts/get", "/ad_accounts/{ad_account_id}"),
        (
            "GET",
            "/v5/ad_accounts/123/analytics",
            "ad_account/analytics",
            "/ad_accounts/{ad_account_id}/analytics",
        ),
        ("GET", "/v5/ad_accounts/123/campaigns", "campaigns/list", "/ad_accounts/{ad_account_id}/campaigns"),
        (
            "PATCH",
            "/v5/ad_accounts/123/campaigns",
            "campaigns/update",
            "/ad_accounts/{ad_account_id}/campaigns",
        ),
        (
            "GET",
            "/v5/ad_accounts/123/campaigns/analytics",
            "campaigns/analytics",
            "/ad_accounts/{ad_account_id}/campaigns/analytics",
        ),
        (
            "GET",
            "/v5/ad_accounts/123/campaigns/456",
            "campaigns/get",
            "/ad_accounts/{ad_account_id}/campaigns/{campaign_id}",
        ),
        ("POST", "/v5/oauth/token", "oauth/token", "/oauth/token"),
    ],
)
def test_find_operation_prefers_literal_segments(method: str, path: str, operation_id: str, template: str) -> None:
    op = oc.find_operation(method, path)
    assert op.operation_id == operation_id
    assert op.template == template
    assert op.method == method


def test_every_spec_operation_routes_to_itself() -> None:
    contract = oc.get_contract()
    for op in contract.operations.values():
        concrete = "/v5" + "/".join("123" if seg.startswith("{") else seg for seg in op.template.split("/"))
        assert contract.find_operation(op.method, concrete) is op, op.template


def test_operation_exposes_parameters_body_and_responses() -> None:
    op = oc.find_operation("PATCH", "/v5/ad_accounts/1/campaigns")
    assert {p.name for p in op.parameters} == {"ad_account_id"}
    body = op.request_body_schema()
    assert body is not None
    assert body["type"] == "array"
    assert body["maxItems"] == 30
    assert "200" in op.responses
    assert "default" in op.responses
    listing = oc.find_operation("GET", "/v5/ad_accounts/1/campaigns")
    statuses = next(p for p in listing.parameters if p.name == "entity_statuses")
    assert (statuses.location, statuses.style, statuses.explode) == ("query", "form", True)


@pytest.mark.parametrize(
    ("method", "path", "message"),
    [
        ("GET", "/v5/no_such_thing", "no path in the spec matches"),
        ("PUT", "/v5/ad_accounts", "the spec has no PUT for /ad_accounts"),
        ("GET", "/v4/ad_accounts", "not under /v5"),
    ],
)
def test_unknown_routes_are_violations(method: str, path: str, message: str) -> None:
    with pytest.raises(oc.ContractViolation, match=message):
        oc.find_operation(method, path)


# --- responses ---------------------------------------------------------------------------------------


def test_valid_ad_account_list_passes() -> None:
    op = oc.validate_response("GET", "/v5/ad_accounts", 200, {"items": [AD_ACCOUNT], "bookmark": None})
    assert op.operation_id == "ad_accounts/list"


def test_valid_campaign_list_passes_including_nullable_fields() -> None:
    body = {
        "items": [CAMPAIGN, {**CAMPAIGN, "id": "626735565839", "status": "PAUSED"}],
        "bookmark": "Y2JrOjE=",
    }
    oc.validate_response("GET", "/v5/ad_accounts/549755885175/campaigns", 200, body)


def test_response_accepts_bytes_and_content_type_parameters() -> None:
    raw = json.dumps({"items": [AD_ACCOUNT], "bookmark": None}).encode()
    oc.validate_response("GET", "/v5/ad_accounts", 200, raw, "application/json; charset=utf-8")


def test_missing_required_field_fails_readably() -> None:
    broken = {k: v for k, v in AD_ACCOUNT.items() if k != "id"}
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_response("GET", "/v5/ad_accounts", 200, {"items": [broken], "bookmark": None})
    message = str(info.value)
    assert "ad_accounts/list" in message
    assert "status 200" in message
    assert "$.items[0]: 'id' is a required property" in message
    assert info.value.operation_id == "ad_accounts/list"
    assert len(info.value.problems) == 1
    assert isinstance(info.value, AssertionError)


def test_wrong_type_and_enum_fail_with_json_paths() -> None:
    bad = {**AD_ACCOUNT, "currency": "DOUBLOONS", "created_time": "yesterday", "permissions": ["KING"]}
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_response("GET", "/v5/ad_accounts", 200, {"items": [bad]})
    problems = "\n".join(info.value.problems)
    assert "$.items[0].currency: 'DOUBLOONS' is not one of the" in problems
    assert "$.items[0].created_time: 'yesterday' is not of type 'integer'" in problems
    assert "$.items[0].permissions[0]: 'KING' is not one of the" in problems
    assert len(info.value.problems) == 3


def test_null_where_not_nullable_fails() -> None:
    with pytest.raises(oc.ContractViolation, match=r"\$\.items\[0\]\.name: None is not of type 'string'"):
        oc.validate_response("GET", "/v5/ad_accounts", 200, {"items": [{**AD_ACCOUNT, "name": None}]})


def test_campaign_enum_and_pattern_violations() -> None:
    bad = {**CAMPAIGN, "status": "RUNNING", "ad_account_id": "abc"}
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_response("GET", "/v5/ad_accounts/1/campaigns", 200, {"items": [bad], "bookmark": None})
    problems = "\n".join(info.value.problems)
    assert "$.items[0].status: 'RUNNING' is not one of" in problems
    assert "$.items[0].ad_account_id: 'abc' does not match" in problems


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429, 500])
def test_error_body_validates_for_error_statuses(status: int) -> None:
    oc.validate_response("GET", "/v5/ad_accounts", status, {"code": 2, "message": "Ad account not found."})
    oc.validate_response("GET", "/v5/ad_accounts/1/campaigns", status, {"code": 2, "message": "nope"})


def test_error_body_missing_message_fails() -> None:
    with pytest.raises(oc.ContractViolation, match=r"\$: 'message' is a required property"):
        oc.validate_response("GET", "/v5/ad_accounts/1/campaigns", 404, {"code": 2})


def test_status_falls_back_to_default_and_content_type_is_checked() -> None:
    op = oc.find_operation("GET", "/v5/ad_accounts/1/campaigns")
    assert op.response_status_key(404) == "default"
    assert op.response_status_key(400) == "400"
    with pytest.raises(oc.ContractViolation, match="content type 'text/html' is not one of"):
        oc.validate_response("GET", "/v5/ad_accounts", 200, b"<html></html>", "text/html")


def test_ad_account_analytics_response() -> None:
    rows = [
        {
            "AD_ACCOUNT_ID": "549755885175",
            "DATE": "2024-05-01",
            "SPEND_IN_DOLLAR": 30.5,
            "TOTAL_CLICKTHROUGH": 216,
        }
    ]
    oc.validate_response("GET", "/v5/ad_accounts/549755885175/analytics", 200, rows)
    with pytest.raises(oc.ContractViolation, match=r"\$\[0\]\.DATE: '2024-13-01' is not a 'date'"):
        oc.validate_response("GET", "/v5/ad_accounts/1/analytics", 200, [{**rows[0], "DATE": "2024-13-01"}])


def test_oauth_token_response_follows_the_discriminator() -> None:
    oc.validate_response("POST", "/v5/oauth/token", 200, TOKEN_REFRESH)
    incomplete = {k: v for k, v in TOKEN_REFRESH.items() if k != "refresh_token_expires_at"}
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_response("POST", "/v5/oauth/token", 200, incomplete)
    assert info.value.problems == ["$: 'refresh_token_expires_at' is a required property (schema …/allOf/1/required)"]


def test_campaign_update_response() -> None:
    body = {"items": [{"data": CAMPAIGN, "exceptions": []}]}
    oc.validate_response("PATCH", "/v5/ad_accounts/549755885175/campaigns", 200, body)


# --- requests ----------------------------------------------------------------------------------------


ANALYTICS_QUERY = "start_date=2024-05-01&end_date=2024-05-07&columns=SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH&granularity=DAY"


def test_valid_requests_pass() -> None:
    oc.validate_request("GET", "/v5/ad_accounts", "page_size=25&include_shared_accounts=true", headers=BEARER)
    oc.validate_request("GET", "/v5/ad_accounts/549755885175/analytics", ANALYTICS_QUERY, headers=BEARER)
    oc.validate_request(
        "GET",
        "/v5/ad_accounts/549755885175/campaigns",
        "entity_statuses=ACTIVE&entity_statuses=PAUSED&order=DESCENDING&page_size=250",
        headers=BEARER,
    )
    oc.validate_request(
        "PATCH",
        "/v5/ad_accounts/549755885175/campaigns",
        body=[{"id": "626735565838", "ad_account_id": "549755885175", "status": "PAUSED"}],
        content_type="application/json",
        headers=BEARER,
    )


def test_missing_required_query_param() -> None:
    query = "start_date=2024-05-01&columns=SPEND_IN_DOLLAR&granularity=DAY"
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("GET", "/v5/ad_accounts/549755885175/analytics", query)
    assert info.value.problems == ["required query parameter 'end_date' is missing"]
    assert "ad_account/analytics" in str(info.value)


def test_invalid_enum_in_query() -> None:
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("GET", "/v5/ad_accounts/1/analytics", ANALYTICS_QUERY.replace("DAY", "DAILY"))
    [problem] = info.value.problems
    assert problem.startswith(
        "query parameter 'granularity': $: 'DAILY' is not one of ['TOTAL', 'DAY', 'HOUR', 'WEEK', 'MONTH']"
    )


def test_comma_separated_columns_are_split_and_checked() -> None:
    query = ANALYTICS_QUERY.replace("TOTAL_CLICKTHROUGH", "NOT_A_COLUMN")
    with pytest.raises(oc.ContractViolation, match=r"'columns': \$\[1\]: 'NOT_A_COLUMN' is not one of the"):
        oc.validate_request("GET", "/v5/ad_accounts/1/analytics", query)
    repeated = ANALYTICS_QUERY.replace("columns=SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH", "columns=A&columns=B")
    with pytest.raises(oc.ContractViolation, match="explode=false expects one delimited value"):
        oc.validate_request("GET", "/v5/ad_accounts/1/analytics", repeated)


def test_exploded_arrays_must_be_repeated_not_comma_separated() -> None:
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("GET", "/v5/ad_accounts/1/campaigns", "entity_statuses=ACTIVE,PAUSED")
    assert "repeat it (entity_statuses=a&entity_statuses=b)" in str(info.value)


def test_numeric_bounds_types_and_path_patterns() -> None:
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("GET", "/v5/ad_accounts/12a/campaigns", "page_size=251&order=UP&bookmark=x")
    problems = "\n".join(info.value.problems)
    assert "path parameter 'ad_account_id': $: '12a' does not match" in problems
    assert "query parameter 'page_size': $: 251 is greater than the maximum of 250" in problems
    assert "query parameter 'order': $: 'UP' is not one of ['ASCENDING', 'DESCENDING']" in problems
    with pytest.raises(oc.ContractViolation, match="'page_size': 'ten' is not an integer"):
        oc.validate_request("GET", "/v5/ad_accounts", "page_size=ten")
    with pytest.raises(oc.ContractViolation, match="is not a boolean"):
        oc.validate_request("GET", "/v5/ad_accounts", "include_shared_accounts=yes")


def test_unknown_query_params_and_auth_header() -> None:
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("GET", "/v5/ad_accounts", "pagesize=5", headers={"Authorization": "Basic eDp5"})
    assert info.value.problems == [
        "query parameters not in the spec: pagesize",
        "Authorization header must be Bearer credentials (security: pinterest_oauth2, client_credentials)",
    ]
    oc.validate_request("GET", "/v5/ad_accounts", "pagesize=5", allow_unknown_query=True)


def test_request_body_is_checked_against_the_spec() -> None:
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("PATCH", "/v5/ad_accounts/1/campaigns", body=[{"id": "1", "status": "NOPE"}])
    problems = "\n".join(info.value.problems)
    assert "body: $[0]: 'ad_account_id' is a required property" in problems
    assert "body: $[0].status: 'NOPE' is not one of" in problems
    with pytest.raises(oc.ContractViolation, match=r"body: \$: \[\] should be non-empty"):
        oc.validate_request("PATCH", "/v5/ad_accounts/1/campaigns", body=[])
    with pytest.raises(oc.ContractViolation, match="required request body is missing"):
        oc.validate_request("PATCH", "/v5/ad_accounts/1/campaigns")
    with pytest.raises(oc.ContractViolation, match="defines no request body"):
        oc.validate_request("GET", "/v5/ad_accounts", body={"x": 1})


def test_oauth_token_form_request() -> None:
    form = "grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2Flocalhost%2Fcb"
    basic = {
        "Authorization": "Basic Y2xpZW50OnNlY3JldA==",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    oc.validate_request("POST", "/v5/oauth/token", body=form, headers=basic)
    with pytest.raises(oc.ContractViolation) as info:
        oc.validate_request("POST", "/v5/oauth/token", body="grant_type=authorization_code&code=abc", headers=basic)
    assert info.value.problems == ["body: $: 'redirect_uri' is a required property (schema …/allOf/0/required)"]
    with pytest.raises(oc.ContractViolation, match="request content type 'application/json' is not one of"):
        oc.validate_request("POST", "/v5/oauth/token", body={"grant_type": "x"}, content_type="application/json")


# --- recordings --------------------------------------------------------------------------------------


def _exchange(method: str, path: str, status: int, response_body: Any, **extra: Any) -> dict[str, Any]:
    record = {
        "method": method,
        "path": path,
        "query": "",
        "request_headers": {"authorization": "Bearer pina_AAAA"},
        "request_body": None,
        "status": status,
        "response_headers": {"content-type": "application/json"},
        "response_body": response_body,
        "operation_id": None,
    }
    record.update(extra)
    return record


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_validate_recording_reports_each_violation(tmp_path: Path) -> None:
    records = [
        _exchange(
            "GET",
            "/v5/ad_accounts",
            200,
            {"items": [AD_ACCOUNT], "bookmark": None},
            operation_id="ad_accounts/list",
        ),
        _exchange("GET", "/v5/ad_accounts", 200, {"items": [{"name": "no id"}]}),
        _exchange("GET", "/healthz", 200, {"ok": True}),  # not /v5: skipped
        _exchange(
            "GET",
            "/v5/ad_accounts/1/campaigns/2",
            404,
            {"code": 2, "message": "gone"},
            operation_id="campaigns/list",
        ),
        _exchange(
            "GET",
            "/v5/ad_accounts/1/campaigns",
            200,
            json.dumps({"items": [CAMPAIGN], "bookmark": None}),  # text bodies are parsed
            query="entity_statuses=ACTIVE,PAUSED",
        ),
        _exchange(
            "POST",
            "/v5/oauth/token",
            200,
            TOKEN_REFRESH,
            request_headers=[
                ["Authorization", "Basic eDp5"],
                ["Content-Type", "application/x-www-form-urlencoded"],
            ],
            request_body="grant_type=refresh_token&refresh_token=pinr_x",
        ),
    ]
    recording = _write(tmp_path / "rec.jsonl", records)
    responses_only = oc.validate_recording(recording)
    assert len(responses_only) == 2, responses_only
    assert responses_only[0].startswith("rec.jsonl:2: GET /v5/ad_accounts -> 200 (ad_accounts/list): $.items[0]: 'id'")
    assert "emulator routed to 'campaigns/list', the spec says 'campaigns/get'" in responses_only[1]

    with_requests = oc.validate_recording(recording, requests=True)
    assert len(with_requests) == 4, with_requests
    assert any("request (campaigns/list): query parameter 'entity_statuses'" in v for v in with_requests)

    with pytest.raises(oc.ContractViolation, match="2 contract violation"):
        oc.assert_recording_valid(recording)


def test_validate_recording_of_missing_file_is_empty(tmp_path: Path) -> None:
    assert oc.validate_recording(tmp_path / "none.jsonl") == []


def test_thousand_exchanges_validate_in_seconds(tmp_path: Path) -> None:
    records = []
    for i in range(1000):
        if i % 2:
            records.append(_exchange("GET", "/v5/ad_accounts", 200, {"items": [AD_ACCOUNT] * 5, "bookmark": None}))
        else:
            body = {"items": [CAMPAIGN] * 5, "bookmark": "x"}
            records.append(_exchange("GET", "/v5/ad_accounts/1/campaigns", 200, body, query="page_size=5"))
    recording = _write(tmp_path / "big.jsonl", records)
    started = time.perf_counter()
    assert oc.validate_recording(recording, requests=True) == []
    assert time.perf_counter() - started < 20
