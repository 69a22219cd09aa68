"""Workspace rules a plan must pass: spend caps per ad account, freeze, read-only."""

from __future__ import annotations

from pinagent.changes.plans import MoneyChange
from pinagent.pinterest.money import format_money, micro_to_units
from pinagent.store.models import SharedAdAccount, Workspace


class PolicyViolation(Exception):
    """The plan breaks a rule the workspace admin set; the message names the rule and its value."""


def check_spend_caps(money_changes: list[MoneyChange], currency: str, account: SharedAdAccount | None) -> None:
    """Raises: PolicyViolation for a daily budget above the cap or a raise above the allowed %."""
    if account is None:
        return
    for money in money_changes:
        if account.max_daily_budget is not None and money.daily and money.after > account.max_daily_budget:
            cap = format_money(micro_to_units(account.max_daily_budget), currency)
            asked = format_money(micro_to_units(money.after), currency)
            raise PolicyViolation(
                f"Refused by the spend cap of {account.name}: {money.field} of “{money.target_name}” would be "
                f"{asked} per day, above the maximum daily budget of {cap}. An admin can change the cap in the "
                "pinagent console (Settings → Spend caps)."
            )
        if account.max_increase_pct is not None and money.before and money.after > money.before:
            pct = (money.after - money.before) * 100 / money.before
            if pct > account.max_increase_pct + 1e-9:
                raise PolicyViolation(
                    f"Refused by the spend cap of {account.name}: {money.field} of “{money.target_name}” would "
                    f"rise {pct:.1f}%, above the maximum of {account.max_increase_pct:g}% per change. Plan a "
                    "smaller step, or ask an admin to change the cap in the pinagent console (Settings → Spend caps)."
                )


def check_not_frozen(workspace: Workspace | None) -> None:
    """Raises: PolicyViolation while the workspace is frozen."""
    if workspace is not None and workspace.frozen:
        since = f" since {workspace.frozen_at:%Y-%m-%d %H:%M} UTC" if workspace.frozen_at else ""
        by = f" by {workspace.frozen_by}" if workspace.frozen_by else ""
        raise PolicyViolation(
            f"Changes are frozen for this workspace{by}{since}: nothing is applied. An admin can unfreeze it in "
            "the pinagent console (Settings) or with `pinagent freeze --off`."
        )


def check_writable(workspace: Workspace | None) -> None:
    """Raises: PolicyViolation when the workspace is read-only."""
    if workspace is not None and workspace.read_only:
        raise PolicyViolation(
            "This workspace is read-only: pinagent may read Pinterest but not plan or apply changes. An admin "
            "can allow changes in the pinagent console (Settings)."
        )
