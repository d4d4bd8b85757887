"""Drill: a colleague closes the booking while the CSR's accept waits in the outbox. The accept ends as a
visible conflict naming what happened; nothing is created (no customer, no second job)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from csr_console.api.models.crm import DismissBookingRequest
from csr_console.sync.outbox import ActionState, enqueue, get_action
from tests.conftest import connect
from tests.sync.outbox_helpers import (
    accept_for,
    accept_for_new_customer,
    cache_at,
    harness,
    jobs_of_booking,
    journal_results,
    make_bookings,
    make_customers,
    refs_of,
    tagged_count,
)


def test_booking_closed_by_someone_else_while_an_accept_is_queued(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(rate_limit=0)
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as console, connect(sandbox) as colleague:
            refs = await refs_of(console)
            (dismissed_id, provider_id), (converted_id, _) = await make_bookings(sandbox, 2)
            [(customer_id, location_id)] = await make_customers(colleague, 1)
            h = harness(console, db)
            first = enqueue(db, accept_for_new_customer(dismissed_id, refs), "csr:ana")
            second = enqueue(db, accept_for_new_customer(converted_id, refs), "csr:ana")

            # Meanwhile another console dismisses one booking (through its provider's path) and books a
            # job for the other.
            await colleague.crm.provider_bookings(provider_id).dismiss(
                dismissed_id,
                DismissBookingRequest(call_reason_id=refs.dismiss_reason_id, dismissing_memo="dup"),
            )
            async with connect(sandbox) as third:
                colleague_db = cache_at(tmp_path / "colleague.db")
                h_other = harness(third, colleague_db)
                theirs = enqueue(
                    colleague_db, accept_for(converted_id, refs, customer_id, location_id), "csr:bo"
                )
                await h_other.runner.run_due()
                their_job = get_action(colleague_db, theirs)
                assert their_job is not None and their_job.state is ActionState.DONE

            await h.runner.run_due()
            dismissed = get_action(db, first)
            assert dismissed is not None and dismissed.state is ActionState.CONFLICT
            assert dismissed.message == f"Booking {dismissed_id} was already dismissed by someone else."
            converted = get_action(db, second)
            assert converted is not None and converted.state is ActionState.CONFLICT
            number = their_job.results["job_number"]
            assert (
                converted.message
                == f"Booking {converted_id} was already converted to job #{number} by someone else."
            )
            assert converted.conflict == {
                "status": "Converted",
                "job_id": their_job.results["job_id"],
                "job_number": number,
            }
            for action_id in (first, second):
                assert await tagged_count(console, "customer", f"{action_id}:customer") == 0
                assert await tagged_count(console, "job", f"{action_id}:job") == 0
                assert journal_results(db, action_id) == ["queued", "conflict"]
            assert await jobs_of_booking(console, dismissed_id) == []
            assert await jobs_of_booking(console, converted_id) == [their_job.results["job_id"]]

    asyncio.run(scenario())
