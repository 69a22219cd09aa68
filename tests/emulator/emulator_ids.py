"""Ids and scopes of the default dataset used across the emulator tests."""

from __future__ import annotations

ALL_SCOPES = [
    "user_accounts:read",
    "ads:read",
    "ads:write",
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
]
ACME_EU = "549764001001"  # owned by acme_outdoor, 14 campaigns
SHARED_ANALYST = "549764001002"  # owned by northpeak_agency, acme_outdoor is ANALYST
ACME_CATALOG = "549764001003"  # owned by acme_outdoor, 320 campaigns
NORTHPEAK_ONLY = "549764001004"  # not shared with acme_outdoor
