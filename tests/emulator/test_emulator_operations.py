"""Every new operation: stats by operationId and category, faults, commit_then_timeout on creates, coverage doc."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any

import httpx2
import pytest

from pinagent.emulator import EmulatorConfig, coverage
from pinagent.emulator.inprocess import EmulatedPinterest
from tests.emulator.emulator_ids import ACME_EU, NARROW_GROUP, PUBLIC_BOARD, SPRING_SALE

EU = f"/ad_accounts/{ACME_EU}"
GOAL = {"conversion_tag_v3_goal_metadata": {"conversion_event": "CHECKOUT"}}
CREATES: dict[str, tuple[str, Any, str]] = {
    "campaigns/create": (
        f"{EU}/campaigns",
        [{"ad_account_id": ACME_EU, "name": "Retry me", "objective_type": "AWARENESS"}],
        f"{EU}/campaigns?page_size=250",
    ),
    "ad_groups/create": (
        f"{EU}/ad_groups",
        [{"campaign_id": SPRING_SALE, "name": "Retry me", "billable_event": "CLICKTHROUGH",
          "budget_in_micro_currency": 5_000_000, "optimization_goal_metadata": GOAL}],
        f"{EU}/ad_groups?page_size=250",
    ),
    "ads/create": (
        f"{EU}/ads",
        [{"ad_group_id": NARROW_GROUP, "creative_type": "REGULAR", "pin_id": "821047200000000002", "name": "Retry me"}],
        f"{EU}/ads?page_size=250",
    ),
    "audiences/create": (
        f"{EU}/audiences",
        {"name": "Retry me", "audience_type": "CUSTOMER_LIST", "rule": {"customer_list_id": "2542671200042"}},
        f"{EU}/audiences?page_size=250",
    ),
    "boards/create": ("/boards", {"name": "Retry me"}, "/boards?page_size=250"),
    "pins/create": (
        "/pins",
        {"board_id": PUBLIC_BOARD, "title": "Retry me", "media_source": {"source_type": "image_url", "url": "https://x.example/a.jpg"}},
        "/pins?page_size=250",
    ),
}  # fmt: skip


def named_retry_me(listing: dict[str, Any]) -> int:
    return sum(1 for item in listing["items"] if item.get("name") == "Retry me" or item.get("title") == "Retry me")


@pytest.mark.parametrize("operation", list(CREATES))
async def test_commit_then_timeout_creates_and_a_retry_duplicates(
    emu: EmulatedPinterest, client: httpx2.AsyncClient, operation: str
) -> None:
    url, body, listing = CREATES[operation]
    await emu.fault(operation=operation, kind="commit_then_timeout")
    timed_out = await client.post(url, json=body)
    assert timed_out.status_code == 504
    assert named_retry_me((await client.get(listing)).json()) == 1  # the write was committed
    retried = await client.post(url, json=body)
    assert retried.status_code in (200, 201)
    assert named_retry_me((await client.get(listing)).json()) == 2  # the emulator does not dedupe


async def test_stats_and_categories_for_new_operations(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    await client.get(f"{EU}/ad_groups")
    await client.get(f"{EU}/ads")
    await client.get(f"{EU}/audiences")
    await client.get("/boards")
    await client.get("/pins")
    await client.get(f"/boards/{PUBLIC_BOARD}/pins")
    await client.post("/boards", json={"name": "Stats"})
    stats = await emu.stats()
    assert stats["requests"] == {
        "ad_groups/list": 1,
        "ads/list": 1,
        "audiences/list": 1,
        "boards/list": 1,
        "pins/list": 1,
        "boards/list_pins": 1,
        "boards/create": 1,
    }
    assert stats["by_category"] == {"ads_read": 3, "org_read": 3, "org_write": 1}


@pytest.mark.parametrize("config", [EmulatorConfig(rate_limit_overrides={"org_write": 1})])
async def test_org_write_rate_limit(client: httpx2.AsyncClient) -> None:
    assert (await client.post("/boards", json={"name": "One"})).status_code == 201
    media = {"source_type": "image_base64", "content_type": "image/png", "data": base64.b64encode(b"png").decode()}
    limited = await client.post("/pins", json={"board_id": PUBLIC_BOARD, "media_source": media})
    assert (limited.status_code, limited.json()["code"]) == (429, 8)
    assert (await client.get("/boards")).status_code == 200


async def test_faults_accept_every_new_operation(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    for op in coverage.OPERATIONS:
        await emu.fault(operation=op.operation_id, kind="latency", latency_ms=0)
    assert len(coverage.OPERATIONS) >= 32
    today = dt.datetime.now(dt.UTC).date().isoformat()
    params = {"metric_types": "PROFILE_VISIT", "start_date": today, "end_date": today}
    assert (await client.get("/pins/821047200000000001/analytics", params=params)).status_code == 200  # latency 0
    await emu.fault(operation="pins/analytics", kind="error_5xx")
    response = await client.get("/pins/821047200000000001/analytics", params=params)
    assert (response.status_code, response.json()["code"]) == (500, 500)


def test_committed_coverage_table_matches_the_generator() -> None:
    path = Path(__file__).resolve().parents[2] / "docs" / "emulator-coverage.md"
    assert path.read_text(encoding="utf-8") == coverage.render(), (
        "run: python -m pinagent.emulator.coverage > docs/emulator-coverage.md"
    )
    table = coverage.render()
    for operation_id in ("ad_groups/create", "ads/analytics", "audiences/update", "boards/create", "pins/analytics"):
        assert f"`{operation_id}`" in table
