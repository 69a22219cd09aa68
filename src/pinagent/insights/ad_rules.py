"""Ad group and ad rules: rejected ads, high-CPC ads, low-delivery ad groups."""

from __future__ import annotations

from collections.abc import Iterator

from pinagent.insights.findings import Benchmark, Evidence, Finding, money, pause, periods
from pinagent.insights.kpis import Kpis, total
from pinagent.insights.snapshot import AdGroupData, Snapshot

# An ad paying twice what the other ads of its campaign pay per click, with ≥ 10 clicks and
# ≥ 10 % of the campaign's spend, is buying the same clicks dearer.
HIGH_CPC_RATIO = 2.0
HIGH_CPC_MIN_CLICKS = 10
HIGH_CPC_MIN_SHARE = 0.10
# Healthy ad groups spend 60–90 % of their daily budget; under 25 %, and under half of what their
# siblings manage, the audience or bid is too narrow to deliver.
LOW_DELIVERY_SHARE = 0.25
LOW_DELIVERY_SIBLING_RATIO = 0.5


def rejected_ads(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """ACTIVE ads that Pinterest's review rejected (they never deliver)."""
    live_campaigns = {c.id for c in snapshot.campaigns if c.status == "ACTIVE"}
    groups = {g.id: g for g in snapshot.ad_groups}
    for ad in snapshot.ads:
        if ad.status != "ACTIVE" or ad.review_status != "REJECTED":
            continue
        group = groups.get(ad.ad_group_id)
        live = group is not None and group.status == "ACTIVE" and ad.campaign_id in live_campaigns
        alone = not any(o.deliverable for o in snapshot.ads if o.ad_group_id == ad.ad_group_id and o.id != ad.id)
        reasons = ", ".join(ad.rejected_reasons) or "not given"
        consequence = (
            f" Its ad group “{group.name}” has no other ad, so it delivers nothing." if live and alone and group else ""
        )
        evidence: Evidence = {"review_status": "REJECTED", "rejected_reasons": reasons, "ad_group_id": ad.ad_group_id}
        if group:
            evidence |= {"ad_group_spend": round(group.current.spend, 2), "ad_group_daily_budget": group.daily_budget}
        yield Finding(
            "rejected_ad",
            ("high" if alone else "medium") if live else "low",
            "ad",
            ad.id,
            ad.name,
            f"Pinterest's review rejected this ad (reasons: {reasons}).{consequence}",
            f"Fix the Pin against the reasons ({reasons}) and create a new ad from a compliant Pin in the same ad group.",
            evidence,
        )


def high_cpc_ads(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """ACTIVE ads paying at least twice per click what the other ads of their campaign pay."""
    live_campaigns = {c.id for c in snapshot.campaigns if c.status == "ACTIVE"}
    for ad in snapshot.ads:
        now = ad.current
        if ad.status != "ACTIVE" or ad.campaign_id not in live_campaigns or now.clicks < HIGH_CPC_MIN_CLICKS:
            continue
        siblings = total(o.current for o in snapshot.ads if o.campaign_id == ad.campaign_id and o.id != ad.id)
        campaign_spend = now.spend + siblings.spend
        cpc, usual = now.cpc, siblings.cpc
        if cpc is None or not usual or cpc < HIGH_CPC_RATIO * usual or now.spend < HIGH_CPC_MIN_SHARE * campaign_spend:
            continue
        yield Finding(
            "high_cpc",
            "medium",
            "ad",
            ad.id,
            ad.name,
            f"Each click costs {cpc:.2f} {snapshot.currency}, {cpc / usual:.1f}× what the campaign's other ads pay "
            f"({usual:.2f}).",
            "Pause it; its campaign's other ads buy the same clicks for less. Try a new creative for its ad group.",
            {**periods(now, ad.previous, "spend", "clicks", "cpc", "ctr"), "campaign_cpc": money(usual)},
            wasted=round(now.spend - now.clicks * usual, 2),
            change=pause("ad", ad.id, ad.name),
        )


def low_delivery_ad_groups(snapshot: Snapshot, bench: Benchmark) -> Iterator[Finding]:
    """ACTIVE ad groups with a deliverable ad that spend under a quarter of their daily budget."""
    days = snapshot.window.days
    live_campaigns = {c.id for c in snapshot.campaigns if c.status == "ACTIVE"}
    delivering = {a.ad_group_id for a in snapshot.ads if a.deliverable}
    candidates = [
        g
        for g in snapshot.ad_groups
        if g.status == "ACTIVE" and g.campaign_id in live_campaigns and g.id in delivering and g.daily_budget
    ]
    for group in candidates:
        delivery = group.current.spend / ((group.daily_budget or 1) * days)
        siblings = [g for g in candidates if g.campaign_id == group.campaign_id and g.id != group.id]
        budget = sum((g.daily_budget or 0) * days for g in siblings)
        usual = total(g.current for g in siblings)
        sibling_delivery = usual.spend / budget if budget else None
        if delivery >= LOW_DELIVERY_SHARE or (
            sibling_delivery is not None and delivery >= LOW_DELIVERY_SIBLING_RATIO * sibling_delivery
        ):
            continue
        yield _low_delivery(snapshot, group, delivery, sibling_delivery, usual)


def _low_delivery(
    snapshot: Snapshot, group: AdGroupData, delivery: float, sibling_delivery: float | None, usual: Kpis
) -> Finding:
    compared = f" (its siblings: {sibling_delivery:.0%})" if sibling_delivery is not None else ""
    return Finding(
        "low_delivery",
        "low",
        "ad_group",
        group.id,
        group.name,
        f"It spent {delivery:.0%} of its {group.daily_budget:g} {snapshot.currency} daily budget{compared}: "
        "its audience or bid is too narrow to deliver.",
        "Broaden its targeting (audiences, locations, ages, interests) or raise its bid.",
        {
            **periods(group.current, group.previous, "spend", "impressions", "cpm"),
            "daily_budget": group.daily_budget,
            "delivery_pct": round(delivery * 100, 1),
            "siblings_delivery_pct": None if sibling_delivery is None else round(sibling_delivery * 100, 1),
            "siblings_cpm": money(usual.cpm),
        },
    )
