"""Connection states (PRODUCT.md §5) and what the ad-account roles allow."""

from __future__ import annotations

from enum import StrEnum


class ConnectionStatus(StrEnum):
    NOT_CONNECTED = "not_connected"
    ACTIVE = "active"
    NEEDS_RECONNECT = "needs_reconnect"
    DISCONNECTED = "disconnected"

    @property
    def label(self) -> str:
        return {
            ConnectionStatus.NOT_CONNECTED: "Not connected",
            ConnectionStatus.ACTIVE: "Active",
            ConnectionStatus.NEEDS_RECONNECT: "Needs reconnect",
            ConnectionStatus.DISCONNECTED: "Disconnected",
        }[self]


class AccountMode(StrEnum):
    """What the admin lets the agent do on a shared ad account."""

    READ = "read"
    READ_WRITE = "read_write"


# Pinterest Business Access roles that may change campaigns, ad groups and ads.
ADS_WRITE_ROLES = frozenset({"OWNER", "ADMIN", "CAMPAIGN_MANAGER"})


def can_write_ads(permissions: list[str]) -> bool:
    return bool(ADS_WRITE_ROLES.intersection(permissions))
