"""Organic Pin metrics, deterministic per Pin per day, and ``pins/analytics``.

A Pin earns nothing before it was created; afterwards impressions start with a burst that fades over
a couple of weeks into a long tail (``_profile.popularity`` = typical daily impressions, else
hash-derived). Saves, Pin clicks, outbound clicks (Pins with a link only), follows and profile
visits are shares of impressions; every day is split over MOBILE/TABLET/WEB with exact sums.
TOTAL_COMMENTS and TOTAL_REACTIONS are lifetime counts. Video metrics are 0 (no video Pins).

``pins/analytics`` (FACTS.md §6): ``start_date``/``end_date`` at most 90 days back and 90 days
long, ``metric_types`` comma-separated, ``app_types``, ``split_field`` NO_SPLIT (key ``"all"``) or
APP_TYPE (keys MOBILE, TABLET, WEB). Errors are 400 code 400 "Invalid pins analytics parameters. …";
another user's Pin is 403 code 403 "Not authorized to access board or Pin.".
"""

from __future__ import annotations

import datetime as dt
import math
from functools import lru_cache
from typing import Any

from pinagent.emulator import organic, params
from pinagent.emulator.delivery import allocate, day_number
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ApiError
from pinagent.emulator.metrics import DAY_SECONDS, EPOCH, stochastic_round, unit
from pinagent.emulator.state import Doc, Tx

DAILY = ("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK", "USER_FOLLOW", "PROFILE_VISIT")
VIDEO = (
    "VIDEO_MRC_VIEW",
    "VIDEO_10S_VIEW",
    "QUARTILE_95_PERCENT_VIEW",
    "VIDEO_V50_WATCH_TIME",
    "VIDEO_START",
    "VIDEO_AVG_WATCH_TIME",
)
LIFETIME = ("TOTAL_COMMENTS", "TOTAL_REACTIONS")
METRIC_TYPES = (*DAILY, "SAVE_RATE", *LIFETIME, *VIDEO)
APPS = ("MOBILE", "TABLET", "WEB")
APP_SHARES = [0.68, 0.07, 0.25]


@lru_cache(maxsize=200_000)
def pin_day(pin_id: str, created_day: int, has_link: bool, popularity: float, day: int) -> tuple[tuple[int, ...], ...]:
    """One Pin-day per app type (MOBILE, TABLET, WEB), each in :data:`DAILY` order."""
    if day < created_day:
        return tuple((0,) * len(DAILY) for _ in APPS)
    age = day - created_day
    u = [unit(pin_id, day, n) for n in range(7)]
    impressions = stochastic_round(popularity * (1 + 2.5 * math.exp(-age / 6)) * (0.7 + 0.6 * u[0]), u[1])
    saves = stochastic_round(impressions * (0.01 + 0.03 * unit(pin_id, "save")), u[2])
    clicks = stochastic_round(impressions * (0.02 + 0.03 * unit(pin_id, "click")), u[3])
    outbound = stochastic_round(clicks * (0.3 + 0.3 * unit(pin_id, "out")), u[4]) if has_link else 0
    follows = stochastic_round(impressions * 0.0015, u[5])
    visits = stochastic_round(impressions * 0.004, u[6])
    totals = (impressions, saves, clicks, outbound, follows, visits)
    per_app = [allocate(total, APP_SHARES) for total in totals]
    return tuple(tuple(values[a] for values in per_app) for a in range(len(APPS)))


def _inputs(pin: Doc) -> tuple[str, int, bool, float]:
    created = dt.datetime.fromisoformat(str(pin["created_at"]).replace("Z", "+00:00"))
    popularity = (pin.get("_profile") or {}).get("popularity")
    if popularity is None:
        popularity = 80 + 820 * unit(pin["id"], "popularity")
    return str(pin["id"]), int(created.timestamp()) // DAY_SECONDS, bool(pin.get("link")), float(popularity)


def lifetime(pin: Doc, today: int) -> dict[str, int]:
    """Lifetime comments and reactions, growing with the Pin's age."""
    pin_id, created_day, _, popularity = _inputs(pin)
    age = max(0, today - created_day)
    return {
        "TOTAL_COMMENTS": int(age * popularity * 0.0004 * (0.5 + unit(pin_id, "comments"))),
        "TOTAL_REACTIONS": int(age * popularity * 0.003 * (0.5 + unit(pin_id, "reactions"))),
    }


def _sum(pin: Doc, days: range) -> list[int]:
    inputs = _inputs(pin)
    total = [0] * len(DAILY)
    for day in days:
        for app in pin_day(*inputs, day):
            for i, value in enumerate(app):
                total[i] += value
    return total


