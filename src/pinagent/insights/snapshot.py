"""What the diagnosis looks at: one ad account's entities and KPIs for a period and the one before.

Plain data, no I/O: :mod:`pinagent.insights.collect` fills it from Pinterest, tests build it by hand.
Money is in the account's currency units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from pinagent.insights.kpis import Kpis, total

# Trends (falling CTR) compare the last 7 days with the 7 before, whatever the period length:
# a week evens out weekday effects, and fatigue shows within two weeks.
TREND_DAYS = 7
DAY = dt.timedelta(days=1)

Daily = Mapping[dt.date, Kpis]


@dataclass(frozen=True)
class Window:
    """The period (``days`` days ending with ``end``), the period before it, and the history read."""

    end: dt.date
    days: int

    @property
    def start(self) -> dt.date:
        return self.end - (self.days - 1) * DAY

    @property
    def previous_end(self) -> dt.date:
        return self.start - DAY

    @property
    def previous_start(self) -> dt.date:
        return self.previous_end - (self.days - 1) * DAY

    @property
    def history_start(self) -> dt.date:
        """First day read: both periods, and at least two trend weeks."""
        return self.end - (max(2 * self.days, 2 * TREND_DAYS) - 1) * DAY

    def label(self) -> list[str]:
        return [self.start.isoformat(), self.end.isoformat()]

    def previous_label(self) -> list[str]:
        return [self.previous_start.isoformat(), self.previous_end.isoformat()]


def between(daily: Daily, start: dt.date, end: dt.date) -> Kpis:
    """The KPIs of the days from ``start`` to ``end`` (inclusive)."""
    return total(kpis for day, kpis in daily.items() if start <= day <= end)


@dataclass(frozen=True)
class CampaignData:
    id: str
    name: str
    status: str
    objective: str | None
    daily_cap: float | None
    daily: Daily = field(default_factory=dict)


@dataclass(frozen=True)
class AdGroupData:
    id: str
    name: str
    status: str
    campaign_id: str
    daily_budget: float | None  # None: a lifetime or campaign-optimised budget
    current: Kpis = field(default_factory=Kpis)
    previous: Kpis = field(default_factory=Kpis)


@dataclass(frozen=True)
class AdData:
    id: str
    name: str
    status: str
    campaign_id: str
    ad_group_id: str
    review_status: str | None = None
    rejected_reasons: tuple[str, ...] = ()
    current: Kpis = field(default_factory=Kpis)
    previous: Kpis = field(default_factory=Kpis)

    @property
    def deliverable(self) -> bool:
        return self.status == "ACTIVE" and self.review_status != "REJECTED"


@dataclass(frozen=True)
class Snapshot:
    ad_account_id: str
    currency: str
    window: Window
    account_daily: Daily
    campaigns: list[CampaignData]
    ad_groups: list[AdGroupData] = field(default_factory=list)
    ads: list[AdData] = field(default_factory=list)

    def current(self, daily: Daily) -> Kpis:
        return between(daily, self.window.start, self.window.end)

    def previous(self, daily: Daily) -> Kpis:
        return between(daily, self.window.previous_start, self.window.previous_end)

    def history(self, daily: Daily) -> Kpis:
        return between(daily, self.window.history_start, self.window.end)
