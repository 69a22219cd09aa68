"""Pins: ``pins/list``, ``pins/get`` and ``pins/create`` (organic; ISO ``created_at``).

``pins/list`` lists the operation user's Pins: ``pin_filter`` (exclude_native = repins only,
exclude_repins, has_been_promoted), ``include_protected_pins`` (default false: Pins on PROTECTED
boards are left out), ``pin_type=PRIVATE`` (Pins on SECRET boards), ``creative_types``,
``pin_metrics``. Pins on SECRET boards need ``pins:read_secret`` to be listed or read.

``pins/create`` needs ``board_id`` (a board of the operation user) and ``media_source``:
``image_url`` {url}, ``image_base64`` {content_type image/jpeg|image/png, data: valid base64} or
``multiple_image_urls`` (2–5 items, a CAROUSEL Pin); limits title ≤ 100, description ≤ 800,
link ≤ 2,048, alt_text ≤ 500. A Pin on a SECRET board needs ``pins:write_secret`` (401 code 3).
Answers 201.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from pinagent.emulator import boards, fields, organic, params, pin_metrics
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import invalid_parameter, missing_scope, not_permitted
from pinagent.emulator.state import Doc, Tx

CONTENT_TYPES = ("image/jpeg", "image/png")


def _link(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) <= 2048:
        return None
    return "must be an http(s) URL of at most 2,048 characters, or null"


RULES: dict[str, fields.Rule] = {
    "board_id": fields.digits,
    "board_section_id": fields.digits,
    "title": fields.text(100, nullable=True, allow_empty=True),
    "description": fields.text(800, nullable=True, allow_empty=True),
    "link": _link,
    "alt_text": fields.text(500, nullable=True, allow_empty=True),
    "dominant_color": fields.text(16, nullable=True),
    "parent_pin_id": fields.digits,
    "sponsor_id": fields.digits,
    "media_source": fields.json_object,
}


def _url_ok(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) <= 2048


def media_from_source(source: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """``(media, creative_type)`` of a new Pin.

    Raises:
        ApiError: 400 code 1 describing what the ``media_source`` lacks.
    """
    kind = source.get("source_type")
    if kind == "image_url":
        if not _url_ok(source.get("url")):
            raise invalid_parameter("media_source.url must be an http(s) image URL.")
        return organic.images(str(source["url"])), "REGULAR"
    if kind == "image_base64":
        if source.get("content_type") not in CONTENT_TYPES:
            raise invalid_parameter(f"media_source.content_type must be one of {', '.join(CONTENT_TYPES)}.")
        data = source.get("data")
        try:
            ok = isinstance(data, str) and bool(data) and bool(base64.b64decode(data, validate=True))
        except (binascii.Error, ValueError):
            ok = False
        if not ok:
            raise invalid_parameter("media_source.data must be valid, non-empty base64 image data.")
        return organic.images(str(data)[:4096]), "REGULAR"
    if kind == "multiple_image_urls":
        items = source.get("items")
        if not isinstance(items, list) or not 2 <= len(items) <= 5:
            raise invalid_parameter("media_source.items must hold 2 to 5 images.")
        if not all(isinstance(i, dict) and _url_ok(i.get("url")) for i in items):
            raise invalid_parameter("every media_source item needs an http(s) 'url'.")
        entries = []
        for entry in items:
            entries.append({"item_type": "image", "images": organic.images(entry["url"])["images"]})
        media: dict[str, Any] = {"media_type": "multiple_images", "items": entries}
        return media, "CAROUSEL"
    if kind in ("video_id", "multiple_image_base64", "pin_url"):
        raise invalid_parameter(f"media_source.source_type '{kind}' is not supported by the emulator.")
    raise invalid_parameter("media_source.source_type must be image_url, image_base64 or multiple_image_urls.")


def list_pins(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/pins``: the operation user's Pins."""
    user = organic.operation_user(ctx, tx)
    pin_filter = params.optional_enum(
        ctx, "pin_filter", ("exclude_native", "exclude_repins", "has_been_promoted"), None
    )
    include_protected = params.optional_bool(ctx, "include_protected_pins", False)
    private_only = params.optional_enum(ctx, "pin_type", ("PRIVATE",), None) == "PRIVATE"
    privacy = {b["id"]: b["privacy"] for b in tx.list("board", owner=user["id"])}
    docs = []
    for pin in tx.list("pin", owner=user["id"]):
        board_privacy = privacy.get(pin["board_id"])
        if board_privacy is None or (board_privacy == "SECRET" and "pins:read_secret" not in ctx.scopes):
            continue
        if (board_privacy == "PROTECTED" and not include_protected) or (private_only and board_privacy != "SECRET"):
            continue
        if pin_filter == "exclude_native" and pin.get("parent_pin_id") is None:
            continue
        if pin_filter == "exclude_repins" and pin.get("parent_pin_id") is not None:
            continue
        if pin_filter == "has_been_promoted" and not pin.get("has_been_promoted"):
            continue
        docs.append(pin)
    scope = f"pins:{user['id']}:{pin_filter}:{include_protected}:{private_only}"
    return Reply(boards.pins_page(ctx, tx, docs, user, scope))


