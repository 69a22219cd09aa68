"""Audiences: list/get, single-object create with rule checks, status over time, update/remove, roles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pinagent.emulator import EmulatorConfig, emulated_pinterest
from pinagent.emulator.inprocess import EmulatedPinterest
from tests.emulator.emulator_ids import (
    ACME_EU,
    RECEIVED_AUDIENCE,
    SHARED_ANALYST,
    SITE_VISITORS,
    TOO_SMALL_AUDIENCE,
)
from tests.emulator.test_emulator_ads import all_pages

URL = f"/ad_accounts/{ACME_EU}/audiences"


async def test_list_get_ownership_and_order(client: httpx2.AsyncClient) -> None:
    owned, _ = await all_pages(client, URL, page_size=2)
    assert {a["audience_type"] for a in owned} == {"VISITOR", "CUSTOMER_LIST", "ACTALIKE", "ENGAGEMENT"}
    assert RECEIVED_AUDIENCE not in {a["id"] for a in owned}
    received = (await client.get(URL, params={"ownership_type": "RECEIVED"})).json()["items"]
    assert [a["id"] for a in received] == [RECEIVED_AUDIENCE]
    descending = (await client.get(URL, params={"order": "DESCENDING"})).json()["items"]
    assert [a["id"] for a in descending] == sorted((a["id"] for a in owned), reverse=True)
    small = (await client.get(f"{URL}/{TOO_SMALL_AUDIENCE}")).json()
    assert (small["status"], small["size"], small["type"]) == ("TOO_SMALL", 64, "audience")
    missing = await client.get(f"{URL}/2542620199999")
    assert (missing.status_code, missing.json()["code"]) == (404, 2)


async def test_create_initializes_then_ready_or_too_small(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    lookalike = {
        "name": "Lookalike 5% – visitors",
        "audience_type": "ACTALIKE",
        "rule": {"seed_id": [SITE_VISITORS], "country": "DE", "percentage": 5},
        "description": "Prospecting seed",
    }
    created = (await client.post(URL, json=lookalike)).json()
    assert (created["status"], created["size"], created["ad_account_id"]) == ("INITIALIZING", None, ACME_EU)
    tiny = {
        "name": "Yesterday's visitors",
        "audience_type": "VISITOR",
        "rule": {"visitor_source_id": "2613287301001", "retention_days": 1},
    }
    tiny_created = (await client.post(URL, json=tiny)).json()
    await emu.advance_clock(3601)
    ready = (await client.get(f"{URL}/{created['id']}")).json()
    assert (ready["status"], ready["size"]) == ("READY", 9_250_000)
    assert (await client.get(f"{URL}/{tiny_created['id']}")).json()["status"] == "TOO_SMALL"


@pytest.mark.contract_responses_only(reason="invalid audiences on purpose")
@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"name": "x", "audience_type": "VISITOR"}, "'rule' is required"),
        ({"name": "x", "audience_type": "FRIENDS", "rule": {}}, "audience_type"),
        (
            {
                "name": "x",
                "audience_type": "ACTALIKE",
                "rule": {"seed_id": [SITE_VISITORS], "country": "DE", "percentage": 11},
            },
            "percentage",
        ),
        (
            {
                "name": "x",
                "audience_type": "ACTALIKE",
                "rule": {"seed_id": ["2542620200001"], "country": "DE", "percentage": 2},
            },
            "seed_id",
        ),
        (
            {"name": "x", "audience_type": "VISITOR", "rule": {"visitor_source_id": "1", "retention_days": 541}},
            "retention_days",
        ),
        ({"name": "x", "audience_type": "VISITOR", "rule": {"retention_days": 30}}, "visitor_source_id"),
        ({"name": "x", "audience_type": "ENGAGEMENT", "rule": {"engagement_domain": []}}, "engagement_domain"),
        (
            {"name": "x", "audience_type": "CUSTOMER_LIST", "rule": {"customer_list_id": "12", "colour": "red"}},
            "colour",
        ),
        ([{"name": "x", "audience_type": "PERSONA", "rule": {}}], "single"),
    ],
)
async def test_create_validation_errors(client: httpx2.AsyncClient, body: Any, fragment: str) -> None:
    response = await client.post(URL, json=body)
    assert (response.status_code, response.json()["code"]) == (400, 1)
    assert fragment in response.json()["message"] or fragment == "single"


async def test_update_and_remove(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    renamed = (
        await client.patch(f"{URL}/{SITE_VISITORS}", json={"name": "Visitors 180d", "description": "All pages"})
    ).json()
    assert (renamed["name"], renamed["status"]) == ("Visitors 180d", "READY")
    reruled = (
        await client.patch(
            f"{URL}/{SITE_VISITORS}",
            json={"rule": {"visitor_source_id": "2613287301001", "retention_days": 30}, "operation_type": "UPDATE"},
        )
    ).json()
    assert reruled["status"] == "INITIALIZING"
    removed = await client.patch(f"{URL}/{TOO_SMALL_AUDIENCE}", json={"operation_type": "REMOVE"})
    assert removed.status_code == 200
    assert (await client.get(f"{URL}/{TOO_SMALL_AUDIENCE}")).status_code == 404
    ids = {a["id"] for a in (await client.get(URL)).json()["items"]}
    assert TOO_SMALL_AUDIENCE not in ids


async def test_roles_analyst_refused_audience_manager_allowed(client: httpx2.AsyncClient, tmp_path: Path) -> None:
    body = {"name": "x", "audience_type": "CUSTOMER_LIST", "rule": {"customer_list_id": "2542671200009"}}
    refused = await client.post(f"/ad_accounts/{SHARED_ANALYST}/audiences", json=body)
    assert (refused.status_code, refused.json()["code"]) == (403, 29)
    dataset = {
        "users": [{"username": "owner"}, {"username": "aud"}],
        "ad_accounts": [{"id": "100000000001", "owner": "owner", "permissions": {"aud": ["AUDIENCE_MANAGER"]}}],
        "campaigns": [
            {"id": "200000000001", "ad_account_id": "100000000001", "name": "C", "objective_type": "AWARENESS"}
        ],
    }
    path = tmp_path / "roles.json"
    path.write_text(json.dumps(dataset))
    async with emulated_pinterest(EmulatorConfig(dataset=str(path))) as emu:
        token = (await emu.issue_token("aud", ["ads:read", "ads:write"]))["access_token"]
        async with emu.client(token) as aud:
            created = await aud.post("/ad_accounts/100000000001/audiences", json=body)
            assert created.status_code == 200
            assert (await aud.get("/ad_accounts/100000000001/campaigns")).status_code == 200  # any role reads
            item = [{"ad_account_id": "100000000001", "name": "No", "objective_type": "AWARENESS"}]
            refused_campaign = await aud.post("/ad_accounts/100000000001/campaigns", json=item)
            assert refused_campaign.status_code == 403
