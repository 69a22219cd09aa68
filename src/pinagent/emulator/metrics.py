"""Deterministic synthesis of ads delivery metrics.

The base unit is one campaign on one day (ad groups and ads can later become the base and roll up
the same way). Every number is a pure function of the campaign's settings, its hidden metrics
profile, the day and the emulator's "today": a hash of ``(entity id, date, metric)`` replaces any
random state. Invariants: spend ≤ the day's budget (daily cap, or lifetime cap spread over the
flight), clicks ≤ impressions, outbound clicks ≤ clicks, conversions ≤ clicks; a campaign that was
not ACTIVE on a day (paused, archived, not started, ended) spends nothing that day.

Higher levels (an ad account, a set of campaigns, a week) are sums of the base rows; ratios (CTR,
CPC, ROAS…) are derived after summing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pinagent.emulator.state import Doc

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


KNOB_RANGES = {
    "utilization": (0.6, 0.95),
    "cpm": (4.0, 8.0),
    "ctr": (0.006, 0.014),
    "outbound_share": (0.65, 0.8),
    "checkout_rate": (0.01, 0.035),
    "order_value": (50.0, 120.0),
    "earned_share": (0.12, 0.22),
    "ctr_trend_14d": (0.0, 0.0),
    "daily_budget": (20.0, 80.0),
}


@dataclass(frozen=True)
class CampaignModel:
    """The hashable inputs of a campaign's metrics."""

    id: str
    initial_status: str
    status_log: tuple[tuple[int, str], ...]
    daily_cap: int | None
    lifetime_cap: int | None
    start_time: int | None
    end_time: int | None
    profile: tuple[tuple[str, Any], ...]

    @classmethod
    def from_doc(cls, doc: Doc) -> CampaignModel:
        """Build from a stored campaign document."""
        return cls(
            id=str(doc["id"]),
            initial_status=str(doc.get("_initial_status", doc["status"])),
            status_log=tuple((int(ts), str(st)) for ts, st in doc.get("_status_log", [])),
            daily_cap=doc.get("daily_spend_cap"),
            lifetime_cap=doc.get("lifetime_spend_cap"),
            start_time=doc.get("start_time") or doc.get("created_time"),
            end_time=doc.get("end_time"),
            profile=tuple(sorted((doc.get("_profile") or {}).items())),
        )

    @cached_property
    def knobs(self) -> dict[str, float]:
        """Profile values, hash-derived where the profile (e.g. of a created campaign) has none."""
        given = dict(self.profile)
        values = {}
        for name, (low, high) in KNOB_RANGES.items():
            value = given.get(name)
            values[name] = float(value) if value is not None else low + (high - low) * unit(self.id, "profile", name)
        return values

    def knob(self, name: str) -> float:
        """One profile value (see :attr:`knobs`)."""
        return self.knobs[name]

    def active_on(self, day: int, today: int) -> bool:
        """Whether the campaign delivered on ``day`` (days since epoch)."""
        day_start = day * DAY_SECONDS
        if self.start_time is not None and self.start_time >= day_start + DAY_SECONDS:
            return False
        if self.end_time is not None and self.end_time < day_start:
            return False
        status = self.initial_status
        paused_days_ago = dict(self.profile).get("paused_days_ago")
        if status != "ACTIVE" and paused_days_ago is not None and today - day > int(paused_days_ago):
            status = "ACTIVE"  # it ran until it was paused/archived
        for ts, new_status in self.status_log:
            if ts < day_start + DAY_SECONDS:
                status = new_status
        return status == "ACTIVE"

    def budget_micro(self) -> int:
        """The most the campaign may spend in one day."""
        if self.daily_cap is not None:
            return int(self.daily_cap)
        if self.lifetime_cap is not None:
            days = 30
            if self.start_time is not None and self.end_time is not None:
                days = max(days, math.ceil((self.end_time - self.start_time) / DAY_SECONDS))
            return int(self.lifetime_cap) // days
        return int(self.knob("daily_budget") * 1_000_000)


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


