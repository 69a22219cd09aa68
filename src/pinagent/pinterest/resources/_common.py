"""Helpers shared by the resource services: paths, query encoding, paging, bulk writes, fan-out."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Literal, TypeVar
from urllib.parse import quote

from pydantic import BaseModel

from pinagent.pinterest.errors import PinterestError
from pinagent.pinterest.models import AnalyticsRow, BulkItemResult
from pinagent.pinterest.pagination import Page
from pinagent.pinterest.transport import QueryParams, Transport

ModelT = TypeVar("ModelT", bound=BaseModel)
ItemT = TypeVar("ItemT")

#: Items per bulk create/update request (FACTS §7).
BULK_CHUNK_SIZE = 30
#: Ids per synchronous analytics request (FACTS §6).
ANALYTICS_IDS_PER_REQUEST = 250
#: Pin ids per ads analytics request (FACTS §6).
PIN_IDS_PER_REQUEST = 100
#: Ids per list filter (``campaign_ids``, ``ad_group_ids``, ``ad_ids``).
MAX_FILTER_IDS = 250
#: Default number of analytics chunks fetched at the same time.
ANALYTICS_CONCURRENCY = 4

Order = Literal["ASCENDING", "DESCENDING"]
OptValue = str | int | float | bool | Sequence[str] | None


def segment(value: str) -> str:
    """One path segment, escaped so an id can never change the path."""
    text = str(value)
    if not text:
        raise ValueError("an id in the path must not be empty")
    return quote(text, safe="")


def chunked(items: Sequence[ItemT], size: int) -> list[Sequence[ItemT]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def as_date(value: dt.date) -> dt.date:
    """A plain date (a datetime is cut to its date; Pinterest takes YYYY-MM-DD in UTC)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, dt.date):
        raise TypeError(f"expected a datetime.date, got {value!r}")
    return value


def scalar(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def repeated(name: str, values: Iterable[str] | None) -> list[tuple[str, str]]:
    """An array query parameter in form/explode style: ``name=a&name=b``."""
    return [(name, str(v)) for v in values or ()]


def id_filter(filters: dict[str, Sequence[str] | None]) -> list[tuple[str, str]]:
    """At most one id-list filter of a list call, as repeated parameters.

    Raises:
        ValueError: more than one filter is given, or one has more than 250 ids.
    """
    given = {name: ids for name, ids in filters.items() if ids}
    if len(given) > 1:
        raise ValueError(f"filter by only one of {', '.join(filters)} (got {', '.join(given)})")
    params: list[tuple[str, str]] = []
    for name, ids in given.items():
        if len(ids) > MAX_FILTER_IDS:
            raise ValueError(f"at most {MAX_FILTER_IDS} {name} per list call")
        params.extend(repeated(name, ids))
    return params


def require_items(items: Sequence[Any], what: str) -> list[dict[str, Any]]:
    """The items of a bulk write, copied so the caller's dicts are never changed.

    Raises:
        ValueError: ``items`` is empty.
    """
    if not items:
        raise ValueError(f"items must contain at least one {what}")
    return [dict(item) for item in items]


def extra_params(opts: dict[str, OptValue]) -> list[tuple[str, str]]:
    """Optional query parameters; ``None`` is left out, sequences repeat the name."""
    params: list[tuple[str, str]] = []
    for name, value in opts.items():
        if value is None:
            continue
        if isinstance(value, str | int | float | bool):
            params.append((name, scalar(value)))
        else:
            params.extend(repeated(name, value))
    return params


def analytics_params(
    start_date: dt.date, end_date: dt.date, columns: Sequence[str] | str, granularity: str
) -> list[tuple[str, str]]:
    start, end = as_date(start_date), as_date(end_date)
    if start > end:
        raise ValueError(f"start_date {start} is after end_date {end}")
    names = [c.strip() for c in columns.split(",")] if isinstance(columns, str) else list(columns)
    names = [c for c in names if c]
    if not names:
        raise ValueError("columns must name at least one analytics column")
    return [
        ("start_date", start.isoformat()),
        ("end_date", end.isoformat()),
        ("columns", ",".join(names)),
        ("granularity", granularity),
    ]


def parse_page(body: Any, model: type[ModelT]) -> Page[ModelT]:
    body = body if isinstance(body, dict) else {}
    items = body.get("items") or []
    bookmark = body.get("bookmark")
    return Page(
        items=[model.model_validate(item) for item in items],
        bookmark=bookmark if isinstance(bookmark, str) and bookmark else None,
    )


def page_fetcher(
    transport: Transport, path: str, operation: str, params: QueryParams, model: type[ModelT]
) -> Callable[[str | None, int], Awaitable[Page[ModelT]]]:
    async def fetch(bookmark: str | None, page_size: int) -> Page[ModelT]:
        query = [*params, ("page_size", str(page_size))]
        if bookmark:
            query.append(("bookmark", bookmark))
        return parse_page(await transport.request("GET", path, operation=operation, params=query), model)

    return fetch


async def bulk_write(
    transport: Transport,
    method: str,
    path: str,
    operation: str,
    items: Sequence[dict[str, Any]],
    result_type: type[BulkItemResult[Any]],
) -> list[Any]:
    """Send ``items`` in chunks of 30, one request after another, results in request order.

    Raises:
        PinterestError: from the first failing chunk; ``completed_results`` holds the results of
            the chunks already applied.
    """
    results: list[Any] = []
    for chunk in chunked(items, BULK_CHUNK_SIZE):
        try:
            body = await transport.request(method, path, operation=operation, json_body=list(chunk))
        except PinterestError as error:
            error.completed_results = list(results)
            raise
        raw_items = body.get("items") if isinstance(body, dict) else None
        results.extend(result_type.model_validate(item) for item in raw_items or [])
    return results


async def analytics_fan_out(
    transport: Transport,
    path: str,
    operation: str,
    id_param: str,
    ids: Sequence[str],
    params: QueryParams,
    concurrency: int,
    chunk_size: int = ANALYTICS_IDS_PER_REQUEST,
) -> list[AnalyticsRow]:
    """Fetch analytics for any number of ids: ``chunk_size`` (250) per request, ``concurrency`` at a time.

    Rows come back concatenated in chunk order.

    Raises:
        PinterestError: the first failing chunk's error (in chunk order).
    """
    if not ids:
        raise ValueError(f"{id_param} must contain at least one id")
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    unique_ids = list(dict.fromkeys(str(i) for i in ids))
    gate = asyncio.Semaphore(concurrency)

    async def fetch(chunk: Sequence[str]) -> list[AnalyticsRow]:
        async with gate:
            query = [*params, *repeated(id_param, chunk)]
            body = await transport.request("GET", path, operation=operation, params=query)
        return [AnalyticsRow(row) for row in body or [] if isinstance(row, dict)]

    outcomes = await asyncio.gather(
        *(fetch(chunk) for chunk in chunked(unique_ids, chunk_size)), return_exceptions=True
    )
    rows: list[AnalyticsRow] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
        rows.extend(outcome)
    return rows
