"""Walking paged lists (1-based page/pageSize/hasMore) and export feeds (from/continueFrom/hasMore)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import TypeVar

from csr_console.api.models.common import ExportBatch, Page, format_utc

T = TypeVar("T")

#: ServiceTitan's ceiling for most lists; the default of 50 makes full syncs needlessly chatty.
MAX_PAGE_SIZE = 5000
DEFAULT_PAGE_SIZE = 50
DEFAULT_ITER_PAGE_SIZE = 500


def check_page_size(page_size: int) -> int:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be between 1 and {MAX_PAGE_SIZE}, not {page_size}")
    return page_size


async def iterate_pages(
    fetch: Callable[[int], Awaitable[Page[T]]], *, start_page: int = 1
) -> AsyncIterator[Page[T]]:
    """Yield pages from `start_page` until one says hasMore=false.

    Stops too on an empty page that claims more, so a server bug cannot spin a poller forever.
    """
    page_number = start_page
    while True:
        page = await fetch(page_number)
        yield page
        if not page.has_more or not (page.items or page.rejected):
            return
        page_number += 1


async def iterate_items(pages: AsyncIterator[Page[T]]) -> AsyncIterator[T]:
    async for page in pages:
        for item in page.items:
            yield item


def export_from(value: str | datetime | None) -> str | None:
    """An export's `from`: a continueFrom token as given, or a UTC date for a first pass."""
    if isinstance(value, datetime):
        return format_utc(value)
    return value


async def iterate_export(
    fetch: Callable[[str | None], Awaitable[ExportBatch[T]]], start: str | datetime | None
) -> AsyncIterator[ExportBatch[T]]:
    """Yield export batches, following continueFrom until hasMore=false.

    Each batch carries the cursor to persist (`continue_from`) once its records are stored: resuming
    from it later picks up after that batch, and with includeRecentChanges also returns recent edits.
    """
    cursor = export_from(start)
    while True:
        batch = await fetch(cursor)
        yield batch
        stuck = batch.continue_from == cursor and not (batch.items or batch.rejected)
        if not batch.has_more or stuck:
            return
        cursor = batch.continue_from
