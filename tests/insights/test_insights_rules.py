"""Each diagnosis rule on hand-made KPIs: it fires just past its threshold and stays quiet just before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest

from pinagent.insights import ad_rules, campaign_rules
from pinagent.insights.diagnosis import diagnose
from pinagent.insights.findings import Benchmark, Finding
from pinagent.insights.kpis import Kpis, total
from pinagent.insights.snapshot import AdData, AdGroupData, CampaignData, Snapshot, Window

END = dt.date(2025, 6, 14)
WINDOW = Window(END, 7)
# The account the rules compare with: CPA 25, ROAS 3, 1,000 spent in the period, 150 a day.
BENCH = Benchmark(spend=1000, cpa=25, roas=3, daily_spend=150, history_cpa=25, history_roas=3)


def day(offset: int) -> dt.date:
    """``offset`` days before the period's last day."""
    return END - dt.timedelta(days=offset)


def kpis(
    spend: float = 100, impressions: int = 10_000, clicks: int = 100, checkouts: int = 4, value: float = 300
) -> Kpis:
    return Kpis(spend=spend, impressions=impressions, clicks=clicks, checkouts=checkouts, checkout_value=value)


def daily(current: Kpis, previous: Kpis | None = None) -> dict[dt.date, Kpis]:
    """Every day of the period as ``current``, every day of the one before as ``previous``."""
    return {day(i): current if i < 7 else (previous or current) for i in range(14)}


def campaign(
    cid: str = "1", days: dict[dt.date, Kpis] | None = None, status: str = "ACTIVE", cap: float | None = None
) -> CampaignData:
    return CampaignData(cid, f"Campaign {cid}", status, "WEB_CONVERSION", cap, days or daily(kpis()))


def snapshot(
    campaigns: Iterable[CampaignData], groups: Iterable[AdGroupData] = (), ads: Iterable[AdData] = ()
) -> Snapshot:
    campaigns = list(campaigns)
    account = {day(i): total(c.daily.get(day(i), Kpis()) for c in campaigns) for i in range(14)}
    return Snapshot("9", "EUR", WINDOW, account, campaigns, list(groups), list(ads))


def ids(findings: Iterable[Finding]) -> list[str]:
    return [f.id for f in findings]


@pytest.mark.parametrize(("checkouts", "fires"), [(14, True), (15, False)])
def test_high_cpa_at_twice_the_account(checkouts: int, fires: bool) -> None:
    # 700 spent in the period: 14 checkouts is a CPA of 50 (2 × 25), 15 is 46.67.
    days = daily(kpis(spend=100, checkouts=0))
    days[day(0)] = kpis(spend=100, checkouts=checkouts)
    found = list(campaign_rules.high_cpa(snapshot([campaign("3", days)]), BENCH))
    assert ids(found) == (["high_cpa:3"] if fires else [])
    if fires:
        assert found[0].evidence["cpa"] == 50
        assert found[0].change is not None
        assert found[0].change.wire_value == "PAUSED"
        assert found[0].wasted == 700 - 14 * 25


def test_high_cpa_ignores_small_campaigns_and_other_objectives() -> None:
    small = campaign("3", daily(kpis(spend=2, checkouts=0)))  # 14 spent: under 2 % of the account's 1,000
    awareness = CampaignData("4", "Awareness", "ACTIVE", "AWARENESS", None, daily(kpis(checkouts=1)))
    assert list(campaign_rules.high_cpa(snapshot([small, awareness]), BENCH)) == []


@pytest.mark.parametrize(("spend", "checkouts", "fires"), [(75, 0, True), (74.9, 0, False), (300, 1, False)])
def test_wasted_spend_after_three_checkouts_worth(spend: float, checkouts: int, fires: bool) -> None:
    days = daily(kpis(spend=0, checkouts=0))
    days[day(0)] = kpis(spend=spend, checkouts=checkouts)
    assert ids(campaign_rules.wasted_spend(snapshot([campaign("5", days)]), BENCH)) == (
        ["wasted_spend:5"] if fires else []
    )


