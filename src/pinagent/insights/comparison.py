"""What changed: a period against the one before it, for the account and per campaign.

CPA is the cost per checkout and ROAS the checkout value per unit of spend (see
:mod:`pinagent.insights.diagnosis`); CTR is clicks per impression, as a fraction.
"""

from __future__ import annotations

from dataclasses import dataclass

from pinagent.insights.kpis import Kpis
from pinagent.insights.snapshot import Snapshot

METRICS = ("spend", "checkouts", "cpa", "ctr", "roas")
TOP_MOVERS = 5  # enough to explain most of a change without listing every campaign


def metric_values(kpis: Kpis) -> dict[str, float | None]:
    """The compared metrics of one period (None where undefined, e.g. CPA without checkouts)."""
    cpa = kpis.cost_per_checkout
    roas = kpis.roas
    return {
        "spend": round(kpis.spend, 2),
        "checkouts": float(kpis.checkouts),
        "cpa": None if cpa is None else round(cpa, 2),
        "ctr": kpis.ctr,
        "roas": None if roas is None else round(roas, 2),
    }


@dataclass(frozen=True)
class Change:
    before: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.now is None:
            return None
        return round(self.now - self.before, 6)

    @property
    def pct(self) -> float | None:
        """Percent change; None when there is nothing to compare with (before is zero or undefined)."""
        if self.before is None or self.now is None or self.before == 0:
            return None
        return round((self.now - self.before) / abs(self.before) * 100, 1)

    def as_dict(self) -> dict[str, float]:
        values = {"before": self.before, "now": self.now, "change": self.change, "pct": self.pct}
        return {key: value for key, value in values.items() if value is not None}


def compare(before: Kpis, now: Kpis) -> dict[str, Change]:
    old, new = metric_values(before), metric_values(now)
    return {metric: Change(old[metric], new[metric]) for metric in METRICS}


@dataclass(frozen=True)
class CampaignChange:
    id: str
    name: str
    status: str
    changes: dict[str, Change]
    moved: float  # money that moved: the larger of the spend and the checkout value change


def account_change(snapshot: Snapshot) -> dict[str, Change]:
    return compare(snapshot.previous(snapshot.account_daily), snapshot.current(snapshot.account_daily))


def campaign_changes(snapshot: Snapshot) -> list[CampaignChange]:
    """Every campaign's change, the ones where most money moved first."""
    result = []
    for campaign in snapshot.campaigns:
        before, now = snapshot.previous(campaign.daily), snapshot.current(campaign.daily)
        moved = max(abs(now.spend - before.spend), abs(now.checkout_value - before.checkout_value))
        result.append(
            CampaignChange(campaign.id, campaign.name, campaign.status, compare(before, now), round(moved, 2))
        )
    result.sort(key=lambda c: (-c.moved, c.id))
    return result


def top_movers(snapshot: Snapshot, limit: int = TOP_MOVERS) -> list[CampaignChange]:
    """The campaigns that explain most of the change (nothing moved → none)."""
    return [c for c in campaign_changes(snapshot) if c.moved > 0][:limit]
