"""Reclassifying a booking ("Unknown" -> a real job type and its business unit) through the outbox,
against a real sandbox: the server and the cache show the new job type; a refusal fails with the
server's message; a booking closed meanwhile is a conflict; a lost answer is looked up, not resent."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select

from csr_console.api import ServiceTitanClient
from csr_console.api.models.crm import DismissBookingRequest
from csr_console.domain.enums import BookingStatus
from csr_console.store import schema
from csr_console.sync.outbox import (
    ActionState,
    Backoff,
    InvalidAction,
    ReclassifyBooking,
    enqueue,
    get_action,
)
from csr_console.sync.outbox.actions import CLOSING_KINDS, from_payload, to_payload
from tests.conftest import RunningSandbox, connect, new_booking, start_sandbox, tag
from tests.sync.outbox_helpers import (
    cache_at,
    dropping_answer,
    harness,
    journal_results,
    refs_of,
)

PATCH_BOOKING = r"/booking-provider/\d+/bookings/\d+$"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("reclassify") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


async def unknown_booking(sandbox: RunningSandbox, client: ServiceTitanClient) -> tuple[int, int]:
    """A new booking sent with the seeded "Unknown" job type: (booking id, provider id)."""
    job_types = (await client.jpm.job_types.list(page_size=200)).items
    unknown = next(jt.id for jt in job_types if jt.name == "Unknown")
    provider = sandbox.providers[0]
    provider_id = int(provider["booking_provider"])
    async with connect(sandbox, provider) as mine:
        made = await mine.crm.provider_bookings(provider_id).create(new_booking(tag(), job_type_id=unknown))
    assert made.job_type_id == unknown
    return made.id, provider_id


def cached_booking(db: Engine, booking_id: int) -> tuple[int | None, int | None]:
    with db.connect() as connection:
        row = connection.execute(
            select(schema.booking.c.job_type_id, schema.booking.c.business_unit_id).where(
                schema.booking.c.id == booking_id
            )
        ).one()
    return row.job_type_id, row.business_unit_id


def test_reclassify_sets_the_job_type_on_the_server_and_in_the_cache(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            booking_id, provider_id = await unknown_booking(sandbox, client)
            h = harness(client, db)
            action = ReclassifyBooking(booking_id, provider_id, refs.job_type_id, refs.business_unit_id)
            action_id = enqueue(db, action, "csr:ana", changes=h.changes)
            assert await h.runner.run_due() == 1
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            booking = await client.crm.bookings.get(booking_id)
            assert (booking.job_type_id, booking.business_unit_id) == (
                refs.job_type_id,
                refs.business_unit_id,
            )
            assert booking.status is BookingStatus.NEW
            # The fresh copy is in the cache and announced: the queue and the pane show it at once.
            assert cached_booking(db, booking_id) == (refs.job_type_id, refs.business_unit_id)
            assert booking_id in h.published[-1].get("booking", frozenset())
            assert journal_results(db, action_id) == ["queued", "done"]

            # Without a business unit, only the job type changes.
            job_types = (await client.jpm.job_types.list(page_size=200)).items
            other = next(jt for jt in job_types if jt.id != refs.job_type_id and jt.name != "Unknown")
            second = enqueue(db, ReclassifyBooking(booking_id, provider_id, other.id), "csr:ana")
            await h.runner.run_due()
            assert get_action(db, second).state is ActionState.DONE  # type: ignore[union-attr]
            assert cached_booking(db, booking_id) == (other.id, refs.business_unit_id)

    asyncio.run(scenario())


def test_an_invalid_job_type_fails_with_the_servers_message(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            booking_id, provider_id = await unknown_booking(sandbox, client)
            before = await client.crm.bookings.get(booking_id)
            h = harness(client, db)
            action_id = enqueue(db, ReclassifyBooking(booking_id, provider_id, 987654321), "csr:ana")
            await h.runner.run_due()
            failed = get_action(db, action_id)
            assert failed is not None and failed.state is ActionState.FAILED, failed
            assert failed.message is not None and "jobTypeId 987654321 does not exist." in failed.message
            assert (await client.crm.bookings.get(booking_id)).job_type_id == before.job_type_id
            assert journal_results(db, action_id) == ["queued", "failed"]

    asyncio.run(scenario())


def test_a_booking_dismissed_meanwhile_is_a_conflict(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            booking_id, provider_id = await unknown_booking(sandbox, client)
            before = await client.crm.bookings.get(booking_id)
            request = DismissBookingRequest(call_reason_id=refs.dismiss_reason_id)
            await client.crm.provider_bookings(provider_id).dismiss(booking_id, request)
            h = harness(client, db)
            action_id = enqueue(db, ReclassifyBooking(booking_id, provider_id, refs.job_type_id), "csr:bo")
            await h.runner.run_due()
            conflict = get_action(db, action_id)
            assert conflict is not None and conflict.state is ActionState.CONFLICT, conflict
            assert conflict.message == f"Booking {booking_id} was already dismissed by someone else."
            assert (await client.crm.bookings.get(booking_id)).job_type_id == before.job_type_id

    asyncio.run(scenario())


def test_a_lost_answer_is_looked_up_not_resent(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")
    patches: list[str] = []

    async def count(request: httpx.Request) -> None:
        if request.method == "PATCH":
            patches.append(request.url.path)

    async def scenario() -> None:
        async with connect(sandbox) as setup:
            refs = await refs_of(setup)
            booking_id, provider_id = await unknown_booking(sandbox, setup)
        hooks = {**dropping_answer("PATCH", PATCH_BOOKING), "request": [count]}
        async with connect(sandbox, event_hooks=hooks) as client:
            h = harness(client, db, backoff=Backoff(base_s=0, cap_s=0))
            action = ReclassifyBooking(booking_id, provider_id, refs.job_type_id, refs.business_unit_id)
            action_id = enqueue(db, action, "csr:ana")
            await h.runner.run_due()
            waiting = get_action(db, action_id)
            assert waiting is not None and waiting.state is ActionState.PENDING, waiting
            assert waiting.message is not None and "may have been applied" in waiting.message

            await h.runner.run_due()
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            assert len(patches) == 1  # found by its lookup, not sent again
            assert cached_booking(db, booking_id) == (refs.job_type_id, refs.business_unit_id)

    asyncio.run(scenario())


def test_the_action_is_checked_and_round_trips() -> None:
    action = ReclassifyBooking(1, 2, 3, 4)
    assert from_payload(action.KIND, json.loads(json.dumps(to_payload(action)))) == action
    assert from_payload("reclassify_booking", {"booking_id": 1, "provider_id": 2, "job_type_id": 3}) == (
        ReclassifyBooking(1, 2, 3)
    )
    assert "reclassify_booking" not in CLOSING_KINDS  # it may wait beside an accept or a dismiss
    with pytest.raises(InvalidAction, match="job type id must be a positive id"):
        ReclassifyBooking(1, 2, 0)
    with pytest.raises(InvalidAction, match="business unit id must be a positive id"):
        ReclassifyBooking(1, 2, 3, -4)
