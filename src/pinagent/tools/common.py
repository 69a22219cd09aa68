"""Argument types and the compact list shape shared by the toolsets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema


def _digits(value: str) -> str:
    # Checked here rather than as a schema pattern: the same check, without its cost in every tools/list.
    if not value.isdigit():
        raise ValueError(f"must be a Pinterest id made of digits, e.g. '549764001001' (got {value[:40]!r})")
    return value


AdAccountId = Annotated[str, AfterValidator(_digits)]
EntityId = Annotated[str, AfterValidator(_digits)]
Ids = Annotated[list[EntityId], Field(max_length=250)]
Limit = Annotated[int, Field(ge=1, le=250)]
Status = Literal["ACTIVE", "PAUSED", "ARCHIVED"]
Statuses = Annotated[list[Status] | None, Field(description="Default ACTIVE and PAUSED")]
Reason = Annotated[str | None, Field(description="Why (kept in history)")]
# Creates are PAUSED unless the person asks for ACTIVE; the server instructions say so once.
CreateStatus = Literal["PAUSED", "ACTIVE"]

Cell = str | int | float | bool | None


class Table(BaseModel):
    """Each row lists values in the order of columns."""

    # Positional rows keep long lists small in the agent's context.
    columns: list[str]
    rows: Annotated[list[list[Cell]], WithJsonSchema({"type": "array", "items": {"type": "array"}})]
    currency: str | None = None
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


def table(
    records: Iterable[Any],
    columns: Sequence[str],
    *,
    optional: Sequence[str] = (),
    currency: str | None = None,
    next_cursor: str | None = None,
) -> Table:
    """A Table of ``records`` (objects or dicts); ``optional`` columns appear only when some row has a value."""
    rows = [r if isinstance(r, dict) else r.model_dump() for r in records]
    used = [c for c in columns if c not in optional or any(row.get(c) is not None for row in rows)]
    return Table(
        columns=used,
        rows=[[_compact(row.get(c)) for c in used] for row in rows],
        currency=currency,
        next_cursor=next_cursor,
    )


def _compact(value: Any) -> Cell:
    # 40.0 → 40: two bytes a row add up over a long list.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
