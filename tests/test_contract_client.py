"""Every operation the client uses, sent through the emulator by the client itself.

The contract plugin (tests/support/contract_fixtures.py) validates each request the client sent and
each response the emulator gave against the official OpenAPI description; this test makes sure every
operation is exercised, and that the two independent readings of the spec agree on it.
"""

from __future__ import annotations

import datetime as dt

from pinagent.config import REQUESTED_SCOPES
from pinagent.emulator import DEFAULT_USERNAME, emulated_pinterest
from pinagent.pinterest import PinterestClient, StaticToken

ACCOUNT = "549764001001"
CLIENT_OPERATIONS = {
    "user_account/get",
    "ad_accounts/list",
    "ad_accounts/get",
    "ad_account/analytics",
    "campaigns/list",
    "campaigns/get",
    "campaigns/create",
    "campaigns/update",
    "campaigns/analytics",
    "ad_groups/list",
    "ad_groups/get",
    "ad_groups/create",
    "ad_groups/update",
    "ad_groups/analytics",
    "ads/list",
    "ads/get",
    "ads/create",
    "ads/update",
    "ads/analytics",
    "audiences/list",
    "audiences/get",
    "audiences/create",
    "audiences/update",
    "boards/list",
    "boards/get",
    "boards/create",
    "boards/list_pins",
    "pins/list",
    "pins/get",
    "pins/create",
    "pins/analytics",
}


async def test_every_client_operation_round_trips_through_the_emulator() -> None:
    end = dt.date.today() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=6)
    columns = ["SPEND_IN_MICRO_DOLLAR", "TOTAL_IMPRESSION", "TOTAL_CLICKTHROUGH"]
    async with emulated_pinterest() as emulator:
        token = await emulator.issue_token(DEFAULT_USERNAME, list(REQUESTED_SCOPES))
        auth = StaticToken(token["access_token"])
        async with PinterestClient(emulator.base_url, auth=auth, transport=emulator.transport) as client:
            assert (await client.user_account.get()).username == DEFAULT_USERNAME
            accounts = [a async for a in client.ad_accounts.list()]
            assert ACCOUNT in {a.id for a in accounts}
            assert (await client.ad_accounts.get(ACCOUNT)).currency == "EUR"
            assert await client.ad_accounts.analytics(ACCOUNT, start, end, columns, "DAY")

            campaigns = [c async for c in client.campaigns.list(ACCOUNT)]
            campaign = await client.campaigns.get(ACCOUNT, str(campaigns[0].id))
            created = await client.campaigns.create(
                ACCOUNT, [{"name": "Contract", "objective_type": "AWARENESS", "status": "PAUSED"}]
            )
            new_campaign = str(created[0].data.id) if created[0].data else ""
            assert (await client.campaigns.update(ACCOUNT, [{"id": new_campaign, "name": "Contract 2"}]))[0].ok
            assert await client.campaigns.analytics(ACCOUNT, [str(campaign.id)], start, end, columns)

            groups = [g async for g in client.ad_groups.list(ACCOUNT, campaign_ids=[str(campaign.id)])]
            group = await client.ad_groups.get(ACCOUNT, str(groups[0].id))
            new_group = await client.ad_groups.create(
                ACCOUNT,
                [
                    {
                        "campaign_id": new_campaign,
                        "name": "Contract group",
                        "billable_event": "IMPRESSION",
                        "budget_in_micro_currency": 5_000_000,
                        "bid_in_micro_currency": 1_000_000,
                        "status": "PAUSED",
                    }
                ],
            )
            assert new_group[0].ok, new_group[0].exceptions
            assert (await client.ad_groups.update(ACCOUNT, [{"id": str(group.id), "name": "Renamed group"}]))[0].ok
            assert await client.ad_groups.analytics(ACCOUNT, [str(group.id)], start, end, columns)

            ads = [a async for a in client.ads.list(ACCOUNT, ad_group_ids=[str(group.id)])]
            ad = await client.ads.get(ACCOUNT, str(ads[0].id))
            new_ad = await client.ads.create(
                ACCOUNT,
                [
                    {
                        "ad_group_id": str(group.id),
                        "pin_id": str(ad.pin_id),
                        "creative_type": "REGULAR",
                        "status": "PAUSED",
                    }
                ],
            )
            assert new_ad[0].ok, new_ad[0].exceptions
            assert (await client.ads.update(ACCOUNT, [{"id": str(ad.id), "name": "Renamed ad"}]))[0].ok
            assert await client.ads.analytics(ACCOUNT, [str(ad.id)], start, end, columns)

            audiences = [a async for a in client.audiences.list(ACCOUNT)]
            audience = await client.audiences.get(ACCOUNT, str(audiences[0].id))
            rule = {"seed_id": [str(audience.id)], "country": "DE", "percentage": 2}
            new_audience = await client.audiences.create(
                ACCOUNT, {"name": "Contract lookalike", "audience_type": "ACTALIKE", "rule": rule}
            )
            await client.audiences.update(ACCOUNT, str(new_audience.id), {"name": "Contract lookalike 2"})

            boards = [b async for b in client.boards.list(privacy="ALL")]
            board = await client.boards.get(str(boards[0].id))
            new_board = await client.boards.create({"name": "Contract board", "privacy": "SECRET"})
            pins = [p async for p in client.boards.list_pins(str(board.id))]
            assert [p async for p in client.pins.list()]
            pin = await client.pins.get(str(pins[0].id))
            await client.pins.create(
                {
                    "board_id": str(new_board.id),
                    "media_source": {"source_type": "image_url", "url": "https://x.example/a.jpg"},
                }
            )
            assert await client.pins.analytics(str(pin.id), start, end, ["IMPRESSION", "SAVE"])
        stats = (await emulator.stats())["requests"]
    assert set(stats) >= CLIENT_OPERATIONS, sorted(CLIENT_OPERATIONS - set(stats))
