"""Campaign rules: high CPA, wasted spend, budget-limited, falling CTR, paused top performers."""

from __future__ import annotations

import math
from collections.abc import Iterator

from pinagent.insights.findings import (
    MIN_SPEND_SHARE,
    Benchmark,
    Finding,
    Level,
    SuggestedChange,
    active_converting,
    money,
    pause,
    periods,
)
from pinagent.insights.kpis import Kpis, total
from pinagent.insights.snapshot import DAY, TREND_DAYS, Snapshot, between

# Twice the account's CPA is well outside the normal spread between campaigns (±40 % is common);
# three times is money clearly better spent elsewhere.
HIGH_CPA_RATIO = 2.0
HIGH_CPA_SEVERE_RATIO = 3.0
# No checkout although the spend would have bought three at the account's CPA: at that rate the
# chance of zero checkouts by bad luck is about 5 %.
WASTE_CPA_MULTIPLE = 3.0
# A day at 95 % of the cap was capped (pacing rarely lands exactly on it); "most days" = 70 %
# of the period (5 of 7 days).
BUDGET_CAP_SHARE = 0.95
BUDGET_CAPPED_DAYS_SHARE = 0.7
# +20 %: a step most spend caps allow, big enough to show in a week, easy to undo.
BUDGET_RAISE = 0.20
# A steady campaign's weekly CTR moves by less than 10 %; a 25 % fall is fatigue or a broken
# creative, 50 % is severe. Each week needs 1,000 impressions so a few clicks make no trend.
CTR_DROP = 0.25
CTR_DROP_SEVERE = 0.50
MIN_TREND_IMPRESSIONS = 1_000
# A paused campaign is a top performer if its ROAS was 1.5 times the account's (or its CPA two
# thirds of it) with at least 3 checkouts, while it spent ≥ 2 % of the account's daily spend.
TOP_PERFORMER_RATIO = 1.5
TOP_PERFORMER_MIN_CHECKOUTS = 3