def get_pin(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/pins/{pin_id}``."""
    user = organic.operation_user(ctx, tx)
    pin = organic.require_pin(tx, ctx.path_params["pin_id"], user, ctx.scopes)
    with_metrics = params.optional_bool(ctx, "pin_metrics", False)
    metrics = pin_metrics.pin_metrics_object(pin, tx.now()) if with_metrics else None
    return Reply(organic.serialize_pin(pin, user, with_metrics, metrics))


def _target_board(tx: Tx, board_id: str, user: Doc, scopes: frozenset[str]) -> Doc:
    board = tx.get("board", board_id)
    if board is None or (board["_owner"] != user["id"] and board["privacy"] != "PUBLIC"):
        raise organic.board_not_found()
    if board["_owner"] != user["id"]:
        raise not_permitted()
    if board["privacy"] == "SECRET" and "pins:write_secret" not in scopes:
        raise missing_scope("pins:write_secret")
    return board


def create_pin(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/pins``.

    Raises:
        ApiError: 400 code 1, 401 code 3 (SECRET board without ``pins:write_secret``), 403 code 29
            (another user's board), 404 code 40 (unknown board).
    """
    user = organic.operation_user(ctx, tx)
    body = ctx.body
    if not isinstance(body, dict):
        raise invalid_parameter("the request body must be a JSON object (one Pin).")
    fields.check_fields(body, RULES)
    fields.require(body, "board_id", "media_source")
    board = _target_board(tx, body["board_id"], user, ctx.scopes)
    media, creative_type = media_from_source(body["media_source"])
    now = tx.now()
    pin: Doc = {
        "id": tx.new_id(),
        "created_at": boards.iso(now),
        "link": body.get("link"),
        "title": body.get("title"),
        "description": body.get("description"),
        "dominant_color": body.get("dominant_color"),
        "alt_text": body.get("alt_text"),
        "creative_type": creative_type,
        "board_id": board["id"],
        "board_section_id": body.get("board_section_id"),
        "board_owner": {"username": user["username"]},
        "media": media,
        "parent_pin_id": body.get("parent_pin_id"),
        "is_standard": True,
        "has_been_promoted": False,
        "_owner": user["id"],
    }
    tx.put("pin", pin["id"], pin, owner=user["id"])
    thumbs = [*board["media"].get("pin_thumbnail_urls", [])][:4]
    cover = media["images"]["600x"]["url"] if media["media_type"] == "image" else board["media"].get("image_cover_url")
    board_update = {
        **board,
        "pin_count": int(board.get("pin_count", 0)) + 1,
        "board_pins_modified_at": pin["created_at"],
    }
    board_update["media"] = {"image_cover_url": cover, "pin_thumbnail_urls": thumbs}
    tx.put("board", board["id"], board_update, owner=board["_owner"])
    return Reply(organic.serialize_pin(pin, user, False), status=201)


OPERATIONS = [
    Operation("pins/list", "GET", "/v5/pins", "org_read", ("boards:read", "pins:read"), list_pins),
    Operation(
        "pins/create",
        "POST",
        "/v5/pins",
        "org_write",
        ("boards:read", "boards:write", "pins:read", "pins:write"),
        create_pin,
    ),
    Operation("pins/get", "GET", "/v5/pins/{pin_id}", "org_read", ("boards:read", "pins:read"), get_pin),
]
