"""``client.audiences``: paging with order/ownership, and single-object create/update."""

from __future__ import annotations

import json

import pytest
from pinterest_fakes import make_client, paged, reply

from pinagent.pinterest import Audience, PermissionDeniedError

AID = "549755885175"
AUDIENCE = {
    "id": "549755885176",
    "ad_account_id": AID,
    "name": "Site visitors",
    "audience_type": "VISITOR",
    "rule": {"visitor_source_id": "2541234567890", "retention_days": 180, "event": "pagevisit"},
    "size": 12000,
    "status": "READY",
    "created_timestamp": 1617235200,
    "type": "audience",
}


async def test_list_sends_order_and_ownership_and_pages() -> None:
    client, recorder = make_client(paged([{**AUDIENCE, "id": str(i)} for i in range(3)]))
    async with client:
        got = await client.audiences.list(AID, order="DESCENDING", ownership_type="RECEIVED", page_size=2).collect()

    assert [a.id for a in got] == ["0", "1", "2"]
    url = recorder.requests[0].url
    assert url.path == f"/v5/ad_accounts/{AID}/audiences"
    assert (url.params["order"], url.params["ownership_type"], url.params["page_size"]) == (
        "DESCENDING",
        "RECEIVED",
        "2",
    )
    assert recorder.requests[1].url.params["bookmark"] == "2"


async def test_list_without_options_sends_only_page_size() -> None:
    client, recorder = make_client(paged([AUDIENCE]))
    async with client:
        first = await client.audiences.list(AID).first_page()
    assert first.bookmark is None
    assert first.items[0].rule == AUDIENCE["rule"]
    assert dict(recorder.requests[0].url.params) == {"page_size": "250"}


async def test_get() -> None:
    client, recorder = make_client(lambda request: reply(200, AUDIENCE))
    async with client:
        audience = await client.audiences.get(AID, "549755885176")
    assert recorder.requests[0].url.path == f"/v5/ad_accounts/{AID}/audiences/549755885176"
    assert isinstance(audience, Audience)
    assert (audience.status, audience.size) == ("READY", 12000)


async def test_create_posts_a_single_object_with_the_account() -> None:
    body = {
        "name": "Lookalike",
        "audience_type": "ACTALIKE",
        "rule": {"seed_id": ["1"], "country": "US", "percentage": 5},
    }
    client, recorder = make_client(
        lambda request: reply(200, {**json.loads(request.content), "id": "77", "status": "INITIALIZING"})
    )
    async with client:
        created = await client.audiences.create(AID, body)

    request = recorder.requests[0]
    assert (request.method, request.url.path) == ("POST", f"/v5/ad_accounts/{AID}/audiences")
    sent = json.loads(request.content)
    assert isinstance(sent, dict), "audiences take a single object, not an array"
    assert sent == {**body, "ad_account_id": AID}
    assert "ad_account_id" not in body
    assert (created.id, created.status) == ("77", "INITIALIZING")


async def test_create_refuses_missing_fields_before_sending() -> None:
    client, recorder = make_client(lambda request: reply(200, AUDIENCE))
    async with client:
        with pytest.raises(ValueError, match="rule, audience_type"):
            await client.audiences.create(AID, {"name": "x"})
        with pytest.raises(ValueError, match="at least one field"):
            await client.audiences.update(AID, "1", {})
    assert recorder.requests == []


async def test_update_patches_one_audience() -> None:
    client, recorder = make_client(lambda request: reply(200, {**AUDIENCE, "name": "Renamed"}))
    async with client:
        updated = await client.audiences.update(AID, "549755885176", {"name": "Renamed", "operation_type": "UPDATE"})
    request = recorder.requests[0]
    assert (request.method, request.url.path) == ("PATCH", f"/v5/ad_accounts/{AID}/audiences/549755885176")
    assert json.loads(request.content) == {"ad_account_id": AID, "name": "Renamed", "operation_type": "UPDATE"}
    assert updated.name == "Renamed"


async def test_forbidden_audience_write() -> None:
    client, _ = make_client(
        lambda request: reply(403, {"code": 29, "message": "You are not permitted to access that resource."})
    )
    async with client:
        with pytest.raises(PermissionDeniedError) as caught:
            await client.audiences.update(AID, "1", {"name": "x"})
    assert caught.value.operation == "audiences/update"
