"""The built-in datasets, generated deterministically (seeded PRNG, fixed timestamps).

``default``: three business users and a pinner; Acme Outdoor owns an EUR account with a dozen
campaigns carrying realistic problems, sees an agency's account with the read-only ANALYST role,
and owns a catalog account with 320 campaigns (so pagination is real); ad groups, ads, audiences,
boards and Pins come from :mod:`generator_ads` and :mod:`generator_organic`. ``large`` adds five
accounts of 1,000 campaigns each and a catalog board of 200 Pins.
"""

from __future__ import annotations

import random
from typing import Any

from pinagent.emulator import generator_ads, generator_organic

DEFAULT_APP_ID = "1500001"
DEFAULT_APP_SECRET = "emulator-secret-1500001-not-for-production"  # noqa: S105 - public, emulator only
DEFAULT_USERNAME = "acme_outdoor"
FORMAT = "pinagent-emulator-dataset/1"

ACME_ID = "829044275091832051"
NORTHPEAK_ID = "829044275091832052"
LENA_ID = "829044275091832053"

ACME_EU = "549764001001"
NORTHPEAK_SHARED = "549764001002"
ACME_CATALOG = "549764001003"
NORTHPEAK_INTERNAL = "549764001004"

DAY = 86_400
BASE = 1_735_689_600  # 2025-01-01T00:00:00Z: fixed so the dataset never depends on the wall clock
M = 1_000_000


def _users() -> list[dict[str, Any]]:
    return [
        {
            "id": ACME_ID,
            "username": DEFAULT_USERNAME,
            "account_type": "BUSINESS",
            "business_name": "Acme Outdoor Co.",
            "about": "Gear for every trail. Hiking, camping and running equipment made to last.",
            "website_url": "https://acme-outdoor.example",
            "profile_image": "https://i.pinimg.example/75x75_RS/acme_outdoor.jpg",
            "board_count": 24,
            "pin_count": 1312,
            "follower_count": 18450,
            "following_count": 212,
            "monthly_views": 1250000,
        },
        {
            "id": NORTHPEAK_ID,
            "username": "northpeak_agency",
            "account_type": "BUSINESS",
            "business_name": "Northpeak Digital Agency",
            "about": "Performance marketing for outdoor and lifestyle brands.",
            "website_url": "https://northpeak.example",
            "profile_image": "https://i.pinimg.example/75x75_RS/northpeak_agency.jpg",
            "board_count": 6,
            "pin_count": 140,
            "follower_count": 2310,
            "following_count": 410,
            "monthly_views": 38000,
        },
        {
            "id": LENA_ID,
            "username": "lena_pins",
            "account_type": "PINNER",
            "business_name": None,
            "about": "Trail runner. Collecting ideas for the next adventure.",
            "website_url": "",
            "profile_image": "https://i.pinimg.example/75x75_RS/lena_pins.jpg",
            "board_count": 11,
            "pin_count": 389,
            "follower_count": 97,
            "following_count": 305,
            "monthly_views": 1200,
        },
    ]


