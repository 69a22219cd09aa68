"""Ads analytics: deterministic, consistent across levels, within Pinterest's limits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx2
import pytest

from pinagent.emulator.inprocess import EmulatedPinterest
from tests.emulator.emulator_ids import ACME_EU

COLUMNS = ",".join(
    [
        "SPEND_IN_DOLLAR",
        "SPEND_IN_MICRO_DOLLAR",
        "TOTAL_IMPRESSION",
        "PAID_IMPRESSION",
        "IMPRESSION_1",
        "TOTAL_CLICKTHROUGH",
        "CLICKTHROUGH_1",
        "OUTBOUND_CLICK_1",
        "CTR",
        "ECTR",
        "CPC_IN_MICRO_DOLLAR",
        "ECPC_IN_DOLLAR",
        "CPM_IN_DOLLAR",
        "TOTAL_CONVERSIONS",
        "TOTAL_CHECKOUT",
        "TOTAL_CHECKOUT_VALUE_IN_MICRO_DOLLAR",
        "TOTAL_ENGAGEMENT",
        "CHECKOUT_ROAS",
    ]
)
CAMPAIGNS = [str(626_744_100_001 + n) for n in range(14)]


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def window(days: int, end_offset: int = 0) -> dict[str, str]:
    end = today() - dt.timedelta(days=end_offset)
    return {"start_date": str(end - dt.timedelta(days=days - 1)), "end_date": str(end)}


async def analytics(client: httpx2.AsyncClient, path: str, **params: Any) -> httpx2.Response:
    return await client.get(f"/ad_accounts/{ACME_EU}{path}", params=params)


async def test_account_total_equals_sum_of_campaigns(client: httpx2.AsyncClient) -> None:
    dates = window(30)
    account = (await analytics(client, "/analytics", columns=COLUMNS, granularity="DAY", **dates)).json()
    campaigns = (
        await analytics(
            client, "/campaigns/analytics", columns=COLUMNS, granularity="DAY", campaign_ids=CAMPAIGNS, **dates
        )
    ).json()
    assert len(account) == 30
    assert {row["AD_ACCOUNT_ID"] for row in account} == {ACME_EU}
    for row in account:
        same_day = [c for c in campaigns if c["DATE"] == row["DATE"]]
        assert len(same_day) == 14
        for column in ("SPEND_IN_MICRO_DOLLAR", "TOTAL_IMPRESSION", "TOTAL_CLICKTHROUGH", "TOTAL_CHECKOUT"):
            assert row[column] == sum(c[column] for c in same_day)
    for row in campaigns:
        assert row["CLICKTHROUGH_1"] <= row["PAID_IMPRESSION"]
        assert row["TOTAL_CLICKTHROUGH"] <= row["TOTAL_IMPRESSION"]
        assert row["OUTBOUND_CLICK_1"] <= row["CLICKTHROUGH_1"]
        assert row["TOTAL_CONVERSIONS"] <= row["TOTAL_CLICKTHROUGH"]
        assert row["SPEND_IN_DOLLAR"] == pytest.approx(row["SPEND_IN_MICRO_DOLLAR"] / 1e6)
    total = (await analytics(client, "/analytics", columns=COLUMNS, granularity="TOTAL", **dates)).json()
    assert total[0]["SPEND_IN_MICRO_DOLLAR"] == sum(r["SPEND_IN_MICRO_DOLLAR"] for r in account)
    assert "DATE" not in total[0]


async def test_spend_never_exceeds_the_daily_cap_and_capped_campaign_hits_it(client: httpx2.AsyncClient) -> None:
    rows = (
        await analytics(
            client,
            "/campaigns/analytics",
            columns="SPEND_IN_MICRO_DOLLAR,CAMPAIGN_DAILY_SPEND_CAP",
            granularity="DAY",
            campaign_ids=CAMPAIGNS[:8],
            **window(60),
        )
    ).json()
    for row in rows:
        cap = row["CAMPAIGN_DAILY_SPEND_CAP"]
        assert cap is None or row["SPEND_IN_MICRO_DOLLAR"] <= cap
    capped = [r for r in rows if r["CAMPAIGN_ID"] == "626744100004"]
    assert all(r["SPEND_IN_MICRO_DOLLAR"] == 80_000_000 for r in capped)


async def test_paused_campaign_spent_before_but_not_after_pausing(client: httpx2.AsyncClient) -> None:
    rows = (
        await analytics(
            client,
            "/campaigns/analytics",
            columns="SPEND_IN_MICRO_DOLLAR",
            granularity="DAY",
            campaign_ids=["626744100006"],
            **window(30),
        )
    ).json()
    assert sum(r["SPEND_IN_MICRO_DOLLAR"] for r in rows[-8:]) == 0
    assert sum(r["SPEND_IN_MICRO_DOLLAR"] for r in rows[:15]) > 0


async def test_ctr_falls_over_the_last_two_weeks(client: httpx2.AsyncClient) -> None:
    async def ctr(days: int, end_offset: int) -> float:
        rows = (
            await analytics(
                client,
                "/campaigns/analytics",
                columns="CTR",
                granularity="TOTAL",
                campaign_ids=["626744100005"],
                **window(days, end_offset),
            )
        ).json()
        return float(rows[0]["CTR"])

    assert await ctr(7, 0) < 0.7 * await ctr(14, 14)


async def test_results_are_deterministic_and_weekly_monthly_buckets(client: httpx2.AsyncClient) -> None:
    params = {"columns": COLUMNS, **window(60)}
    first = (await analytics(client, "/analytics", granularity="DAY", **params)).json()
    second = (await analytics(client, "/analytics", granularity="DAY", **params)).json()
    assert first == second
    for granularity in ("WEEK", "MONTH"):
        rows = (await analytics(client, "/analytics", granularity=granularity, **params)).json()
        assert sum(r["SPEND_IN_MICRO_DOLLAR"] for r in rows) == sum(r["SPEND_IN_MICRO_DOLLAR"] for r in first)


async def test_hourly_rows_add_up_to_the_day(client: httpx2.AsyncClient) -> None:
    params = {"columns": "SPEND_IN_MICRO_DOLLAR,TOTAL_CHECKOUT", **window(1, 1)}
    hours = (await analytics(client, "/analytics", granularity="HOUR", **params)).json()
    day = (await analytics(client, "/analytics", granularity="DAY", **params)).json()
    assert len(hours) == 24
    assert sum(h["SPEND_IN_MICRO_DOLLAR"] for h in hours) == day[0]["SPEND_IN_MICRO_DOLLAR"]
    assert "TOTAL_CHECKOUT" not in hours[0]


async def test_other_valid_columns_are_accepted(client: httpx2.AsyncClient) -> None:
    rows = (
        await analytics(client, "/analytics", columns="VIDEO_LENGTH,TOTAL_IMPRESSION", granularity="TOTAL", **window(7))
    ).json()
    assert "TOTAL_IMPRESSION" in rows[0]


async def test_aggregate_report_rows(client: httpx2.AsyncClient) -> None:
    params = {"columns": "SPEND_IN_MICRO_DOLLAR", "granularity": "TOTAL", "campaign_ids": CAMPAIGNS[:3], **window(7)}
    separate = (await analytics(client, "/campaigns/analytics", **params)).json()
    combined = (await analytics(client, "/campaigns/analytics", aggregate_report_rows="true", **params)).json()
    assert len(combined) == 1
    assert "CAMPAIGN_ID" not in combined[0]
    assert combined[0]["SPEND_IN_MICRO_DOLLAR"] == sum(r["SPEND_IN_MICRO_DOLLAR"] for r in separate)


async def test_today_moves_with_the_emulator_clock(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    tomorrow = today() + dt.timedelta(days=1)
    params = {"columns": "SPEND_IN_MICRO_DOLLAR", "granularity": "DAY"}
    dates = {"start_date": str(tomorrow), "end_date": str(tomorrow)}
    assert (await analytics(client, "/analytics", **params, **dates)).json() == []
    await emu.advance_clock(86_400)
    rows = (await analytics(client, "/analytics", **params, **dates)).json()
    assert [r["DATE"] for r in rows] == [str(tomorrow)]


@pytest.mark.contract_responses_only(reason="invalid analytics requests on purpose")
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", **window(91)}),
        ("/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", **window(10, 85)}),
        ("/analytics", {"columns": "ROAS", "granularity": "DAY", **window(7)}),
        ("/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "YEAR", **window(7)}),
        ("/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", "start_date": "2025-13-01"}),
        ("/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "HOUR", **window(3, 7)}),
        ("/analytics", {"granularity": "DAY", **window(7)}),
        ("/campaigns/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", **window(7)}),
        (
            "/campaigns/analytics",
            {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", "campaign_ids": CAMPAIGNS[:1], **window(91)},
        ),
        (
            "/campaigns/analytics",
            {"columns": "SPEND_IN_DOLLAR", "granularity": "HOUR", "campaign_ids": CAMPAIGNS[:1], **window(4)},
        ),
        (
            "/campaigns/analytics",
            {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", "campaign_ids": [str(10**11 + n) for n in range(251)]},
        ),
    ],
)
async def test_limits_and_bad_parameters_are_400(client: httpx2.AsyncClient, path: str, params: dict[str, Any]) -> None:
    response = await analytics(client, path, **params)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == 400
    assert response.json()["message"].startswith("Invalid ad account")


async def test_ninety_day_window_is_accepted(client: httpx2.AsyncClient) -> None:
    response = await analytics(client, "/analytics", columns="SPEND_IN_DOLLAR", granularity="TOTAL", **window(90))
    assert response.status_code == 200
