"""Dataset ad groups, ads, audiences, boards and Pins: checks, defaults and seeding.

The JSON format is documented in docs/emulator.md. Ad groups name their ``campaign_id`` (the ad
account follows), ads their ``ad_group_id`` and ``pin_id``; boards name their ``owner`` by username
and Pins their ``board_id``. ``metrics_profile`` (ad groups, ads, Pins) steers synthesized metrics
and is never returned by the API.
"""

from __future__ import annotations

import hashlib
from typing import Any

from pinagent.emulator import organic
from pinagent.emulator.state import Tx


class EntityError(ValueError):
    """An entity of a dataset that does not follow the format."""


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise EntityError(message)


def _derived(*parts: str, digits: int) -> str:
    value = int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")
    return str(10 ** (digits - 1) + value % (9 * 10 ** (digits - 1)))


def normalize(out: dict[str, Any], usernames: set[str]) -> None:
    """Check and complete the entity lists of a dataset in place.

    Raises:
        EntityError: a reference is unknown or a required field is missing.
    """
    campaigns = {c["id"]: c for c in out["campaigns"]}
    accounts = {a["id"] for a in out["ad_accounts"]}
    boards = {}
    for board in out["boards"]:
        _require(board.get("owner") in usernames, "every board needs an 'owner' (a username)")
        _require(isinstance(board.get("name"), str), "every board needs a 'name'")
        board.setdefault("id", _derived("board", board["owner"], board["name"], digits=18))
        board.setdefault("privacy", "PUBLIC")
        board.setdefault("description", None)
        board.setdefault("created_at", "2024-01-01T00:00:00Z")
        boards[board["id"]] = board
    for pin in out["pins"]:
        _require(pin.get("board_id") in boards, "every pin needs a known 'board_id'")
        pin.setdefault("id", _derived("pin", pin["board_id"], str(pin.get("title")), digits=18))
        pin.setdefault("created_at", boards[pin["board_id"]]["created_at"])
    pins = {p["id"] for p in out["pins"]}
    for audience in out["audiences"]:
        _require(audience.get("ad_account_id") in accounts, "every audience needs a known 'ad_account_id'")
        _require(
            all(k in audience for k in ("name", "audience_type", "rule")), "audiences need name, audience_type, rule"
        )
        audience.setdefault("id", _derived("audience", audience["ad_account_id"], audience["name"], digits=13))
    groups = {}
    for group in out["ad_groups"]:
        campaign = campaigns.get(group.get("campaign_id"))
        _require(campaign is not None, "every ad group needs a known 'campaign_id'")
        assert campaign is not None
        _require("name" in group, "ad groups need a 'name'")
        group["ad_account_id"] = campaign["ad_account_id"]
        group.setdefault("id", _derived("ad_group", campaign["id"], group["name"], digits=13))
        group.setdefault("status", "ACTIVE")
        group.setdefault("billable_event", "CLICKTHROUGH")
        group.setdefault("budget_type", "DAILY")
        group.setdefault("budget_in_micro_currency", None)
        group.setdefault("start_time", campaign.get("start_time"))
        group.setdefault("end_time", None)
        group.setdefault("targeting_spec", {})
        group.setdefault("created_time", campaign.get("created_time"))
        group.setdefault("updated_time", group["created_time"])
        groups[group["id"]] = group
    for ad in out["ads"]:
        group = groups.get(ad.get("ad_group_id"))
        _require(group is not None, "every ad needs a known 'ad_group_id'")
        assert group is not None
        _require(ad.get("pin_id") in pins, f"ad {ad.get('id')}: 'pin_id' must name a pin of the dataset")
        ad.update(ad_account_id=group["ad_account_id"], campaign_id=group["campaign_id"])
        ad.setdefault("id", _derived("ad", group["id"], ad["pin_id"], str(ad.get("name")), digits=12))
        ad.setdefault("creative_type", "REGULAR")
        ad.setdefault("status", "ACTIVE")
        ad.setdefault("review_status", "APPROVED")
        ad.setdefault("name", None)
        ad.setdefault("created_time", group["created_time"])
        ad.setdefault("updated_time", ad["created_time"])


def _media(pin: dict[str, Any]) -> dict[str, Any]:
    return organic.images(str(pin.get("image_url") or pin["id"]))


def seed(tx: Tx, dataset: dict[str, Any], user_ids: dict[str, str]) -> None:
    """Write the entity lists of ``dataset`` into an empty state."""
    for group in dataset["ad_groups"]:
        doc = {k: v for k, v in group.items() if k != "metrics_profile"}
        doc.update(_profile=group.get("metrics_profile") or {}, _initial_status=doc["status"], _status_log=[])
        tx.put("ad_group", doc["id"], doc, owner=doc["ad_account_id"])
    promoted = set()
    for ad in dataset["ads"]:
        doc = {k: v for k, v in ad.items() if k != "metrics_profile"}
        doc.update(_profile=ad.get("metrics_profile") or {}, _initial_status=doc["status"], _status_log=[])
        tx.put("ad", doc["id"], doc, owner=doc["ad_account_id"])
        promoted.add(ad["pin_id"])
    for audience in dataset["audiences"]:
        doc = {k: v for k, v in audience.items() if k != "ownership_type"}
        doc["_ownership"] = audience.get("ownership_type") or "OWNED"
        doc.setdefault("status", "READY")
        doc.setdefault("size", None)
        doc.setdefault("description", None)
        tx.put("audience", doc["id"], doc, owner=doc["ad_account_id"])
    boards = {b["id"]: b for b in dataset["boards"]}
    pins_by_board: dict[str, list[dict[str, Any]]] = {}
    for pin in dataset["pins"]:
        pins_by_board.setdefault(pin["board_id"], []).append(pin)
        board = boards[pin["board_id"]]
        owner_id = user_ids[board["owner"]]
        doc = {k: v for k, v in pin.items() if k not in ("metrics_profile", "image_url")}
        doc.update(board_owner={"username": board["owner"]}, media=_media(pin), _owner=owner_id)
        doc.update(_profile=pin.get("metrics_profile") or {}, has_been_promoted=pin["id"] in promoted)
        for field in (
            "link",
            "title",
            "description",
            "alt_text",
            "dominant_color",
            "board_section_id",
            "parent_pin_id",
        ):
            doc.setdefault(field, None)
        doc.setdefault("creative_type", "REGULAR")
        doc.setdefault("is_standard", True)
        tx.put("pin", doc["id"], doc, owner=owner_id)
    for board in dataset["boards"]:
        mine = sorted(pins_by_board.get(board["id"], []), key=lambda p: str(p["created_at"]))
        doc = {k: v for k, v in board.items() if k != "owner"}
        thumbs = [_media(p)["images"]["150x150"]["url"] for p in mine[-4:]]
        doc.update(owner={"username": board["owner"]}, _owner=user_ids[board["owner"]], pin_count=len(mine))
        doc.setdefault("is_ads_only", False)
        doc.setdefault("follower_count", 0)
        doc.setdefault("collaborator_count", 0)
        doc.setdefault("board_pins_modified_at", mine[-1]["created_at"] if mine else doc["created_at"])
        cover = _media(mine[-1])["images"]["600x"]["url"] if mine else None
        doc["media"] = {"image_cover_url": cover, "pin_thumbnail_urls": thumbs}
        tx.put("board", doc["id"], doc, owner=doc["_owner"])
