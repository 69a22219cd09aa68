"""Boards: ``boards/list``, ``boards/get``, ``boards/create`` and ``boards/list_pins``.

Visibility and the ``*_secret`` scopes follow :mod:`pinagent.emulator.organic`. ``privacy`` filters
ALL (default), PUBLIC, PROTECTED, SECRET, PUBLIC_AND_SECRET; SECRET boards are only listed with
``boards:read_secret``. Creating a SECRET board needs ``boards:write_secret`` (401 code 3 naming it);
``is_ads_only`` boards become PROTECTED. A created board answers 201.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pinagent.emulator import ads, fields, organic, pagination, params, pin_metrics
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import invalid_parameter, missing_scope
from pinagent.emulator.state import Doc, Tx

PRIVACY_FILTERS = {
    "ALL": ("PUBLIC", "PROTECTED", "SECRET"),
    "PUBLIC": ("PUBLIC",),
    "PROTECTED": ("PROTECTED",),
    "SECRET": ("SECRET",),
    "PUBLIC_AND_SECRET": ("PUBLIC", "SECRET"),
}
CREATIVE_TYPES = ads.CREATIVE_TYPES
RULES: dict[str, fields.Rule] = {
    "name": fields.text(180),
    "description": fields.text(500, nullable=True, allow_empty=True),
    "privacy": fields.enum(organic.PRIVACIES),
    "is_ads_only": fields.boolean,
}


def iso(ts: float) -> str:
    """An ISO 8601 UTC date-time (``2025-01-02T09:00:00Z``), as boards and Pins carry."""
    return dt.datetime.fromtimestamp(int(ts), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def list_boards(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/boards``: the operation user's boards."""
    user = organic.operation_user(ctx, tx)
    privacy = params.optional_enum(ctx, "privacy", tuple(PRIVACY_FILTERS), "ALL")
    allowed = PRIVACY_FILTERS[privacy or "ALL"]
    docs = [
        b
        for b in tx.list("board", owner=user["id"])
        if b["privacy"] in allowed and organic.readable_board(b, user, ctx.scopes)
    ]
    page = pagination.paginate(ctx, docs, f"boards:{user['id']}:{privacy}")
    page["items"] = [organic.serialize_board(b) for b in page["items"]]
    return Reply(page)


def get_board(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/boards/{board_id}``."""
    user = organic.operation_user(ctx, tx)
    return Reply(organic.serialize_board(organic.require_board(tx, ctx.path_params["board_id"], user, ctx.scopes)))


def create_board(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/boards``.

    Raises:
        ApiError: 400 code 1 (invalid body), 401 code 3 (SECRET without ``boards:write_secret``).
    """
    user = organic.operation_user(ctx, tx)
    body = ctx.body
    if not isinstance(body, dict):
        raise invalid_parameter("the request body must be a JSON object (one board).")
    fields.check_fields(body, RULES)
    fields.require(body, "name")
    privacy = "PROTECTED" if body.get("is_ads_only") else body.get("privacy", "PUBLIC")
    if privacy == "SECRET" and "boards:write_secret" not in ctx.scopes:
        raise missing_scope("boards:write_secret")
    now = iso(tx.now())
    board: Doc = {
        "id": tx.new_id(),
        "name": "Ad-only Pins" if body.get("is_ads_only") else body["name"].strip(),
        "description": body.get("description"),
        "privacy": privacy,
        "is_ads_only": bool(body.get("is_ads_only", False)),
        "owner": {"username": user["username"]},
        "created_at": now,
        "board_pins_modified_at": now,
        "pin_count": 0,
        "follower_count": 0,
        "collaborator_count": 0,
        "media": {"image_cover_url": None, "pin_thumbnail_urls": []},
        "_owner": user["id"],
    }
    tx.put("board", board["id"], board, owner=user["id"])
    return Reply(organic.serialize_board(board), status=201)


def pins_page(ctx: RequestContext, tx: Tx, docs: list[Doc], user: Doc, scope: str) -> dict[str, Any]:
    """One page of Pins with the ``creative_types`` filter and optional ``pin_metrics``."""
    creative = set(params.enum_list(ctx, "creative_types", CREATIVE_TYPES, ()))
    with_metrics = params.optional_bool(ctx, "pin_metrics", False)
    docs = [p for p in docs if not creative or p.get("creative_type") in creative]
    page = pagination.paginate(ctx, docs, scope)
    page["items"] = [
        organic.serialize_pin(
            p, user, with_metrics, pin_metrics.pin_metrics_object(p, tx.now()) if with_metrics else None
        )
        for p in page["items"]
    ]
    return page


def list_board_pins(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/boards/{board_id}/pins``."""
    user = organic.operation_user(ctx, tx)
    board = organic.require_board(tx, ctx.path_params["board_id"], user, ctx.scopes)
    if board["privacy"] == "SECRET" and "pins:read_secret" not in ctx.scopes:
        raise organic.secret_refused("pins:read_secret")
    docs = [p for p in tx.list("pin", owner=board["_owner"]) if p["board_id"] == board["id"]]
    return Reply(pins_page(ctx, tx, docs, user, f"board_pins:{board['id']}"))


OPERATIONS = [
    Operation("boards/list", "GET", "/v5/boards", "org_read", ("boards:read",), list_boards),
    Operation("boards/create", "POST", "/v5/boards", "org_write", ("boards:read", "boards:write"), create_board),
    Operation("boards/get", "GET", "/v5/boards/{board_id}", "org_read", ("boards:read",), get_board),
    Operation(
        "boards/list_pins",
        "GET",
        "/v5/boards/{board_id}/pins",
        "org_read",
        ("boards:read", "pins:read"),
        list_board_pins,
    ),
]
