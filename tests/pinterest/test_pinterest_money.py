"""Money crosses the wire in micro-currency and reaches people in units, exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinagent.pinterest import format_money, micro_to_units, units_to_micro


@pytest.mark.parametrize(
    ("micro", "units"),
    [
        (12_500_000, Decimal("12.5")),
        (10_000_000, Decimal("10")),
        (1, Decimal("0.000001")),
        (0, Decimal("0")),
        (-2_750_000, Decimal("-2.75")),
        (10**30, Decimal(10**24)),
    ],
)
def test_micro_to_units(micro: int, units: Decimal) -> None:
    converted = micro_to_units(micro)
    assert converted == units
    assert "E" not in str(converted)


@pytest.mark.parametrize(
    ("units", "micro"),
    [
        ("12.5", 12_500_000),
        (12.5, 12_500_000),
        (0.1, 100_000),
        (Decimal("0.000001"), 1),
        (7, 7_000_000),
        (" 1_000.25 ", 1_000_250_000),
        ("12.5000000", 12_500_000),
        ("-3", -3_000_000),
    ],
)
def test_units_to_micro(units: Decimal | int | str | float, micro: int) -> None:
    assert units_to_micro(units) == micro


@pytest.mark.parametrize("bad", ["0.0000001", 1e-7, "NaN", "Infinity", float("inf"), "twelve", "", True])
def test_units_to_micro_rejects_what_it_cannot_represent(bad: object) -> None:
    with pytest.raises(ValueError, match=repr(bad).replace("(", r"\(").replace(")", r"\)")):
        units_to_micro(bad)  # type: ignore[arg-type]


def test_micro_to_units_wants_an_int() -> None:
    with pytest.raises(TypeError):
        micro_to_units(1.5)  # type: ignore[arg-type]


@given(st.integers(min_value=-(10**24), max_value=10**24))
def test_micro_round_trips(micro: int) -> None:
    assert units_to_micro(micro_to_units(micro)) == micro


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12))
def test_units_round_trip(units: Decimal) -> None:
    assert micro_to_units(units_to_micro(units)) == units


@pytest.mark.parametrize(
    ("units", "currency", "text"),
    [
        ("1234.5", "EUR", "1,234.50 EUR"),
        (Decimal("12"), "usd", "12.00 USD"),
        ("0.125", "USD", "0.125 USD"),
        (1500, "JPY", "1,500 JPY"),
        ("-2.5", "GBP", "-2.50 GBP"),
    ],
)
def test_format_money(units: str | int | Decimal, currency: str, text: str) -> None:
    assert format_money(units, currency) == text
