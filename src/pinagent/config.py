"""Runtime configuration, read once from the environment (names per PRODUCT.md §9)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PINTEREST_API_URL = "https://api.pinterest.com/v5"
DEFAULT_PINTEREST_OAUTH_URL = "https://www.pinterest.com/oauth/"

# Exactly the scopes PRODUCT.md §5 asks for, with what each one lets the agent do.
REQUESTED_SCOPES: dict[str, str] = {
    "user_accounts:read": "Read the Pinterest profile (name, account type) of the connected user",
    "ads:read": "Read ad accounts, campaigns, ad groups, ads, audiences and their analytics",
    "ads:write": "Create and change campaigns, ad groups, ads and audiences (only after you approve a plan)",
    "boards:read": "List public boards and read their details",
    "boards:read_secret": "List secret boards too",
    "boards:write": "Create public boards",
    "boards:write_secret": "Create secret boards",
    "pins:read": "List public Pins and read Pin analytics",
    "pins:read_secret": "List Pins on secret boards too",
    "pins:write": "Create Pins on public boards",
    "pins:write_secret": "Create Pins on secret boards",
}


@dataclass(frozen=True)
class Settings:
    """Everything pinagent reads from its environment."""

    data_dir: Path
    database_url: str
    redis_url: str | None
    secret_key: str | None
    public_url: str | None
    pinterest_app_id: str | None
    pinterest_app_secret: str | None
    pinterest_api_url: str | None
    pinterest_oauth_url: str | None

    @property
    def uses_emulator(self) -> bool:
        """No Pinterest app credentials configured: run against the embedded emulator."""
        return not (self.pinterest_app_id and self.pinterest_app_secret)

    @property
    def emulator_state_path(self) -> Path:
        return self.data_dir / "emulator.sqlite3"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if environ is None else environ)
        data_dir = Path(env.get("PINAGENT_DATA_DIR") or Path.cwd() / ".pinagent").expanduser().resolve()
        database_url = env.get("PINAGENT_DATABASE_URL") or f"sqlite+aiosqlite:///{data_dir / 'pinagent.sqlite3'}"
        return cls(
            data_dir=data_dir,
            database_url=normalize_database_url(database_url),
            redis_url=env.get("PINAGENT_REDIS_URL") or None,
            secret_key=env.get("PINAGENT_SECRET_KEY") or None,
            public_url=(env.get("PINAGENT_PUBLIC_URL") or "").rstrip("/") or None,
            pinterest_app_id=env.get("PINTEREST_APP_ID") or None,
            pinterest_app_secret=env.get("PINTEREST_APP_SECRET") or None,
            pinterest_api_url=(env.get("PINTEREST_API_URL") or "").rstrip("/") or None,
            pinterest_oauth_url=env.get("PINTEREST_OAUTH_URL") or None,
        )


def normalize_database_url(url: str) -> str:
    """Accept the URLs operators type (postgresql://, sqlite:///) and pick the async drivers."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    return url
