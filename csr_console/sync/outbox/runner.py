"""OutboxRunner: carries out the queued CSR actions, step by step, exactly once.

Scheduling: one action at a time per target (booking or lead), in the order they were queued; actions
on different targets run concurrently, at most `parallel` at once. An action that must wait to be
retried holds back the ones queued after it on the same target.

Each attempt: claim the action (pending -> running), settle its in-flight steps by lookup, carry out
the remaining steps (plans.py), then finish it:
- done: fresh copies of what it touched written to the cache with its results and a journal row;
- conflict (the target was closed by someone else): what happened, in `message` and `conflict`;
- failed (a 4xx, or an answer the client could not read): the server's message; the CSR may retry;
- transient failure (no connection, no answer, 5xx, 429, 408): pending again with `next_attempt_at`
  (exponential back-off with jitter) and the error as `message`.
Every change of an action is published on the ChangeHub as ('outbox', action id) and, with fresh
copies, the ids of the records written.

Offline: the connectivity monitor is told of every attempt's outcome; when it comes back online the
waiting actions are made due and run at once (`wake()`).

One runner per cache: `resume()` takes over actions a previous runner left running.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine

from csr_console.api.client import ServiceTitanClient
from csr_console.api.errors import ApiError, NetworkError, OutcomeUnknown, ServiceTitanError
from csr_console.sync.changes import ChangeHub, ChangeSet
from csr_console.sync.connectivity import Connectivity, ConnectivityMonitor, ConnectivityState
from csr_console.sync.outbox import ledger
from csr_console.sync.outbox.actions import EditBookingContact
from csr_console.sync.outbox.backoff import Backoff, is_transient, server_message
from csr_console.sync.outbox.entries import ActionState, OutboxEntry
from csr_console.sync.outbox.errors import TargetClosed
from csr_console.sync.outbox.ledger import Ending, Target
from csr_console.sync.outbox.plans import plan_for
from csr_console.sync.outbox.progress import ActionRun
from csr_console.sync.outbox.refresh import FreshCopies, fetch_fresh

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class OutboxRunner:
    def __init__(
        self,
        client: ServiceTitanClient,
        db: Engine,
        *,
        application_guid: UUID,
        changes: ChangeHub,
        connectivity: ConnectivityMonitor,
        parallel: int = 4,
        backoff: Backoff | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = _utc_now,
        rng: random.Random | None = None,
    ) -> None:
        self._client = client
        self._db = db
        self._guid = application_guid
        self._changes = changes
        self._connectivity = connectivity
        self._parallel = max(1, parallel)
        self._backoff = backoff or Backoff()
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._active: dict[Target, asyncio.Task[None]] = {}
        self._wake = asyncio.Event()
        self._expedite = False
        self._online = connectivity.state.state is Connectivity.ONLINE
        connectivity.subscribe(self._on_connectivity)

    # -- control -------------------------------------------------------------------------------------
    def wake(self) -> None:
        """Look for due actions now (call it after queuing one). From the event loop's thread only."""
        self._wake.set()

    def resume(self) -> list[str]:
        """On start: actions a stopped runner left running are due again; their in-flight steps are
        looked up before anything is sent. Answers their ids."""
        ids = ledger.release_running(self._db, self._clock())
        if ids:
            log.info("outbox: resuming %d action(s) left running", len(ids))
            self._changes.publish("outbox", ids)
        self.wake()
        return ids

    async def run_due(self) -> int:
        """Run every action due now, once each; answers how many were attempted. (Use either this or
        `run`, not both at once.)"""
        attempted: set[str] = set()
        while True:
            await self._launch(attempted)
            if not self._active:
                return len(attempted)
            await asyncio.wait(list(self._active.values()), return_when=asyncio.FIRST_COMPLETED)

    async def run(self, stop: asyncio.Event) -> None:
        """Carry out actions as they become due until `stop` is set; then stop the ones in progress
        (they are due again on the next start, their in-flight steps looked up)."""
        # A fresh event for this loop: an asyncio.Event is bound to the loop that first waits on it.
        self._wake = asyncio.Event()
        stopping = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                self._wake.clear()
                next_due = await self._launch(None)
                waits: list[asyncio.Future[Any]] = [stopping, asyncio.ensure_future(self._wake.wait())]
                # A finished action wakes the loop itself (`_finished`); a full runner need not count time.
                if next_due is not None and len(self._active) < self._parallel:
                    seconds = max(0.0, (next_due - self._clock()).total_seconds())
                    waits.append(asyncio.ensure_future(self._sleep(seconds)))
                await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
                for waiter in waits[1:]:
                    waiter.cancel()
        finally:
            stopping.cancel()
            for task in list(self._active.values()):
                task.cancel()
            await asyncio.gather(*self._active.values(), return_exceptions=True)

    def _on_connectivity(self, state: ConnectivityState) -> None:
        online = state.state is Connectivity.ONLINE
        if online and not self._online:
            # Back online: actions waiting out a back-off (most of them for the network) go now.
            self._expedite = True
            self.wake()
        self._online = online

    # -- scheduling ----------------------------------------------------------------------------------
    async def _launch(self, attempted: set[str] | None) -> datetime | None:
        """Start a task for each target with a due action, up to `parallel`; answers when the next
        waiting action falls due. `attempted` (run_due) keeps an action from running twice."""
        now = self._clock()
        if self._expedite:
            self._expedite = False
            await asyncio.to_thread(ledger.expedite, self._db, now)
        schedule = await asyncio.to_thread(ledger.schedule, self._db, now)
        for target, action_id in schedule.due:
            if len(self._active) >= self._parallel:
                break
            if target in self._active or (attempted is not None and action_id in attempted):
                continue
            task = asyncio.create_task(self._work_target(target, attempted), name=f"outbox {target}")
            self._active[target] = task
            task.add_done_callback(partial(self._finished, target))
        return schedule.next_due_at

    def _finished(self, target: Target, task: asyncio.Task[None]) -> None:
        self._active.pop(target, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("outbox: work on %s %s stopped", *target, exc_info=task.exception())
        self.wake()

    async def _work_target(self, target: Target, attempted: set[str] | None) -> None:
        """The target's actions, oldest first, while the oldest unfinished one is due."""
        while True:
            entry = await asyncio.to_thread(ledger.head_of, self._db, target)
            if entry is None or entry.state is not ActionState.PENDING:
                return
            if entry.next_attempt_at is not None and entry.next_attempt_at > self._clock():
                return
            if attempted is not None:
                if entry.id in attempted:
                    return
                attempted.add(entry.id)
            await self._attempt(entry)

    # -- one attempt ---------------------------------------------------------------------------------
    async def _attempt(self, entry: OutboxEntry) -> None:
        if not await asyncio.to_thread(ledger.claim, self._db, entry.id, self._clock()):
            return  # cancelled meanwhile
        self._changes.publish("outbox", [entry.id])
        try:
            outcome = await self._carry_out(entry)
        except asyncio.CancelledError:
            await asyncio.shield(asyncio.to_thread(ledger.release, self._db, entry.id, self._clock()))
            raise
        if isinstance(outcome, Retry):
            now = self._clock()
            at = now + timedelta(seconds=outcome.delay_s)
            await asyncio.to_thread(ledger.reschedule, self._db, entry.id, at, outcome.message, now)
            self._changes.publish("outbox", [entry.id])
        else:
            await self._finish(entry, *outcome)

    async def _carry_out(self, entry: OutboxEntry) -> Retry | tuple[Ending, FreshCopies]:
        run = ActionRun(self._client, self._db, entry, self._guid, self._clock)
        try:
            plan = plan_for(run)
            await run.load(plan.finders())
            await plan.carry_out()
        except TargetClosed as closed:
            self._connectivity.succeeded()
            log.info("outbox: action %s (%s) conflicts: %s", entry.id, entry.kind, closed)
            ending = Ending(ActionState.CONFLICT, run.results, str(closed), closed.details)
            return ending, FreshCopies(list(closed.fresh))
        except Exception as error:
            if is_transient(error):
                network = isinstance(error, (NetworkError, OutcomeUnknown))
                self._connectivity.failed(str(error), network=network)
                delay = self._backoff.delay(entry.attempts + 1, self._rng, error)
                log.info("outbox: action %s (%s) retries in %.1f s: %s", entry.id, entry.kind, delay, error)
                return Retry(delay, str(error))
            return Ending(ActionState.FAILED, run.results, self._failure_message(entry, error)), FreshCopies()
        self._connectivity.succeeded()
        fresh = await fetch_fresh(
            self._client,
            entry.target_kind,
            entry.target_id,
            run.results,
            with_booking_contacts=isinstance(entry.action, EditBookingContact),
        )
        return Ending(ActionState.DONE, run.results), fresh

    def _failure_message(self, entry: OutboxEntry, error: Exception) -> str:
        if isinstance(error, ApiError):
            self._connectivity.succeeded()  # the server answered
            message = server_message(error)
        elif isinstance(error, ServiceTitanError):
            message = str(error)
        else:
            log.exception("outbox: action %s (%s) failed unexpectedly", entry.id, entry.kind)
            message = f"internal error: {error!r}"
        log.info("outbox: action %s (%s) failed: %s", entry.id, entry.kind, message)
        return message

    async def _finish(self, entry: OutboxEntry, ending: Ending, fresh: FreshCopies) -> None:
        now = self._clock()
        written: list[ChangeSet] = []

        def write_fresh(connection: Connection) -> None:
            written.append(fresh.write(connection, now))

        await asyncio.to_thread(ledger.finish, self._db, entry, ending, now, write_fresh)
        ids = {kind: set(written[0].of(kind)) for kind in written[0].ids} if written else {}
        ids.setdefault("outbox", set()).add(entry.id)
        self._changes.publish_set(ChangeSet({kind: frozenset(values) for kind, values in ids.items()}))


@dataclass(frozen=True)
class Retry:
    """A transient failure: try again in `delay_s`, showing `message` meanwhile."""

    delay_s: float
    message: str
