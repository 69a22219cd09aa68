"""Audiences: list, get, create and update (single objects, FACTS.md §2, §8).

Create needs ``name``, ``rule`` and ``audience_type``; the rule is checked per type (CUSTOMER_LIST
``customer_list_id``; VISITOR ``visitor_source_id``, ``retention_days`` 1–540; ENGAGEMENT
``engagement_domain``, ``engager_type`` 1–2; ACTALIKE ``seed_id`` audiences of the same account,
``country``, ``percentage`` 1–10). A new or re-ruled audience is INITIALIZING (size null) for
:data:`BUILD_SECONDS` of emulator time, then READY, or TOO_SMALL when its size is under 100.
``operation_type`` REMOVE removes the audience (it is answered once more, then gone: 404).
Writes accept OWNER, ADMIN, CAMPAIGN_MANAGER and AUDIENCE_MANAGER.
"""

from __future__ import annotations

import re
from typing import Any

from pinagent.emulator import fields, pagination, params
from pinagent.emulator.ad_accounts import AUDIENCE_WRITE_ROLES, public, require_account
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ApiError, invalid_parameter
from pinagent.emulator.state import Doc, Tx

TYPES = ("CUSTOMER_LIST", "VISITOR", "ENGAGEMENT", "ACTALIKE", "PERSONA")
BUILD_SECONDS = 3600
MIN_SIZE = 100
COUNTRY = re.compile(r"^[A-Z]{2}$")
ENGAGEMENT_TYPES = ("click", "save", "closeup", "comment", "like")
RULE_KEYS = [
    "ad_account_id",
    "ad_id",
    "campaign_id",
    "country",
    "customer_list_id",
    "engagement_domain",
    "engagement_type",
    "engager_type",
    "event",
    "event_data",
    "event_source",
    "ingestion_source",
    "objective_type",
    "percentage",
    "pin_id",
    "prefill",
    "retention_days",
    "seed_id",
    "url",
    "visitor_source_id",
]
REQUIRED_RULE = {
    "CUSTOMER_LIST": ("customer_list_id",),
    "VISITOR": ("visitor_source_id",),
    "ENGAGEMENT": ("engagement_domain",),
    "ACTALIKE": ("seed_id", "country", "percentage"),
    "PERSONA": (),
}


def _int_between(rule: dict[str, Any], key: str, low: int, high: int) -> None:
    value = rule.get(key)
    if value is not None and not (fields.is_int(value) and low <= value <= high):
        raise invalid_parameter(f"rule.{key} must be an integer between {low} and {high} (got {value!r}).")


def check_rule(tx: Tx, audience_type: str, rule: Any, account_id: str) -> None:
    """Validate an ``AudienceRule`` for ``audience_type``.

    Raises:
        ApiError: 400 code 1 naming the rule field.
    """
    if not isinstance(rule, dict):
        raise invalid_parameter("'rule' must be an object.")
    for key in rule:
        if key not in RULE_KEYS:
            raise invalid_parameter(f"rule has an unknown key '{key}' (allowed: {', '.join(RULE_KEYS)}).")
    for key in REQUIRED_RULE[audience_type]:
        if rule.get(key) in (None, [], ""):
            raise invalid_parameter(f"rule.{key} is required for {audience_type} audiences.")
    for key in ("customer_list_id", "visitor_source_id", "ad_account_id"):
        if key in rule and fields.digits(rule[key]):
            raise invalid_parameter(f"rule.{key} must be a digit string.")
    for key in ("seed_id", "pin_id", "ad_id", "campaign_id"):
        if key in rule and fields.digit_list(nullable=False)(rule[key]):
            raise invalid_parameter(f"rule.{key} must be a list of digit-string ids.")
    if "engagement_domain" in rule and (fields.string_list(rule["engagement_domain"]) or not rule["engagement_domain"]):
        raise invalid_parameter("rule.engagement_domain must be a non-empty list of domains.")
    if rule.get("engagement_type") not in (None, *ENGAGEMENT_TYPES):
        raise invalid_parameter(f"rule.engagement_type must be one of {', '.join(ENGAGEMENT_TYPES)}.")
    if "country" in rule and not (isinstance(rule["country"], str) and COUNTRY.match(rule["country"])):
        raise invalid_parameter('rule.country must be a two-letter country code such as "US".')
    if "prefill" in rule and not isinstance(rule["prefill"], bool):
        raise invalid_parameter("rule.prefill must be true or false.")
    _int_between(rule, "percentage", 1, 10)
    _int_between(rule, "retention_days", 1, 540)
    _int_between(rule, "engager_type", 1, 2)
    for seed in rule.get("seed_id") or []:
        found = tx.get("audience", seed)
        if found is None or found["ad_account_id"] != account_id or found.get("_removed"):
            raise invalid_parameter(f"rule.seed_id: audience {seed} not found in ad account {account_id}.")


def eventual_size(audience_type: str, rule: dict[str, Any]) -> int:
    """The size an audience settles at (deterministic, documented in docs/emulator.md)."""
    retention = int(rule.get("retention_days") or 180)
    if audience_type == "ACTALIKE":
        return int(rule["percentage"]) * 1_850_000
    if audience_type == "VISITOR":
        return 35 * retention
    if audience_type == "ENGAGEMENT":
        return 120 * retention
    if audience_type == "CUSTOMER_LIST":
        return 50 + int(rule["customer_list_id"]) % 10_000
    return 250_000


