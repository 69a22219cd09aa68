"""Where the client gets its access token, and how it asks for a new one after a 401."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["StaticToken", "TokenProvider"]


@runtime_checkable
class TokenProvider(Protocol):
    """Supplies bearer tokens to :class:`~pinagent.pinterest.PinterestClient`.

    ``refresh`` is called at most once per call, after Pinterest rejected ``rejected_token``
    (401 code 2 or code 1104). Return the new token to retry the request once with it, or ``None``
    when the token cannot be refreshed (the call then raises ``AuthenticationError``). Several
    concurrent calls may report the same rejected token; an implementation that refreshes should
    compare it with its current token so it refreshes only once.
    """

    async def get_token(self) -> str:
        """Return the access token to send now."""
        ...

    async def refresh(self, rejected_token: str) -> str | None:
        """Return a fresh token after ``rejected_token`` was refused, or ``None``."""
        ...


class StaticToken:
    """A fixed token that cannot be refreshed."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("StaticToken needs a non-empty token")
        self._token = token

    async def get_token(self) -> str:
        return self._token

    async def refresh(self, rejected_token: str) -> str | None:
        return None

    def __repr__(self) -> str:
        return "StaticToken(<redacted>)"
