"""Datasets: the generated default, the JSON file format (round trip through dump), overrides."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import httpx2
import pytest

from pinagent.emulator import DEFAULT_APP_ID, DEFAULT_USERNAME, EmulatorConfig, emulated_pinterest
from pinagent.emulator.datasets import DatasetError, dump, load
from pinagent.emulator.generator import generate
from pinagent.emulator.server import describe


def test_default_dataset_is_deterministic_and_has_the_documented_shape() -> None:
    first, second = generate("default"), generate("default")
    assert first == second
    assert [u["username"] for u in first["users"]] == [DEFAULT_USERNAME, "northpeak_agency", "lena_pins"]
    assert [u["account_type"] for u in first["users"]] == ["BUSINESS", "BUSINESS", "PINNER"]
    per_account: dict[str, int] = {}
    for campaign in first["campaigns"]:
        per_account[campaign["ad_account_id"]] = per_account.get(campaign["ad_account_id"], 0) + 1
    assert per_account == {"549764001001": 14, "549764001002": 5, "549764001003": 320, "549764001004": 3}
    assert first["daily_metrics"] == []
    groups_per_campaign: dict[str, int] = {}
    for group in first["ad_groups"]:
        groups_per_campaign[group["campaign_id"]] = groups_per_campaign.get(group["campaign_id"], 0) + 1
    assert set(groups_per_campaign) == {c["id"] for c in first["campaigns"]}
    assert all(2 <= n <= 4 for n in groups_per_campaign.values())
    ads_per_group: dict[str, int] = {}
    pins = {p["id"] for p in first["pins"]}
    for ad in first["ads"]:
        ads_per_group[ad["ad_group_id"]] = ads_per_group.get(ad["ad_group_id"], 0) + 1
        assert ad["pin_id"] in pins
    assert set(ads_per_group) == {g["id"] for g in first["ad_groups"]}
    assert all(1 <= n <= 3 for n in ads_per_group.values())
    acme_boards = {b["id"]: b for b in first["boards"] if b["owner"] == DEFAULT_USERNAME}
    assert {b["privacy"] for b in acme_boards.values()} == {"PUBLIC", "PROTECTED", "SECRET"}
    assert len([p for p in first["pins"] if p["board_id"] in acme_boards]) >= 20
    assert {a["audience_type"] for a in first["audiences"]} >= {"VISITOR", "CUSTOMER_LIST", "ACTALIKE", "ENGAGEMENT"}


def test_large_dataset_adds_five_accounts_of_1000_campaigns() -> None:
    started = time.monotonic()
    large = generate("large")
    assert time.monotonic() - started < 3
    assert len(large["ad_accounts"]) == 9
    assert len(large["campaigns"]) == 342 + 5000
    assert len(large["ad_groups"]) > 2 * len(large["campaigns"])
    assert len(large["pins"]) > 200


def test_dump_round_trips_through_the_file_loader(tmp_path: Path) -> None:
    path = dump(tmp_path / "default.json")
    assert load(str(path)) == load("default")


def test_bad_dataset_files_are_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"users": [{"username": "a"}], "ad_accounts": [{"id": "1", "owner": "zed"}]}))
    with pytest.raises(DatasetError, match="owner"):
        load(str(bad))
    with pytest.raises(DatasetError):
        load(str(tmp_path / "missing.json"))


async def test_custom_dataset_with_overrides_and_extra_redirect_uri(tmp_path: Path) -> None:
    today = dt.datetime.now(dt.UTC).date()
    data = {
        "format": "pinagent-emulator-dataset/1",
        "apps": [{"id": DEFAULT_APP_ID, "secret": "ignored", "redirect_uris": ["https://app.example/cb"]}],
        "users": [{"username": "shop", "business_name": "Shop"}],
        "ad_accounts": [{"id": "100000000001", "name": "Shop EU", "owner": "shop", "currency": "EUR"}],
        "campaigns": [
            {
                "id": "200000000001",
                "ad_account_id": "100000000001",
                "name": "Only campaign",
                "objective_type": "WEB_CONVERSION",
                "daily_spend_cap": 50_000_000,
                "created_time": 1_700_000_000,
            }
        ],
        "daily_metrics": [
            {"campaign_id": "200000000001", "days_ago": 1, "SPEND_IN_MICRO_DOLLAR": 12_340_000, "TOTAL_CHECKOUT": 3},
            {"campaign_id": "200000000001", "date": str(today - dt.timedelta(days=2)), "SPEND_IN_MICRO_DOLLAR": 0},
        ],
    }
    path = tmp_path / "shop.json"
    path.write_text(json.dumps(data))
    async with emulated_pinterest(EmulatorConfig(dataset=str(path))) as emu:
        token = await emu.issue_token("shop", ["ads:read"])
        async with emu.client(token["access_token"]) as client:
            rows = (
                await client.get(
                    "/ad_accounts/100000000001/campaigns/analytics",
                    params={
                        "campaign_ids": "200000000001",
                        "start_date": str(today - dt.timedelta(days=2)),
                        "end_date": str(today - dt.timedelta(days=1)),
                        "columns": "SPEND_IN_MICRO_DOLLAR,TOTAL_CHECKOUT",
                        "granularity": "DAY",
                    },
                )
            ).json()
        assert [r["SPEND_IN_MICRO_DOLLAR"] for r in rows] == [0, 12_340_000]
        assert rows[1]["TOTAL_CHECKOUT"] == 3
        async with httpx2.AsyncClient(transport=emu.transport, base_url="http://pinterest.emulator") as web:
            page = await web.get(
                "/oauth/",
                params={
                    "client_id": DEFAULT_APP_ID,
                    "redirect_uri": "https://app.example/cb",
                    "response_type": "code",
                    "scope": "ads:read",
                },
            )
        assert page.status_code == 200


def test_server_banner_names_urls_and_credentials() -> None:
    text = "\n".join(describe("127.0.0.1", 8900))
    for expected in (
        "http://127.0.0.1:8900/v5",
        "http://127.0.0.1:8900/oauth/",
        "http://127.0.0.1:8900/_emulator/",
        DEFAULT_APP_ID,
    ):
        assert expected in text