def test_wasted_spend_in_an_ad_group_of_a_converting_campaign() -> None:
    group = AdGroupData("51", "Dud", "ACTIVE", "5", 20, current=kpis(spend=80, checkouts=0))
    found = list(campaign_rules.wasted_spend(snapshot([campaign("5")], [group]), BENCH))
    assert ids(found) == ["wasted_spend:51"]
    assert found[0].level == "ad_group"


@pytest.mark.parametrize(("capped_days", "fires"), [(5, True), (4, False)])
def test_budget_limited_when_capped_most_days(capped_days: int, fires: bool) -> None:
    days = daily(kpis(spend=50, checkouts=4))
    for i in range(capped_days):
        days[day(i)] = kpis(spend=95, checkouts=6)  # 95 % of the cap of 100
    found = list(campaign_rules.budget_limited(snapshot([campaign("4", days, cap=100)]), BENCH))
    assert ids(found) == (["budget_limited:4"] if fires else [])
    if fires:
        assert found[0].change is not None
        assert found[0].change.wire_value == 120_000_000


def test_budget_limited_needs_efficiency() -> None:
    expensive = daily(kpis(spend=100, checkouts=2))  # CPA 50 > 25, although capped every day
    assert list(campaign_rules.budget_limited(snapshot([campaign("4", expensive, cap=100)]), BENCH)) == []


@pytest.mark.parametrize(("clicks", "fires"), [(74, True), (76, False)])
def test_falling_ctr_week_over_week(clicks: int, fires: bool) -> None:
    # CTR 1 % in the week before; 0.74 % is a 26 % fall, 0.76 % a 24 % one.
    days = daily(kpis(clicks=clicks), kpis(clicks=100))
    assert ids(campaign_rules.falling_ctr(snapshot([campaign("5", days)]), BENCH)) == (
        ["falling_ctr:5"] if fires else []
    )


def test_falling_ctr_needs_enough_impressions() -> None:
    days = daily(kpis(impressions=100, clicks=1), kpis(impressions=100, clicks=2))
    assert list(campaign_rules.falling_ctr(snapshot([campaign("5", days)]), BENCH)) == []


@pytest.mark.parametrize(("value", "fires"), [(450, True), (440, False)])
def test_paused_top_performer_at_one_and_a_half_times_the_account_roas(value: float, fires: bool) -> None:
    # Ran 5 days of the week before at ROAS 4.5 (1.5 × 3) or 4.4, CPA 25; paused since.
    days = {day(i): kpis(spend=100, checkouts=4, value=value) for i in range(9, 14)}
    found = list(campaign_rules.paused_top_performers(snapshot([campaign("6", days, status="PAUSED")]), BENCH))
    assert ids(found) == (["paused_top_performer:6"] if fires else [])
    if fires:
        assert found[0].evidence["last_active_day"] == day(9).isoformat()
        assert found[0].change is not None
        assert found[0].change.wire_value == "ACTIVE"


def test_an_active_campaign_is_no_paused_top_performer() -> None:
    days = daily(kpis(value=1000))
    assert list(campaign_rules.paused_top_performers(snapshot([campaign("6", days)]), BENCH)) == []


def _ad(
    aid: str,
    group: str = "11",
    status: str = "ACTIVE",
    review: str = "APPROVED",
    now: Kpis | None = None,
    cid: str = "1",
) -> AdData:
    return AdData(aid, f"Ad {aid}", status, cid, group, review, ("CAPS_AND_SYMBOLS",), now or Kpis())


@pytest.mark.parametrize(
    ("siblings", "severity"), [([], "high"), ([_ad("102")], "medium"), ([_ad("102", review="REJECTED")], "high")]
)
def test_rejected_ad_is_high_when_its_ad_group_delivers_nothing(siblings: list[AdData], severity: str) -> None:
    group = AdGroupData("11", "Group", "ACTIVE", "1", 10)
    ads = [_ad("101", review="REJECTED"), *siblings]
    found = [f for f in ad_rules.rejected_ads(snapshot([campaign()], [group], ads), BENCH) if f.entity_id == "101"]
    assert [(f.id, f.severity) for f in found] == [("rejected_ad:101", severity)]
    assert found[0].change is None, "a person fixes the Pin"


