"""Query-parameter parsing with Pinterest's 400 code 1 errors."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pinagent.emulator.dispatch import RequestContext
from pinagent.emulator.errors import invalid_parameter

DIGITS = re.compile(r"^\d{1,18}$")


def entity_id(value: str, name: str) -> str:
    """A digit-string id (``^\\d+$``, at most 18 characters).

    Raises:
        ApiError: 400 code 1.
    """
    if not DIGITS.match(value):
        raise invalid_parameter(f"'{name}' must be a string of at most 18 digits (got '{value}').")
    return value


def optional_int(ctx: RequestContext, name: str, default: int, minimum: int, maximum: int) -> int:
    """An integer query parameter within bounds.

    Raises:
        ApiError: 400 code 1.
    """
    raw = ctx.first(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid_parameter(f"Parameter '{name}' was not numeric (got '{raw}').") from None
    if not minimum <= value <= maximum:
        raise invalid_parameter(f"'{name}' must be between {minimum} and {maximum} (got {value}).")
    return value


def optional_bool(ctx: RequestContext, name: str, default: bool) -> bool:
    """A boolean query parameter (``true``/``false``).

    Raises:
        ApiError: 400 code 1.
    """
    raw = ctx.first(name)
    if raw is None:
        return default
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise invalid_parameter(f"'{name}' must be true or false (got '{raw}').")


def optional_enum(ctx: RequestContext, name: str, allowed: Sequence[str], default: str | None) -> str | None:
    """One value out of ``allowed``.

    Raises:
        ApiError: 400 code 1.
    """
    raw = ctx.first(name)
    if raw is None:
        return default
    if raw not in allowed:
        raise invalid_parameter(f"'{name}' must be one of {', '.join(allowed)} (got '{raw}').")
    return raw


def enum_list(ctx: RequestContext, name: str, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    """A repeated enum parameter (``?x=A&x=B``, the spec's form/explode style).

    Raises:
        ApiError: 400 code 1.
    """
    values = ctx.values(name)
    for value in values:
        if value not in allowed:
            raise invalid_parameter(
                f"'{name}' values must be one of {', '.join(allowed)}, one per repeated parameter (got '{value}')."
            )
    return values or list(default)


def id_list(ctx: RequestContext, name: str, max_items: int) -> list[str]:
    """A repeated id parameter (``?campaign_ids=1&campaign_ids=2``), at most ``max_items``.

    Raises:
        ApiError: 400 code 1.
    """
    values = ctx.values(name)
    if len(values) > max_items:
        raise invalid_parameter(f"'{name}' accepts at most {max_items} ids (got {len(values)}).")
    return [entity_id(v, name) for v in values]
