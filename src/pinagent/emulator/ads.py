"""Ads: list, get, bulk create and bulk update (FACTS.md §2, §7, §8).

Create items need ``ad_group_id`` (an ad group of the path's account, not ARCHIVED),
``creative_type`` and ``pin_id``: a Pin of the advertiser or of the token user, or any PUBLIC Pin.
Created ads are under review (``review_status`` PENDING) for :data:`REVIEW_SECONDS` of emulator
time, then APPROVED; only approved ACTIVE ads deliver. Updates need ``id``; ``pin_id`` and
``creative_type`` change on DRAFT ads only; changing the Pin or ``destination_url`` of a REJECTED ad
sends it back to review. Per the spec, a bulk element's ``exceptions`` is one object, not a list.
"""

from __future__ import annotations

from typing import Any

from pinagent.emulator import fields, organic, pagination, params
from pinagent.emulator.ad_accounts import public, require_account
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ads_validation, invalid_parameter, not_found
from pinagent.emulator.state import Doc, Tx

CREATIVE_TYPES = (
    "REGULAR",
    "VIDEO",
    "SHOPPING",
    "CAROUSEL",
    "MAX_VIDEO",
    "SHOP_THE_PIN",
    "COLLECTION",
    "IDEA",
    "SHOWCASE",
    "QUIZ",
    "COLLAGE",
    "MAX_WIDTH_REGULAR_COLLECTION",
    "MAX_WIDTH_VIDEO_COLLECTION",
)
CTA_TYPES = [
    "GET_OFFER",
    "LEARN_MORE",
    "ORDER_NOW",
    "SHOP_NOW",
    "SIGN_UP",
    "SUBSCRIBE",
    "BUY_NOW",
    "CONTACT_US",
    "GET_QUOTE",
    "VISIT_SITE",
    "APPLY_NOW",
    "BOOK_NOW",
    "REQUEST_DEMO",
    "REGISTER_NOW",
    "FIND_A_DEALER",
    "ADD_TO_CART",
    "WATCH_NOW",
    "READ_MORE",
    "BUY_TICKETS",
    "DONATE_NOW",
    "DOWNLOAD",
    "EXPLORE_MORE",
    "FIND_A_LOCATION",
    "GET_DEAL",
    "GET_RECIPE",
    "GET_SHOWTIMES",
    "ON_SALE",
    "PLAY_GAME",
    "TRY_IT",
]
DISCLOSURE_TYPES = (
    "NO_DISCLOSURE",
    "PRESCRIBING_INFORMATION",
    "PRESCRIBING_INFORMATION_BOX_WARNING",
    "IMPORTANT_SAFETY_INFO",
    "MED_GUIDE",
    "PATIENT_INFORMATION",
)
REVIEW_SECONDS = 600


def _url(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) <= 2048:
        return None
    return "must be an http(s) URL of at most 2,048 characters, or null"


def _ad_group_ref(value: Any) -> str | None:
    ok = isinstance(value, str) and params.DIGITS.match(value.removeprefix("AG")) is not None
    return None if ok else "must be an ad group id (digits, optionally prefixed with 'AG')"


def _creative(value: Any) -> str | None:
    if value == "SHOP_THE_PIN":
        return "SHOP_THE_PIN is deprecated; use COLLECTION"
    return fields.enum(CREATIVE_TYPES)(value)


