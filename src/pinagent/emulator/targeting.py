"""Ad group ``targeting_spec`` and ``optimization_goal_metadata`` rules (spec ``TargetingSpec``).

Keys: AGE_BUCKET, APPTYPE, AUDIENCE_INCLUDE/EXCLUDE, GENDER, GEO, INTEREST, LOCALE, LOCATION,
MINIMUM_AGE/MAXIMUM_AGE (together, not with AGE_BUCKET), SHOPPING_RETARGETING, TARGETING_STRATEGY.
Audience ids must name audiences of the same ad account.
"""

from __future__ import annotations

import re
from typing import Any

from pinagent.emulator import params
from pinagent.emulator.errors import invalid_parameter
from pinagent.emulator.state import Tx

AGE_BUCKETS = ("18-24", "19+", "20+", "21+", "25-34", "35-44", "45-49", "50-54", "55-64", "65+")
APP_TYPES = ("android_mobile", "android_tablet", "ipad", "iphone", "web", "web_mobile")
GENDERS = ("unknown", "male", "female")
STRATEGIES = ("CHOOSE_YOUR_OWN", "FIND_NEW_CUSTOMERS", "RECONNECT_WITH_USERS")
ENUM_LISTS = {"AGE_BUCKET": AGE_BUCKETS, "APPTYPE": APP_TYPES, "GENDER": GENDERS, "TARGETING_STRATEGY": STRATEGIES}
STRING_LISTS = ("GEO", "INTEREST", "LOCALE", "LOCATION")
ID_LISTS = ("AUDIENCE_INCLUDE", "AUDIENCE_EXCLUDE")
KEYS = (*ENUM_LISTS, *STRING_LISTS, *ID_LISTS, "MINIMUM_AGE", "MAXIMUM_AGE", "SHOPPING_RETARGETING")
CONVERSION_EVENTS = (
    "PAGE_VISIT",
    "SIGNUP",
    "CHECKOUT",
    "CUSTOM",
    "VIEW_CATEGORY",
    "SEARCH",
    "ADD_TO_CART",
    "WATCH_VIDEO",
    "LEAD",
    "APP_INSTALL",
)
GOAL_KEYS = ("conversion_tag_v3_goal_metadata", "frequency_goal_metadata", "scrollup_goal_metadata")
AGE = re.compile(r"^\d+\+?$")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _age(spec: dict[str, Any]) -> str | None:
    low, high = spec.get("MINIMUM_AGE"), spec.get("MAXIMUM_AGE")
    if low is None and high is None:
        return None
    if (low is None) != (high is None):
        return "MINIMUM_AGE and MAXIMUM_AGE must be used together"
    if spec.get("AGE_BUCKET"):
        return "MINIMUM_AGE/MAXIMUM_AGE cannot be combined with AGE_BUCKET"
    if not (isinstance(low, str) and low.isdigit() and isinstance(high, str) and AGE.match(high)):
        return 'MINIMUM_AGE must be like "18" and MAXIMUM_AGE like "65" or "65+"'
    if not 18 <= int(low) <= 65 or not 18 <= int(high.rstrip("+")) <= 65 or int(low) > int(high.rstrip("+")):
        return 'ages must be between 18 and 65 (MAXIMUM_AGE may be "65+") with MINIMUM_AGE ≤ MAXIMUM_AGE'
    return None


def targeting_spec(value: Any) -> str | None:
    """A ``TargetingSpec`` object (or null)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return "must be an object"
    for key, entry in value.items():
        if key not in KEYS:
            return f"has an unknown key '{key}' (allowed: {', '.join(KEYS)})"
        if entry is None:
            continue
        if key in ENUM_LISTS and not (_strings(entry) and set(entry) <= set(ENUM_LISTS[key])):
            return f"{key} must be a list of values among {', '.join(ENUM_LISTS[key])}"
        if key in STRING_LISTS and not _strings(entry):
            return f"{key} must be a list of strings"
        if key in ID_LISTS and not (_strings(entry) and all(params.DIGITS.match(v) for v in entry)):
            return f"{key} must be a list of audience ids (digit strings)"
        if key == "SHOPPING_RETARGETING" and not (isinstance(entry, list) and all(isinstance(v, dict) for v in entry)):
            return "SHOPPING_RETARGETING must be a list of objects"
    return _age(value)


def optimization_goal_metadata(value: Any) -> str | None:
    """An ``OptimizationGoalMetadata`` object (or null)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= set(GOAL_KEYS):
        return f"must be an object with keys among {', '.join(GOAL_KEYS)}, or null"
    conversion = value.get("conversion_tag_v3_goal_metadata")
    if conversion is not None:
        if not isinstance(conversion, dict):
            return "conversion_tag_v3_goal_metadata must be an object"
        event = conversion.get("conversion_event")
        if event is not None and event not in CONVERSION_EVENTS:
            return f"conversion_event must be one of {', '.join(CONVERSION_EVENTS)}"
        for key in ("conversion_tag_id", "cpa_goal_value_in_micro_currency"):
            if key in conversion and not (isinstance(conversion[key], str) and conversion[key].isdigit()):
                return f"{key} must be a digit string"
    frequency = value.get("frequency_goal_metadata")
    if isinstance(frequency, dict) and "frequency" in frequency:
        count = frequency["frequency"]
        if not isinstance(count, int) or isinstance(count, bool) or not 2 <= count <= 20:
            return "frequency_goal_metadata.frequency must be an integer between 2 and 20"
    return None


def check_audiences(tx: Tx, spec: dict[str, Any], account_id: str) -> None:
    """AUDIENCE_INCLUDE/EXCLUDE must name audiences of the ad account.

    Raises:
        ApiError: 400 code 1 naming the unknown audience.
    """
    for key in ID_LISTS:
        for audience_id in spec.get(key) or []:
            audience = tx.get("audience", audience_id)
            if audience is None or audience["ad_account_id"] != account_id or audience.get("_removed"):
                raise invalid_parameter(
                    f"targeting_spec {key}: audience {audience_id} not found in ad account {account_id}."
                )
