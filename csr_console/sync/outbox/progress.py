"""One attempt at one action: its steps, each recorded in flight before its request and done after.

A step found in flight when an attempt starts (the runner was killed, or the answer never came) has an
unknown outcome: its lookup runs first. Found, the step is done with the ids found; not found, the mark
goes and the step is sent again in its turn. A step the server refused is forgotten: nothing happened.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Engine

from csr_console.api.client import ServiceTitanClient
from csr_console.api.models.common import ExternalData, ExternalDataCreate
from csr_console.sync.outbox import ledger
from csr_console.sync.outbox.backoff import is_refusal
from csr_console.sync.outbox.entries import OutboxEntry, StepRecord, StepState

log = logging.getLogger(__name__)

#: The externalData key every create carries; its value is "<action id>:<step>".
TAG_KEY = "csr-op"

Result = dict[str, Any]
Find = Callable[[StepRecord], Awaitable[Result | None]]
Send = Callable[[], Awaitable[Result]]
Clock = Callable[[], datetime]


class ActionRun:
    """The context a plan works in: the client, the action, its steps so far and its results."""

    def __init__(
        self,
        client: ServiceTitanClient,
        db: Engine,
        entry: OutboxEntry,
        application_guid: UUID,
        clock: Clock,
    ) -> None:
        self.client = client
        self.entry = entry
        self.application_guid = application_guid
        self.results: Result = dict(entry.results)
        self._db = db
        self._clock = clock
        self._steps: dict[str, StepRecord] = {}

    @property
    def action_id(self) -> str:
        return self.entry.id

    def tag(self, step: str) -> str:
        return f"{self.entry.id}:{step}"

    def external_data(self, step: str) -> ExternalDataCreate:
        return ExternalDataCreate(
            application_guid=self.application_guid,
            external_data=[ExternalData(key=TAG_KEY, value=self.tag(step))],
        )

    def tag_filter(self, step: str) -> dict[str, Any]:
        """Query fields that find the records a step created (customers, locations, jobs)."""
        return {
            "external_data_application_guid": self.application_guid,
            "external_data_key": TAG_KEY,
            "external_data_values": [self.tag(step)],
        }

    def done(self, step: str) -> bool:
        return self.result_of(step) is not None

    def result_of(self, step: str) -> Result | None:
        """A done step's result (None while it is not done)."""
        record = self._steps.get(step)
        return record.result if record is not None and record.state is StepState.DONE else None

    async def load(self, finders: Mapping[str, Find]) -> None:
        """Read the action's steps and settle every one left in flight by looking its effect up."""
        self._steps = await asyncio.to_thread(ledger.steps_of, self._db, self.entry.id)
        for record in list(self._steps.values()):
            if record.state is not StepState.IN_FLIGHT:
                continue
            find = finders.get(record.step)
            found = await find(record) if find is not None else None
            if found is not None:
                log.info("action %s: step %s had been applied (%s)", self.entry.id, record.step, found)
                await self.complete(record.step, found)
            else:
                # Looked up and not there: the request never took effect; the step will be sent again.
                await asyncio.to_thread(ledger.forget_step, self._db, self.entry.id, record.step)
                del self._steps[record.step]

    async def step(
        self, step: str, send: Send, *, note: Result | None = None, look_first: Find | None = None
    ) -> Result:
        """Carry out a step once: its stored result if done; else (after `look_first`, for steps whose
        effect may exist regardless of us, like a contact the owner already has) mark it in flight, send
        it, and mark it done with its result."""
        record = self._steps.get(step)
        if record is not None and record.state is StepState.DONE:
            return record.result
        now = self._clock()
        if look_first is not None:
            found = await look_first(StepRecord(step, StepState.IN_FLIGHT, self.tag(step), note or {}, now))
            if found is not None:
                await self.complete(step, found)
                return found
        self._steps[step] = await asyncio.to_thread(
            ledger.mark_in_flight, self._db, self.entry.id, step, self.tag(step), note or {}, now
        )
        try:
            result = await send()
        except Exception as error:
            if is_refusal(error):
                await asyncio.to_thread(ledger.forget_step, self._db, self.entry.id, step)
                del self._steps[step]
            raise
        await self.complete(step, result)
        return result

    async def target_step(
        self,
        step: str,
        send: Send,
        *,
        find: Find,
        recheck: Callable[[], Awaitable[object]],
        note: Result | None = None,
    ) -> Result:
        """A step that acts on the target itself (books its job, dismisses it, captures it, follows it
        up). Refused, it is judged: if its effect is there after all, it is ours and done; otherwise
        `recheck` reads the target again and raises TargetClosed if someone else closed it (a 409 on a
        job, a 400 on a dismiss); else the refusal stands and the action fails with its message."""
        started = self._clock()
        try:
            return await self.step(step, send, note=note)
        except Exception as error:
            if not is_refusal(error):
                raise
            found = await find(StepRecord(step, StepState.IN_FLIGHT, self.tag(step), note or {}, started))
            if found is not None:
                await self.complete(step, found)
                return found
            await recheck()
            raise

    async def complete(self, step: str, result: Result) -> None:
        """Record a step as done with `result` (sent by us, or found by a lookup)."""
        now = self._clock()
        await asyncio.to_thread(ledger.mark_done, self._db, self.entry.id, step, self.tag(step), result, now)
        self._steps[step] = StepRecord(step, StepState.DONE, self.tag(step), result, now)
        self.results.update(result)
