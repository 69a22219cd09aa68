"""Deterministic synthesis of ads delivery: one base row per ad per day, rolled up.

Every number is a pure function of the entities' settings, their hidden metrics profiles, the day
and the emulator's "today" (hashes of ``(entity id, day)`` replace random state), so results are
stable across calls and processes.

Per campaign and day:

1. Nothing is delivered unless the campaign was ACTIVE that day (status log, schedule, seeded
   ``paused_days_ago``). A campaign without any ad group delivers through one implicit ad (the
   campaign-level model of datasets that list no ad groups).
2. Each ACTIVE ad group with at least one deliverable ad (ACTIVE, review APPROVED, not REJECTED)
   wants ``budget × campaign utilization × group delivery × noise``, at most its daily budget
   (DAILY, or LIFETIME spread over its flight; CBO groups share the campaign budget).
3. When the groups together want more than the campaign's daily cap (or lifetime cap spread over
   max(30, flight days)), the cap is shared in proportion: the campaign then spends exactly its cap.
4. A group's spend is split between its deliverable ads by weight; each ad turns spend into
   impressions, clicks and conversions with the campaign's knobs times the ad's factors.

Invariants: spend ≤ ad group budget and ≤ campaign cap; clicks ≤ impressions; outbound ≤ clicks;
conversions ≤ clicks. Sums of ads are exactly their ad group, of groups their campaign.
Dataset ``daily_metrics`` overrides replace a day's value of an ad, or are spread over the ads of
an ad group / campaign in proportion to their synthesized values, so roll-ups stay consistent.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pinagent.emulator.metrics import DAY_SECONDS, EPOCH, FIELDS, OVERRIDE_COLUMNS, stochastic_round, unit, units
from pinagent.emulator.state import Doc

SPEND_STEP = 10_000  # spend moves in cents of micro-currency
CAMPAIGN_KNOBS = {
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
GROUP_KNOBS = {"delivery": (0.9, 1.05), "cpm_factor": (0.95, 1.05)}
AD_KNOBS = {"weight": (0.6, 1.4), "cpm_factor": (0.92, 1.08), "ctr_factor": (0.85, 1.15), "cvr_factor": (0.85, 1.15)}
Knobs = tuple[tuple[str, float], ...]
Overrides = Mapping[tuple[str, int], Mapping[str, Any]]
AdRow = tuple[str, str, tuple[int, ...]]  # (ad group id, ad id, values in FIELDS order)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return day.toordinal() - EPOCH.toordinal()


def resolve_knobs(entity_id: str, given: Mapping[str, Any] | None, ranges: Mapping[str, tuple[float, float]]) -> Knobs:
    """Profile values, hash-derived where the profile has none."""
    given = given or {}
    values = []
    for name, (low, high) in ranges.items():
        value = given.get(name)
        values.append(
            (name, float(value) if value is not None else low + (high - low) * unit(entity_id, "profile", name))
        )
    return tuple(values)


@dataclass(frozen=True)
class Schedule:
    """When an entity was ACTIVE: its seeded status, status changes and flight."""

    initial_status: str
    status_log: tuple[tuple[int, str], ...]
    start_time: int | None
    end_time: int | None
    paused_days_ago: int | None

    @classmethod
    def from_doc(cls, doc: Doc) -> Schedule:
        """From a stored document (``_initial_status``, ``_status_log``, ``_profile``)."""
        paused = (doc.get("_profile") or {}).get("paused_days_ago")
        return cls(
            initial_status=str(doc.get("_initial_status", doc["status"])),
            status_log=tuple((int(ts), str(st)) for ts, st in doc.get("_status_log", [])),
            start_time=doc.get("start_time") or doc.get("created_time"),
            end_time=doc.get("end_time"),
            paused_days_ago=None if paused is None else int(paused),
        )

    def active_on(self, day: int, today: int) -> bool:
        """Whether the entity delivered on ``day`` (days since epoch)."""
        day_start = day * DAY_SECONDS
        if self.start_time is not None and self.start_time >= day_start + DAY_SECONDS:
            return False
        if self.end_time is not None and self.end_time < day_start:
            return False
        status = self.initial_status
        if status != "ACTIVE" and self.paused_days_ago is not None and today - day > self.paused_days_ago:
            status = "ACTIVE"  # it ran until it was paused/archived
        for ts, new_status in self.status_log:
            if ts < day_start + DAY_SECONDS:
                status = new_status
        return status == "ACTIVE"


class _KnobMixin:
    knobs: Knobs

    @cached_property
    def knob_map(self) -> dict[str, float]:
        return dict(self.knobs)

    def knob(self, name: str) -> float:
        """One profile value."""
        return self.knob_map[name]


@dataclass(frozen=True)
class AdModel(_KnobMixin):
    """The hashable inputs of one ad's delivery."""

    id: str
    schedule: Schedule
    deliverable_from: int | None  # first day the review allows delivery; None = never (rejected)
    knobs: Knobs

    @classmethod
    def from_doc(cls, doc: Doc) -> AdModel:
        """From a stored ad document."""
        review = doc.get("review_status", "APPROVED")
        start: int | None = 0
        if review == "REJECTED":
            start = None
        elif review == "PENDING":
            approve_at = doc.get("_approve_at")
            start = None if approve_at is None else int(approve_at) // DAY_SECONDS
        return cls(
            str(doc["id"]), Schedule.from_doc(doc), start, resolve_knobs(str(doc["id"]), doc.get("_profile"), AD_KNOBS)
        )

    def delivers_on(self, day: int, today: int) -> bool:
        """ACTIVE and approved on ``day``."""
        return (
            self.deliverable_from is not None and day >= self.deliverable_from and self.schedule.active_on(day, today)
        )


