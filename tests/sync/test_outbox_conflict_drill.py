"""Drill: a colleague closes the booking while the CSR's accept waits in the outbox, or books it while the
accept is under way. The accept ends as a visible conflict naming what happened; it creates no second
job, and a customer it had created already is withdrawn (deactivated)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from csr_console.api import ServiceTitanClient
from csr_console.api.models.common import ActiveFilter
from csr_console.api.models.crm import CustomerQuery, DismissBookingRequest, LocationQuery
from csr_console.api.models.jpm import AppointmentInformation, JobCreateRequest
from csr_console.store import schema
from csr_console.sync.outbox import ActionState, enqueue, get_action
from csr_console.sync.outbox.backoff import Backoff
from tests.conftest import connect
from tests.sync.outbox_helpers import (
    Refs,
    accept_for,
    accept_for_new_customer,
    cache_at,
    dropping_answer,
    harness,
    job_draft,
    jobs_of_booking,
    journal_results,
    make_bookings,
    make_customers,
    refs_of,
    tag_filter,
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
                "words": {  # the message's template and values, for the CSR's language
                    "template": "Booking {booking} was already converted to job #{job} by someone else.",
                    "values": {"booking": str(converted_id), "job": str(number)},
                },
            }
            for action_id in (first, second):
                assert await tagged_count(console, "customer", f"{action_id}:customer") == 0
                assert await tagged_count(console, "job", f"{action_id}:job") == 0
                assert journal_results(db, action_id) == ["queued", "conflict"]
            assert await jobs_of_booking(console, dismissed_id) == []
            assert await jobs_of_booking(console, converted_id) == [their_job.results["job_id"]]

    asyncio.run(scenario())


def _booking_it_first(colleague: ServiceTitanClient, refs: Refs, booking_id: int) -> dict[str, list[Any]]:
    """httpx event hooks under which, the moment our console sends its job for `booking_id`, a colleague
    books that booking first (for a customer of their own): the race consoles lose after they have
    created their customer, made certain."""
    booked: list[int] = []

    async def colleague_first(request: httpx.Request) -> None:
        if request.method == "POST" and request.url.path.endswith("/jobs") and not booked:
            [(customer_id, location_id)] = await make_customers(colleague, 1)
            theirs = job_draft(refs)
            job = await colleague.jpm.jobs.create(
                JobCreateRequest(
                    customer_id=customer_id,
                    location_id=location_id,
                    business_unit_id=theirs.business_unit_id,
                    job_type_id=theirs.job_type_id,
                    priority=theirs.priority,
                    campaign_id=theirs.campaign_id,
                    appointments=[
                        AppointmentInformation(
                            start=theirs.visit.start,
                            end=theirs.visit.end,
                            arrival_window_start=theirs.visit.arrival_window_start,
                            arrival_window_end=theirs.visit.arrival_window_end,
                        )
                    ],
                    booking_id=booking_id,
                )
            )
            booked.append(job.id)

    return {"request": [colleague_first]}


async def _ours_on_the_server(client: ServiceTitanClient, action_id: str) -> list[bool]:
    """Whether each customer and location our action created is active (deactivated ones included)."""
    every = {**tag_filter(), "active": ActiveFilter.ANY}
    found = [
        c.active async for c in client.crm.customers.items(CustomerQuery(**every)) if _ours(c, action_id)
    ]
    found += [
        loc.active
        async for loc in client.crm.locations.items(LocationQuery(**every))
        if _ours(loc, action_id)
    ]
    return found


def _ours(record: Any, action_id: str) -> bool:
    return any(d.value.startswith(f"{action_id}:") for d in record.external_data or ())


def test_an_accept_beaten_to_the_job_withdraws_the_customer_it_created(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(rate_limit=0)
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as colleague:
            refs = await refs_of(colleague)
            [(booking_id, _)] = await make_bookings(sandbox, 1)
            async with connect(
                sandbox, event_hooks=_booking_it_first(colleague, refs, booking_id)
            ) as console:
                h = harness(console, db)
                action_id = enqueue(db, accept_for_new_customer(booking_id, refs), "csr:ana")
                await h.runner.run_due()
            lost = get_action(db, action_id)
            assert lost is not None and lost.state is ActionState.CONFLICT, lost
            [their_job] = await jobs_of_booking(colleague, booking_id)
            number = (await colleague.jpm.jobs.get(their_job)).job_number
            assert (
                lost.message
                == f"Booking {booking_id} was already converted to job #{number} by someone else."
            )
            # It had created its customer and location (the race), and deactivated both.
            assert await _ours_on_the_server(colleague, action_id) == [False, False]
            assert await tagged_count(colleague, "customer", f"{action_id}:customer") == 0  # active ones
            with db.connect() as c:
                cached = c.execute(
                    select(schema.customer.c.active).where(
                        schema.customer.c.id == lost.results["customer_id"]
                    )
                ).scalar_one()
            assert cached is False  # the cache has the deactivated copy: the duplicate search skips it

    asyncio.run(scenario())


def test_a_withdrawal_cut_short_finishes_on_the_next_attempt(sandbox_factory: Any, tmp_path: Path) -> None:
    """The answer to the customer's deactivation is lost: the action is tried again, finds the booking
    closed at once, and sends the deactivation again (idempotent) before it ends as a conflict."""
    sandbox = sandbox_factory(rate_limit=0)
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as colleague:
            refs = await refs_of(colleague)
            [(booking_id, _)] = await make_bookings(sandbox, 1)
            hooks = _booking_it_first(colleague, refs, booking_id)
            hooks["response"] = dropping_answer("PATCH", r"/customers/\d+$")["response"]
            async with connect(sandbox, event_hooks=hooks) as console:
                h = harness(console, db, backoff=Backoff(base_s=0, cap_s=0))
                action_id = enqueue(db, accept_for_new_customer(booking_id, refs), "csr:ana")
                await h.runner.run_due()
                waiting = get_action(db, action_id)
                assert waiting is not None and waiting.state is ActionState.PENDING, waiting
                await h.runner.run_due()
            lost = get_action(db, action_id)
            assert lost is not None and lost.state is ActionState.CONFLICT, lost
            assert await _ours_on_the_server(colleague, action_id) == [False, False]
            assert len(await jobs_of_booking(colleague, booking_id)) == 1

    asyncio.run(scenario())
