"""The bookings feed, by either strategy, handing the bookings it changes to the contacts feed.

- "export": `/export/bookings` from the saved continueFrom with includeRecentChanges=true (the default);
- "list": `/bookings?modifiedOnOrAfter=<cursor - overlap>&sort=+ModifiedOn`, pages of 5000.
Both measured in benchmarks/RESULTS.md. Both keep their cursor in the row "bookings"; switching strategy
on an existing cache starts the feed over (harmless: the upsert keeps the newer copies).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from csr_console.api.models.crm import BookingQuery
from csr_console.store.rows import booking_row
from csr_console.store.schema import booking
from csr_console.sync.feeds.base import Feed, FeedContext, Sink, Step
from csr_console.sync.feeds.booking_contacts import BookingContactsFeed
from csr_console.sync.feeds.export import ExportPoller
from csr_console.sync.feeds.modified import ModifiedListPoller

BookingsStrategy = Literal["export", "list"]
DEFAULT_STRATEGY: BookingsStrategy = "export"
NAME = "bookings"

BOOKINGS = Sink(booking, booking_row, "booking", status="status")


def _since(bound: datetime | None) -> BookingQuery:
    return BookingQuery(modified_on_or_after=bound, sort="+ModifiedOn")


class BookingsFeed(Feed):
    def __init__(self, ctx: FeedContext, strategy: BookingsStrategy, contacts: BookingContactsFeed) -> None:
        super().__init__(ctx, NAME)
        self._contacts = contacts
        bookings = ctx.client.crm.bookings
        self._inner: Feed
        if strategy == "export":
            self._inner = ExportPoller(ctx, NAME, bookings.export, BOOKINGS, on_stored=contacts.offer)
        else:
            self._inner = ModifiedListPoller(
                ctx, NAME, bookings, _since, BOOKINGS, sortable=True, on_stored=contacts.offer
            )

    async def step(self) -> Step:
        await self._contacts.prepare()
        step = await self._inner.step()
        if step is not Step.MORE:
            await self._contacts.follow_changes()
        return step