RULES: dict[str, fields.Rule] = {
    "ad_group_id": _ad_group_ref,
    "pin_id": fields.digits,
    "creative_type": _creative,
    "name": fields.text(255, nullable=True, allow_empty=True),
    "status": fields.enum(fields.STATUSES),
    "destination_url": _url,
    "click_tracking_url": _url,
    "view_tracking_url": _url,
    "android_deep_link": fields.text(2048, nullable=True),
    "ios_deep_link": fields.text(2048, nullable=True),
    "carousel_android_deep_links": fields.string_list,
    "carousel_destination_urls": fields.string_list,
    "carousel_ios_deep_links": fields.string_list,
    "customizable_cta_type": fields.enum(CTA_TYPES, nullable=True),
    "disclosure_type": fields.enum(DISCLOSURE_TYPES, nullable=True),
    "disclosure_url": _url,
    "grid_click_type": fields.enum(("CLOSEUP", "DIRECT_TO_DESTINATION"), nullable=True),
    "is_pin_deleted": fields.boolean,
    "is_removable": fields.boolean,
    "lead_form_id": fields.digits,
    "quiz_pin_data": fields.json_object,
    "tracking_urls": fields.tracking,
}
UPDATE_RULES = {**RULES, "id": fields.digits}
DEFAULTS: dict[str, Any] = {
    "status": "ACTIVE",
    "name": None,
    "destination_url": None,
    "click_tracking_url": None,
    "view_tracking_url": None,
    "android_deep_link": None,
    "ios_deep_link": None,
    "carousel_android_deep_links": None,
    "carousel_destination_urls": None,
    "carousel_ios_deep_links": None,
    "customizable_cta_type": None,
    "disclosure_type": None,
    "disclosure_url": None,
    "lead_form_id": None,
    "quiz_pin_data": None,
    "tracking_urls": None,
    "is_pin_deleted": False,
    "is_removable": False,
    "collection_items_destination_url_template": None,
}


def review_status(doc: Doc, now: float) -> str:
    """PENDING ads are APPROVED once the emulator clock passes their review time."""
    status = str(doc.get("review_status", "APPROVED"))
    if status == "PENDING" and doc.get("_approve_at") is not None and now >= doc["_approve_at"]:
        return "APPROVED"
    return status


def serialize(doc: Doc, now: float) -> dict[str, Any]:
    """An ``AdResponse``."""
    out = {**public(doc), "type": "pinpromotion", "grid_click_type": "DIRECT_TO_DESTINATION"}
    review = review_status(doc, now)
    out["review_status"] = review
    if review != "REJECTED":
        out.pop("rejected_reasons", None)
        out.pop("rejection_labels", None)
    status = str(doc["status"])
    out["summary_status"] = status if status != "ACTIVE" else review if review != "OTHER" else "APPROVED"
    return out


def _serialize(tx: Tx, doc: Doc, now: float) -> dict[str, Any]:
    return serialize(doc, now)


def _promotable_pin(tx: Tx, pin_id: str, account_id: str, user_id: str) -> Doc:
    pin = tx.get("pin", pin_id)
    account = tx.get("ad_account", account_id)
    assert account is not None
    if pin is None or not organic.can_promote(tx, pin, account["owner"]["id"], user_id):
        raise not_found("Pin")
    return pin


def _mark_promoted(tx: Tx, pin: Doc) -> None:
    if not pin.get("has_been_promoted"):
        tx.put("pin", pin["id"], {**pin, "has_been_promoted": True}, owner=pin["_owner"])


def _apply(user_id: str, create: bool) -> Any:
    def create_one(tx: Tx, raw: Any, account_id: str, now: int) -> Doc:
        item = fields.as_object(raw, "ad")
        fields.check_fields(item, RULES)
        fields.require(item, "ad_group_id", "creative_type", "pin_id")
        group = tx.get("ad_group", item["ad_group_id"].removeprefix("AG"))
        if group is None or group["ad_account_id"] != account_id:
            raise not_found("AdGroup")
        if group["status"] == "ARCHIVED":
            raise invalid_parameter(f"ad group {group['id']} is ARCHIVED; no ads can be added to it.")
        if item.get("status") == "DELETED_DRAFT":
            raise invalid_parameter("an ad cannot be created as DELETED_DRAFT.")
        pin = _promotable_pin(tx, item["pin_id"], account_id, user_id)
        doc: Doc = {**DEFAULTS, **item, "ad_group_id": group["id"], "campaign_id": group["campaign_id"]}
        doc.update(id=tx.new_id(), ad_account_id=account_id, created_time=now, updated_time=now)
        doc.update(review_status="PENDING", _approve_at=now + REVIEW_SECONDS)
        doc.update(_profile={}, _initial_status=doc["status"], _status_log=[])
        tx.put("ad", doc["id"], doc, owner=account_id)
        _mark_promoted(tx, pin)
        return doc

    def update_one(tx: Tx, raw: Any, account_id: str, now: int) -> Doc:
        item = fields.as_object(raw, "ad")
        fields.check_fields(item, UPDATE_RULES)
        fields.require(item, "id")
        doc = tx.get("ad", item["id"])
        if doc is None or doc["ad_account_id"] != account_id:
            raise not_found("Ad")
        if "ad_group_id" in item and item["ad_group_id"].removeprefix("AG") != doc["ad_group_id"]:
            raise invalid_parameter("an ad cannot move to another ad group ('ad_group_id' differs).")
        current = doc["status"]
        if current == "ARCHIVED":
            raise invalid_parameter(f"ad {doc['id']} is ARCHIVED; archived ads cannot be updated.")
        for field in ("pin_id", "creative_type"):
            if field in item and item[field] != doc.get(field) and current != "DRAFT":
                raise invalid_parameter(f"'{field}' can only be changed on DRAFT ads.")
        fields.check_status_change(current, str(item.get("status", current)), "ad")
        pin = None
        if item.get("pin_id") not in (None, doc.get("pin_id")):
            pin = _promotable_pin(tx, item["pin_id"], account_id, user_id)
        merged: Doc = {**doc, **{k: v for k, v in item.items() if k not in ("id", "ad_group_id")}}
        changed = any(k in item and item[k] != doc.get(k) for k in ("pin_id", "destination_url"))
        if review_status(doc, now) == "REJECTED" and changed:
            merged.update(review_status="PENDING", _approve_at=now + REVIEW_SECONDS)
            merged.pop("rejected_reasons", None)
            merged.pop("rejection_labels", None)
        fields.log_status(doc, merged, now)
        merged["updated_time"] = now
        tx.put("ad", merged["id"], merged, owner=account_id)
        if pin is not None:
            _mark_promoted(tx, pin)
        return merged

    return create_one if create else update_one