def test_an_approved_or_archived_ad_is_not_reported() -> None:
    ads = [_ad("101"), _ad("102", status="ARCHIVED", review="REJECTED")]
    assert list(ad_rules.rejected_ads(snapshot([campaign()], [], ads), BENCH)) == []


@pytest.mark.parametrize(("spend", "fires"), [(40, True), (38, False)])
def test_high_cpc_at_twice_the_campaign_s_other_ads(spend: float, fires: bool) -> None:
    # 20 clicks: 40 spent is a CPC of 2.00, twice the siblings' 1.00; 38 is 1.90.
    ads = [_ad("101", now=kpis(spend=spend, clicks=20)), _ad("102", now=kpis(spend=100, clicks=100))]
    found = list(ad_rules.high_cpc_ads(snapshot([campaign()], [], ads), BENCH))
    assert ids(found) == (["high_cpc:101"] if fires else [])
    if fires:
        assert found[0].wasted == 20
        assert found[0].level == "ad"


def test_high_cpc_needs_clicks_and_a_share_of_the_campaign() -> None:
    few_clicks = [_ad("101", now=kpis(spend=27, clicks=9)), _ad("102", now=kpis(spend=100, clicks=100))]
    tiny = [_ad("101", now=kpis(spend=30, clicks=10)), _ad("102", now=kpis(spend=1000, clicks=1000))]
    for ads in (few_clicks, tiny):
        assert list(ad_rules.high_cpc_ads(snapshot([campaign()], [], ads), BENCH)) == []


@pytest.mark.parametrize(("spend", "fires"), [(17.4, True), (17.5, False)])
def test_low_delivery_under_a_quarter_of_the_budget(spend: float, fires: bool) -> None:
    # Budget 10 a day: 70 in the period; 17.5 is 25 %. The sibling spends 80 %.
    groups = [
        AdGroupData("11", "Narrow", "ACTIVE", "1", 10, current=kpis(spend=spend)),
        AdGroupData("12", "Broad", "ACTIVE", "1", 10, current=kpis(spend=56)),
    ]
    ads = [_ad("101", group="11"), _ad("102", group="12")]
    assert ids(ad_rules.low_delivery_ad_groups(snapshot([campaign()], groups, ads), BENCH)) == (
        ["low_delivery:11"] if fires else []
    )


def test_low_delivery_is_not_blamed_on_a_group_without_a_deliverable_ad_or_like_its_siblings() -> None:
    groups = [
        AdGroupData("11", "Rejected only", "ACTIVE", "1", 10, current=kpis(spend=0)),
        AdGroupData("12", "Slow", "ACTIVE", "1", 10, current=kpis(spend=10)),
        AdGroupData("13", "Slow too", "ACTIVE", "1", 10, current=kpis(spend=12)),
    ]
    ads = [_ad("101", group="11", review="REJECTED"), _ad("102", group="12"), _ad("103", group="13")]
    assert list(ad_rules.low_delivery_ad_groups(snapshot([campaign()], groups, ads), BENCH)) == []


def test_diagnose_orders_by_severity_then_wasted_money() -> None:
    reference = [campaign(str(i)) for i in range(10, 16)]  # CPA 25 each
    costly = daily(kpis(spend=100, checkouts=0))
    costly[day(0)] = kpis(spend=100, checkouts=7)  # CPA 100
    dearer = daily(kpis(spend=200, checkouts=0))
    dearer[day(0)] = kpis(spend=200, checkouts=14)  # CPA 100 on twice the spend: more wasted
    capped = daily(kpis(spend=100, checkouts=6))  # CPA 16.7 at its cap: budget-limited
    group, rejected = AdGroupData("11", "Group", "ACTIVE", "10", 10), _ad("101", review="REJECTED", cid="10")
    campaigns = [*reference, campaign("1", costly), campaign("2", dearer), campaign("3", capped, cap=100)]
    found = diagnose(snapshot(campaigns, [group], [rejected]))
    assert [(f.id, f.severity) for f in found] == [
        ("high_cpa:2", "high"),  # 3.3 × the account's CPA of 30.3, the most money wasted
        ("high_cpa:1", "high"),
        ("rejected_ad:101", "high"),  # nothing wasted, still high
        ("budget_limited:3", "medium"),
    ]
    assert diagnose(snapshot(reference)) == []
