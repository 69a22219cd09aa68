"""Built-in boards and Pins (deterministic): Acme Outdoor's PUBLIC, PROTECTED (ads-only) and SECRET
boards with 24 Pins, a few of Northpeak's and Lena's; the ``large`` dataset adds a catalog board."""

from __future__ import annotations

import datetime as dt
from typing import Any

BASE = 1_735_689_600  # 2025-01-01T00:00:00Z
DAY = 86_400
BOARD_BASE = 821_047_100_000_000_000
PIN_BASE = 821_047_200_000_000_000
SECRET_BOARD_ID = str(BOARD_BASE + 7)
ADS_ONLY_BOARD_ID = str(BOARD_BASE + 6)

# (owner, number, name, description, privacy, created day, pins: (title, slug, link?))
_BOARDS: list[tuple[str, int, str, str, str, int, list[tuple[str, str]]]] = [
    ("acme_outdoor", 1, "Hiking Boots & Trail Shoes", "Boots that go the distance.", "PUBLIC", -200,
     [("Alpine GTX hiking boot", "alpine-gtx"), ("Trail Runner Pro 2", "trail-runner-pro-2"),
      ("Waterproofing your boots in 5 steps", "waterproofing-guide"), ("Kids' first hiking boots", "kids-boots")]),
    ("acme_outdoor", 2, "Camping Tents", "Two-person to family tents for every season.", "PUBLIC", -190,
     [("Ridge 2 ultralight tent", "ridge-2"), ("Family Dome 6", "family-dome-6"),
      ("How to pitch a tent in the rain", "pitch-in-rain"), ("Summer tent sale", "summer-tent-sale")]),
    ("acme_outdoor", 3, "Rain & Outdoor Jackets", "Stay dry on the trail.", "PUBLIC", -150,
     [("Storm Shell rain jacket", "storm-shell"), ("Packable wind jacket", "packable-wind"),
      ("Layering for wet weather", "layering-wet"), ("Rain jacket buying guide", "rain-jacket-guide")]),
    ("acme_outdoor", 4, "Trail Running", "Gear and routes for trail runners.", "PUBLIC", -120,
     [("Trail vest 12L", "trail-vest-12"), ("Best Alpine trail runs", "alpine-runs"),
      ("Trail Running launch lookbook", "trail-launch")]),
    ("acme_outdoor", 5, "Backpacks & Packing Lists", "What to pack and what to pack it in.", "PUBLIC", -100,
     [("Summit 40 backpack", "summit-40"), ("Weekend hut-to-hut packing list", "hut-packing-list"),
      ("Camp kitchen essentials", "camp-kitchen")]),
    ("acme_outdoor", 6, "Ad-only Pins", "", "PROTECTED", -90,
     [("Spring Sale – up to 30% off", "spring-sale-ad"), ("Evergreen: customers also bought", "evergreen-ad")]),
    ("acme_outdoor", 7, "AW26 Collection – Drafts", "Unreleased autumn/winter 2026 products.", "SECRET", -30,
     [("AW26 insulated parka (draft)", "aw26-parka"), ("AW26 winter boot prototype", "aw26-boot"),
      ("AW26 sleeping bag colourways", "aw26-bag"), ("AW26 campaign moodboard", "aw26-moodboard")]),
    ("northpeak_agency", 101, "Fjord Coffee – Creatives", "Client creatives.", "PUBLIC", -250,
     [("Fjord Coffee cold brew", "fjord-cold-brew"), ("Morning pour-over ritual", "fjord-pour-over"),
      ("Fjord Coffee holiday blend", "fjord-holiday"), ("Fjord Coffee subscription", "fjord-subscription")]),
    ("northpeak_agency", 102, "Agency Tests", "", "SECRET", -60,
     [("A/B test creative – variant A", "np-test-a"), ("A/B test creative – variant B", "np-test-b")]),
    ("lena_pins", 201, "Trail running ideas", "", "PUBLIC", -300,
     [("Sunrise run in the Dolomites", "lena-dolomites"), ("Trail shoe wishlist", "lena-wishlist"),
      ("Hydration tips", "lena-hydration")]),
    ("lena_pins", 202, "Next adventure", "", "SECRET", -40,
     [("Lofoten hiking plan", "lena-lofoten"), ("Packing list for Norway", "lena-norway")]),
]  # fmt: skip
OWNERS_WEBSITE = {
    "acme_outdoor": "https://acme-outdoor.example",
    "northpeak_agency": "https://fjord-coffee.example",
    "lena_pins": "",
}


def iso(ts: int) -> str:
    """ISO 8601 UTC date-time."""
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _board(owner: str, number: int, name: str, description: str, privacy: str, day: int) -> dict[str, Any]:
    return {
        "id": str(BOARD_BASE + number),
        "owner": owner,
        "name": name,
        "description": description,
        "privacy": privacy,
        "is_ads_only": privacy == "PROTECTED",
        "created_at": iso(BASE + day * DAY + 10 * 3600 + number * 60),
        "follower_count": 0 if privacy != "PUBLIC" else 120 + number * 37,
        "collaborator_count": 0,
    }


def _pin(board: dict[str, Any], pin_number: int, title: str, slug: str, day: int) -> dict[str, Any]:
    website = OWNERS_WEBSITE[board["owner"]]
    return {
        "id": str(PIN_BASE + pin_number),
        "board_id": board["id"],
        "title": title,
        "description": f"{title}. Find out more on our website.",
        "link": f"{website}/{slug}" if website else None,
        "alt_text": title,
        "dominant_color": ["#4B6043", "#2F4F6F", "#A0522D", "#556B2F"][pin_number % 4],
        "created_at": iso(BASE + day * DAY + 14 * 3600 + pin_number * 97),
        "image_url": f"https://images.example/{board['owner']}/{slug}.jpg",
        "metrics_profile": {"popularity": 60 + (pin_number * 137) % 900},
    }


def boards_and_pins(large: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The built-in boards and Pins (``large`` adds a catalog board of 200 Pins for acme_outdoor)."""
    boards: list[dict[str, Any]] = []
    pins: list[dict[str, Any]] = []
    next_pin = {"acme_outdoor": 1, "northpeak_agency": 101, "lena_pins": 201}
    for owner, number, name, description, privacy, day, pin_specs in _BOARDS:
        board = _board(owner, number, name, description, privacy, day)
        boards.append(board)
        for k, (title, slug) in enumerate(pin_specs):
            pins.append(_pin(board, next_pin[owner], title, slug, day + 3 + 4 * k))
            next_pin[owner] += 1
    if large:
        board = _board("acme_outdoor", 8, "Catalog Products", "Every product in the catalog.", "PUBLIC", -80)
        boards.append(board)
        for k in range(200):
            pins.append(_pin(board, 1001 + k, f"Catalog product #{k + 1:03d}", f"product-{k + 1:03d}", -78 + k % 70))
    return boards, pins


def promotable_pins(pins: list[dict[str, Any]], owner_prefix: int) -> list[str]:
    """Ids of the PUBLIC-board Pins numbered from ``owner_prefix`` (1 acme, 101 northpeak)."""
    first = PIN_BASE + owner_prefix
    public_boards = {str(BOARD_BASE + n) for n in (1, 2, 3, 4, 5, 101)}
    return [p["id"] for p in pins if first <= int(p["id"]) < first + 100 and p["board_id"] in public_boards]
