"""Boards and Pins as one user sees them: the "operation user_account", visibility, secret scopes.

The operation user is the token user, or with ``?ad_account_id=`` that account's owner (the token
user needs a role on the account, else 403 code 29). Visibility:

- a user sees their own boards and Pins; SECRET ones only with ``boards:read_secret`` /
  ``pins:read_secret`` (omitted from lists; a get answers 403 code 403 naming the scope);
- other users' PUBLIC boards and their Pins are readable; their SECRET and PROTECTED boards and
  Pins do not exist for you (404 code 40 "Board not found." / code 50 "Pin not found.").
"""

from __future__ import annotations

import hashlib
from typing import Any

from pinagent.emulator import params
from pinagent.emulator.ad_accounts import public, roles_of
from pinagent.emulator.dispatch import RequestContext
from pinagent.emulator.errors import ApiError, not_permitted
from pinagent.emulator.state import Doc, Tx

PRIVACIES = ("PUBLIC", "PROTECTED", "SECRET")
SIZES = {"150x150": (150, 150), "400x300": (400, 300), "600x": (600, 900), "1200x": (1200, 1800)}
IMAGE_HOST = "https://i.pinimg.example"


def images(seed: str) -> dict[str, Any]:
    """A ``PinMediaWithImage`` with deterministic image URLs derived from ``seed``."""
    digest = hashlib.sha256(seed.encode()).hexdigest()[:32]
    return {
        "media_type": "image",
        "images": {
            size: {"width": w, "height": h, "url": f"{IMAGE_HOST}/{size}/{digest[:2]}/{digest}.jpg"}
            for size, (w, h) in SIZES.items()
        },
    }


def operation_user(ctx: RequestContext, tx: Tx) -> Doc:
    """The user whose boards and Pins the call reads or writes.

    Raises:
        ApiError: 400 code 1 (bad ``ad_account_id``), 403 code 29 (no role on that ad account).
    """
    assert ctx.user is not None
    ad_account_id = ctx.first("ad_account_id")
    if ad_account_id is None:
        return ctx.user
    params.entity_id(ad_account_id, "ad_account_id")
    account = tx.get("ad_account", ad_account_id)
    if account is None or not roles_of(tx, ctx.user_id, ad_account_id):
        raise not_permitted()
    owner = tx.get("user", account["owner"]["id"])
    assert owner is not None
    return owner


def board_not_found() -> ApiError:
    """404 code 40."""
    return ApiError(404, 40, "Board not found.")


def pin_not_found() -> ApiError:
    """404 code 50."""
    return ApiError(404, 50, "Pin not found.")


def secret_refused(scope: str) -> ApiError:
    """403 (the spec's organic example uses code 403) naming the missing ``*_secret`` scope."""
    return ApiError(
        403, 403, f"Not authorized to access board or Pin. Secret boards and their Pins need the {scope} scope."
    )


def readable_board(board: Doc, user: Doc, scopes: frozenset[str]) -> bool:
    """Whether ``user`` (with ``scopes``) may see ``board`` in a list."""
    if board["_owner"] != user["id"]:
        return bool(board["privacy"] == "PUBLIC")
    return board["privacy"] != "SECRET" or "boards:read_secret" in scopes


def require_board(tx: Tx, board_id: str, user: Doc, scopes: frozenset[str]) -> Doc:
    """A board the user may read.

    Raises:
        ApiError: 400 code 1, 404 code 40, 403 (secret board without ``boards:read_secret``).
    """
    board = tx.get("board", params.entity_id(board_id, "board_id"))
    if board is None or (board["_owner"] != user["id"] and board["privacy"] != "PUBLIC"):
        raise board_not_found()
    if board["privacy"] == "SECRET" and "boards:read_secret" not in scopes:
        raise secret_refused("boards:read_secret")
    return board


def pin_is_secret(tx: Tx, pin: Doc) -> bool:
    """Whether the Pin sits on a SECRET board."""
    board = tx.get("board", pin["board_id"])
    return board is not None and board["privacy"] == "SECRET"


def readable_pin(tx: Tx, pin: Doc, user: Doc, scopes: frozenset[str]) -> bool:
    """Whether ``user`` may see ``pin`` in a list."""
    board = tx.get("board", pin["board_id"])
    if board is None:
        return False
    if board["_owner"] != user["id"]:
        return bool(board["privacy"] == "PUBLIC")
    return board["privacy"] != "SECRET" or "pins:read_secret" in scopes


def require_pin(tx: Tx, pin_id: str, user: Doc, scopes: frozenset[str]) -> Doc:
    """A Pin the user may read.

    Raises:
        ApiError: 400 code 1, 404 code 50, 403 (secret Pin without ``pins:read_secret``).
    """
    pin = tx.get("pin", params.entity_id(pin_id, "pin_id"))
    if pin is None:
        raise pin_not_found()
    board = tx.get("board", pin["board_id"])
    if board is None or (board["_owner"] != user["id"] and board["privacy"] != "PUBLIC"):
        raise pin_not_found()
    if board["privacy"] == "SECRET" and "pins:read_secret" not in scopes:
        raise secret_refused("pins:read_secret")
    return pin


def can_promote(tx: Tx, pin: Doc, advertiser_id: str, user_id: str) -> bool:
    """An ad may promote a Pin of the advertiser or of the token user, or any PUBLIC Pin."""
    if pin["_owner"] in (advertiser_id, user_id):
        return True
    board = tx.get("board", pin["board_id"])
    return board is not None and board["privacy"] == "PUBLIC"


def serialize_board(board: Doc) -> dict[str, Any]:
    """A ``Board``."""
    return public(board)


def serialize_pin(pin: Doc, user: Doc, with_metrics: bool, metrics: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``Pin`` as ``user`` sees it (``is_owner``; ``pin_metrics`` when asked)."""
    out = {**public(pin), "is_owner": pin["_owner"] == user["id"]}
    if with_metrics:
        out["pin_metrics"] = metrics
    return out
