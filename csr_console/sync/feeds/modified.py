"""Following a paged list by `modifiedOnOrAfter`: for resources without an export feed, and the bookings
list strategy.

The cursor is the newest `modifiedOn` stored. A poll asks from the cursor minus an overlap (the bound is
inclusive, and a record committed late can carry an earlier stamp), so it always brings back the records
of the overlap window: those already stored with the same (id, modifiedOn) are dropped before the write,
and a poll that brings back nothing else costs one request and writes nothing. What does get written is
still guarded by the upsert (an equal or older copy never replaces a newer one), and the cursor never
moves backwards.

Lists sorted by `+ModifiedOn` are walked by moving the bound, not the page: the next request asks page 1
from the newest stamp of the last page, so a record modified during a long catch-up cannot shift the
rows past the walk (offset paging would skip one), and the cursor advances with every page. Only when a
whole page shares one stamp does the walk turn the page. Lists that cannot be sorted are walked page by
page under one bound, and the cursor moves when the walk ends.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from operator import attrgetter
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from csr_console.api.models.common import Page, Query, UtcDateTime, format_utc
from csr_console.api.paging import MAX_PAGE_SIZE
from csr_console.api.resources.base import Collection
from csr_console.sync.feeds.base import Feed, FeedContext, Prefetch, Sink, Step, StoredPage, write_page
from csr_console.sync.feeds.cursors import CursorSlot

M = TypeVar("M", bound=BaseModel)
Q = TypeVar("Q", bound=Query)

#: How far back each poll looks past the cursor.
OVERLAP = timedelta(seconds=5)

_stamp_of: Callable[[Any], datetime] = attrgetter("modified_on")
_id_of: Callable[[Any], object] = attrgetter("id")
_utc: TypeAdapter[datetime] = TypeAdapter(UtcDateTime)

#: One list request: (modifiedOnOrAfter bound, page number).
_Request = tuple[datetime | None, int]


def parse_stamp(raw: object) -> datetime | None:
    """An API timestamp (7 fractional digits and all) as an aware UTC datetime; None if unreadable."""
    try:
        return _utc.validate_python(raw) if raw else None
    except ValidationError:
        return None


def _later(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None or b is None:
        return a or b
    return max(a, b)


class ModifiedListPoller(Feed, Generic[M, Q]):
    """`query(bound)` builds the list's filter for a lower bound (None: from the beginning); it must ask
    for `sort=+ModifiedOn` when `sortable`."""

    def __init__(
        self,
        ctx: FeedContext,
        name: str,
        source: Collection[M, Q],
        query: Callable[[datetime | None], Q],
        sink: Sink[M],
        *,
        sortable: bool,
        slot: CursorSlot | None = None,
        on_stored: Callable[[StoredPage], None] | None = None,
    ) -> None:
        super().__init__(ctx, name)
        self._source = source
        self._query = query
        self._sink = sink
        self._sortable = sortable
        self._slot = slot or CursorSlot(name)
        self._on_stored = on_stored
        self._cursor: datetime | None = None
        self._loaded = False
        # Within a walk: the (bound, page) of the next request, and the newest stamp seen so far.
        self._next: _Request | None = None
        self._walk_top: datetime | None = None
        # id -> modifiedOn of the records stored within the overlap window behind the cursor.
        self._seen: dict[object, datetime] = {}
        self._ahead: Prefetch[Page[M]] = Prefetch()

    async def _fetch(self, request: _Request) -> Page[M]:
        bound, page = request
        return await self._source.list(self._query(bound), page=page, page_size=MAX_PAGE_SIZE, strict=False)

    async def step(self) -> Step:
        if not self._loaded:
            self._cursor = parse_stamp(await self.ctx.writer.run(self._slot.read))
            self._loaded = True
        if self._next is None:  # a new walk
            request: _Request = (None if self._cursor is None else self._cursor - OVERLAP, 1)
            walk_top = self._cursor
        else:
            request, walk_top = self._next, self._walk_top
        answer = await self._ahead.take(request, lambda: self._fetch(request))

        stamps = [_stamp_of(item) for item in answer.items]
        # A rejected record's stamp still counts when it can be read, so it is not fetched again forever.
        stamps += [s for r in answer.rejected if (s := parse_stamp(_raw_field(r.raw, "modifiedOn")))]
        top = max(stamps, default=None)
        walk_top = _later(walk_top, top)
        more = answer.has_more and bool(answer.items or answer.rejected)
        following = self._following(request, top) if more else None
        if following is not None:
            self._ahead.start(following, self._fetch(following))

        cursor = walk_top if self._sortable or following is None else self._cursor
        fresh = [item for item in answer.items if self._seen.get(_id_of(item)) != _stamp_of(item)]
        stamps_of_fresh = {_id_of(item): _stamp_of(item) for item in fresh}
        answer.items.clear()  # the fresh records are freed by the write (which empties `fresh`), off the loop
        if fresh or answer.rejected or cursor != self._cursor:
            text = None if cursor is None else format_utc(cursor)
            try:
                stored = await write_page(self.ctx, self._sink, self._slot, fresh, answer.rejected, text)
            except BaseException:
                self._ahead.drop()
                raise
            self._cursor = cursor
            if self._on_stored is not None:
                self._on_stored(stored)
        self._next, self._walk_top = following, walk_top
        self._remember(stamps_of_fresh)
        return Step.MORE if following is not None else Step.CAUGHT_UP

    def _following(self, request: _Request, top: datetime | None) -> _Request:
        """The request after `request`, whose page ended at `top`: page 1 from the newest stamp when the
        list is sorted and the walk moved on; else the next page under the same bound."""
        bound, page = request
        if self._sortable and top is not None and (bound is None or top > bound):
            return (top, 1)
        return (bound, page + 1)

    def _remember(self, stamps: dict[object, datetime]) -> None:
        self._seen.update(stamps)
        if self._cursor is not None:
            horizon = self._cursor - OVERLAP
            self._seen = {key: stamp for key, stamp in self._seen.items() if stamp >= horizon}


def _raw_field(raw: object, name: str) -> object:
    return raw.get(name) if isinstance(raw, dict) else None
