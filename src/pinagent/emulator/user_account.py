"""``GET /v5/user_account``: the "operation user_account" (token user, or an ad account's owner)."""

from __future__ import annotations

from pinagent.emulator import params
from pinagent.emulator.ad_accounts import public, roles_of
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ApiError
from pinagent.emulator.state import Tx

ACCOUNT_FIELDS = (
    "id",
    "username",
    "account_type",
    "business_name",
    "about",
    "profile_image",
    "website_url",
    "board_count",
    "pin_count",
    "follower_count",
    "following_count",
    "monthly_views",
)

NULLABLE = frozenset(
    {"business_name", "board_count", "pin_count", "follower_count", "following_count", "monthly_views"}
)


def get_user_account(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/user_account[?ad_account_id=]``.

    With ``ad_account_id`` (Business Access) the account's owner is returned, if the token user
    holds a role on that account; otherwise 403 code 403 as in the spec's example.
    """
    assert ctx.user is not None
    user = ctx.user
    ad_account_id = ctx.first("ad_account_id")
    if ad_account_id is not None:
        params.entity_id(ad_account_id, "ad_account_id")
        account = tx.get("ad_account", ad_account_id)
        if account is None or not roles_of(tx, ctx.user_id, ad_account_id):
            raise ApiError(403, 403, "Not authorized to access the user account.")
        owner = tx.get("user", account["owner"]["id"])
        assert owner is not None
        user = owner
    doc = public(user)
    return Reply({k: doc[k] for k in ACCOUNT_FIELDS if k in doc and (doc[k] is not None or k in NULLABLE)})


OPERATIONS = [
    Operation("user_account/get", "GET", "/v5/user_account", "org_read", ("user_accounts:read",), get_user_account),
]