def serialize(doc: Doc, now: float) -> dict[str, Any]:
    """An ``Audience`` with status and size as of ``now``."""
    out = public(doc)
    ready_at = doc.get("_ready_at")
    if ready_at is not None and now < ready_at:
        out.update(status="INITIALIZING", size=None)
    elif ready_at is not None:
        size = int(doc["_final_size"])
        out.update(status="READY" if size >= MIN_SIZE else "TOO_SMALL", size=size)
    return {**out, "type": "audience"}


def _rebuild(doc: Doc, now: int) -> None:
    doc.update(_ready_at=now + BUILD_SECONDS, _final_size=eventual_size(doc["audience_type"], doc["rule"]))


def _find(ctx: RequestContext, tx: Tx, account: Doc) -> Doc:
    audience_id = params.entity_id(ctx.path_params["audience_id"], "audience_id")
    doc = tx.get("audience", audience_id)
    if doc is None or doc["ad_account_id"] != account["id"] or doc.get("_removed"):
        raise ApiError(404, 2, "Audience not found.")
    return doc


def _same_account(body: dict[str, Any], account_id: str) -> None:
    if body.get("ad_account_id") not in (None, account_id):
        raise invalid_parameter(f"'ad_account_id' does not match the ad account in the path ({account_id}).")


def _body(ctx: RequestContext) -> dict[str, Any]:
    if not isinstance(ctx.body, dict):
        raise invalid_parameter("the request body must be a JSON object (one audience).")
    return ctx.body


COMMON_RULES: dict[str, fields.Rule] = {
    "ad_account_id": fields.digits,
    "name": fields.text(500),
    "description": fields.text(2000, nullable=True, allow_empty=True),
    "rule": fields.json_object,
}


def create_audience(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/ad_accounts/{ad_account_id}/audiences`` (one audience)."""
    account, _ = require_account(tx, ctx, write=True, write_roles=AUDIENCE_WRITE_ROLES)
    body = _body(ctx)
    fields.check_fields(body, {**COMMON_RULES, "audience_type": fields.enum(TYPES)})
    fields.require(body, "name", "rule", "audience_type")
    _same_account(body, account["id"])
    check_rule(tx, body["audience_type"], body["rule"], account["id"])
    now = int(tx.now())
    doc: Doc = {
        "id": tx.new_id(),
        "ad_account_id": account["id"],
        "name": body["name"].strip(),
        "audience_type": body["audience_type"],
        "description": body.get("description"),
        "rule": body["rule"],
        "size": None,
        "status": "INITIALIZING",
        "created_by_company_name": account["name"],
        "created_timestamp": now,
        "updated_timestamp": now,
    }
    _rebuild(doc, now)
    tx.put("audience", doc["id"], doc, owner=account["id"])
    return Reply(serialize(doc, now))


def update_audience(ctx: RequestContext, tx: Tx) -> Reply:
    """``PATCH /v5/ad_accounts/{ad_account_id}/audiences/{audience_id}`` (UPDATE or REMOVE)."""
    account, _ = require_account(tx, ctx, write=True, write_roles=AUDIENCE_WRITE_ROLES)
    doc = _find(ctx, tx, account)
    body = _body(ctx)
    fields.check_fields(body, {**COMMON_RULES, "operation_type": fields.enum(("UPDATE", "REMOVE"))})
    _same_account(body, account["id"])
    now = int(tx.now())
    if body.get("operation_type", "UPDATE") == "REMOVE":
        tx.put("audience", doc["id"], {**doc, "_removed": True, "updated_timestamp": now}, owner=account["id"])
        return Reply(serialize({**doc, "updated_timestamp": now}, now))
    merged = {**doc, **{k: v for k, v in body.items() if k in ("name", "description", "rule")}}
    if "rule" in body:
        check_rule(tx, doc["audience_type"], body["rule"], account["id"])
        if body["rule"] != doc["rule"]:
            _rebuild(merged, now)
    if isinstance(body.get("name"), str):
        merged["name"] = body["name"].strip()
    merged["updated_timestamp"] = now
    tx.put("audience", doc["id"], merged, owner=account["id"])
    return Reply(serialize(merged, now))


def list_audiences(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/audiences``."""
    account, _ = require_account(tx, ctx)
    order = params.optional_enum(ctx, "order", ("ASCENDING", "DESCENDING"), "ASCENDING")
    ownership = params.optional_enum(ctx, "ownership_type", ("OWNED", "RECEIVED"), "OWNED")
    docs = [
        d
        for d in tx.list("audience", owner=account["id"])
        if not d.get("_removed") and (d.get("_ownership") or "OWNED") == ownership
    ]
    page = pagination.paginate(ctx, docs, f"audiences:{account['id']}:{ownership}", descending=order == "DESCENDING")
    now = tx.now()
    page["items"] = [serialize(d, now) for d in page["items"]]
    return Reply(page)


def get_audience(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/audiences/{audience_id}``."""
    account, _ = require_account(tx, ctx)
    return Reply(serialize(_find(ctx, tx, account), tx.now()))


BASE = "/v5/ad_accounts/{ad_account_id}/audiences"
OPERATIONS = [
    Operation("audiences/list", "GET", BASE, "ads_read", ("ads:read",), list_audiences),
    Operation("audiences/create", "POST", BASE, "ads_write", ("ads:write",), create_audience),
    Operation("audiences/get", "GET", BASE + "/{audience_id}", "ads_read", ("ads:read",), get_audience),
    Operation("audiences/update", "PATCH", BASE + "/{audience_id}", "ads_write", ("ads:write",), update_audience),
]
