"""Field rules shared by the ads resource families (campaigns, ad groups, ads, audiences).

A rule takes a JSON value and returns ``None`` when it is acceptable, otherwise the reason, which
:func:`check_fields` turns into a 400 code 1 ``Invalid parameter: '<field>' <reason>``. Unknown
fields are rejected rather than silently ignored, so client typos surface.

:func:`bulk` runs the create/update of a JSON array of 1–30 items and answers one element per
item, in request order: a valid item is applied, an invalid one is not and carries its exception.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pinagent.emulator import params
from pinagent.emulator.dispatch import Reply, RequestContext
from pinagent.emulator.errors import ApiError, invalid_parameter
from pinagent.emulator.state import Doc, Tx

Rule = Callable[[Any], str | None]
STATUSES = ("ACTIVE", "PAUSED", "ARCHIVED", "DRAFT", "DELETED_DRAFT")
TRACKING_EVENTS = ("impression", "click", "engagement", "buyable_button", "audience_verification")
MAX_BULK = 30
MIN_SPEND_CAP = 1_000_000  # one currency unit; catches units sent where micro-currency is expected


def is_int(value: Any) -> bool:
    """A JSON integer (``true``/``false`` are not integers)."""
    return isinstance(value, int) and not isinstance(value, bool)


def text(max_length: int, nullable: bool = False, allow_empty: bool = False) -> Rule:
    """A string of at most ``max_length`` characters (non-blank unless ``allow_empty``)."""

    def rule(value: Any) -> str | None:
        if value is None and nullable:
            return None
        ok = isinstance(value, str) and len(value) <= max_length and (allow_empty or bool(value.strip()))
        if ok:
            return None
        kind = "a string" if allow_empty else "a non-empty string"
        return f"must be {kind} of at most {max_length:,} characters" + (", or null" if nullable else "")

    return rule


def name_rule(value: Any) -> str | None:
    """Names of campaigns and ad groups: 1–500 characters."""
    return text(500)(value)


def enum(allowed: Sequence[str], nullable: bool = False) -> Rule:
    """One of ``allowed`` (or null)."""

    def rule(value: Any) -> str | None:
        if (value is None and nullable) or value in allowed:
            return None
        return f"must be one of {', '.join(allowed)}" + (", or null" if nullable else "")

    return rule


def spend_cap(value: Any) -> str | None:
    """A micro-currency amount of at least one currency unit, or null."""
    if value is None:
        return None
    if not is_int(value) or value < MIN_SPEND_CAP:
        return "must be an integer in micro-currency (1 unit = 1,000,000) of at least 1,000,000, or null"
    return None


def micro(value: Any) -> str | None:
    """A non-negative micro-currency integer, or null."""
    return (
        None
        if value is None or (is_int(value) and value >= 0)
        else "must be a non-negative integer in micro-currency, or null"
    )


def timestamp(value: Any) -> str | None:
    """Unix seconds, or null."""
    return (
        None
        if value is None or (is_int(value) and value >= 0)
        else "must be a Unix timestamp in seconds (integer), or null"
    )


def boolean(value: Any) -> str | None:
    """``true`` or ``false``."""
    return None if isinstance(value, bool) else "must be true or false"


def nullable_boolean(value: Any) -> str | None:
    """``true``, ``false`` or null."""
    return None if value is None or isinstance(value, bool) else "must be true, false or null"


def tracking(value: Any) -> str | None:
    """``TrackingUrls``: at most three URLs (≤ 2,000 characters) per event, or null."""
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(TRACKING_EVENTS):
        return f"must be an object with keys among {', '.join(TRACKING_EVENTS)}, or null"
    for urls in value.values():
        if not isinstance(urls, list) or len(urls) > 3 or not all(isinstance(u, str) and len(u) <= 2000 for u in urls):
            return "must map each event to a list of at most 3 URLs (each at most 2,000 characters)"
    return None


def digits(value: Any) -> str | None:
    """A digit-string id, or null."""
    ok = value is None or (isinstance(value, str) and params.DIGITS.match(value) is not None)
    return None if ok else "must be a digit string, or null"


def digit_list(max_items: int | None = None, nullable: bool = True) -> Rule:
    """A list of digit-string ids."""

    def rule(value: Any) -> str | None:
        if value is None and nullable:
            return None
        ok = isinstance(value, list) and all(isinstance(v, str) and params.DIGITS.match(v) for v in value)
        if ok and (max_items is None or len(value) <= max_items):
            return None
        limit = "" if max_items is None else f" (at most {max_items})"
        return f"must be a list of digit-string ids{limit}"

    return rule


def string_list(value: Any) -> str | None:
    """A list of strings, or null."""
    ok = value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    return None if ok else "must be a list of strings, or null"


def json_object(value: Any) -> str | None:
    """A JSON object, or null."""
    return None if value is None or isinstance(value, dict) else "must be an object, or null"


def anything(value: Any) -> str | None:
    """Any JSON value (fields the emulator stores but does not interpret)."""
    return None


def check_fields(item: dict[str, Any], rules: dict[str, Rule]) -> None:
    """Every field of ``item`` must be known and pass its rule.

    Raises:
        ApiError: 400 code 1 naming the field, the rule and the value.
    """
    for key, value in item.items():
        rule = rules.get(key)
        if rule is None:
            raise invalid_parameter(f"unknown field '{key}' (allowed: {', '.join(sorted(rules))}).")
        problem = rule(value)
        if problem:
            raise invalid_parameter(f"'{key}' {problem} (got {value!r}).")


def require(item: dict[str, Any], *names: str) -> None:
    """Required fields must be present (and not null).

    Raises:
        ApiError: 400 code 1 naming the first missing field.
    """
    for name in names:
        if item.get(name) is None:
            raise invalid_parameter(f"'{name}' is required.")


def check_status_change(current: str, new_status: str, kind: str) -> None:
    """Status moves allowed on update: not back to DRAFT; DELETED_DRAFT only from DRAFT.

    Raises:
        ApiError: 400 code 1.
    """
    if new_status == current:
        return
    if new_status == "DRAFT" or (new_status == "DELETED_DRAFT" and current != "DRAFT"):
        raise invalid_parameter(f"cannot change the {kind} status from {current} to {new_status}.")


def summary_status(doc: Doc, now: float) -> str:
    """Campaign / ad group ``summary_status`` from status and schedule."""
    status = str(doc["status"])
    if status != "ACTIVE":
        return status
    if doc.get("end_time") is not None and doc["end_time"] < now:
        return "COMPLETED"
    if doc.get("start_time") is not None and doc["start_time"] > now:
        return "NOT_STARTED"
    return "RUNNING"


def log_status(doc: Doc, merged: Doc, now: int) -> None:
    """Record a status change with the emulator time (metrics stop/start delivering from then)."""
    if merged.get("status") != doc.get("status"):
        merged["_status_log"] = [*doc.get("_status_log", []), [now, merged["status"]]]


def bulk_items(ctx: RequestContext, what: str) -> list[Any]:
    """The request body as a JSON array of 1–30 items.

    Raises:
        ApiError: 400 code 1.
    """
    body = ctx.body
    if not isinstance(body, list) or not 1 <= len(body) <= MAX_BULK:
        raise invalid_parameter(f"the request body must be a JSON array of 1 to {MAX_BULK} {what}.")
    return body


def bulk(
    ctx: RequestContext,
    tx: Tx,
    what: str,
    account_id: str,
    apply_one: Callable[[Tx, Any, str, int], Doc],
    serialize: Callable[[Tx, Doc, float], dict[str, Any]],
    single_exception: bool = False,
) -> Reply:
    """Apply each item of a bulk create/update; ``{"items": [{data, exceptions}]}`` in request order.

    ``single_exception``: the ads schema types ``exceptions`` as one object, not a list.
    """
    items = bulk_items(ctx, what)
    now = int(tx.now())
    results: list[dict[str, Any]] = []
    for item in items:
        try:
            data = serialize(tx, apply_one(tx, item, account_id, now), now)
        except ApiError as err:
            results.append({"exceptions": err.body() if single_exception else [err.body()]})
            continue
        results.append({"data": data} if single_exception else {"data": data, "exceptions": []})
    return Reply({"items": results})


def as_object(item: Any, what: str) -> dict[str, Any]:
    """A bulk item must be a JSON object.

    Raises:
        ApiError: 400 code 1.
    """
    if not isinstance(item, dict):
        raise invalid_parameter(f"each {what} must be a JSON object.")
    return item