def high_cpa(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """ACTIVE conversion campaigns paying at least twice the account's cost per checkout."""
    if not bench.cpa:
        return
    for campaign in active_converting(snapshot):
        now, before = snapshot.current(campaign.daily), snapshot.previous(campaign.daily)
        cpa = now.cost_per_checkout
        if cpa is None or now.spend < MIN_SPEND_SHARE * bench.spend or cpa < HIGH_CPA_RATIO * bench.cpa:
            continue
        ratio = cpa / bench.cpa
        yield Finding(
            "high_cpa",
            "high" if ratio >= HIGH_CPA_SEVERE_RATIO else "medium",
            "campaign",
            campaign.id,
            campaign.name,
            f"Each checkout costs {cpa:.2f} {snapshot.currency}, {ratio:.1f}× the account's {bench.cpa:.2f}.",
            "Pause it (or cut its budget) and move the money to campaigns converting at the account's CPA.",
            {**periods(now, before, "spend", "checkouts", "cpa", "roas"), "account_cpa": money(bench.cpa)},
            wasted=round(now.spend - now.checkouts * bench.cpa, 2),
            change=pause("campaign", campaign.id, campaign.name),
        )


def wasted_spend(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """Conversion campaigns (or their ad groups) that spent three checkouts' worth and sold nothing."""
    if not bench.cpa:
        return
    threshold = WASTE_CPA_MULTIPLE * bench.cpa
    flagged = set()
    for campaign in active_converting(snapshot):
        now, before = snapshot.current(campaign.daily), snapshot.previous(campaign.daily)
        if now.checkouts == 0 and now.spend >= threshold:
            flagged.add(campaign.id)
            yield _waste("campaign", campaign.id, campaign.name, now, before, threshold, snapshot.currency)
    converting = {c.id for c in active_converting(snapshot)} - flagged
    for group in snapshot.ad_groups:
        now = group.current
        if (
            group.campaign_id in converting
            and group.status == "ACTIVE"
            and now.checkouts == 0
            and now.spend >= threshold
        ):
            yield _waste("ad_group", group.id, group.name, now, group.previous, threshold, snapshot.currency)


def _waste(
    level: Level, entity_id: str, name: str, now: Kpis, before: Kpis, threshold: float, currency: str
) -> Finding:
    label = level.replace("_", " ")
    return Finding(
        "wasted_spend",
        "high",
        level,
        entity_id,
        name,
        f"It spent {now.spend:.2f} {currency} without a single checkout (at the account's CPA that buys "
        f"{now.spend / threshold * WASTE_CPA_MULTIPLE:.0f}).",
        f"Pause the {label}, then check its tracking (Pinterest tag on the checkout page) and its landing page.",
        {**periods(now, before, "spend", "clicks", "checkouts"), "threshold": money(threshold)},
        wasted=round(now.spend, 2),
        change=pause(level, entity_id, name),
    )


def budget_limited(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """Efficient campaigns held back by their daily cap most days of the period."""
    window = snapshot.window
    for campaign in snapshot.campaigns:
        cap = campaign.daily_cap
        if campaign.status != "ACTIVE" or not cap:
            continue
        capped = sum(
            1
            for day, kpis in campaign.daily.items()
            if window.start <= day <= window.end and kpis.spend >= BUDGET_CAP_SHARE * cap
        )
        now, before = snapshot.current(campaign.daily), snapshot.previous(campaign.daily)
        cpa, roas = now.cost_per_checkout, now.roas
        efficient = (
            cpa is not None
            and bench.cpa is not None
            and cpa <= bench.cpa
            and (roas is None or bench.roas is None or roas >= bench.roas)
        )
        if capped < math.ceil(BUDGET_CAPPED_DAYS_SHARE * window.days) or not efficient:
            continue
        new_cap = round(cap * (1 + BUDGET_RAISE), 2)
        yield Finding(
            "budget_limited",
            "medium",
            "campaign",
            campaign.id,
            campaign.name,
            f"It spent its whole {cap:.2f} {snapshot.currency} daily cap on {capped} of {window.days} days while "
            f"converting better than the account (CPA {cpa:.2f} vs {bench.cpa:.2f}).",
            f"Raise its daily budget by {BUDGET_RAISE:.0%} to {new_cap:.2f} {snapshot.currency} and watch CPA for a week.",
            {
                "daily_budget": cap,
                "days_at_cap": capped,
                **periods(now, before, "spend", "checkouts", "cpa", "roas"),
                "account_cpa": money(bench.cpa),
                "account_roas": money(bench.roas),
            },
            change=SuggestedChange(
                "raise_daily_budget",
                "campaign",
                campaign.id,
                "daily_spend_cap",
                round(new_cap * 1_000_000),
                f"raise the daily budget of “{campaign.name}” from {cap:g} to {new_cap:g}",
            ),
        )


def falling_ctr(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """ACTIVE campaigns whose CTR fell by a quarter or more, last 7 days against the 7 before."""
    end = snapshot.window.end
    last_start = end - (TREND_DAYS - 1) * DAY
    prior_end = last_start - DAY
    prior_start = prior_end - (TREND_DAYS - 1) * DAY
    for campaign in snapshot.campaigns:
        if campaign.status != "ACTIVE":
            continue
        last, prior = between(campaign.daily, last_start, end), between(campaign.daily, prior_start, prior_end)
        if min(last.impressions, prior.impressions) < MIN_TREND_IMPRESSIONS or not prior.ctr or last.ctr is None:
            continue
        drop = 1 - last.ctr / prior.ctr
        if drop < CTR_DROP:
            continue
        yield Finding(
            "falling_ctr",
            "high" if drop >= CTR_DROP_SEVERE else "medium",
            "campaign",
            campaign.id,
            campaign.name,
            f"Its CTR fell {drop:.0%} in the last {TREND_DAYS} days ({prior.ctr:.2%} → {last.ctr:.2%}): people "
            "have seen its creatives too often.",
            "Refresh its creatives: add new Pins (images, titles) to its ad groups and pause the tired ones.",
            {
                "ctr": last.ctr,
                "ctr_before": prior.ctr,
                "ctr_pct": round(-drop * 100, 1),
                "impressions": last.impressions,
                "impressions_before": prior.impressions,
                "spend": round(last.spend, 2),
                "spend_before": round(prior.spend, 2),
            },
        )


def paused_top_performers(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """PAUSED campaigns that converted far better than the account while they ran."""
    for campaign in snapshot.campaigns:
        if campaign.status != "PAUSED":
            continue
        ran = {day: k for day, k in campaign.daily.items() if k.spend > 0 and day >= snapshot.window.history_start}
        if not ran:
            continue
        history = total(ran.values())
        cpa, roas = history.cost_per_checkout, history.roas
        if (
            history.checkouts < TOP_PERFORMER_MIN_CHECKOUTS
            or history.spend / len(ran) < MIN_SPEND_SHARE * bench.daily_spend
        ):
            continue
        by_roas = (
            roas is not None and bool(bench.history_roas) and roas >= TOP_PERFORMER_RATIO * (bench.history_roas or 0)
        )
        by_cpa = cpa is not None and bool(bench.history_cpa) and cpa * TOP_PERFORMER_RATIO <= (bench.history_cpa or 0)
        if not (by_roas or by_cpa):
            continue
        last_day = max(ran)
        idle = (snapshot.window.end - last_day).days
        daily_value = history.checkout_value / len(ran)
        yield Finding(
            "paused_top_performer",
            "medium",
            "campaign",
            campaign.id,
            campaign.name,
            f"Paused since {last_day + DAY} although it returned {roas or 0:.1f}× its spend "
            f"(account {bench.history_roas or 0:.1f}×) at a CPA of {cpa or 0:.2f} {snapshot.currency}.",
            "Reactivate it; while paused it forgoes about "
            f"{daily_value:.2f} {snapshot.currency} of checkout value a day.",
            {
                "last_active_day": last_day.isoformat(),
                "days_paused": idle,
                "spend_while_active": round(history.spend, 2),
                "checkouts_while_active": history.checkouts,
                "cpa_while_active": money(cpa),
                "roas_while_active": money(roas),
                "account_cpa": money(bench.history_cpa),
                "account_roas": money(bench.history_roas),
                "daily_checkout_value": round(daily_value, 2),
            },
            change=SuggestedChange(
                "reactivate", "campaign", campaign.id, "status", "ACTIVE", f"reactivate campaign “{campaign.name}”"
            ),
        )