def pin_metrics_object(pin: Doc, now: float) -> dict[str, Any]:
    """The ``pin_metrics`` object of ``Pin`` (``?pin_metrics=true``): last 90 days and lifetime."""
    today = int(now) // DAY_SECONDS
    created_day = _inputs(pin)[1]
    recent = _sum(pin, range(today - 89, today + 1))
    ever = _sum(pin, range(min(created_day, today), today + 1))
    extra = lifetime(pin, today)

    def block(values: list[int]) -> dict[str, int]:
        return {"pin_click": values[2], "impression": values[0], "clickthrough": values[3]}

    life = {**block(ever), "reaction": extra["TOTAL_REACTIONS"], "comment": extra["TOTAL_COMMENTS"]}
    return {"90d": block(recent), "lifetime_metrics": life}


def _fail(detail: str) -> ApiError:
    return ApiError(400, 400, f"Invalid pins analytics parameters. {detail}")


def _dates(ctx: RequestContext, today: dt.date) -> tuple[dt.date, dt.date]:
    found = []
    for name in ("start_date", "end_date"):
        raw = ctx.first(name)
        if raw is None:
            raise _fail(f"'{name}' is required (YYYY-MM-DD).")
        try:
            found.append(dt.date.fromisoformat(raw))
        except ValueError:
            raise _fail(f"'{name}' must be a date formatted YYYY-MM-DD (got '{raw}').") from None
    start, end = found
    if start > end:
        raise _fail(f"'start_date' ({start}) must not be after 'end_date' ({end}).")
    if start < today - dt.timedelta(days=90):
        raise _fail(f"'start_date' {start} is more than 90 days before today ({today}).")
    if (end - start).days + 1 > 90:
        raise _fail(f"the date range {start}..{end} is longer than 90 days.")
    return start, end


def _metric_types(ctx: RequestContext, split: str) -> list[str]:
    names = [m.strip() for raw in ctx.values("metric_types") for m in raw.split(",") if m.strip()]
    if not names:
        raise _fail("'metric_types' is required: a comma-separated list such as IMPRESSION,SAVE.")
    if "ALL" in names:
        if split != "NO_SPLIT":
            raise _fail("'metric_types' cannot be ALL when 'split_field' is not NO_SPLIT.")
        return [*DAILY, "SAVE_RATE", *LIFETIME]
    for name in names:
        if name not in METRIC_TYPES:
            raise _fail(f"unknown metric type '{name}' (allowed: {', '.join(METRIC_TYPES)}).")
    return list(dict.fromkeys(names))


def _metrics(values: list[int], wanted: list[str]) -> dict[str, float]:
    by_name = dict(zip(DAILY, values, strict=True))
    out: dict[str, float] = {}
    for name in wanted:
        if name in by_name:
            out[name] = by_name[name]
        elif name == "SAVE_RATE":
            out[name] = round(by_name["SAVE"] / by_name["IMPRESSION"], 4) if by_name["IMPRESSION"] else 0.0
        elif name in VIDEO:
            out[name] = 0
    return out


def pin_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/pins/{pin_id}/analytics``."""
    user = organic.operation_user(ctx, tx)
    pin = organic.require_pin(tx, ctx.path_params["pin_id"], user, ctx.scopes)
    if pin["_owner"] != user["id"]:
        raise ApiError(403, 403, "Not authorized to access board or Pin.")
    today = dt.datetime.fromtimestamp(tx.now(), dt.UTC).date()
    start, end = _dates(ctx, today)
    split = params.optional_enum(ctx, "split_field", ("NO_SPLIT", "APP_TYPE"), "NO_SPLIT") or "NO_SPLIT"
    app_type = params.optional_enum(ctx, "app_types", ("ALL", *APPS), "ALL") or "ALL"
    wanted = _metric_types(ctx, split)
    apps = list(range(len(APPS))) if app_type == "ALL" else [APPS.index(app_type)]
    groups = {"all": apps} if split == "NO_SPLIT" else {APPS[a]: [a] for a in apps}
    inputs = _inputs(pin)
    days = range(day_number(start), day_number(min(end, today)) + 1)
    out: dict[str, Any] = {}
    for key, members in groups.items():
        daily, summary = [], [0] * len(DAILY)
        for day in days:
            per_app = pin_day(*inputs, day)
            values = [sum(per_app[a][i] for a in members) for i in range(len(DAILY))]
            summary = [s + v for s, v in zip(summary, values, strict=True)]
            date = (EPOCH + dt.timedelta(days=day)).isoformat()
            if day < inputs[1]:
                daily.append({"date": date, "data_status": "BEFORE_PIN_CREATED", "metrics": {}})
            else:
                daily.append({"date": date, "data_status": "READY", "metrics": _metrics(values, wanted)})
        life = lifetime(pin, day_number(today))
        out[key] = {
            "daily_metrics": daily,
            "summary_metrics": _metrics(summary, wanted),
            "lifetime_metrics": {name: life[name] for name in LIFETIME if name in wanted},
        }
    return Reply(out)


OPERATIONS = [
    Operation(
        "pins/analytics",
        "GET",
        "/v5/pins/{pin_id}/analytics",
        "org_analytics",
        ("boards:read", "pins:read"),
        pin_analytics,
    ),
]
