"""Booking contacts: `GET /bookings/{id}/contacts` for the bookings that need them.

A booking carries no contacts, and there is one request per booking, so the history is never fetched
whole (100,000 bookings at 60/s would take half an hour). What waits, New bookings first:
- bookings in status New whose contacts were never fetched (also found in the cache after a restart);
- once the bookings feed has caught up the first time (`follow_changes`, kept in this feed's cursor row
  so a restart in the middle of an initial sync still skips the history), every booking it changes.
Anything older is fetched when the CSR opens it (`fetch_now`). After a restart the cache tells what was
still waiting: New bookings never fetched, bookings changed since their contacts were fetched, and
(once following) bookings changed since then that never had theirs fetched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, and_, or_, select

from csr_console.api.errors import NotFound
from csr_console.api.models.common import Rejected, format_utc
from csr_console.api.models.crm import BookingContact
from csr_console.domain.enums import BookingStatus
from csr_console.store.rows import booking_contact_row
from csr_console.store.schema import booking
from csr_console.store.upserts import replace_booking_contacts
from csr_console.sync.feeds.base import Feed, FeedContext, Step, StoredPage
from csr_console.sync.feeds.cursors import CursorSlot
from csr_console.sync.feeds.quarantine import quarantine_rejected

NAME = "booking_contacts"
#: Bookings fetched at once in one step (stored in one transaction).
BATCH = 8
_NEW = BookingStatus.NEW.value


@dataclass
class _Fetched:
    booking_id: int
    contacts: list[BookingContact] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


class BookingContactsFeed(Feed):
    def __init__(self, ctx: FeedContext) -> None:
        super().__init__(ctx, NAME)
        self._slot = CursorSlot(NAME)
        # Insertion-ordered sets: New bookings first, then the other changed ones.
        self._urgent: dict[int, None] = {}
        self._changed: dict[int, None] = {}
        # When the feed started following every change (its cursor); None: still in the initial sync.
        self._following_since: str | None = None
        self._prepared = False

    async def prepare(self) -> None:
        """Read what the cache says is waiting; once, before the bookings feed's first page."""
        if self._prepared:
            return
        since, urgent, changed = await self.ctx.writer.run(self._load)
        self._following_since = since
        self._urgent.update(dict.fromkeys(urgent))
        self._changed.update(dict.fromkeys(changed))
        self._prepared = True

    def _load(self, connection: Connection) -> tuple[str | None, list[int], list[int]]:
        since = self._slot.read(connection)
        never = booking.c.contacts_synced_at.is_(None)
        urgent = connection.execute(
            select(booking.c.id)
            .where(booking.c.status == _NEW, never, booking.c.active)
            .order_by(booking.c.created_on.desc())
        ).scalars()
        # The server's modifiedOn against our fetch time: a skewed clock costs one extra fetch at most.
        stale = booking.c.contacts_synced_at < booking.c.modified_on
        if since is not None:
            stale = or_(stale, and_(never, booking.c.modified_on >= datetime.fromisoformat(since)))
        changed = connection.execute(
            select(booking.c.id).where(stale, booking.c.status != _NEW, booking.c.active)
        ).scalars()
        return since, list(urgent), list(changed)

    def offer(self, stored: StoredPage) -> None:
        """The bookings feed stored a page: queue the changed bookings that need their contacts."""
        for booking_id, status in stored.statuses.items():
            if status == _NEW:
                self._urgent[booking_id] = None
                self._changed.pop(booking_id, None)
            elif self._following_since is not None:
                self._changed[booking_id] = None

    async def follow_changes(self) -> None:
        """The bookings feed caught up: from now on every booking it changes gets its contacts fetched."""
        if self._following_since is not None:
            return
        at = self.ctx.now()
        since = format_utc(at)
        await self.ctx.writer.run(lambda c: self._slot.advance(c, since, 0, at))
        self._following_since = since

    async def step(self) -> Step:
        await self.prepare()
        batch = [*self._urgent, *self._changed][:BATCH]
        if not batch:
            return Step.NOTHING_TO_ASK
        await self._fetch_and_store(batch)
        return Step.MORE if self._urgent or self._changed else Step.CAUGHT_UP

    async def fetch_now(self, booking_id: int) -> bool:
        """Fetch one booking's contacts now (the CSR opened it); True if the cache's copy changed."""
        return booking_id in await self._fetch_and_store([booking_id])

    async def _fetch_and_store(self, booking_ids: Sequence[int]) -> set[int]:
        """Fetch, store the ones that came, publish; a booking whose fetch failed goes to the back of its
        queue (so one the server keeps failing never holds the others up) and the first error is raised."""
        results = await asyncio.gather(*(self._fetch(i) for i in booking_ids), return_exceptions=True)
        fetched = [r for r in results if isinstance(r, _Fetched)]
        changed = await self.ctx.writer.run(lambda c: self._store(c, fetched)) if fetched else set()
        self.ctx.changes.publish("booking", changed)
        errors: list[BaseException] = []
        for booking_id, result in zip(booking_ids, results, strict=True):
            for queue in (self._urgent, self._changed):
                if booking_id in queue:
                    del queue[booking_id]
                    if isinstance(result, BaseException):
                        queue[booking_id] = None
            if isinstance(result, BaseException):
                errors.append(result)
        if errors:
            raise errors[0]
        return changed

    async def _fetch(self, booking_id: int) -> _Fetched:
        found = _Fetched(booking_id)
        try:
            async for page in self.ctx.client.crm.bookings.contacts(booking_id).pages(strict=False):
                found.contacts += page.items
                found.rejected += page.rejected
        except NotFound:
            pass  # the booking is gone: it has no contacts left to show
        return found

    def _store(self, connection: Connection, fetched: Sequence[_Fetched]) -> set[int]:
        at = self.ctx.now()
        changed: set[int] = set()
        for item in fetched:
            rows = [booking_contact_row(contact, item.booking_id) for contact in item.contacts]
            if replace_booking_contacts(connection, item.booking_id, rows, at):
                changed.add(item.booking_id)
            quarantine_rejected(connection, NAME, item.rejected, at)
        self._slot.advance(connection, self._following_since, len(fetched), at)
        return changed
