"""Injected faults: the next N matching calls misbehave.

Kinds: ``error_5xx`` (500), ``rate_limit`` (429 code 8), ``timeout`` (hang, nothing applied),
``commit_then_timeout`` (apply the write, then hang), ``latency`` (answer after ``latency_ms``).
``revoke_tokens`` is not queued: it invalidates a user's tokens at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from pinagent.emulator.state import Tx

QUEUED_KINDS = ("error_5xx", "rate_limit", "timeout", "commit_then_timeout", "latency")


class FaultRequestError(ValueError):
    """The admin asked for a fault that cannot be queued."""


@dataclass(frozen=True)
class Fault:
    """One consumed fault."""

    kind: str
    latency_ms: int


def take(tx: Tx, operation_id: str) -> Fault | None:
    """Consume the oldest pending fault matching ``operation_id`` (or ``*``)."""
    row = tx.execute(
        "SELECT id, kind, latency_ms FROM faults WHERE remaining > 0 AND operation IN (?, '*') ORDER BY id LIMIT 1",
        (operation_id,),
    ).fetchone()
    if row is None:
        return None
    tx.execute("UPDATE faults SET remaining = remaining - 1 WHERE id=?", (row[0],))
    tx.execute("DELETE FROM faults WHERE remaining <= 0")
    return Fault(str(row[1]), int(row[2]))


def pending(tx: Tx) -> list[dict[str, Any]]:
    """Faults still waiting for a matching call."""
    rows = tx.execute("SELECT operation, kind, remaining, latency_ms FROM faults ORDER BY id").fetchall()
    return [{"operation": r[0], "kind": r[1], "count": r[2], "latency_ms": r[3]} for r in rows]


def _int(body: dict[str, Any], key: str, default: int, minimum: int) -> int:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise FaultRequestError(f"'{key}' must be an integer >= {minimum}")
    return value


def apply(tx: Tx, body: Any, operation_ids: Collection[str]) -> dict[str, Any]:
    """Queue a fault or revoke a user's tokens, as asked by ``POST /_emulator/faults``.

    Raises:
        FaultRequestError: the body is not a valid fault request.
    """
    if not isinstance(body, dict):
        raise FaultRequestError("body must be a JSON object")
    kind = body.get("kind")
    if kind == "revoke_tokens":
        username = body.get("user")
        if not isinstance(username, str):
            raise FaultRequestError("'user' (a username) is required for revoke_tokens")
        users = [u for u in tx.list("user") if u["username"] == username]
        if not users:
            raise FaultRequestError(f"unknown user '{username}'")
        cur = tx.execute("UPDATE tokens SET revoked=1 WHERE user_id=? AND revoked=0", (users[0]["id"],))
        return {"kind": kind, "user": username, "revoked_tokens": cur.rowcount}
    if kind not in QUEUED_KINDS:
        raise FaultRequestError(f"'kind' must be one of {', '.join((*QUEUED_KINDS, 'revoke_tokens'))}")
    operation = body.get("operation", "*")
    if operation != "*" and operation not in operation_ids:
        raise FaultRequestError(
            f"unknown operation '{operation}'; use '*' or one of {', '.join(sorted(operation_ids))}"
        )
    count = _int(body, "count", 1, 1)
    latency_ms = _int(body, "latency_ms", 1000 if kind == "latency" else 0, 0)
    tx.execute(
        "INSERT INTO faults (operation, kind, remaining, latency_ms) VALUES (?, ?, ?, ?)",
        (operation, kind, count, latency_ms),
    )
    return {"operation": operation, "kind": kind, "count": count, "latency_ms": latency_ms}
