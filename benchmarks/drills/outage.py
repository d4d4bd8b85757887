"""Drill `outage`: the backend is gone for ten minutes while CSRs keep working.

Three consoles (each its own cache, SyncService - feeds and outbox - and client, window active) have the
queue's bookings in their caches. The sandbox process is stopped (SIGTERM: it keeps its database). For
OUTAGE_S the consoles keep reading their queue from the cache (each read timed: queue_read_p95_ms) and
queue actions on their own bookings, spread over the first half of the outage: accepts (a new customer
and a job), dismissals and leads captured from bookings. Before the consoles can reach the server again,
a colleague converts or dismisses some of the same bookings (the sandbox is restarted on the same
database at another address that only the colleague uses, then stopped again). Then the sandbox
restarts on the same database and port: the consoles reach it at the same URL, and their actions replay.

Time: the full variant is the real ten minutes with the consoles' own back-off (feed lanes: 2 s doubling
to 60 s; outbox: 2 s to 60 s; client retries: 0.5 s to 8 s). `--quick` compresses the outage to
OUTAGE_QUICK_S and scales every one of those retry and back-off intervals by the same factor, so the
consoles fail, back off and come back in the same pattern relative to the outage; the CSR-facing
intervals (the queue's 2 s poll) and the server's work are not scaled.

Counted on the server after the drain:
- replayed: actions done after the reconnect; conflicts: actions ended in conflict, and
  conflicts_named: those whose message names what happened ("converted to job #N", "dismissed");
- lost: actions not settled, failed, or done without their effect on the server (the booking converted
  to one job, dismissed, or captured as one lead); duplicated: a booking with a second job or lead, and
  customers created by an action that made no job;
- time_to_drain_s: from the restart on the same port until every console's outbox is settled.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import AsyncExitStack, ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from benchmarks._support import client_for, percentile, running_sandbox
from benchmarks.drills.contention import _action_ids
from benchmarks.drills.load import _delivered
from csr_console.api import RateLimiter, RetryPolicy, ServiceTitanClient
from csr_console.api.models.crm import CustomerQuery, LeadQuery
from csr_console.domain.enums import BookingStatus
from csr_console.store.database import reader
from csr_console.store.queries.queue import QueueView, queue_rows
from csr_console.sync.cadence import BACKOFF_BASE_S, BACKOFF_CAP_S
from csr_console.sync.outbox import (
    AcceptBooking,
    Action,
    ActionState,
    Backoff,
    CaptureLead,
    DismissBooking,
    enqueue,
    get_action,
)
from csr_console.sync.service import SyncService
from tests.conftest import new_booking, tag
from tests.sync.outbox_helpers import (
    STUCK_AFTER_S,
    Refs,
    accept_for_new_customer,
    cache_at,
    harness,
    in_batches,
    jobs_of_booking,
    refs_of,
    run_until_settled,
    tag_filter,
    unfinished,
)

CONSOLES = 3
BOOKINGS_FULL = 60
BOOKINGS_QUICK = 15
#: The real outage, and the quick variant's compressed one.
OUTAGE_FULL_S = 600.0
OUTAGE_QUICK_S = 6.0
#: Every third booking a console acts on is also closed by the colleague (alternately converted and
#: dismissed).
COLLEAGUE_EVERY = 3
#: How often each console reads its queue during the outage.
READ_EVERY_S = 0.25


def outage(quick: bool) -> dict[str, Any]:
    outage_s = OUTAGE_QUICK_S if quick else OUTAGE_FULL_S
    bookings = BOOKINGS_QUICK if quick else BOOKINGS_FULL
    with tempfile.TemporaryDirectory(prefix="drill-outage-") as name:
        figures = asyncio.run(_drill(Path(name), bookings, outage_s, scale=outage_s / OUTAGE_FULL_S))
    return {"drill": "outage", "consoles": CONSOLES, "time_scale": outage_s / OUTAGE_FULL_S, **figures}


@dataclass
class _Console:
    number: int
    db: Engine
    service: SyncService
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    actions: dict[str, Action] = field(default_factory=dict)  # action id -> action
    reads_ms: list[float] = field(default_factory=list)


class _Sandbox:
    """The sandbox child process on one database: stopped and started again at will (same port)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.port = 0
        self._stack = ExitStack()

    async def start(self, port: int | None = None) -> dict[str, Any]:
        running = running_sandbox(self.db_path, "--lead-rate", "0", port=self.port if port is None else port)
        info, _startup_s = await asyncio.to_thread(self._stack.enter_context, running)
        if port is None:
            self.port = int(info["base_url"].rsplit(":", 1)[1])
        return info

    async def stop(self) -> None:
        await asyncio.to_thread(self._stack.close)


