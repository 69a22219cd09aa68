"""Datasets: the built-in generated ones and the documented JSON file format.

A dataset is a JSON document (see docs/emulator.md)::

    {"format": "pinagent-emulator-dataset/1", "apps": [...], "users": [...], "ad_accounts": [...],
     "campaigns": [...], "ad_groups": [], "ads": [], "audiences": [], "boards": [], "pins": [],
     "daily_metrics": [...]}

:func:`load` resolves ``"default"``, ``"large"`` or a file path; :func:`seed` writes a dataset into
the state; :func:`dump` writes the default dataset as an example file.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import sys
from typing import Any

from pinagent.emulator import dataset_entities
from pinagent.emulator.generator import DEFAULT_APP_ID, DEFAULT_APP_SECRET, FORMAT, generate
from pinagent.emulator.state import Tx

Dataset = dict[str, Any]
ENTITY_KINDS = {
    "ad_groups": "ad_group",
    "ads": "ad",
    "audiences": "audience",
    "boards": "board",
    "pins": "pin",
}


class DatasetError(ValueError):
    """A dataset file that does not follow the documented format."""


def load(spec: str) -> Dataset:
    """The dataset named by ``spec`` (``default``, ``large`` or a JSON file path), checked.

    Raises:
        DatasetError: the file is missing or does not follow the format.
    """
    if spec in ("default", "large"):
        return normalize(generate(spec))
    path = pathlib.Path(spec)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(f"cannot read dataset {path}: {exc}") from exc
    return normalize(data)


def _require(cond: bool, message: str) -> None:
    if not cond:
        raise DatasetError(message)


def _derived_id(*parts: str, digits: int = 18) -> str:
    value = int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")
    return str(10 ** (digits - 1) + value % (9 * 10 ** (digits - 1)))


def normalize(data: Any) -> Dataset:
    """Check a dataset document and fill defaults (ids, the default app, empty lists).

    Raises:
        DatasetError: a required field is missing or inconsistent.
    """
    _require(isinstance(data, dict), "a dataset must be a JSON object")
    _require(data.get("format", FORMAT) == FORMAT, f"unsupported dataset format (expected {FORMAT})")
    out: Dataset = {"format": FORMAT, "name": str(data.get("name", "custom"))}
    if data.get("default_username") is not None:
        out["default_username"] = str(data["default_username"])
    for key in ("apps", "users", "ad_accounts", "campaigns", "daily_metrics", *ENTITY_KINDS):
        value = data.get(key, [])
        _require(isinstance(value, list), f"'{key}' must be a list")
        out[key] = [dict(item) for item in value]
    users = out["users"]
    _require(bool(users), "a dataset needs at least one user")
    for user in users:
        _require(isinstance(user.get("username"), str), "every user needs a 'username'")
        user.setdefault("id", _derived_id("user", user["username"]))
        user.setdefault("account_type", "BUSINESS")
        user.setdefault("business_name", None)
    usernames = {u["username"] for u in users}
    apps = out["apps"]
    default = next((a for a in apps if str(a.get("id")) == DEFAULT_APP_ID), None)
    if default is None:
        apps.insert(0, {"id": DEFAULT_APP_ID, "secret": DEFAULT_APP_SECRET, "name": "pinagent"})
    for app in apps:
        _require("id" in app and "secret" in app, "every app needs 'id' and 'secret'")
        app["id"] = str(app["id"])
        app.setdefault("name", f"App {app['id']}")
        app.setdefault("redirect_uris", [])
        app.setdefault("allow_loopback", app["id"] == DEFAULT_APP_ID)
        if app["id"] == DEFAULT_APP_ID:
            app["secret"], app["allow_loopback"] = DEFAULT_APP_SECRET, True
    account_ids = set()
    for account in out["ad_accounts"]:
        _require(isinstance(account.get("id"), str) and account["id"].isdigit(), "ad account ids are digit strings")
        _require(account.get("owner") in usernames, f"ad account {account['id']}: 'owner' must be a username")
        perms = dict(account.get("permissions") or {})
        perms.setdefault(account["owner"], ["OWNER"])
        for username in perms:
            _require(username in usernames, f"ad account {account['id']}: unknown user '{username}'")
        account["permissions"] = perms
        account.setdefault("name", f"Ad account {account['id']}")
        account.setdefault("country", "US")
        account.setdefault("currency", "USD")
        account.setdefault("created_time", 1_704_067_200)
        account_ids.add(account["id"])
    for campaign in out["campaigns"]:
        _require(campaign.get("ad_account_id") in account_ids, "every campaign needs a known 'ad_account_id'")
        _require("name" in campaign and "objective_type" in campaign, "campaigns need 'name' and 'objective_type'")
        campaign.setdefault("id", _derived_id("campaign", campaign["ad_account_id"], campaign["name"], digits=12))
        campaign.setdefault("status", "ACTIVE")
        created = int(campaign.setdefault("created_time", 1_704_067_200))
        campaign.setdefault("start_time", created)
        campaign.setdefault("updated_time", created)
        for field in ("daily_spend_cap", "lifetime_spend_cap", "end_time", "tracking_urls", "order_line_id"):
            campaign.setdefault(field, None)
    try:
        dataset_entities.normalize(out, usernames)
    except dataset_entities.EntityError as exc:
        raise DatasetError(str(exc)) from exc
    return out


def seed(tx: Tx, dataset: Dataset) -> None:
    """Write ``dataset`` into an empty state."""
    users_by_name = {u["username"]: u for u in dataset["users"]}
    tx.meta_set("default_username", str(dataset.get("default_username") or dataset["users"][0]["username"]))
    for app in dataset["apps"]:
        tx.put("app", app["id"], app)
    for user in dataset["users"]:
        tx.put("user", user["id"], user)
    for account in dataset["ad_accounts"]:
        owner = users_by_name[account["owner"]]
        doc = {k: v for k, v in account.items() if k not in ("permissions", "owner")}
        doc["owner"] = {"username": owner["username"], "id": owner["id"]}
        doc.setdefault("updated_time", doc.get("created_time"))
        tx.put("ad_account", account["id"], doc, owner=owner["id"])
        for username, roles in account["permissions"].items():
            user_id = users_by_name[username]["id"]
            grant = {"ad_account_id": account["id"], "user_id": user_id, "roles": list(roles)}
            tx.put("grant", f"{account['id']}:{user_id}", grant, owner=user_id)
    for campaign in dataset["campaigns"]:
        doc = {k: v for k, v in campaign.items() if k != "metrics_profile"}
        doc["_profile"] = campaign.get("metrics_profile") or {}
        doc["_initial_status"] = doc["status"]
        doc["_status_log"] = []
        tx.put("campaign", doc["id"], doc, owner=doc["ad_account_id"])
    dataset_entities.seed(tx, dataset, {u["username"]: u["id"] for u in dataset["users"]})
    for n, row in enumerate(dataset["daily_metrics"]):
        entity_id = str(row.get("ad_id") or row.get("ad_group_id") or row.get("campaign_id") or row.get("id"))
        tx.put("daily_metrics", f"{n}:{entity_id}", row, owner=entity_id)


def dump(path: pathlib.Path | str, name: str = "default") -> pathlib.Path:
    """Write the built-in dataset ``name`` to ``path`` as an example JSON file."""
    target = pathlib.Path(path)
    target.write_text(json.dumps(generate(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":  # python -m pinagent.emulator.datasets OUT.json [default|large]
    print(dump(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "default"))
