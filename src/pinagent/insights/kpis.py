"""Paid-performance KPIs from Pinterest's analytics columns, computed one consistent way.

Ratios are derived from summed base counts (never averaged), so a total row and its parts agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pinagent.pinterest.money import micro_to_units

# KPI base → Pinterest sync analytics column
BASE_COLUMNS = {
    "spend": "SPEND_IN_MICRO_DOLLAR",
    "impressions": "TOTAL_IMPRESSION",
    "clicks": "TOTAL_CLICKTHROUGH",
    "outbound_clicks": "OUTBOUND_CLICK_1",
    "engagements": "TOTAL_ENGAGEMENT",
    "conversions": "TOTAL_CONVERSIONS",
    "checkout_value": "TOTAL_CHECKOUT_VALUE_IN_MICRO_DOLLAR",
    # TOTAL_CONVERSIONS also counts page visits, add-to-carts and signups; a checkout is the sale.
    "checkouts": "TOTAL_CHECKOUT",
}
MONEY = {"spend", "checkout_value"}


@dataclass
class Kpis:
    spend: float = 0.0
    impressions: int = 0
    clicks: int = 0
    outbound_clicks: int = 0
    engagements: int = 0
    conversions: int = 0
    checkout_value: float = 0.0
    checkouts: int = 0

    @property
    def ctr(self) -> float | None:
        return round(self.clicks / self.impressions, 6) if self.impressions else None

    @property
    def cpc(self) -> float | None:
        return round(self.spend / self.clicks, 4) if self.clicks else None

    @property
    def cpm(self) -> float | None:
        return round(self.spend * 1000 / self.impressions, 4) if self.impressions else None

    @property
    def cpa(self) -> float | None:
        return round(self.spend / self.conversions, 4) if self.conversions else None

    @property
    def roas(self) -> float | None:
        return round(self.checkout_value / self.spend, 4) if self.spend else None

    @property
    def cost_per_checkout(self) -> float | None:
        # TOTAL_CONVERSIONS also counts page visits, add-to-carts and signups; a checkout is the sale.
        return round(self.spend / self.checkouts, 4) if self.checkouts else None

    def as_dict(self) -> dict[str, float | int]:
        """Counts and money always; ratios only where defined (no clicks → no CPC)."""
        values: dict[str, float | int | None] = {
            "spend": round(self.spend, 2),
            "impressions": self.impressions,
            "clicks": self.clicks,
            "outbound_clicks": self.outbound_clicks,
            "engagements": self.engagements,
            "conversions": self.conversions,
            "checkout_value": round(self.checkout_value, 2),
            "checkouts": self.checkouts,
            "ctr": self.ctr,
            "cpc": self.cpc,
            "cpm": self.cpm,
            "cpa": self.cpa,
            "roas": self.roas,
            "cost_per_checkout": self.cost_per_checkout,
        }
        return {name: value for name, value in values.items() if value is not None}


def kpis_from_row(row: Mapping[str, Any]) -> Kpis:
    values: dict[str, Any] = {}
    for name, column in BASE_COLUMNS.items():
        raw = row.get(column) or 0
        values[name] = float(micro_to_units(int(raw))) if name in MONEY else int(raw)
    return Kpis(**values)


def total(parts: Iterable[Kpis]) -> Kpis:
    result = Kpis()
    for part in parts:
        for name in BASE_COLUMNS:
            setattr(result, name, getattr(result, name) + getattr(part, name))
    return result
