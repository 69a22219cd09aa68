"""Recording the HTTP attempts made within a scope, for change history and support references.

``with client.capture() as calls:`` collects one :class:`CallRecord` per HTTP attempt that client
makes inside the block (successes, failures and retries alike). The scope lives in a
:class:`contextvars.ContextVar`, so each asyncio task sees the captures that were open where it was
created: tasks started inside the block (e.g. an analytics fan-out) record into it, while concurrent
tasks that open their own capture each see only their own calls. :func:`capture_calls` does the same
for every client and the OAuth helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["CallRecord", "capture_calls"]


@dataclass(frozen=True)
class CallRecord:
    """One HTTP attempt.

    ``request_id`` is pinagent's id of the call (shared by its retries); ``pinterest_request_id`` is
    the ``x-pinterest-rid`` response header. ``status`` is ``None`` when no response arrived
    (network failure or timeout); ``error`` then names the exception type. ``path`` is the URL path
    without the query.
    """

    operation: str | None
    method: str
    path: str
    status: int | None
    request_id: str
    pinterest_request_id: str | None
    attempt: int = 1
    duration_ms: float = 0.0
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True for a 2xx response."""
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class _Scope:
    owner: object | None  # the Transport to record for, or None for every one
    records: list[CallRecord]


_scopes: ContextVar[tuple[_Scope, ...]] = ContextVar("pinagent_pinterest_call_scopes", default=())


@contextmanager
def open_scope(owner: object | None) -> Iterator[list[CallRecord]]:
    """Record the attempts of ``owner`` (any transport when ``None``) until the block ends."""
    records: list[CallRecord] = []
    token = _scopes.set((*_scopes.get(), _Scope(owner, records)))
    try:
        yield records
    finally:
        _scopes.reset(token)


def capture_calls() -> AbstractContextManager[list[CallRecord]]:
    """Collect the attempts of every Pinterest client (and OAuth helper) made within the block.

    ``with capture_calls() as calls: ...``; ``calls`` is a list of :class:`CallRecord`.
    """
    return open_scope(None)


def record(owner: object, call: CallRecord) -> None:
    """Append ``call`` to every open scope that covers ``owner``."""
    for scope in _scopes.get():
        if scope.owner is None or scope.owner is owner:
            scope.records.append(call)
