"""`pinagent doctor`: check configuration, connection, scopes and reachability; say what to fix."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass

from pinagent.config import REQUESTED_SCOPES, Settings


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


async def run_checks(settings: Settings) -> list[Check]:
    """Every check, in the order a person would fix things."""
    from pinagent.connect.states import ConnectionStatus
    from pinagent.connect.vault import KEY_FILE_NAME
    from pinagent.services import Services
    from pinagent.store.repos import connection_for, shared_accounts

    checks: list[Check] = []
    if settings.uses_emulator:
        checks.append(Check("Pinterest app", True, "no app credentials: using Emulated Pinterest"))
    else:
        public = bool(settings.public_url)
        checks.append(
            Check(
                "Pinterest app",
                public,
                f"app {settings.pinterest_app_id}; API {settings.pinterest_api_url or 'https://api.pinterest.com/v5'}",
                "" if public else "set PINAGENT_PUBLIC_URL so the OAuth redirect URI is known",
            )
        )
    try:
        services = await Services.start(settings)
    except Exception as exc:  # any failure here is what the person needs to see
        checks.append(Check("Database", False, f"{type(exc).__name__}: {exc}", "check PINAGENT_DATABASE_URL"))
        return checks
    try:
        checks.append(Check("Database", True, f"{settings.database_url.split('@')[-1]} at the newest schema"))
        key_file = settings.data_dir / KEY_FILE_NAME
        if settings.secret_key:
            checks.append(Check("Token encryption key", True, "PINAGENT_SECRET_KEY is set"))
        elif key_file.exists():
            mode = stat.S_IMODE(key_file.stat().st_mode)
            checks.append(
                Check(
                    "Token encryption key",
                    mode == 0o600,
                    f"generated key at {key_file} (mode {mode:o})",
                    "" if mode == 0o600 else f"chmod 600 {key_file}, or set PINAGENT_SECRET_KEY",
                )
            )
        if settings.redis_url:
            checks.append(await _redis(settings.redis_url))
        workspace_id = await services.default_workspace_id()
        async with services.db.session() as session:
            connection = await connection_for(session, workspace_id)
            shared = await shared_accounts(session, workspace_id)
        status = ConnectionStatus(connection.status)
        if status is not ConnectionStatus.ACTIVE:
            fix = "run `pinagent connect`, or click Connect/Reconnect on the console's Pinterest card"
            checks.append(
                Check(
                    "Pinterest connection",
                    False,
                    status.label + (f": {connection.status_reason}" if connection.status_reason else ""),
                    fix,
                )
            )
            return checks
        checks.append(
            Check("Pinterest connection", True, f"Active as @{connection.username} ({connection.account_type})")
        )
        missing = [s for s in REQUESTED_SCOPES if s not in connection.scopes]
        checks.append(
            Check(
                "Scopes",
                not missing,
                "all 11 granted" if not missing else f"missing: {', '.join(missing)}",
                "" if not missing else "reconnect and keep every permission checked",
            )
        )
        if connection.account_type and connection.account_type != "BUSINESS":
            checks.append(
                Check("Business account", False, "personal account", "convert it to a Business account in Pinterest")
            )
        checks.append(
            Check(
                "Shared ad accounts",
                bool(shared),
                ", ".join(f"{a.name} ({a.mode})" for a in shared) or "none",
                "" if shared else "choose ad accounts on the Pinterest card (or `pinagent connect`)",
            )
        )
        checks.append(await _reachability(services, workspace_id))
    finally:
        await services.close()
    return checks


async def _reachability(services: object, workspace_id: str) -> Check:
    from pinagent.pinterest.errors import PinterestError
    from pinagent.services import Services

    assert isinstance(services, Services)
    started = time.perf_counter()
    try:
        async with services.connect.client(workspace_id) as client:
            await client.user_account.get()
    except PinterestError as exc:
        return Check("Pinterest API", False, f"{services.app.api_url}: {exc}", "see the message; retry later for 5xx")
    except Exception as exc:  # NeedsReconnectError and friends carry their own advice
        return Check("Pinterest API", False, str(exc), "reconnect Pinterest")
    elapsed = (time.perf_counter() - started) * 1000
    return Check("Pinterest API", True, f"{services.app.api_url} answered in {elapsed:.0f} ms")


async def _redis(url: str) -> Check:
    import redis.asyncio as redis

    client = redis.from_url(url)
    try:
        await client.ping()
        return Check("Redis", True, url.split("@")[-1])
    except Exception as exc:
        return Check("Redis", False, f"{type(exc).__name__}: {exc}", "check PINAGENT_REDIS_URL")
    finally:
        await client.aclose()


def data_dir_check(settings: Settings) -> Check:
    directory = settings.data_dir
    if directory.exists() and not os.access(directory, os.W_OK):
        return Check("Data dir", False, f"{directory} is not writable", f"fix permissions of {directory}")
    return Check("Data dir", True, str(directory))
