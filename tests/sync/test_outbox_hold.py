"""The undo hold: a held action is in the outbox at once but sent only when its hold ends; cancelled
during the hold, nothing is ever sent. Against the real sandbox; time is moved by the runner's clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from csr_console.domain.enums import BookingStatus
from csr_console.sync.outbox import ActionState, DismissBooking, cancel, enqueue, get_action
from tests.conftest import RunningSandbox, connect
from tests.sync.outbox_helpers import cache_at, harness, journal_results, make_bookings, refs_of

HOLD_S = 600.0  # far longer than the test: "during the hold" does not depend on the test's speed


def test_held_dismiss_waits_for_its_hold_and_undo_sends_nothing(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            (kept, _), (undone, _) = await make_bookings(sandbox, 2)
            before = datetime.now(UTC)
            held = enqueue(db, DismissBooking(kept, refs.dismiss_reason_id, "spam"), "csr:ana", hold_s=HOLD_S)
            cancelled = enqueue(db, DismissBooking(undone, refs.dismiss_reason_id), "csr:ana", hold_s=HOLD_S)
            entry = get_action(db, held)
            assert entry is not None and entry.state is ActionState.PENDING and entry.attempts == 0
            assert entry.next_attempt_at is not None
            assert before + timedelta(seconds=HOLD_S) <= entry.next_attempt_at
            assert entry.next_attempt_at <= datetime.now(UTC) + timedelta(seconds=HOLD_S)

            h = harness(client, db)
            assert await h.runner.run_due() == 0
            # The connection coming back makes actions waiting out a back-off due, not held ones.
            h.connectivity.failed("down", network=True)
            h.connectivity.failed("down", network=True)
            h.connectivity.succeeded()
            assert await h.runner.run_due() == 0
            for booking_id in (kept, undone):
                assert (await client.crm.bookings.get(booking_id)).status is BookingStatus.NEW

            cancel(db, cancelled, "csr:ana")

            # The hold ends: the runner's clock is moved past it.
            later = harness(client, db, clock=lambda: datetime.now(UTC) + timedelta(seconds=HOLD_S + 1))
            assert await later.runner.run_due() == 1
            assert (await client.crm.bookings.get(kept)).status is BookingStatus.DISMISSED
            assert (await client.crm.bookings.get(undone)).status is BookingStatus.NEW
            done, never = get_action(db, held), get_action(db, cancelled)
            assert done is not None and done.state is ActionState.DONE
            assert never is not None and never.state is ActionState.CANCELLED and never.attempts == 0
            assert journal_results(db, cancelled) == ["queued", "cancelled"]

    asyncio.run(scenario())
