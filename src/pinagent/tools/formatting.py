"""Small conversions for tool output: money in currency units, timestamps as ISO strings."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal

from pinagent.pinterest.money import micro_to_units, units_to_micro

MICRO = Decimal("0.000001")


def units(micro: int | None) -> float | None:
    """Micro-currency (Pinterest's wire format) → currency units for people and agents."""
    return None if micro is None else float(micro_to_units(micro))


def micro(amount: float | Decimal | None, field: str) -> int | None:
    """Currency units from a tool argument → micro-currency.

    Raises:
        ValueError: the amount is negative or has more than 6 decimals (names the field).
    """
    if amount is None:
        return None
    # Agents compute amounts (100 * 1.1 = 110.00000000000001); Pinterest counts in micro-units, so
    # anything finer than a millionth is float noise, not intent.
    value = Decimal(str(amount)).quantize(MICRO, rounding=ROUND_HALF_EVEN)
    if value < 0:
        raise ValueError(f"{field} must not be negative (got {amount})")
    try:
        return units_to_micro(value)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from exc


def iso_utc(moment: datetime) -> str:
    """A UTC datetime as ISO 8601 with a Z, as every tool shows times."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def iso_time(unix_seconds: int | None) -> str | None:
    return None if unix_seconds is None else iso_utc(datetime.fromtimestamp(unix_seconds, UTC))
