"""Money: Pinterest sends micro-currency ints (1 unit = 1,000,000 micro); people see units.

All conversions are exact (``Decimal``); anything that cannot be represented in micro is rejected.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

__all__ = ["MICRO_PER_UNIT", "format_money", "micro_to_units", "units_to_micro"]

MICRO_PER_UNIT = 1_000_000

# ISO 4217 currencies without minor units (of Pinterest's list: JPY, KRW, CLP).
_ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "CLP", "ISK", "VND", "PYG", "UGX", "XAF", "XOF"})


def _context(value: Decimal) -> decimal.Context:
    # Enough precision that no operation here ever rounds.
    digits = len(value.as_tuple().digits)
    return decimal.Context(prec=max(28, digits + 20), traps=[decimal.InvalidOperation])


def _strip_zeros(value: Decimal) -> Decimal:
    """12.500000 -> 12.5 and 10.000000 -> 10, never scientific notation."""
    with decimal.localcontext(_context(value)):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()


def micro_to_units(micro: int) -> Decimal:
    """Convert micro-currency to currency units exactly: ``12_500_000 -> Decimal("12.5")``.

    Raises:
        TypeError: ``micro`` is not an int.
    """
    if isinstance(micro, bool) or not isinstance(micro, int):
        raise TypeError(f"micro-currency must be an int, got {micro!r}")
    sign = 1 if micro < 0 else 0
    digits = tuple(int(d) for d in str(abs(micro)))
    return _strip_zeros(Decimal((sign, digits, -6)))


def _to_decimal(units: Decimal | int | str | float) -> Decimal:
    if isinstance(units, bool):
        raise ValueError(f"not an amount of money: {units!r}")
    if isinstance(units, Decimal):
        return units
    if isinstance(units, int):
        return Decimal(units)
    if isinstance(units, float):
        # repr() is the shortest string that round-trips, i.e. what the person typed (0.1, not 0.1000…0555).
        return Decimal(repr(units))
    if isinstance(units, str):
        try:
            return Decimal(units.strip().replace("_", ""))
        except decimal.InvalidOperation:
            raise ValueError(f"not an amount of money: {units!r}") from None
    raise ValueError(f"not an amount of money: {units!r}")


def units_to_micro(units: Decimal | int | str | float) -> int:
    """Convert currency units to micro-currency exactly: ``"12.5" -> 12_500_000``.

    Raises:
        ValueError: the value is not a finite number or has more than 6 decimal places.
    """
    value = _to_decimal(units)
    if not value.is_finite():
        raise ValueError(f"amount of money must be finite, got {units!r}")
    with decimal.localcontext(_context(value)):
        scaled = value.scaleb(6)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"amount of money has more than 6 decimal places: {units!r}")
        return int(scaled)


def format_money(units: Decimal | int | str | float, currency: str) -> str:
    """Format an amount in currency units for people: ``format_money("1234.5", "EUR") -> "1,234.50 EUR"``.

    Shows the currency's usual decimals, more only when the amount has them (a bid of 0.125 USD).

    Raises:
        ValueError: as :func:`units_to_micro`.
    """
    value = micro_to_units(units_to_micro(units))
    code = currency.strip().upper()
    places = 0 if code in _ZERO_DECIMAL_CURRENCIES else 2
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked by units_to_micro
    places = max(places, -exponent)
    with decimal.localcontext(_context(value)):
        text = f"{value:,.{places}f}"
    return f"{text} {code}" if code else text