def _profile(**overrides: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {
        "utilization": 0.8,
        "cpm": 6.0,
        "ctr": 0.010,
        "outbound_share": 0.7,
        "checkout_rate": 0.025,
        "order_value": 85.0,
        "earned_share": 0.18,
        "ctr_trend_14d": 0.0,
        "paused_days_ago": None,
    }
    profile.update(overrides)
    return profile


# name, objective, status, daily cap (units), lifetime cap (units), created (days after BASE), profile
_ACME_EU_CAMPAIGNS: list[tuple[str, str, str, int | None, int | None, int, dict[str, Any]]] = [
    ("Spring Sale – Conversions", "WEB_CONVERSION", "ACTIVE", 100, None, 60, _profile(checkout_rate=0.03)),
    ("Spring Hiking Boots – Conversions", "WEB_CONVERSION", "ACTIVE", 150, None, 20, _profile(ctr=0.011)),
    (
        "Trail Running Launch – Conversions",  # high CPA: plenty of clicks, almost no checkouts
        "WEB_CONVERSION",
        "ACTIVE",
        120,
        None,
        75,
        _profile(ctr=0.012, checkout_rate=0.004, order_value=70.0),
    ),
    (
        "Summer Tents – Catalog Sales",  # budget-limited: spends its whole cap every day
        "CATALOG_SALES",
        "ACTIVE",
        80,
        None,
        90,
        _profile(utilization=1.45, ctr=0.013, checkout_rate=0.035, order_value=140.0),
    ),
    (
        "Rain Jackets – Prospecting",  # creative fatigue: CTR falling over the last two weeks
        "CONSIDERATION",
        "ACTIVE",
        60,
        None,
        35,
        _profile(ctr=0.014, ctr_trend_14d=0.55, checkout_rate=0.015),
    ),
    (
        "Evergreen Retargeting",  # paused high performer
        "WEB_CONVERSION",
        "PAUSED",
        50,
        None,
        5,
        _profile(ctr=0.018, checkout_rate=0.06, order_value=110.0, paused_days_ago=9),
    ),
    ("Brand Awareness – DACH", "AWARENESS", "ACTIVE", 200, None, 10, _profile(cpm=3.8, ctr=0.004)),
    ("Camping Cookware – Consideration", "CONSIDERATION", "ACTIVE", 40, None, 45, _profile(ctr=0.009)),
    ("Video – Alpine Stories", "VIDEO_COMPLETION", "ACTIVE", None, 4500, 50, _profile(cpm=5.0, ctr=0.003)),
    (
        "Black Friday 2024 – Sale",
        "WEB_CONVERSION",
        "ARCHIVED",
        250,
        None,
        -45,
        _profile(checkout_rate=0.04, paused_days_ago=400),
    ),
    (
        "Winter Sleeping Bags – Catalog",
        "CATALOG_SALES",
        "PAUSED",
        70,
        None,
        -20,
        _profile(checkout_rate=0.02, paused_days_ago=48),
    ),
    ("Kids Outdoor Gear – Consideration", "CONSIDERATION", "ACTIVE", 35, None, 70, _profile(ctr=0.008)),
    (
        "Backpacks – Conversions (Test)",
        "WEB_CONVERSION",
        "ACTIVE",
        25,
        None,
        95,
        _profile(checkout_rate=0.02),
    ),
    (
        "Climbing Gear – Awareness",
        "AWARENESS",
        "ARCHIVED",
        90,
        None,
        -60,
        _profile(cpm=4.2, ctr=0.005, paused_days_ago=150),
    ),
]

_SHARED_CAMPAIGNS: list[tuple[str, str, str, int | None, int | None, int, dict[str, Any]]] = [
    ("Fjord Coffee – Always-on Conversions", "WEB_CONVERSION", "ACTIVE", 90, None, 30, _profile()),
    ("Fjord Coffee – Awareness Q2", "AWARENESS", "ACTIVE", 140, None, 40, _profile(cpm=3.5, ctr=0.004)),
    ("Fjord Coffee – Catalog", "CATALOG_SALES", "PAUSED", 60, None, 15, _profile(paused_days_ago=21)),
    (
        "Fjord Coffee – Holiday 2024",
        "WEB_CONVERSION",
        "ARCHIVED",
        120,
        None,
        -50,
        _profile(paused_days_ago=200),
    ),
    ("Fjord Coffee – Video Test", "VIDEO_COMPLETION", "ACTIVE", 45, None, 80, _profile(ctr=0.003)),
]


def _campaign(
    account_id: str, campaign_id: str, spec: tuple[str, str, str, int | None, int | None, int, dict[str, Any]]
) -> dict[str, Any]:
    name, objective, status, daily, lifetime, created_day, profile = spec
    created = BASE + created_day * DAY + 9 * 3600 + int(campaign_id[-3:]) * 7
    return {
        "id": campaign_id,
        "ad_account_id": account_id,
        "name": name,
        "status": status,
        "objective_type": objective,
        "daily_spend_cap": None if daily is None else daily * M,
        "lifetime_spend_cap": None if lifetime is None else lifetime * M,
        "start_time": created + 3600,
        "end_time": None,
        "created_time": created,
        "updated_time": created + 2 * DAY,
        "tracking_urls": None,
        "order_line_id": None,
        "is_campaign_budget_optimization": False,
        "is_flexible_daily_budgets": False,
        "is_automated_campaign": False,
        "is_performance_plus": False,
        "default_ad_group_budget_in_micro_currency": None,
        "metrics_profile": profile,
    }


_CATEGORIES = ("Tents", "Backpacks", "Boots", "Jackets", "Sleeping Bags", "Stoves", "Headlamps", "Poles")
_REGIONS = ("DE", "AT", "CH", "FR", "NL", "IT", "ES", "UK")
_OBJECTIVES = ("CATALOG_SALES", "WEB_CONVERSION", "CONSIDERATION", "AWARENESS")


def _bulk_campaigns(account_id: str, first_id: int, count: int, seed: str) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    campaigns = []
    for n in range(count):
        roll = rng.random()
        status = "ACTIVE" if roll < 0.5 else "PAUSED" if roll < 0.88 else "ARCHIVED"
        paused = None if status == "ACTIVE" else rng.randint(5, 60) if status == "PAUSED" else rng.randint(60, 300)
        spec = (
            f"{rng.choice(_CATEGORIES)} – {rng.choice(_REGIONS)} – Always-on #{n + 1:04d}",
            rng.choice(_OBJECTIVES),
            status,
            rng.choice((10, 15, 20, 25, 30, 40, 50)),
            None,
            rng.randint(-120, 100),
            _profile(
                utilization=round(rng.uniform(0.5, 1.1), 2),
                cpm=round(rng.uniform(3.0, 9.0), 2),
                ctr=round(rng.uniform(0.004, 0.016), 4),
                checkout_rate=round(rng.uniform(0.005, 0.04), 4),
                order_value=round(rng.uniform(30, 160), 2),
                paused_days_ago=paused,
            ),
        )
        campaigns.append(_campaign(account_id, str(first_id + n), spec))
    return campaigns


def _account(
    account_id: str,
    name: str,
    owner: str,
    country: str,
    currency: str,
    created_day: int,
    perms: dict[str, list[str]],
) -> dict[str, Any]:
    return {
        "id": account_id,
        "name": name,
        "owner": owner,
        "country": country,
        "currency": currency,
        "created_time": BASE + created_day * DAY,
        "permissions": perms,
    }


def generate(name: str = "default") -> dict[str, Any]:
    """The built-in dataset ``default`` or ``large`` as a JSON-able document.

    Raises:
        ValueError: unknown dataset name.
    """
    if name not in ("default", "large"):
        raise ValueError(f"unknown built-in dataset '{name}' (use 'default', 'large' or a JSON file)")
    accounts = [
        _account(ACME_EU, "Acme Outdoor – EU", DEFAULT_USERNAME, "DE", "EUR", -400,
                 {DEFAULT_USERNAME: ["OWNER"], "northpeak_agency": ["ADMIN"]}),
        _account(NORTHPEAK_SHARED, "Fjord Coffee (managed by Northpeak)", "northpeak_agency", "US", "USD", -300,
                 {"northpeak_agency": ["OWNER"], DEFAULT_USERNAME: ["ANALYST"]}),
        _account(ACME_CATALOG, "Acme Outdoor – Catalog Always-on", DEFAULT_USERNAME, "DE", "EUR", -380,
                 {DEFAULT_USERNAME: ["OWNER"]}),
        _account(NORTHPEAK_INTERNAL, "Northpeak – Internal Tests", "northpeak_agency", "US", "USD", -200,
                 {"northpeak_agency": ["OWNER"]}),
    ]  # fmt: skip
    campaigns = [_campaign(ACME_EU, str(626_744_100_001 + i), s) for i, s in enumerate(_ACME_EU_CAMPAIGNS)]
    campaigns += [_campaign(NORTHPEAK_SHARED, str(626_744_200_001 + i), s) for i, s in enumerate(_SHARED_CAMPAIGNS)]
    campaigns += _bulk_campaigns(ACME_CATALOG, 626_744_300_001, 320, "acme-catalog")
    campaigns += _bulk_campaigns(NORTHPEAK_INTERNAL, 626_744_400_001, 3, "northpeak-internal")
    if name == "large":
        for k in range(5):
            account_id = str(549_764_001_101 + k)
            accounts.append(
                _account(account_id, f"Acme Outdoor – Market {k + 1:02d}", DEFAULT_USERNAME, "DE", "EUR", -300,
                         {DEFAULT_USERNAME: ["OWNER"]})
            )  # fmt: skip
            campaigns += _bulk_campaigns(account_id, 626_745_000_001 + k * 10_000, 1000, f"market-{k}")
    boards, pins = generator_organic.boards_and_pins(large=name == "large")
    acme_pins = generator_organic.promotable_pins(pins, 1)
    northpeak_pins = generator_organic.promotable_pins(pins, 101)
    ad_groups: list[dict[str, Any]] = []
    ads: list[dict[str, Any]] = []
    for account in accounts:
        mine = [c for c in campaigns if c["ad_account_id"] == account["id"]]
        owned_pins = acme_pins if account["owner"] == DEFAULT_USERNAME else northpeak_pins
        groups, account_ads = generator_ads.ad_groups_and_ads(mine, owned_pins)
        ad_groups += groups
        ads += account_ads
    return {
        "format": FORMAT,
        "name": name,
        "apps": [
            {
                "id": DEFAULT_APP_ID,
                "secret": DEFAULT_APP_SECRET,
                "name": "pinagent",
                "redirect_uris": [],
                "allow_loopback": True,
            }
        ],
        "users": _users(),
        "ad_accounts": accounts,
        "campaigns": campaigns,
        "ad_groups": ad_groups,
        "ads": ads,
        "audiences": generator_ads.audiences(),
        "boards": boards,
        "pins": pins,
        "daily_metrics": [],
    }
