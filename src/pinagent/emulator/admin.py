"""The admin API under ``/_emulator/`` (JSON): stats, reset, faults, clock."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from pinagent.emulator import faults
from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.state import Store, Tx


def stats(tx: Tx) -> dict[str, Any]:
    """``{"requests": {operationId: n}, "by_category": {category: n}, "rate_limited": n}``."""
    counters = tx.counters()
    return {
        "requests": {k[3:]: n for k, n in counters.items() if k.startswith("op:")},
        "by_category": {k[4:]: n for k, n in counters.items() if k.startswith("cat:")},
        "rate_limited": counters.get("rate_limited", 0),
    }


def _clock(tx: Tx) -> dict[str, Any]:
    offset = tx.clock_offset()
    now = tx.now()
    return {"now": dt.datetime.fromtimestamp(now, dt.UTC).isoformat(), "offset_seconds": offset}


def _advance(tx: Tx, seconds: float) -> dict[str, Any]:
    tx.meta_set("clock_offset", repr(tx.clock_offset() + seconds))
    return _clock(Tx(tx.conn))


def _info(tx: Tx, config: EmulatorConfig) -> dict[str, Any]:
    return {
        "emulator": "Emulated Pinterest",
        "dataset": tx.meta_get("dataset"),
        "rate_limits": config.rate_limits,
        "apps": [{"id": a["id"], "name": a["name"]} for a in tx.list("app")],
        "users": [{"username": u["username"], "account_type": u["account_type"]} for u in tx.list("user")],
        "clock": _clock(tx),
        "pending_faults": faults.pending(tx),
        "endpoints": ["GET stats", "POST reset", "GET/POST faults", "POST clock"],
    }


def _bad_request(message: str) -> JSONResponse:
    return JSONResponse({"code": 1, "message": message}, status_code=400)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    return json.loads(raw) if raw.strip() else {}


def routes(store: Store, config: EmulatorConfig, operation_ids: Collection[str]) -> list[Route]:
    """The ``/_emulator/*`` routes."""

    async def info(request: Request) -> Response:
        return JSONResponse(await store.run(partial(_info, config=config)))

    async def get_stats(request: Request) -> Response:
        return JSONResponse(await store.run(stats))

    async def reset(request: Request) -> Response:
        await store.run(store.reset)
        return JSONResponse({"reset": True})

    async def list_faults(request: Request) -> Response:
        return JSONResponse({"pending": await store.run(faults.pending)})

    async def add_fault(request: Request) -> Response:
        try:
            body = await _json_body(request)
            result = await store.run(partial(faults.apply, body=body, operation_ids=operation_ids))
        except ValueError as err:  # includes invalid JSON and FaultRequestError
            return _bad_request(str(err))
        return JSONResponse(result)

    async def clock(request: Request) -> Response:
        try:
            body = await _json_body(request)
        except ValueError:
            return _bad_request("body must be JSON")
        seconds = body.get("advance_seconds") if isinstance(body, dict) else None
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            return _bad_request("'advance_seconds' must be a non-negative number")
        return JSONResponse(await store.run(partial(_advance, seconds=float(seconds))))

    return [
        Route("/_emulator/", info, methods=["GET"]),
        Route("/_emulator/stats", get_stats, methods=["GET"]),
        Route("/_emulator/reset", reset, methods=["POST"]),
        Route("/_emulator/faults", list_faults, methods=["GET"]),
        Route("/_emulator/faults", add_fault, methods=["POST"]),
        Route("/_emulator/clock", clock, methods=["POST"]),
    ]
