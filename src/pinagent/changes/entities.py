"""What pinagent can change, per kind of Pinterest entity: fields, money, and how to read and write.

The planner and the apply step are generic over these descriptions, so a campaign, an ad group or
a board are planned, applied, verified and reconciled the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pinagent.pinterest import PinterestClient

ALL_STATUSES = ["ACTIVE", "PAUSED", "ARCHIVED", "DRAFT"]

Wire = dict[str, Any]
Reader = Callable[[PinterestClient, str, list[str]], Awaitable[dict[str, Wire]]]
Writer = Callable[[PinterestClient, str, list[Wire]], Awaitable[list["ItemOutcome"]]]
Finder = Callable[[PinterestClient, str, Wire], Awaitable[list[Wire]]]
# Rules Pinterest enforces between fields, checked against the current entity before any request.
Validator = Callable[[Wire, Wire], str | None]


@dataclass(frozen=True)
class ItemOutcome:
    """One item of a write: the entity Pinterest returned, or its errors."""

    entity: Wire | None
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return str(self.entity["id"]) if self.entity and self.entity.get("id") is not None else None


@dataclass(frozen=True)
class EntityKind:
    name: str  # "campaign"
    plural: str  # "campaigns"
    fields: dict[str, str]  # name people use → Pinterest field
    money: frozenset[str] = frozenset()  # Pinterest fields in micro-currency
    read: Reader | None = None
    update: Writer | None = None
    create: Writer | None = None
    # Entities that look like the one an item creates (same name and parent). Read before and after
    # an ambiguous create, the difference is what the create committed.
    find_similar: Finder | None = None
    label_field: str = "name"
    validate: Validator | None = None

    def public_name(self, wire_field: str) -> str:
        return next((k for k, v in self.fields.items() if v == wire_field), wire_field)


def _bulk_outcomes(results: list[Any]) -> list[ItemOutcome]:
    return [
        ItemOutcome(
            result.data.model_dump(mode="json") if result.data is not None else None,
            [f"{e.code}: {e.message}" for e in result.exceptions],
        )
        for result in results
    ]


def partial_outcomes(exc: Exception, items: list[Wire]) -> list[ItemOutcome] | None:
    """A bulk write that failed after earlier chunks were applied: their results, then the unsent items.

    None when nothing had been applied (the whole write failed).
    """
    done = getattr(exc, "completed_results", None) or []
    if not done:
        return None
    outcomes = _bulk_outcomes(list(done))
    message = getattr(exc, "message", str(exc))
    unsent = [ItemOutcome(None, [f"not sent: Pinterest refused the rest of the batch ({message})"])]
    return outcomes + unsent * (len(items) - len(outcomes))


def _lister(service: str, id_filter: str) -> Reader:
    """Read entities of a bulk family (campaigns, ad groups, ads) by id, in every status."""

    async def read(client: PinterestClient, account: str, ids: list[str]) -> dict[str, Wire]:
        pager = getattr(client, service).list(account, **{id_filter: ids}, entity_statuses=ALL_STATUSES)
        return {str(entity.id): entity.model_dump(mode="json") async for entity in pager}

    return read


async def _read_audiences(client: PinterestClient, account: str, ids: list[str]) -> dict[str, Wire]:
    found: dict[str, Wire] = {}
    for audience_id in ids:
        found[audience_id] = (await client.audiences.get(account, audience_id)).model_dump(mode="json")
    return found


def _bulk_writer(service: str, action: str) -> Writer:
    """Create or update a bulk family (campaigns, ad groups, ads): one outcome per item, in order."""

    async def write(client: PinterestClient, account: str, items: list[Wire]) -> list[ItemOutcome]:
        return _bulk_outcomes(await getattr(getattr(client, service), action)(account, items))

    return write


async def _create_audience(client: PinterestClient, account: str, items: list[Wire]) -> list[ItemOutcome]:
    return [ItemOutcome((await client.audiences.create(account, item)).model_dump(mode="json")) for item in items]


async def _update_audience(client: PinterestClient, account: str, items: list[Wire]) -> list[ItemOutcome]:
    outcomes = []
    for item in items:
        body = {k: v for k, v in item.items() if k != "id"}
        audience = await client.audiences.update(account, str(item["id"]), body)
        outcomes.append(ItemOutcome(audience.model_dump(mode="json")))
    return outcomes


async def _create_board(client: PinterestClient, account: str, items: list[Wire]) -> list[ItemOutcome]:
    return [ItemOutcome((await client.boards.create(item)).model_dump(mode="json")) for item in items]


async def _create_pin(client: PinterestClient, account: str, items: list[Wire]) -> list[ItemOutcome]:
    return [ItemOutcome((await client.pins.create(item)).model_dump(mode="json")) for item in items]


def _matches(data: Wire, item: Wire, keys: tuple[str, ...]) -> bool:
    return all(data.get(key) == item.get(key) for key in keys if item.get(key) is not None)


async def _find_campaigns(client: PinterestClient, account: str, item: Wire) -> list[Wire]:
    pager = client.campaigns.list(account, entity_statuses=ALL_STATUSES)
    return [d async for c in pager if _matches(d := c.model_dump(mode="json"), item, ("name",))]


async def _find_ad_groups(client: PinterestClient, account: str, item: Wire) -> list[Wire]:
    pager = client.ad_groups.list(account, campaign_ids=[item["campaign_id"]], entity_statuses=ALL_STATUSES)
    return [d async for g in pager if _matches(d := g.model_dump(mode="json"), item, ("name", "campaign_id"))]


async def _find_ads(client: PinterestClient, account: str, item: Wire) -> list[Wire]:
    pager = client.ads.list(account, ad_group_ids=[item["ad_group_id"]], entity_statuses=ALL_STATUSES)
    keys = ("ad_group_id", "pin_id", "name")
    return [d async for a in pager if _matches(d := a.model_dump(mode="json"), item, keys)]


async def _find_audiences(client: PinterestClient, account: str, item: Wire) -> list[Wire]:
    pager = client.audiences.list(account)
    return [d async for a in pager if _matches(d := a.model_dump(mode="json"), item, ("name",))]


async def _find_boards(client: PinterestClient, account: str, item: Wire) -> list[Wire]:
    pager = client.boards.list(privacy="ALL")
    return [d async for b in pager if _matches(d := b.model_dump(mode="json"), item, ("name",))]


async def _find_pins(client: PinterestClient, account: str, item: Wire) -> list[Wire]:
    pager = client.boards.list_pins(str(item["board_id"]))
    keys = ("title", "description", "link")
    return [d async for p in pager if _matches(d := p.model_dump(mode="json"), item, keys)]


def _one_campaign_budget(current: Wire, changes: Wire) -> str | None:
    """Pinterest allows a daily or a lifetime spend cap on a campaign, never both."""
    for wanted, other in (("daily_spend_cap", "lifetime_spend_cap"), ("lifetime_spend_cap", "daily_spend_cap")):
        if changes.get(wanted) is not None and current.get(other) is not None and other not in changes:
            kind = "lifetime" if other == "lifetime_spend_cap" else "daily"
            return (
                f"it has a {kind} budget, and Pinterest does not allow a daily and a lifetime budget together; "
                f"change its {kind}_budget instead"
            )
    return None


CAMPAIGN = EntityKind(
    "campaign",
    "campaigns",
    {
        "name": "name",
        "status": "status",
        "objective": "objective_type",
        "daily_budget": "daily_spend_cap",
        "lifetime_budget": "lifetime_spend_cap",
        "start_time": "start_time",
        "end_time": "end_time",
    },
    frozenset({"daily_spend_cap", "lifetime_spend_cap"}),
    _lister("campaigns", "campaign_ids"),
    _bulk_writer("campaigns", "update"),
    _bulk_writer("campaigns", "create"),
    _find_campaigns,
    validate=_one_campaign_budget,
)
AD_GROUP = EntityKind(
    "ad group",
    "ad groups",
    {
        "name": "name",
        "status": "status",
        "campaign_id": "campaign_id",
        "budget": "budget_in_micro_currency",
        "budget_type": "budget_type",
        "bid": "bid_in_micro_currency",
        "bid_strategy": "bid_strategy_type",
        "billable_event": "billable_event",
        "start_time": "start_time",
        "end_time": "end_time",
        "targeting_spec": "targeting_spec",
        "auto_targeting": "auto_targeting_enabled",
        "pacing": "pacing_delivery_type",
        "placement_group": "placement_group",
        "optimization_goal_metadata": "optimization_goal_metadata",
    },
    frozenset({"budget_in_micro_currency", "bid_in_micro_currency"}),
    _lister("ad_groups", "ad_group_ids"),
    _bulk_writer("ad_groups", "update"),
    _bulk_writer("ad_groups", "create"),
    _find_ad_groups,
)
AD = EntityKind(
    "ad",
    "ads",
    {
        "name": "name",
        "status": "status",
        "ad_group_id": "ad_group_id",
        "pin_id": "pin_id",
        "creative_type": "creative_type",
        "destination_url": "destination_url",
    },
    frozenset(),
    _lister("ads", "ad_ids"),
    _bulk_writer("ads", "update"),
    _bulk_writer("ads", "create"),
    _find_ads,
)
AUDIENCE = EntityKind(
    "audience",
    "audiences",
    {"name": "name", "description": "description", "audience_type": "audience_type", "rule": "rule"},
    frozenset(),
    _read_audiences,
    _update_audience,
    _create_audience,
    _find_audiences,
)
BOARD = EntityKind(
    "board",
    "boards",
    {"name": "name", "description": "description", "privacy": "privacy"},
    create=_create_board,
    find_similar=_find_boards,
)
PIN = EntityKind(
    "pin",
    "pins",
    {
        "board_id": "board_id",
        "title": "title",
        "description": "description",
        "link": "link",
        "alt_text": "alt_text",
        "media_source": "media_source",
    },
    create=_create_pin,
    find_similar=_find_pins,
    label_field="title",
)

KINDS = {kind.plural.replace(" ", "_"): kind for kind in (CAMPAIGN, AD_GROUP, AD, AUDIENCE, BOARD, PIN)}