def create_ads(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/ad_accounts/{ad_account_id}/ads``."""
    account, _ = require_account(tx, ctx, write=True)
    return fields.bulk(ctx, tx, "ads", account["id"], _apply(ctx.user_id, True), _serialize, single_exception=True)


def update_ads(ctx: RequestContext, tx: Tx) -> Reply:
    """``PATCH /v5/ad_accounts/{ad_account_id}/ads``."""
    account, _ = require_account(tx, ctx, write=True)
    return fields.bulk(ctx, tx, "ads", account["id"], _apply(ctx.user_id, False), _serialize, single_exception=True)


def list_ads(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/ads``: filter by at most one of the id lists."""
    account, _ = require_account(tx, ctx)
    filters = {name: set(params.id_list(ctx, name, 250)) for name in ("campaign_ids", "ad_group_ids", "ad_ids")}
    used = [name for name, ids in filters.items() if ids]
    if len(used) > 1:
        raise ads_validation(
            f"Invalid ad account ads parameters. Filter by only one of campaign_ids, ad_group_ids, ad_ids (got {', '.join(used)})."
        )
    statuses = set(params.enum_list(ctx, "entity_statuses", fields.STATUSES, ("ACTIVE", "PAUSED")))
    order = params.optional_enum(ctx, "order", ("ASCENDING", "DESCENDING"), "ASCENDING")
    key = {"campaign_ids": "campaign_id", "ad_group_ids": "ad_group_id", "ad_ids": "id"}
    docs = [
        d
        for d in tx.list("ad", owner=account["id"])
        if d["status"] in statuses and all(not ids or d[key[name]] in ids for name, ids in filters.items())
    ]
    page = pagination.paginate(ctx, docs, f"ads:{account['id']}", descending=order == "DESCENDING")
    now = tx.now()
    page["items"] = [serialize(d, now) for d in page["items"]]
    return Reply(page)


def get_ad(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/ads/{ad_id}``."""
    account, _ = require_account(tx, ctx)
    ad_id = params.entity_id(ctx.path_params["ad_id"], "ad_id")
    doc = tx.get("ad", ad_id)
    if doc is None or doc["ad_account_id"] != account["id"]:
        raise not_found("Ad")
    return Reply(serialize(doc, tx.now()))


BASE = "/v5/ad_accounts/{ad_account_id}/ads"
OPERATIONS = [
    Operation("ads/list", "GET", BASE, "ads_read", ("ads:read",), list_ads),
    Operation("ads/create", "POST", BASE, "ads_write", ("ads:write",), create_ads),
    Operation("ads/update", "PATCH", BASE, "ads_write", ("ads:write",), update_ads),
    Operation("ads/get", "GET", BASE + "/{ad_id}", "ads_read", ("ads:read",), get_ad),
]
