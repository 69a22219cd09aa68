"""A Pinterest stand-in for client tests: MockTransport handlers that answer like the v5 API."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx2

from pinagent.pinterest import PinterestClient, RetryPolicy, StaticToken, TokenProvider

TOKEN = "pina_AAAAtesttokenSECRET0123456789"
BASE_URL = "http://pinterest.test/v5"

Handler = Callable[[httpx2.Request], httpx2.Response]


def reply(status: int = 200, body: Any = None, headers: dict[str, str] | None = None) -> httpx2.Response:
    """A Pinterest-like response with an ``x-pinterest-rid`` header."""
    all_headers = {"x-pinterest-rid": "rid-123", **(headers or {})}
    content = b"" if body is None else json.dumps(body).encode()
    return httpx2.Response(status, content=content, headers={"content-type": "application/json", **all_headers})


def error(status: int, code: int, message: str, headers: dict[str, str] | None = None) -> httpx2.Response:
    """Pinterest's generic error body ``{"code", "message"}``."""
    return reply(status, {"code": code, "message": message}, headers)


class Recorder:
    """Wraps a handler and keeps every request it saw."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.handler(request)


def sequence(*responses: httpx2.Response | Exception) -> Handler:
    """A handler answering the given responses in order (exceptions are raised)."""
    remaining = list(responses)

    def handler(request: httpx2.Request) -> httpx2.Response:
        item = remaining.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    return handler


class Sleeps:
    """A pinned ``sleep`` that records what it was asked to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_client(
    handler: Handler,
    *,
    sleeps: Sleeps | None = None,
    auth: TokenProvider | None = None,
    max_attempts: int = 3,
    base_url: str = BASE_URL,
) -> tuple[PinterestClient, Recorder]:
    recorder = Recorder(handler)
    retry = RetryPolicy(max_attempts=max_attempts, jitter=lambda d: d, sleep=sleeps or Sleeps())
    client = PinterestClient(
        base_url,
        auth=auth or StaticToken(TOKEN),
        transport=httpx2.MockTransport(recorder),
        retry=retry,
    )
    return client, recorder


def paged(items: list[dict[str, Any]]) -> Handler:
    """A list endpoint over ``items`` honouring ``page_size`` and an offset ``bookmark`` like Pinterest."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        size = int(request.url.params.get("page_size", "25"))
        start = int(request.url.params.get("bookmark", "0"))
        end = start + size
        return reply(200, {"items": items[start:end], "bookmark": str(end) if end < len(items) else None})

    return handler


def bulk_echo(failing: Callable[[dict[str, Any]], dict[str, Any] | list[dict[str, Any]] | None]) -> Handler:
    """A bulk create/update endpoint: each item comes back as ``data``, or with the exceptions ``failing`` gives."""

    def handler(request: httpx2.Request) -> httpx2.Response:
        results: list[dict[str, Any]] = []
        for index, item in enumerate(json.loads(request.content)):
            problem = failing(item)
            if problem is None:
                results.append({"data": {"id": item.get("id", f"new-{index}"), **item}, "exceptions": []})
            else:
                results.append({"data": None, "exceptions": problem})
        return reply(200, {"items": results})

    return handler
