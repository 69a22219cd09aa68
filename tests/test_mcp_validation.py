"""Arguments that fail the schema come back as a readable error: which field, why, allowed values."""

from __future__ import annotations

from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import error_text


async def test_bad_arguments_name_each_field_and_the_allowed_values(services: Services) -> None:
    async with Client(build_server(services)) as client:
        text = error_text(
            await client.call_tool("list_campaigns", {"ad_account_id": "1", "limit": 500, "status": ["LIVE"]})
        )
        missing = error_text(await client.call_tool("get_campaign", {"ad_account_id": "abc"}))
    assert text.startswith("Invalid arguments for list_campaigns")
    assert "status.0: Input should be 'ACTIVE', 'PAUSED' or 'ARCHIVED'" in text
    assert "limit: Input should be less than or equal to 250" in text
    assert "Reference: pinagent request" in text
    assert "pydantic.dev" not in text
    assert "type=" not in text
    assert "ad_account_id: must be a Pinterest id made of digits" in missing
    assert "campaign_id: Field required" in missing
