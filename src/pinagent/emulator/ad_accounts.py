"""Ad accounts: ``ad_accounts/list``, ``ad_accounts/get`` and the Business Access checks.

A user sees an ad account when they own it or hold a Business Access role on it (a ``grant``
entity). Reading needs any role on the account; writing campaigns, ad groups and ads needs OWNER,
ADMIN or CAMPAIGN_MANAGER (audiences also accept AUDIENCE_MANAGER). Unknown account → 404 code 2
"AdAccount not found."; known but not shared with the user, or role too weak → 403 code 29.
"""

from __future__ import annotations

from typing import Any

from pinagent.emulator import pagination, params
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import not_found, not_permitted
from pinagent.emulator.state import Doc, Tx

WRITE_ROLES = frozenset({"OWNER", "ADMIN", "CAMPAIGN_MANAGER"})
AUDIENCE_WRITE_ROLES = WRITE_ROLES | {"AUDIENCE_MANAGER"}


def public(doc: Doc) -> dict[str, Any]:
    """A stored document without the emulator's private ``_`` fields."""
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def roles_of(tx: Tx, user_id: str, ad_account_id: str) -> list[str]:
    """The user's Business Access roles on an ad account (empty if none)."""
    grant = tx.get("grant", f"{ad_account_id}:{user_id}")
    return [] if grant is None else list(grant["roles"])


def require_account(
    tx: Tx, ctx: RequestContext, write: bool = False, write_roles: frozenset[str] = WRITE_ROLES
) -> tuple[Doc, list[str]]:
    """The path's ad account, if the token user may read (any role) or write (``write_roles``) it.

    Raises:
        ApiError: 400 code 1 (bad id), 404 code 2 (unknown), 403 code 29 (not shared / role too weak).
    """
    ad_account_id = params.entity_id(ctx.path_params["ad_account_id"], "ad_account_id")
    account = tx.get("ad_account", ad_account_id)
    if account is None:
        raise not_found("AdAccount")
    roles = roles_of(tx, ctx.user_id, ad_account_id)
    if not roles:
        raise not_permitted()
    if write and not write_roles.intersection(roles):
        raise not_permitted()
    return account, roles


def serialize(account: Doc, roles: list[str]) -> dict[str, Any]:
    """An ``AdAccount`` as the token user sees it (``permissions`` are their roles)."""
    return {**public(account), "permissions": roles}


def list_ad_accounts(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts``."""
    include_shared = params.optional_bool(ctx, "include_shared_accounts", True)
    docs = []
    for grant in tx.list("grant", owner=ctx.user_id):
        account = tx.get("ad_account", grant["ad_account_id"])
        if account is None or not grant["roles"]:
            continue
        if not include_shared and account["owner"]["id"] != ctx.user_id:
            continue
        docs.append(serialize(account, grant["roles"]))
    return Reply(pagination.paginate(ctx, docs, f"ad_accounts:{ctx.user_id}:{include_shared}"))


def get_ad_account(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}``."""
    ad_account_id = params.entity_id(ctx.path_params["ad_account_id"], "ad_account_id")
    account = tx.get("ad_account", ad_account_id)
    if account is None:
        raise not_found("AdAccount")
    roles = roles_of(tx, ctx.user_id, ad_account_id)
    if not roles:
        raise not_permitted()
    return Reply(serialize(account, roles))


OPERATIONS = [
    Operation("ad_accounts/list", "GET", "/v5/ad_accounts", "ads_read", ("ads:read",), list_ad_accounts),
    Operation("ad_accounts/get", "GET", "/v5/ad_accounts/{ad_account_id}", "ads_read", ("ads:read",), get_ad_account),
]
