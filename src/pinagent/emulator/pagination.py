"""Bookmark pagination: ``page_size`` 1–250 (default 25), opaque ``bookmark``, ``{items, bookmark}``.

A bookmark encodes the last id returned; the next page starts after it in the requested order.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from pinagent.emulator import params
from pinagent.emulator.dispatch import RequestContext
from pinagent.emulator.errors import invalid_parameter
from pinagent.emulator.state import Doc

MAX_PAGE_SIZE = 250
DEFAULT_PAGE_SIZE = 25


def _encode(last_id: str, scope: str) -> str:
    raw = json.dumps({"after": last_id, "scope": scope}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(bookmark: str, scope: str) -> str:
    try:
        padded = bookmark + "=" * (-len(bookmark) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        after = data["after"]
        ok = isinstance(after, str) and data.get("scope") == scope
    except (ValueError, KeyError, TypeError, binascii.Error):
        ok = False
    if not ok:
        raise invalid_parameter("'bookmark' is not a valid bookmark for this request.")
    return str(after)


def _sort_key(entity_id: str) -> tuple[int, str]:
    return (len(entity_id), entity_id)


def paginate(ctx: RequestContext, docs: list[Doc], scope: str, descending: bool = False) -> dict[str, Any]:
    """One page of ``docs`` (already filtered, any order) as ``{"items", "bookmark"}``.

    ``scope`` ties a bookmark to the list it came from (e.g. ``"campaigns:<ad_account_id>"``).

    Raises:
        ApiError: 400 code 1 for a bad ``page_size`` or ``bookmark``.
    """
    page_size = params.optional_int(ctx, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    ordered = sorted(docs, key=lambda d: _sort_key(str(d["id"])), reverse=descending)
    bookmark = ctx.first("bookmark")
    if bookmark:
        after = _sort_key(_decode(bookmark, scope))
        if descending:
            ordered = [d for d in ordered if _sort_key(str(d["id"])) < after]
        else:
            ordered = [d for d in ordered if _sort_key(str(d["id"])) > after]
    page = ordered[:page_size]
    next_bookmark = _encode(str(page[-1]["id"]), scope) if len(ordered) > page_size else None
    return {"items": page, "bookmark": next_bookmark}
