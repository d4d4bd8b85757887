"""FeedEngine: keeps the cache current from ServiceTitan's feeds.

The feeds run in three lanes, each its own polling loop with its own `Cadence`:
- "queue": bookings, then the contacts of the bookings that need them: every 2 s while the CSR works
  (`set_active(True)`), every 15 s when the window is idle;
- "records": leads, jobs, appointments, customers, locations, their contacts, Scheduling Pro sessions:
  every 20 s active, 60 s idle (they change mostly through the CSR's own actions, which `poll_now`
  follows at once);
- "reference": business units, job types, campaigns, call reasons, booking-provider tags, technicians,
  schedulers, tag types: every 5 minutes.
A lane keeps asking a feed that answered "more" without waiting; a failure backs the lane off; every
interval stretches as the tenant's shared rate limiter fills. Every outcome feeds the connectivity
monitor (unreachable vs. server errors) and the feed's row in `sync_cursor`.

Composition: `await engine.sync_once()` for the initial sync, then `await engine.run(stop)` until `stop`
is set (not both at once). Changes arrive through the ChangeHub after each page's transaction commits.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlsplit

from sqlalchemy import Engine

from csr_console.api.client import ServiceTitanClient
from csr_console.api.errors import ApiError, ServiceTitanError, TransportError
from csr_console.sync.cadence import ACTIVE_S, IDLE_S, INTERVAL_JITTER, Cadence
from csr_console.sync.changes import ChangeHub
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.feeds.base import Feed, FeedContext, Step
from csr_console.sync.feeds.booking_contacts import BookingContactsFeed
from csr_console.sync.feeds.bookings import DEFAULT_STRATEGY, BookingsFeed, BookingsStrategy
from csr_console.sync.feeds.cursors import clear_error, record_error
from csr_console.sync.feeds.records import record_feeds
from csr_console.sync.feeds.reference import reference_feeds
from csr_console.sync.feeds.sessions import SessionsFeed
from csr_console.sync.feeds.writes import CacheWriter

log = logging.getLogger(__name__)

T = TypeVar("T")

REFERENCE_S = 300.0
RECORDS_ACTIVE_S = 20.0
RECORDS_IDLE_S = 60.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class _Lane:
    name: str
    feeds: list[Feed]
    cadence: Cadence
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class FeedEngine:
    """The feeds half of the sync engine. `bookings` picks the bookings strategy ("export", the default,
    or "list"); `offload_writes=False` runs page writes on the event loop's thread instead of a worker
    thread (for measurements); `now` and `rng` are for tests."""

    def __init__(
        self,
        client: ServiceTitanClient,
        db: Engine,
        changes: ChangeHub,
        connectivity: ConnectivityMonitor,
        *,
        bookings: BookingsStrategy = DEFAULT_STRATEGY,
        offload_writes: bool = True,
        now: Callable[[], datetime] = _utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self._connectivity = connectivity
        self._writer = CacheWriter(db, offload=offload_writes)
        self._now = now
        self._server = urlsplit(client.environment.api_base).netloc or client.environment.api_base
        ctx = FeedContext(client, self._writer, changes, now)
        self._contacts = BookingContactsFeed(ctx)
        rng = rng or random.Random()

        def cadence(active_s: float, idle_s: float) -> Cadence:
            return Cadence(
                active_s=active_s, idle_s=idle_s, usage=client.limiter.usage, rng=rng, jitter=INTERVAL_JITTER
            )

        # The order matters to `sync_once`: the schedulers (reference) before their sessions (records).
        self._lanes = (
            _Lane("reference", reference_feeds(ctx), cadence(REFERENCE_S, REFERENCE_S)),
            _Lane(
                "queue",
                [BookingsFeed(ctx, bookings, self._contacts), self._contacts],
                cadence(ACTIVE_S, IDLE_S),
            ),
            _Lane(
                "records", [*record_feeds(ctx), SessionsFeed(ctx)], cadence(RECORDS_ACTIVE_S, RECORDS_IDLE_S)
            ),
        )
        self._failing: set[str] = set()

    @property
    def lanes(self) -> Mapping[str, tuple[str, ...]]:
        """Feed names by lane, in the order they are polled (`sync_once` takes any of these names)."""
        return {lane.name: tuple(feed.name for feed in lane.feeds) for lane in self._lanes}

    @property
    def cadences(self) -> Mapping[str, Cadence]:
        """Each lane's cadence, by lane name."""
        return {lane.name: lane.cadence for lane in self._lanes}

    async def sync_once(self, feeds: Collection[str] | None = None) -> dict[str, ServiceTitanError]:
        """Bring every feed (or those named) up to date once, in lane order: the initial sync.

        A feed the server refuses (e.g. 403 for a module the tenant lacks) or answers badly is reported
        (connectivity, its `sync_cursor` row) and left behind, and the others go on: the answer maps the
        names of the feeds left behind to their errors, empty when all caught up. When the server cannot
        be reached at all, the TransportError is raised at once.
        """
        failed: dict[str, ServiceTitanError] = {}
        for lane in self._lanes:
            for feed in lane.feeds:
                if feeds is not None and feed.name not in feeds:
                    continue
                try:
                    while await self._step(feed) is Step.MORE:
                        pass
                except TransportError:
                    raise
                except ServiceTitanError as error:
                    failed[feed.name] = error
        return failed

    async def run(self, stop: asyncio.Event) -> None:
        """Poll every lane until `stop` is set. Cancelling it stops at once; a page being written then
        is rolled back whole."""
        tasks = [
            asyncio.create_task(self._run_lane(lane, stop), name=f"feeds:{lane.name}") for lane in self._lanes
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def set_active(self, active: bool) -> None:
        """The CSR is working in the window (short intervals) or it is idle (long ones)."""
        for lane in self._lanes:
            was = lane.cadence.active
            lane.cadence.set_active(active)
            if active and not was and lane.cadence.active_s < lane.cadence.idle_s:
                lane.wake.set()  # the CSR is back: fresh data now rather than at the end of an idle wait

    def set_queue_cadence(self, active_s: float, idle_s: float) -> None:
        """The queue lane's intervals (the CSR's settings). A shorter current interval applies at once:
        the lane polls now and waits the new interval after; a longer one applies from the next wait."""
        lane = next(lane for lane in self._lanes if lane.name == "queue")
        before = lane.cadence.interval()
        lane.cadence.active_s, lane.cadence.idle_s = active_s, idle_s
        if lane.cadence.interval() < before:
            lane.wake.set()

    def poll_now(self) -> None:
        """Poll the queue and the records at once (e.g. after the CSR acted), without waiting out the
        interval or a backoff."""
        for lane in self._lanes:
            if lane.name != "reference":
                lane.wake.set()

    async def fetch_booking_contacts(self, booking_id: int) -> bool:
        """Fetch one booking's contacts now (the CSR opened a booking whose contacts were never fetched);
        True if the cache's copy changed (a 'booking' change is published too)."""
        return await self._reported(self._contacts.name, self._contacts.fetch_now(booking_id), asked=True)

    # -- loops ------------------------------------------------------------------------------------------
    async def _run_lane(self, lane: _Lane, stop: asyncio.Event) -> None:
        pending: list[Feed] = []
        while not stop.is_set():
            pending, ok = await self._round(pending or lane.feeds, stop)
            if ok:
                lane.cadence.succeeded()
            else:
                lane.cadence.failed()
            woken = await self._pause(lane, stop, lane.cadence.next_delay(more=bool(pending)))
            if ok and not pending and not woken:  # a regular interval ended
                await self._pause(lane, stop, lane.cadence.pressure_delay())

    async def _round(self, feeds: list[Feed], stop: asyncio.Event) -> tuple[list[Feed], bool]:
        """One step of each feed: (the feeds with more waiting, whether every step succeeded)."""
        more: list[Feed] = []
        ok = True
        for feed in feeds:
            if stop.is_set():
                break
            try:
                if await self._step(feed) is Step.MORE:
                    more.append(feed)
            except TransportError:
                return more, False  # the server cannot be reached: the other feeds would fail alike
            except Exception:
                ok = False  # reported; the lane's other feeds still get their turn
        return more, ok

    async def _pause(self, lane: _Lane, stop: asyncio.Event, seconds: float) -> bool:
        """Wait `seconds`, or less if stopped or woken; True if cut short."""
        if seconds <= 0:
            await asyncio.sleep(0)  # let the other lanes and the GUI run between pages
            return False
        waiters = {asyncio.ensure_future(stop.wait()), asyncio.ensure_future(lane.wake.wait())}
        try:
            done, _ = await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()
        lane.wake.clear()
        return bool(done)

    # -- reporting --------------------------------------------------------------------------------------
    async def _step(self, feed: Feed) -> Step:
        step = feed.step()
        return await self._reported(feed.name, step, asked=None)

    async def _reported(self, name: str, work: Awaitable[T], *, asked: bool | None) -> T:
        """Await `work` and report its outcome: connectivity, and the feed's error in `sync_cursor`.
        `asked` None: a Step result tells whether a request was sent."""
        try:
            result = await work
        except asyncio.CancelledError:
            raise
        except Exception as error:
            await self._failed(name, error)
            raise
        if asked or (asked is None and result is not Step.NOTHING_TO_ASK):
            self._connectivity.succeeded()
        if name in self._failing:
            self._failing.discard(name)
            await self._writer.run(lambda c: clear_error(c, name))
        return result

    async def _failed(self, name: str, error: Exception) -> None:
        if isinstance(error, ServiceTitanError):
            log.warning("feed %s: %s", name, error)
            self._connectivity.failed(self._describe(error), network=isinstance(error, TransportError))
        else:
            log.exception("feed %s failed", name, exc_info=error)  # a bug or a cache problem
        message = str(error) or type(error).__name__
        at = self._now()
        self._failing.add(name)
        try:
            await self._writer.run(lambda c: record_error(c, name, message, at))
        except Exception:
            log.exception("feed %s: could not record its error", name)

    def _describe(self, error: ServiceTitanError) -> str:
        """The status bar's words."""
        if isinstance(error, TransportError):
            return f"cannot reach {self._server}"
        if isinstance(error, ApiError):
            return f"HTTP {error.status} {error.title}"
        return str(error)