async def _drill(folder: Path, count: int, outage_s: float, scale: float) -> dict[str, Any]:
    sandbox = _Sandbox(folder / "sandbox.db")
    info = await sandbox.start()
    try:
        return await _scenario(info, sandbox, folder, count, outage_s, scale)
    finally:
        await sandbox.stop()


def _client(
    info: dict[str, Any], scale: float = 1.0, who: dict[str, Any] | None = None
) -> ServiceTitanClient:
    """A console's client: its own limiter (one desktop's), its retries scaled with the outage."""
    default = RetryPolicy()
    retry = RetryPolicy(backoff_base=default.backoff_base * scale, backoff_max=default.backoff_max * scale)
    return client_for(info, who, limiter=RateLimiter(), retry=retry)


def _console(number: int, client: ServiceTitanClient, db: Engine, scale: float) -> _Console:
    default = Backoff()  # the outbox's own back-off, scaled alike
    backoff = Backoff(base_s=default.base_s * scale, cap_s=default.cap_s * scale)
    service = SyncService(client, db, outbox_backoff=backoff)
    service.set_active(True)
    for cadence in service.feeds.cadences.values():
        cadence.backoff_base_s, cadence.backoff_cap_s = BACKOFF_BASE_S * scale, BACKOFF_CAP_S * scale
    return _Console(number, db, service)


def _plan(refs: Refs, consoles: int, booking_ids: list[int]) -> Iterator[tuple[int, int, Action, str]]:
    """(console, booking, action, what the colleague does to that booking: "", "convert" or "dismiss")."""
    for index, booking_id in enumerate(booking_ids):
        label = f"outage-{booking_id}-{tag()}"
        action: Action
        if index % 3 == 0:
            action = accept_for_new_customer(booking_id, refs, label)
        elif index % 3 == 1:
            action = DismissBooking(booking_id, refs.dismiss_reason_id, f"spam {label}")
        else:
            action = CaptureLead(booking_id, refs.campaign_id, f"Call back {label}", refs.lead_reason_id)
        colleague = ""
        if index % COLLEAGUE_EVERY == COLLEAGUE_EVERY - 1:
            colleague = "convert" if (index // COLLEAGUE_EVERY) % 2 == 0 else "dismiss"
        yield index % consoles, booking_id, action, colleague


async def _scenario(
    info: dict[str, Any], sandbox: _Sandbox, folder: Path, count: int, outage_s: float, scale: float
) -> dict[str, Any]:
    provider = info["providers"][0]
    async with AsyncExitStack() as stack:
        admin = await stack.enter_async_context(client_for(info))
        partner = await stack.enter_async_context(client_for(info, provider))
        refs = await refs_of(admin)
        created_since = datetime.now(UTC) - timedelta(seconds=5)
        mine = partner.crm.provider_bookings(int(provider["booking_provider"]))
        booking_ids = [b.id for b in await in_batches(mine.create(new_booking(tag())) for _ in range(count))]

        consoles: list[_Console] = []
        for number in range(CONSOLES):
            client = await stack.enter_async_context(_client(info, scale))
            consoles.append(_console(number, client, cache_at(folder / f"console{number}.db"), scale))
        for console in consoles:
            await console.service.feeds.sync_once()
            console.task = asyncio.create_task(console.service.run(console.stop))
        await _until(lambda: all(len(_delivered(c.db, booking_ids)) == count for c in consoles), "caches")

        plan = list(_plan(refs, CONSOLES, booking_ids))
        closed_by_colleague = {booking: what for _, booking, _, what in plan if what}

        # -- the outage ----------------------------------------------------------------------------------
        down = time.monotonic()
        await sandbox.stop()
        readers = [asyncio.create_task(_read_queue(c)) for c in consoles]
        spacing = outage_s / 2 / max(1, len(plan))
        for number, _booking, action, _ in plan:
            console = consoles[number]
            action_id = console.service.enqueue(action, f"csr:console{number}")
            console.actions[action_id] = action
            await asyncio.sleep(spacing)
        await asyncio.sleep(max(0.0, down + outage_s - time.monotonic()))

        # The server is back for a colleague first, at an address our consoles do not use.
        colleague_info = await sandbox.start(port=0)
        colleague_jobs = await _colleague(colleague_info, refs, folder, closed_by_colleague)
        await sandbox.stop()
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)

        # -- back, same database, same port ----------------------------------------------------------------
        await sandbox.start()
        up = time.monotonic()
        await _until(lambda: not any(unfinished(c.db) for c in consoles), "every outbox settled")
        drained = time.monotonic()
        for console in consoles:
            console.stop.set()
        await asyncio.gather(*(c.task for c in consoles if c.task))

        check = await stack.enter_async_context(client_for(info))
        figures = await _count(check, consoles, closed_by_colleague, colleague_jobs, created_since)

    reads = sorted(ms for c in consoles for ms in c.reads_ms)
    return {
        "bookings": count,
        **figures,
        "outage_s": round(up - down, 1),
        "time_to_drain_s": round(drained - up, 2),
        "queue_reads": len(reads),
        "queue_read_p50_ms": round(statistics.median(reads), 2) if reads else None,
        "queue_read_p95_ms": round(percentile(reads, 0.95), 2) if reads else None,
        "queue_read_max_ms": round(reads[-1], 2) if reads else None,
    }


