"""Bookmark pagination: a page type and an ``async for`` auto-pager.

Pinterest list endpoints take ``bookmark`` and ``page_size`` (1–250) and answer
``{"items": [...], "bookmark": str | null}``; a null or missing bookmark ends the list.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["MAX_PAGE_SIZE", "Page", "Pager"]

T = TypeVar("T")

MAX_PAGE_SIZE = 250

#: Fetches one page: ``(bookmark, page_size) -> Page``.
FetchPage = Callable[[str | None, int], Awaitable["Page[T]"]]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results; ``bookmark`` is the cursor for the next page (``None`` at the end)."""

    items: list[T]
    bookmark: str | None = None


class Pager(Generic[T]):
    """Lazily walks a bookmark-paginated list.

    ``async for item in pager`` fetches pages of ``page_size`` and follows bookmarks until there are
    none or ``limit`` items were yielded. Cursor-based callers use :meth:`list_page` instead.
    """

    def __init__(self, fetch: FetchPage[T], *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None) -> None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {page_size}")
        if limit is not None and limit < 0:
            raise ValueError(f"limit must not be negative, got {limit}")
        self._fetch = fetch
        self.page_size = page_size
        self.limit = limit

    async def list_page(self, bookmark: str | None = None, page_size: int | None = None) -> Page[T]:
        """Fetch the single page at ``bookmark`` (the first page when ``None``)."""
        size = self.page_size if page_size is None else page_size
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {size}")
        return await self._fetch(bookmark, size)

    async def first_page(self) -> Page[T]:
        """Fetch the first page, no larger than ``limit``."""
        if self.limit == 0:
            return Page(items=[], bookmark=None)
        size = self.page_size if self.limit is None else min(self.page_size, self.limit)
        page = await self._fetch(None, size)
        if self.limit is not None and len(page.items) > self.limit:
            return Page(items=page.items[: self.limit], bookmark=page.bookmark)
        return page

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[T]:
        yielded = 0
        bookmark: str | None = None
        seen: set[str] = set()
        while self.limit is None or yielded < self.limit:
            size = self.page_size if self.limit is None else min(self.page_size, self.limit - yielded)
            page = await self._fetch(bookmark, size)
            for item in page.items:
                if self.limit is not None and yielded >= self.limit:
                    return
                yield item
                yielded += 1
            # A repeated bookmark would loop forever; treat it as the end of the list.
            if not page.bookmark or page.bookmark in seen:
                return
            seen.add(page.bookmark)
            bookmark = page.bookmark

    async def collect(self) -> list[T]:
        """Fetch every item (up to ``limit``) into a list."""
        return [item async for item in self]
