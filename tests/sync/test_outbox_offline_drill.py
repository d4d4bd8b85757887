"""Drill: the server goes away while actions are being carried out. They wait in the outbox, pending with
the network error, the connection shown offline; when the server is back (same port, same database) and
the connection is seen online again, they are all carried out, exactly once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from csr_console.api import RetryPolicy
from csr_console.api.models.crm import LeadQuery
from csr_console.domain.enums import BookingStatus, LeadStatus
from csr_console.sync.connectivity import Connectivity
from csr_console.sync.outbox import ActionState, Backoff, CaptureLead, DismissLead, enqueue, get_action
from tests.conftest import connect, tag
from tests.sync.outbox_helpers import (
    accept_for_new_customer,
    cache_at,
    eventually,
    harness,
    jobs_of_booking,
    make_bookings,
    make_leads,
    refs_of,
    states,
    tagged_count,
)


def test_actions_wait_offline_and_replay_once_the_server_is_back(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    # Latency keeps requests in flight when the server stops.
    sandbox = sandbox_factory(rate_limit=0, faults="latency=150ms")
    port = int(sandbox.base_url.rsplit(":", 1)[1])
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as setup:
            refs = await refs_of(setup)
            bookings = await make_bookings(sandbox, 9)
            [lead_id] = await make_leads(setup, refs, 1)
        started = datetime.now(UTC) - timedelta(seconds=5)
        accepts = [enqueue(db, accept_for_new_customer(b, refs), "csr:ana") for b, _ in bookings[:8]]
        summary = f"Call back in spring {tag()}"
        capture = enqueue(
            db, CaptureLead(bookings[8][0], refs.campaign_id, summary, refs.lead_reason_id), "a"
        )
        dismiss = enqueue(db, DismissLead(lead_id, refs.dismiss_reason_id), "csr:ana")
        everything = [*accepts, capture, dismiss]

        fast_fail = RetryPolicy(attempts=2, backoff_base=0.05)
        async with connect(sandbox, retry=fast_fail, timeout=5) as client:
            # A long back-off: the actions come back because the connection does, not because time passed.
            h = harness(client, db, parallel=2, backoff=Backoff(base_s=30, cap_s=60))
            stop = asyncio.Event()
            running = asyncio.create_task(h.runner.run(stop))
            await eventually(lambda: "done" in states(db).values(), "a first action done")
            sandbox.stop()

            def all_waiting() -> bool:
                entries = [get_action(db, a) for a in everything]
                return all(
                    e is not None
                    and (e.state is ActionState.DONE or (e.state is ActionState.PENDING and e.retrying))
                    for e in entries
                )

            await eventually(all_waiting, "every unfinished action pending with its error")
            waiting = [
                e for e in (get_action(db, a) for a in everything) if e and e.state is ActionState.PENDING
            ]
            assert waiting, "the server stopped after every action was done: nothing was tested"
            for entry in waiting:
                assert entry.next_attempt_at and entry.attempts >= 1, entry
                assert entry.message and (
                    "could not connect" in entry.message or "no answer" in entry.message
                )
            assert h.connectivity.state.state is Connectivity.OFFLINE
            assert not running.done()

            restarted = sandbox_factory(db_path=sandbox.db_path, port=port, rate_limit=0)
            # The feed engine's next poll gets through and says so; the runner hears it and goes.
            async with connect(restarted) as poller:
                await poller.crm.bookings.list(page_size=1)
            h.connectivity.succeeded()
            await eventually(lambda: set(states(db).values()) == {"done"}, "every action done")
            stop.set()
            await running
            print(f"\noffline drill: {len(everything)} actions, {len(waiting)} waited offline, all done")

        async with connect(restarted) as check:
            for action_id, (booking_id, _) in zip(accepts, bookings, strict=False):
                assert await tagged_count(check, "customer", f"{action_id}:customer") == 1
                assert await tagged_count(check, "job", f"{action_id}:job") == 1
                assert len(await jobs_of_booking(check, booking_id)) == 1
                assert (await check.crm.bookings.get(booking_id)).status is BookingStatus.CONVERTED
            leads = [lead async for lead in check.crm.leads.items(LeadQuery(created_on_or_after=started))]
            assert [lead.booking_id for lead in leads].count(bookings[8][0]) == 1
            assert (await check.crm.leads.get(lead_id)).status is LeadStatus.DISMISSED

    asyncio.run(scenario())
