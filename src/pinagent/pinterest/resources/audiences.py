"""``client.audiences``: an ad account's audiences (disabled in the sandbox, FACTS §10)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pinagent.pinterest.models import Audience
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import Order, extra_params, page_fetcher, segment

__all__ = ["AudiencesService"]

OwnershipType = Literal["OWNED", "RECEIVED"]

_CREATE_REQUIRES = ("name", "rule", "audience_type")


def _with_account(body: Mapping[str, Any], ad_account_id: str) -> dict[str, Any]:
    # The request schema carries ad_account_id too; copy so the caller's dict stays as given.
    return {"ad_account_id": ad_account_id, **body}


class AudiencesService:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    @staticmethod
    def _path(ad_account_id: str) -> str:
        return f"ad_accounts/{segment(ad_account_id)}/audiences"

    def list(
        self,
        ad_account_id: str,
        order: Order | None = None,
        ownership_type: OwnershipType | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[Audience]:
        """Audiences of an ad account, as an ``async for`` pager.

        ``ownership_type`` defaults (on Pinterest's side) to OWNED; RECEIVED lists shared audiences.
        """
        params = extra_params({"order": order, "ownership_type": ownership_type})
        fetch = page_fetcher(self._transport, self._path(ad_account_id), "audiences/list", params, Audience)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, ad_account_id: str, audience_id: str) -> Audience:
        """One audience.

        Raises:
            NotFoundError: no such audience in this ad account.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET", f"{self._path(ad_account_id)}/{segment(audience_id)}", operation="audiences/get"
        )
        return Audience.model_validate(body or {})

    async def create(self, ad_account_id: str, body: Mapping[str, Any]) -> Audience:
        """Create one audience (Pinterest takes a single object here, not an array).

        ``body`` needs ``name``, ``rule`` and ``audience_type`` (CUSTOMER_LIST, VISITOR, ENGAGEMENT,
        ACTALIKE, PERSONA); ``ad_account_id`` is filled in if absent. Never retried on 5xx.

        Raises:
            ValueError: a required field is missing.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        missing = [name for name in _CREATE_REQUIRES if body.get(name) in (None, "", {})]
        if missing:
            raise ValueError(f"an audience needs {', '.join(missing)}")
        answer = await self._transport.request(
            "POST",
            self._path(ad_account_id),
            operation="audiences/create",
            json_body=_with_account(body, ad_account_id),
        )
        return Audience.model_validate(answer or {})

    async def update(self, ad_account_id: str, audience_id: str, body: Mapping[str, Any]) -> Audience:
        """Update one audience: ``name``, ``description``, ``rule`` and ``operation_type`` (UPDATE|REMOVE).

        Raises:
            ValueError: ``body`` is empty.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        if not body:
            raise ValueError("body must contain at least one field to update")
        answer = await self._transport.request(
            "PATCH",
            f"{self._path(ad_account_id)}/{segment(audience_id)}",
            operation="audiences/update",
            json_body=_with_account(body, ad_account_id),
        )
        return Audience.model_validate(answer or {})
