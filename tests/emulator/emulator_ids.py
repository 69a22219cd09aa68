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
SPRING_SALE = "626744100001"
SPRING_BOOTS = "626744100002"
CAPPED_TENTS = "626744100004"  # spends its whole 80 EUR cap every day
VIDEO_CAMPAIGN = "626744100009"  # VIDEO_COMPLETION, lifetime cap
ARCHIVED_CAMPAIGN = "626744100010"
COOKWARE = "626744100008"
FIRST_GROUP = "2680064100001"  # Spring Sale – Prospecting: its only ad is REJECTED
NARROW_GROUP = "2680064100008"  # Boots – VIP lookalike 55+ (narrow): low delivery
REJECTED_AD = "687200100001"
HIGH_CPC_AD = "687200100042"
SITE_VISITORS = "2542620100001"  # VISITOR audience of ACME_EU
TOO_SMALL_AUDIENCE = "2542620100005"
RECEIVED_AUDIENCE = "2542620100006"
ACME_PIN = "821047200000000001"  # on a PUBLIC board
ADS_ONLY_PIN = "821047200000000019"  # on the PROTECTED "Ad-only Pins" board
SECRET_PIN = "821047200000000021"
PUBLIC_BOARD = "821047100000000001"
ADS_ONLY_BOARD = "821047100000000006"
SECRET_BOARD = "821047100000000007"
NORTHPEAK_PUBLIC_PIN = "821047200000000101"
NORTHPEAK_SECRET_BOARD = "821047100000000102"
LENA_PUBLIC_BOARD = "821047100000000201"