async def _until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + STUCK_AFTER_S
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"outage drill stuck waiting for {what}")
        await asyncio.sleep(0.1)


async def _read_queue(console: _Console) -> None:
    """The CSR's queue, read from the cache as the window does, until cancelled."""
    db = reader(console.db)
    while True:
        started = time.perf_counter()
        with db.connect() as connection:
            rows = queue_rows(connection, QueueView.NEW)
        console.reads_ms.append((time.perf_counter() - started) * 1000)
        if not rows:
            raise RuntimeError(f"console {console.number}: the queue read answered nothing offline")
        await asyncio.sleep(READ_EVERY_S)


async def _colleague(
    info: dict[str, Any], refs: Refs, folder: Path, closed: dict[int, str]
) -> dict[int, int]:
    """The colleague converts or dismisses `closed` through its own console's outbox; answers the job
    number of each booking it converted."""
    db = cache_at(folder / "colleague.db")
    async with client_for(info) as client:
        h = harness(client, db)
        ids: dict[int, str] = {}
        for booking_id, what in closed.items():
            action: Action
            if what == "convert":
                action = accept_for_new_customer(booking_id, refs, f"colleague-{booking_id}-{tag()}")
            else:
                action = DismissBooking(booking_id, refs.dismiss_reason_id, "colleague")
            ids[booking_id] = enqueue(db, action, "csr:colleague")
        await run_until_settled(h.runner, db)
    numbers: dict[int, int] = {}
    for booking_id, action_id in ids.items():
        entry = get_action(db, action_id)
        if entry is None or entry.state is not ActionState.DONE:
            raise RuntimeError(f"the colleague's action on booking {booking_id} did not go through: {entry}")
        if closed[booking_id] == "convert":
            numbers[booking_id] = int(entry.results["job_number"])
    db.dispose()
    return numbers


async def _count(
    client: ServiceTitanClient,
    consoles: list[_Console],
    closed: dict[int, str],
    colleague_jobs: dict[int, int],
    since: datetime,
) -> dict[str, Any]:
    leads = [lead async for lead in client.crm.leads.items(LeadQuery(created_on_or_after=since))]
    leads_of = Counter(lead.booking_id for lead in leads if lead.booking_id is not None)
    states: Counter[str] = Counter()
    lost = duplicated = conflicts_named = 0
    accepted: list[str] = []
    for console in consoles:
        for action_id, action in console.actions.items():
            entry = get_action(console.db, action_id)
            if entry is None:
                lost += 1
                continue
            states[entry.state.value] += 1
            booking_id = action.target_id
            jobs = await jobs_of_booking(client, booking_id)
            booking = await client.crm.bookings.get(booking_id)
            duplicated += max(0, len(jobs) - 1) + max(0, leads_of[booking_id] - 1)
            if entry.state is ActionState.CONFLICT:
                what = closed.get(booking_id)
                message = entry.message or ""
                if what == "convert":
                    conflicts_named += f"job #{colleague_jobs[booking_id]}" in message
                elif what == "dismiss":
                    conflicts_named += "dismissed" in message
                continue
            if entry.state is not ActionState.DONE:
                lost += 1
                continue
            if isinstance(action, AcceptBooking):
                accepted.append(action_id)
                done = len(jobs) == 1 and booking.status is BookingStatus.CONVERTED
            elif isinstance(action, DismissBooking):
                done = booking.status is BookingStatus.DISMISSED
            else:
                done = leads_of[booking_id] == 1
            lost += not done
    customers = [c async for c in client.crm.customers.items(CustomerQuery(**tag_filter()))]
    # A customer tagged by one of our actions belongs to an accept that made its job; any other is an orphan.
    ours = {action_id for console in consoles for action_id in console.actions}
    orphans = sum(1 for a in _action_ids(customers) if a in ours and a not in set(accepted))
    return {
        "actions": sum(len(c.actions) for c in consoles),
        "replayed": states[ActionState.DONE.value],
        "conflicts": states[ActionState.CONFLICT.value],
        "conflicts_named": conflicts_named,
        "closed_by_colleague": len(closed),
        "failed": states[ActionState.FAILED.value],
        "lost": lost,
        "duplicated": duplicated + orphans,
        "orphan_customers": orphans,
    }
