"""Base metric fields, deterministic draws and the reporting columns derived from them.

A base row (:data:`FIELDS`) holds additive counts; :mod:`pinagent.emulator.delivery` synthesizes
one per ad per day and every higher level (ad group, campaign, account, week) is a sum of base
rows. Ratios (CTR, CPC, ROAS…) are derived by :data:`COLUMNS` after summing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import struct
from collections.abc import Callable, Iterable

FIELDS = (
    "spend_micro",
    "paid_impressions",
    "earned_impressions",
    "paid_clicks",
    "earned_clicks",
    "outbound_clicks",
    "paid_engagements",
    "earned_engagements",
    "page_visits",
    "add_to_carts",
    "signups",
    "checkouts",
    "checkout_value_micro",
)
Base = dict[str, int]
# Column names accepted in dataset "daily_metrics" overrides, mapped to base fields.
OVERRIDE_COLUMNS = {
    "SPEND_IN_MICRO_DOLLAR": "spend_micro",
    "PAID_IMPRESSION": "paid_impressions",
    "IMPRESSION_2": "earned_impressions",
    "CLICKTHROUGH_1": "paid_clicks",
    "CLICKTHROUGH_2": "earned_clicks",
    "OUTBOUND_CLICK_1": "outbound_clicks",
    "ENGAGEMENT_1": "paid_engagements",
    "ENGAGEMENT_2": "earned_engagements",
    "TOTAL_PAGE_VISIT": "page_visits",
    "TOTAL_ADD_TO_CART": "add_to_carts",
    "TOTAL_SIGNUP": "signups",
    "TOTAL_CHECKOUT": "checkouts",
    "TOTAL_CHECKOUT_VALUE_IN_MICRO_DOLLAR": "checkout_value_micro",
}
DAY_SECONDS = 86_400
EPOCH = dt.date(1970, 1, 1)


def unit(*parts: object) -> float:
    """A deterministic number in [0, 1) for the given key."""
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def zero() -> Base:
    """A base row with nothing delivered."""
    return dict.fromkeys(FIELDS, 0)


def add(rows: Iterable[Base]) -> Base:
    """The sum of base rows."""
    total = zero()
    for row in rows:
        for key in FIELDS:
            total[key] += row[key]
    return total


_TWO_POW_MINUS_64 = 2.0**-64
_UNIT_NAMES = (
    "vol",
    "cpm",
    "impr",
    "ctr",
    "clk",
    "out",
    "eimpr",
    "eclk",
    "eng",
    "eeng",
    "cvr",
    "co",
    "aov",
    "atc",
    "sig",
    "pv",
)


def units(entity_id: str, day: int) -> dict[str, float]:
    """Sixteen deterministic numbers in [0, 1) for one entity-day (two hashes, not sixteen)."""
    raw = b"".join(hashlib.blake2b(f"{entity_id}|{day}|{half}".encode(), digest_size=64).digest() for half in "ab")
    return dict(zip(_UNIT_NAMES, (n * _TWO_POW_MINUS_64 for n in struct.unpack(">16Q", raw)), strict=True))


def stochastic_round(value: float, u: float) -> int:
    """Stochastic rounding with a deterministic draw: the expectation is ``value``."""
    return max(0, math.floor(value + u))


def _ratio(num: str | tuple[str, ...], den: str | tuple[str, ...], scale: float = 1.0) -> Callable[[Base], float]:
    nums = (num,) if isinstance(num, str) else num
    dens = (den,) if isinstance(den, str) else den

    def derive(b: Base) -> float:
        d = sum(b[k] for k in dens)
        return 0.0 if d == 0 else sum(b[k] for k in nums) * scale / d

    return derive


def _sum(*fields: str) -> Callable[[Base], int]:
    return lambda b: sum(b[f] for f in fields)


TOTAL_IMPR = ("paid_impressions", "earned_impressions")
TOTAL_CLK = ("paid_clicks", "earned_clicks")
CONVERSIONS = ("page_visits", "add_to_carts", "signups", "checkouts")
COLUMNS: dict[str, Callable[[Base], float | int]] = {
    "SPEND_IN_MICRO_DOLLAR": _sum("spend_micro"),
    "SPEND_IN_DOLLAR": lambda b: b["spend_micro"] / 1_000_000,
    "PAID_IMPRESSION": _sum("paid_impressions"),
    "IMPRESSION_1": _sum("paid_impressions"),
    "IMPRESSION_1_GROSS": _sum("paid_impressions"),
    "IMPRESSION_2": _sum("earned_impressions"),
    "TOTAL_IMPRESSION": _sum(*TOTAL_IMPR),
    "CLICKTHROUGH_1": _sum("paid_clicks"),
    "CLICKTHROUGH_1_GROSS": _sum("paid_clicks"),
    "CLICKTHROUGH_2": _sum("earned_clicks"),
    "TOTAL_CLICKTHROUGH": _sum(*TOTAL_CLK),
    "OUTBOUND_CLICK_1": _sum("outbound_clicks"),
    "ENGAGEMENT_1": _sum("paid_engagements"),
    "ENGAGEMENT_2": _sum("earned_engagements"),
    "TOTAL_ENGAGEMENT": _sum("paid_engagements", "earned_engagements"),
    "CTR": _ratio("paid_clicks", "paid_impressions"),
    "CTR_2": _ratio("earned_clicks", "earned_impressions"),
    "ECTR": _ratio(TOTAL_CLK, TOTAL_IMPR),
    "OUTBOUND_CTR_1": _ratio("outbound_clicks", "paid_impressions"),
    "ENGAGEMENT_RATE": _ratio("paid_engagements", "paid_impressions"),
    "EENGAGEMENT_RATE": _ratio(("paid_engagements", "earned_engagements"), TOTAL_IMPR),
    "CPC_IN_MICRO_DOLLAR": _ratio("spend_micro", "paid_clicks"),
    "ECPC_IN_MICRO_DOLLAR": _ratio("spend_micro", "paid_clicks"),
    "ECPC_IN_DOLLAR": _ratio("spend_micro", "paid_clicks", 1e-6),
    "CPM_IN_MICRO_DOLLAR": _ratio("spend_micro", "paid_impressions", 1000),
    "ECPM_IN_MICRO_DOLLAR": _ratio("spend_micro", "paid_impressions", 1000),
    "CPM_IN_DOLLAR": _ratio("spend_micro", "paid_impressions", 1000e-6),
    "ECPE_IN_DOLLAR": _ratio("spend_micro", "paid_engagements", 1e-6),
    "COST_PER_OUTBOUND_CLICK_IN_DOLLAR": _ratio("spend_micro", "outbound_clicks", 1e-6),
    "TOTAL_CONVERSIONS": _sum(*CONVERSIONS),
    "TOTAL_PAGE_VISIT": _sum("page_visits"),
    "TOTAL_SIGNUP": _sum("signups"),
    "TOTAL_CHECKOUT": _sum("checkouts"),
    "TOTAL_WEB_CHECKOUT": _sum("checkouts"),
    "TOTAL_CHECKOUT_VALUE_IN_MICRO_DOLLAR": _sum("checkout_value_micro"),
    "TOTAL_WEB_CHECKOUT_VALUE_IN_MICRO_DOLLAR": _sum("checkout_value_micro"),
    "CHECKOUT_ROAS": _ratio("checkout_value_micro", "spend_micro"),
    "WEB_CHECKOUT_ROAS": _ratio("checkout_value_micro", "spend_micro"),
    "WEB_CHECKOUT_COST_PER_ACTION": _ratio("spend_micro", "checkouts", 1e-6),
    "PAGE_VISIT_COST_PER_ACTION": _ratio("spend_micro", "page_visits", 1e-6),
    "TOTAL_CHECKOUT_CONVERSION_RATE": _ratio("checkouts", "paid_clicks"),
    "TOTAL_PAGE_VISIT_CONVERSION_RATE": _ratio("page_visits", "paid_clicks"),
    "TOTAL_SIGNUP_CONVERSION_RATE": _ratio("signups", "paid_clicks"),
}
CONVERSION_MARKERS = ("CONVERSION", "CHECKOUT", "SIGNUP", "PAGE_VISIT", "ROAS", "COST_PER_ACTION")


def is_conversion_column(column: str) -> bool:
    """Conversion metrics are not reported at HOUR granularity."""
    return any(marker in column for marker in CONVERSION_MARKERS)


def split_hours(row: Base, key: object) -> list[Base]:
    """Spread one day over 24 hours (a fixed daily curve); the hours add up to the day."""
    weights = [1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 8, 5, 2]
    total_weight = sum(weights)
    hours = [zero() for _ in range(24)]
    for field in FIELDS:
        value = row[field]
        shares = [value * w / total_weight for w in weights]
        floors = [math.floor(s) for s in shares]
        leftover = value - sum(floors)
        order = sorted(range(24), key=lambda h: (shares[h] - floors[h], unit(key, field, h)), reverse=True)
        for h in order[:leftover]:
            floors[h] += 1
        for h in range(24):
            hours[h][field] = floors[h]
    return hours