@dataclass(frozen=True)
class AdGroupModel(_KnobMixin):
    """The hashable inputs of one ad group's delivery."""

    id: str
    schedule: Schedule
    daily_budget: int | None  # None: shares the campaign budget (CBO or no budget)
    knobs: Knobs
    ads: tuple[AdModel, ...]

    @classmethod
    def from_doc(cls, doc: Doc, ads: Iterable[Doc]) -> AdGroupModel:
        """From a stored ad group and its ads."""
        budget = doc.get("budget_in_micro_currency")
        if budget is not None and doc.get("budget_type") == "LIFETIME":
            start, end = doc.get("start_time") or doc.get("created_time"), doc.get("end_time")
            days = 30 if start is None or end is None else max(1, math.ceil((end - start) / DAY_SECONDS))
            budget = int(budget) // days
        if doc.get("budget_type") == "CBO_ADGROUP":
            budget = None
        knobs = resolve_knobs(str(doc["id"]), doc.get("_profile"), GROUP_KNOBS)
        ad_models = tuple(AdModel.from_doc(a) for a in sorted(ads, key=lambda a: (len(a["id"]), a["id"])))
        return cls(str(doc["id"]), Schedule.from_doc(doc), None if budget is None else int(budget), knobs, ad_models)


@dataclass(frozen=True)
class CampaignModel(_KnobMixin):
    """The hashable inputs of a campaign's delivery: settings, profile and its ad groups."""

    id: str
    schedule: Schedule
    daily_cap: int | None
    lifetime_cap: int | None
    knobs: Knobs
    groups: tuple[AdGroupModel, ...]

    @classmethod
    def from_docs(cls, doc: Doc, groups: Iterable[Doc] = (), ads: Iterable[Doc] = ()) -> CampaignModel:
        """From a stored campaign, its ad groups and their ads."""
        by_group: dict[str, list[Doc]] = {}
        for ad in ads:
            by_group.setdefault(str(ad["ad_group_id"]), []).append(ad)
        group_models = tuple(
            AdGroupModel.from_doc(g, by_group.get(str(g["id"]), []))
            for g in sorted(groups, key=lambda g: (len(g["id"]), g["id"]))
        )
        return cls(
            id=str(doc["id"]),
            schedule=Schedule.from_doc(doc),
            daily_cap=doc.get("daily_spend_cap"),
            lifetime_cap=doc.get("lifetime_spend_cap"),
            knobs=resolve_knobs(str(doc["id"]), doc.get("_profile"), CAMPAIGN_KNOBS),
            groups=group_models,
        )

    def cap_micro(self) -> int | None:
        """The campaign's daily ceiling: daily cap, or lifetime cap over max(30, flight days)."""
        if self.daily_cap is not None:
            return int(self.daily_cap)
        if self.lifetime_cap is not None:
            days = 30
            start, end = self.schedule.start_time, self.schedule.end_time
            if start is not None and end is not None:
                days = max(days, math.ceil((end - start) / DAY_SECONDS))
            return int(self.lifetime_cap) // days
        return None

    def budget_micro(self) -> int:
        """What the campaign can spend in a day (the cap, or its profile's ``daily_budget``)."""
        cap = self.cap_micro()
        return cap if cap is not None else int(self.knob("daily_budget") * 1_000_000)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split the integer ``total`` in proportion to ``weights`` (largest remainder; exact sum)."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    shares = [w * total / weight_sum for w in weights]
    floors = [math.floor(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: (shares[i] - floors[i], -i), reverse=True)
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def _ad_values(
    c: CampaignModel, key: str, spend: int, day: int, today: int, factors: tuple[float, float, float]
) -> tuple[int, ...]:
    cpm_factor, ctr_factor, cvr_factor = factors
    u = units(key, day)
    cpm = c.knob("cpm") * cpm_factor * (0.9 + 0.2 * u["cpm"])
    paid_impr = stochastic_round(spend / 1_000_000 / cpm * 1000, u["impr"])
    trend = c.knob("ctr_trend_14d")
    days_back = today - day
    ctr = min(1.0, c.knob("ctr") * ctr_factor * (0.9 + 0.2 * u["ctr"]))
    if trend > 0 and days_back < 14:
        ctr *= 1 - trend * (14 - days_back) / 14
    paid_clicks = min(paid_impr, stochastic_round(paid_impr * ctr, u["clk"]))
    outbound = min(paid_clicks, stochastic_round(paid_clicks * c.knob("outbound_share"), u["out"]))
    earned_impr = stochastic_round(paid_impr * c.knob("earned_share"), u["eimpr"])
    earned_clicks = min(earned_impr, stochastic_round(earned_impr * ctr * 0.8, u["eclk"]))
    paid_eng = paid_clicks + stochastic_round(paid_impr * 0.006, u["eng"])
    earned_eng = earned_clicks + stochastic_round(earned_impr * 0.008, u["eeng"])
    rate = c.knob("checkout_rate") * cvr_factor
    checkouts = min(paid_clicks, stochastic_round(paid_clicks * rate * (0.8 + 0.4 * u["cvr"]), u["co"]))
    value = int(checkouts * c.knob("order_value") * (0.85 + 0.3 * u["aov"]) * 100) * 10_000
    add_to_carts = min(paid_clicks - checkouts, stochastic_round(paid_clicks * rate * 1.6, u["atc"]))
    signups = min(paid_clicks - checkouts - add_to_carts, stochastic_round(paid_clicks * 0.004, u["sig"]))
    room = paid_clicks - checkouts - add_to_carts - signups
    page_visits = min(room, stochastic_round(outbound * 0.85, u["pv"]))
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


def _weekday_boost(day: int) -> float:
    return 1.08 if dt.date.fromordinal(EPOCH.toordinal() + day).weekday() >= 5 else 1.0


@lru_cache(maxsize=300_000)
def campaign_day(c: CampaignModel, day: int, today: int) -> tuple[AdRow, ...]:
    """The synthesized base rows of every delivering ad of a campaign on one day."""
    if day > today or not c.schedule.active_on(day, today):
        return ()
    boost = _weekday_boost(day)
    utilization = c.knob("utilization")
    if not c.groups:
        budget = c.budget_micro()
        demand = budget * utilization * (0.85 + 0.3 * units(c.id, day)["vol"]) * boost
        spend = min(budget, int(demand)) // SPEND_STEP * SPEND_STEP
        return (("", "", _ad_values(c, c.id, spend, day, today, (1.0, 1.0, 1.0))),)
    live = []
    for g in c.groups:
        ads = [a for a in g.ads if a.delivers_on(day, today)] if g.schedule.active_on(day, today) else []
        if ads:
            live.append((g, ads))
    if not live:
        return ()
    shared = c.budget_micro() // len(live)
    wanted = []
    for g, _ in live:
        cap = g.daily_budget if g.daily_budget is not None else shared
        demand = cap * utilization * g.knob("delivery") * (0.85 + 0.3 * unit(g.id, day, "vol")) * boost
        wanted.append(min(cap, int(demand)) // SPEND_STEP)
    ceiling = c.cap_micro()
    if ceiling is not None and sum(wanted) * SPEND_STEP > ceiling:
        wanted = allocate(ceiling // SPEND_STEP, [float(w) for w in wanted])
    rows: list[AdRow] = []
    for (g, ads), group_steps in zip(live, wanted, strict=True):
        ad_steps = allocate(group_steps, [a.knob("weight") for a in ads])
        for ad, steps in zip(ads, ad_steps, strict=True):
            factors = (g.knob("cpm_factor") * ad.knob("cpm_factor"), ad.knob("ctr_factor"), ad.knob("cvr_factor"))
            rows.append((g.id, ad.id, _ad_values(c, ad.id, steps * SPEND_STEP, day, today, factors)))
    return tuple(rows)


def _spread(rows: list[tuple[str, str, list[int]]], override: Mapping[str, Any]) -> None:
    for column, field in OVERRIDE_COLUMNS.items():
        if column in override and rows:
            i = FIELDS.index(field)
            current = [float(r[2][i]) for r in rows]
            weights = current if sum(current) > 0 else [1.0] * len(rows)
            for row, value in zip(rows, allocate(int(override[column]), weights), strict=True):
                row[2][i] = value


def day_rows(c: CampaignModel, day: int, today: int, overrides: Overrides) -> list[tuple[str, str, list[int]]]:
    """One day's ad rows with dataset overrides applied (campaign, then ad group, then ad)."""
    rows = [(g, a, list(v)) for g, a, v in campaign_day(c, day, today)]
    if not overrides or day > today:
        return rows
    override = overrides.get((c.id, day))
    if override is not None:
        if not rows:
            rows = [(g.id, a.id, [0] * len(FIELDS)) for g in c.groups for a in g.ads] or [("", "", [0] * len(FIELDS))]
        _spread(rows, override)
    for g in c.groups:
        override = overrides.get((g.id, day))
        if override is not None:
            mine = [r for r in rows if r[0] == g.id]
            if not mine:
                mine = [(g.id, a.id, [0] * len(FIELDS)) for a in g.ads] or [(g.id, "", [0] * len(FIELDS))]
                rows += mine
            _spread(mine, override)
        for ad in g.ads:
            override = overrides.get((ad.id, day))
            if override is not None:
                mine = [r for r in rows if r[1] == ad.id]
                if not mine:
                    mine = [(g.id, ad.id, [0] * len(FIELDS))]
                    rows += mine
                _spread(mine, override)
    return rows