def _units(campaign_id: str, day: int) -> dict[str, float]:
    """Sixteen deterministic numbers in [0, 1) for one campaign-day (two hashes, not sixteen)."""
    raw = b"".join(hashlib.blake2b(f"{campaign_id}|{day}|{half}".encode(), digest_size=64).digest() for half in "ab")
    return dict(zip(_UNIT_NAMES, (n * _TWO_POW_MINUS_64 for n in struct.unpack(">16Q", raw)), strict=True))


def _round(value: float, u: float) -> int:
    """Stochastic rounding with a deterministic draw: the expectation is ``value``."""
    return max(0, math.floor(value + u))


@lru_cache(maxsize=500_000)
def campaign_day(model: CampaignModel, day: int, today: int) -> tuple[int, ...]:
    """The synthesized base metrics of one campaign on one day, in :data:`FIELDS` order."""
    if day > today or not model.active_on(day, today):
        return (0,) * len(FIELDS)
    u = _units(model.id, day)
    budget = model.budget_micro()
    weekday_boost = 1.08 if dt.date.fromordinal(EPOCH.toordinal() + day).weekday() >= 5 else 1.0
    demand = budget * model.knob("utilization") * (0.85 + 0.3 * u["vol"]) * weekday_boost
    spend = min(budget, int(demand)) // 10_000 * 10_000
    cpm = model.knob("cpm") * (0.9 + 0.2 * u["cpm"])
    paid_impr = _round(spend / 1_000_000 / cpm * 1000, u["impr"])
    trend = model.knob("ctr_trend_14d")
    days_back = today - day
    ctr = model.knob("ctr") * (0.9 + 0.2 * u["ctr"])
    if trend > 0 and days_back < 14:
        ctr *= 1 - trend * (14 - days_back) / 14
    paid_clicks = min(paid_impr, _round(paid_impr * ctr, u["clk"]))
    outbound = min(paid_clicks, _round(paid_clicks * model.knob("outbound_share"), u["out"]))
    earned_impr = _round(paid_impr * model.knob("earned_share"), u["eimpr"])
    earned_clicks = min(earned_impr, _round(earned_impr * ctr * 0.8, u["eclk"]))
    paid_eng = paid_clicks + _round(paid_impr * 0.006, u["eng"])
    earned_eng = earned_clicks + _round(earned_impr * 0.008, u["eeng"])
    rate = model.knob("checkout_rate")
    checkouts = min(paid_clicks, _round(paid_clicks * rate * (0.8 + 0.4 * u["cvr"]), u["co"]))
    value = int(checkouts * model.knob("order_value") * (0.85 + 0.3 * u["aov"]) * 100) * 10_000
    add_to_carts = min(paid_clicks - checkouts, _round(paid_clicks * rate * 1.6, u["atc"]))
    signups = min(paid_clicks - checkouts - add_to_carts, _round(paid_clicks * 0.004, u["sig"]))
    room = paid_clicks - checkouts - add_to_carts - signups
    page_visits = min(room, _round(outbound * 0.85, u["pv"]))
    return (
        spend,
        paid_impr,
        earned_impr,
        paid_clicks,
        earned_clicks,
        outbound,
        paid_eng,
        earned_eng,
        page_visits,
        add_to_carts,
        signups,
        checkouts,
        value,
    )


def sum_days(model: CampaignModel, days: list[int], today: int, overrides: dict[int, dict[str, Any]]) -> Base:
    """Sum of one campaign's base rows over ``days`` (overrides applied per day)."""
    totals = [0] * len(FIELDS)
    for day in days:
        override = overrides.get(day)
        values = base_row(model, day, today, override).values() if override else campaign_day(model, day, today)
        for i, value in enumerate(values):
            totals[i] += value
    return dict(zip(FIELDS, totals, strict=True))


def base_row(model: CampaignModel, day: int, today: int, override: dict[str, Any] | None = None) -> Base:
    """One campaign-day as a dict, with dataset overrides (column names) applied."""
    row = dict(zip(FIELDS, campaign_day(model, day, today), strict=True))
    if override and day <= today:
        for column, field in OVERRIDE_COLUMNS.items():
            if column in override:
                row[field] = int(override[column])
    return row


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
