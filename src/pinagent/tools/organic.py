"""Toolset ``organic``: boards and Pins (secret ones only with the *_secret scopes)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.entities import BOARD, PIN
from pinagent.tools.common import EntityId, Limit, Reason, Table, table
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.guards import on_connection, require_scopes, require_writable
from pinagent.tools.plan_view import ChangePlanOut
from pinagent.tools.planning import given, plan_create
from pinagent.tools.registry import ToolSpec

PinId = EntityId
BoardId = EntityId
Privacy = Literal["PUBLIC", "PROTECTED", "SECRET"]
MAX_BASE64_CHARS = 20_000_000
ORGANIC = ""  # organic plans belong to no ad account


class BoardOut(BaseModel):
    id: str
    name: str | None = None
    description: str | None = None
    privacy: str | None = None
    pin_count: int | None = None
    follower_count: int | None = None
    created_at: str | None = None


class PinOut(BaseModel):
    id: str
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    board_id: str | None = None
    created_at: str | None = None
    image_url: str | None = None


def _image_url(pin: dict[str, Any]) -> str | None:
    images = (pin.get("media") or {}).get("images") or {}
    best = images.get("originals") or images.get("1200x") or next(iter(images.values()), None)
    return best.get("url") if isinstance(best, dict) else None


@agent_tool
async def list_boards(
    ctx: Context[Any, Any],
    privacy: Literal["ALL", "PUBLIC", "PROTECTED", "SECRET"] = "ALL",
    limit: Limit = 50,
    cursor: str | None = None,
) -> Table:
    """The connected user's boards (secret ones need boards:read_secret)."""
    services, caller, connection = await on_connection(ctx)
    if privacy in ("SECRET", "PROTECTED"):
        require_scopes(connection, ["boards:read_secret"], "list secret boards")
    wanted = privacy if privacy != "ALL" or "boards:read_secret" not in connection.scopes else "PUBLIC_AND_SECRET"
    async with services.connect.client(caller.workspace_id) as client:
        page = await client.boards.list(privacy=wanted).list_page(bookmark=cursor, page_size=limit)
    rows = [b.model_dump() for b in page.items]
    return table(rows, ("id", "name", "privacy", "pin_count"), optional=("pin_count",), next_cursor=page.bookmark)


@agent_tool
async def get_board(ctx: Context[Any, Any], board_id: BoardId) -> BoardOut:
    """One board: name, description, privacy and counts."""
    services, caller, _ = await on_connection(ctx)
    async with services.connect.client(caller.workspace_id) as client:
        board = (await client.boards.get(board_id)).model_dump()
    return BoardOut(**{name: board.get(name) for name in BoardOut.model_fields})


@agent_tool
async def list_pins(
    ctx: Context[Any, Any],
    board_id: Annotated[EntityId | None, Field(description="Only this board's Pins")] = None,
    limit: Limit = 50,
    cursor: str | None = None,
) -> Table:
    """The user's Pins, or one board's, as compact rows."""
    services, caller, _ = await on_connection(ctx)
    async with services.connect.client(caller.workspace_id) as client:
        pager = client.boards.list_pins(board_id) if board_id else client.pins.list()
        page = await pager.list_page(bookmark=cursor, page_size=limit)
    rows = [p.model_dump() for p in page.items]
    return table(rows, ("id", "title", "board_id", "link", "created_at"), optional=("link",), next_cursor=page.bookmark)


@agent_tool
async def get_pin(ctx: Context[Any, Any], pin_id: PinId) -> PinOut:
    """One Pin: title, description, link, alt text, board and image."""
    services, caller, _ = await on_connection(ctx)
    async with services.connect.client(caller.workspace_id) as client:
        pin = (await client.pins.get(pin_id)).model_dump()
    fields = {name: pin.get(name) for name in PinOut.model_fields if name != "image_url"}
    return PinOut(**fields, image_url=_image_url(pin))


@agent_tool
async def create_board(
    ctx: Context[Any, Any],
    name: Annotated[str, Field(min_length=1, max_length=180)],
    description: Annotated[str | None, Field(max_length=500)] = None,
    privacy: Privacy = "PUBLIC",
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan a new board (SECRET needs boards:write_secret). Returns a plan for apply_change."""
    services, caller, connection = await on_connection(ctx)
    await require_writable(services, caller)
    scopes = ["boards:write", "boards:write_secret"] if privacy == "SECRET" else ["boards:write"]
    require_scopes(connection, scopes, f"create a {privacy.lower()} board")
    item = {"name": name, "privacy": privacy} | given({"description": description})
    return await plan_create(services, caller, BOARD, ORGANIC, "", [item], reason, "create_board")


def _media_source(image_url: str | None, image_base64: str | None, content_type: str | None) -> dict[str, str]:
    if bool(image_url) == bool(image_base64):
        raise ToolProblem("Give exactly one image: image_url (https://…) or image_base64 with content_type.")
    if image_url:
        if not image_url.startswith(("https://", "http://")):
            raise ToolProblem(f"image_url must be an http(s) URL (got {image_url[:60]!r}).")
        return {"source_type": "image_url", "url": image_url}
    assert image_base64 is not None
    if content_type not in ("image/jpeg", "image/png"):
        raise ToolProblem("content_type must be image/jpeg or image/png when image_base64 is given.")
    if len(image_base64) > MAX_BASE64_CHARS:
        raise ToolProblem(f"image_base64 is too large ({len(image_base64)} characters; at most {MAX_BASE64_CHARS}).")
    try:
        base64.b64decode(image_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ToolProblem("image_base64 is not valid base64 (standard alphabet, with padding).") from exc
    return {"source_type": "image_base64", "content_type": content_type, "data": image_base64}


@agent_tool
async def create_pin(
    ctx: Context[Any, Any],
    board_id: BoardId,
    image_url: str | None = None,
    image_base64: str | None = None,
    content_type: Literal["image/jpeg", "image/png"] | None = None,
    title: Annotated[str | None, Field(max_length=100)] = None,
    description: Annotated[str | None, Field(max_length=800)] = None,
    link: Annotated[str | None, Field(max_length=2048)] = None,
    alt_text: Annotated[str | None, Field(max_length=500)] = None,
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan a Pin on a board from an image URL or base64 image. Returns a plan for apply_change."""
    media = _media_source(image_url, image_base64, content_type)
    services, caller, connection = await on_connection(ctx)
    await require_writable(services, caller)
    require_scopes(connection, ["pins:write"], "create Pins")
    async with services.connect.client(caller.workspace_id) as client:
        board = await client.boards.get(board_id)
    if board.privacy == "SECRET":
        require_scopes(connection, ["pins:write_secret"], "create Pins on a secret board")
    item = {"board_id": board_id, "media_source": media} | given(
        {"title": title, "description": description, "link": link, "alt_text": alt_text}
    )
    return await plan_create(services, caller, PIN, ORGANIC, "", [item], reason, "create_pin")


TOOLS = [
    ToolSpec(list_boards, "organic", "List boards", read_only=True, idempotent=True),
    ToolSpec(get_board, "organic", "Get board", read_only=True, idempotent=True),
    ToolSpec(list_pins, "organic", "List Pins", read_only=True, idempotent=True),
    ToolSpec(get_pin, "organic", "Get Pin", read_only=True, idempotent=True),
    ToolSpec(create_board, "organic", "Plan a new board", read_only=False),
    ToolSpec(create_pin, "organic", "Plan a new Pin", read_only=False),
]
