"""What changed: periods, per-metric changes and top movers on hand-made KPIs."""

from __future__ import annotations

import datetime as dt

from pinagent.insights.comparison import Change, account_change, compare, top_movers
from pinagent.insights.kpis import Kpis, kpis_from_row
from pinagent.insights.snapshot import CampaignData, Snapshot, Window

END = dt.date(2025, 6, 14)


def test_window_covers_both_periods_and_two_trend_weeks() -> None:
    week = Window(END, 7)
    assert (week.start, week.previous_start, week.previous_end) == (
        dt.date(2025, 6, 8),
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 7),
    )
    assert week.history_start == dt.date(2025, 6, 1)
    assert Window(END, 1).history_start == dt.date(2025, 6, 1), "trends always need 14 days"
    assert (END - Window(END, 45).history_start).days == 89, "45 days twice fits Pinterest's 90-day window"


def test_change_has_absolute_and_percent_and_no_percent_from_zero() -> None:
    assert Change(200, 150).as_dict() == {"before": 200, "now": 150, "change": -50, "pct": -25.0}
    assert Change(0, 10).as_dict() == {"before": 0, "now": 10, "change": 10}
    assert Change(None, 10).as_dict() == {"now": 10}


def test_compare_uses_cost_per_checkout_and_roas() -> None:
    before = Kpis(spend=100, impressions=1000, clicks=10, checkouts=4, checkout_value=300)
    now = Kpis(spend=150, impressions=1000, clicks=20, checkouts=3, checkout_value=300)
    changes = compare(before, now)
    assert (changes["cpa"].before, changes["cpa"].now) == (25, 50)
    assert changes["roas"].pct == -33.3
    assert changes["ctr"].as_dict() == {"before": 0.01, "now": 0.02, "change": 0.01, "pct": 100.0}


def test_checkouts_are_read_from_rows_and_summed() -> None:
    row = {"SPEND_IN_MICRO_DOLLAR": 50_000_000, "TOTAL_CONVERSIONS": 40, "TOTAL_CHECKOUT": 2}
    kpis = kpis_from_row(row)
    assert (kpis.checkouts, kpis.cost_per_checkout, kpis.cpa) == (2, 25, 1.25)
    shown = kpis.as_dict()  # what get_ads_analytics reports
    assert (shown["checkouts"], shown["cost_per_checkout"], shown["cpa"]) == (2, 25, 1.25)


def _daily(before: float, now: float) -> dict[dt.date, Kpis]:
    return {END - dt.timedelta(days=i): Kpis(spend=now if i < 7 else before) for i in range(14)}


def test_account_change_and_top_movers() -> None:
    campaigns = [
        CampaignData("1", "Steady", "ACTIVE", None, None, _daily(10, 10)),
        CampaignData("2", "Paused", "PAUSED", None, None, _daily(30, 0)),
        CampaignData("3", "Growing", "ACTIVE", None, None, _daily(10, 15)),
    ]
    account = {d: Kpis(spend=sum(c.daily[d].spend for c in campaigns)) for d in campaigns[0].daily}
    snapshot = Snapshot("9", "EUR", Window(END, 7), account, campaigns)
    assert account_change(snapshot)["spend"].as_dict() == {"before": 350, "now": 175, "change": -175, "pct": -50.0}
    movers = top_movers(snapshot)
    assert [(m.id, m.moved) for m in movers] == [("2", 210), ("3", 35)], "the steady campaign did not move"
