"""``client.user_account``: the connected Pinterest user."""

from __future__ import annotations

from pinagent.pinterest.models import UserAccount
from pinagent.pinterest.transport import Transport

__all__ = ["UserAccountService"]


class UserAccountService:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def get(self, ad_account_id: str | None = None) -> UserAccount:
        """The token's user, or with ``ad_account_id`` that ad account's owner (Business Access).

        Raises:
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        params = [("ad_account_id", ad_account_id)] if ad_account_id else []
        body = await self._transport.request("GET", "user_account", operation="user_account/get", params=params)
        return UserAccount.model_validate(body or {})
