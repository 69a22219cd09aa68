"""How one ``/v5`` call flows through the emulator.

``operation()`` turns an :class:`Operation` (operationId, scopes, rate-limit category and a
synchronous handler) into a Starlette endpoint. Per request, in one transaction: count the call,
authenticate, check scopes, consume a pending fault, check the rate limit, then run the handler in
a savepoint (an :class:`ApiError` undoes the handler's writes but keeps the stats). Latency, hangs,
the ``x-pinterest-rid`` header and traffic recording happen outside the transaction.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Literal
from urllib.parse import parse_qsl

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pinagent.emulator import auth, faults, ratelimits, recording
from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.errors import ApiError, invalid_parameter
from pinagent.emulator.state import Doc, Store, Tx


@dataclass
class Reply:
    """What a handler answers: status, JSON body and extra headers."""

    body: Any
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RequestContext:
    """Everything a handler may read about the call."""

    operation_id: str
    path_params: dict[str, str]
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: Any
    body_error: str | None
    config: EmulatorConfig
    user: Doc | None = None
    scopes: frozenset[str] = frozenset()

    def values(self, name: str) -> list[str]:
        """Every value of a (repeated) query parameter."""
        return [v for k, v in self.query if k == name]

    def first(self, name: str) -> str | None:
        """The first value of a query parameter, if any."""
        vals = self.values(name)
        return vals[0] if vals else None

    @property
    def user_id(self) -> str:
        """The token user's id (bearer operations only)."""
        assert self.user is not None
        return str(self.user["id"])


Handler = Callable[[RequestContext, Tx], Reply]


@dataclass(frozen=True)
class Operation:
    """One operation of the official spec, served by the emulator."""

    operation_id: str
    method: str
    path: str
    category: str
    scopes: tuple[str, ...]
    handler: Handler
    auth: Literal["bearer", "basic"] = "bearer"


@dataclass
class _Outcome:
    reply: Reply
    latency_ms: int = 0
    hang: bool = False


def parse_body(content_type: str, raw: bytes) -> tuple[Any, str | None]:
    """Parse a JSON or form body; returns ``(body, error)``."""
    if not raw:
        return None, None
    if "application/x-www-form-urlencoded" in content_type:
        return dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True)), None
    try:
        return json.loads(raw), None
    except ValueError:
        return None, "request body is not valid JSON"


def _process(op: Operation, ctx: RequestContext, config: EmulatorConfig, tx: Tx) -> _Outcome:
    tx.bump(f"op:{op.operation_id}")
    tx.bump(f"cat:{op.category}")
    fault: faults.Fault | None = None
    try:
        if op.auth == "bearer":
            principal = auth.authenticate(tx, ctx.headers.get("authorization"))
            auth.require_scopes(principal.scopes, op.scopes)
            ctx.user, ctx.scopes = principal.user, principal.scopes
        fault = faults.take(tx, op.operation_id)
        if fault is not None and fault.kind == "error_5xx":
            raise ApiError(500, 500, "Internal server error (injected fault).")
        if fault is not None and fault.kind == "rate_limit":
            tx.bump("rate_limited")
            raise ApiError(429, 8, ratelimits.message(), {"X-RateLimit-Reset": "60"})
        if fault is not None and fault.kind == "timeout":
            return _Outcome(Reply(None), hang=True)
        if ctx.user is not None:
            ratelimits.check(tx, ctx.user_id, op.category, config)
        if ctx.body_error is not None:
            raise invalid_parameter(ctx.body_error)
        tx.savepoint()
        try:
            reply = op.handler(ctx, tx)
        except ApiError:
            tx.rollback_savepoint()
            raise
        tx.release()
    except ApiError as err:
        return _Outcome(Reply(err.body(), err.status, dict(err.headers)))
    latency = fault.latency_ms if fault is not None and fault.kind == "latency" else 0
    return _Outcome(reply, latency_ms=latency, hang=fault is not None and fault.kind == "commit_then_timeout")


def operation(op: Operation, store: Store, config: EmulatorConfig) -> Callable[[Request], Awaitable[Response]]:
    """The Starlette endpoint serving ``op``."""

    async def endpoint(request: Request) -> Response:
        raw = await request.body()
        body, body_error = parse_body(request.headers.get("content-type", ""), raw)
        ctx = RequestContext(
            operation_id=op.operation_id,
            path_params={k: str(v) for k, v in request.path_params.items()},
            query=list(request.query_params.multi_items()),
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            body_error=body_error,
            config=config,
        )
        outcome = await store.run(partial(_process, op, ctx, config))
        delay_ms = config.latency_ms + outcome.latency_ms
        if delay_ms > 0:
            await anyio.sleep(delay_ms / 1000)
        reply = outcome.reply
        if outcome.hang:
            # The client should give up first; an in-process client (no timeouts) sees a 504.
            await anyio.sleep(config.hang_seconds)
            reply = Reply({"code": 504, "message": "Gateway timeout (injected fault)."}, 504)
        headers = {"x-pinterest-rid": secrets.token_hex(8), **reply.headers}
        response = JSONResponse(reply.body, status_code=reply.status, headers=headers)
        recording.record(request, body, response, reply.body, op.operation_id)
        return response

    return endpoint
