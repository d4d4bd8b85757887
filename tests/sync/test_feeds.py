"""The feed engine against a real sandbox over loopback HTTP: initial sync, incremental changes, the
overlap, deletions, booking contacts, the polling loop and connectivity.

Every request the engine sends is also checked against the official request schemas (the contract hook
of `tests.conftest.connect`). The sandbox of this module is its own (fresh database): tests here write.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from csr_console.api import NetworkError
from csr_console.api.models.common import ActiveFilter
from csr_console.api.models.crm import (
    Booking,
    BookingQuery,
    CreateCustomerRequest,
    NewAddress,
    NewContact,
    NewLocation,
    UpdateBookingRequest,
    UpdateCustomerRequest,
)
from csr_console.api.models.jbce import CallReasonQuery
from csr_console.domain.enums import BookingStatus, ContactType
from csr_console.store import schema
from csr_console.sync.connectivity import Connectivity
from tests.conftest import RunningSandbox, connect, new_booking, start_sandbox, tag
from tests.sync.feed_helpers import Harness, harness, wait_for

STRATEGIES = ["export", "list"]
REFERENCE_TABLES = [
    schema.business_unit,
    schema.job_type,
    schema.campaign,
    schema.call_reason,
    schema.booking_provider_tag,
    schema.technician,
    schema.scheduler,
]


@pytest.fixture(scope="module")
def fresh_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("feeds") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_initial_sync_fills_the_cache_once(
    fresh_sandbox: RunningSandbox, tmp_path: Path, strategy: str
) -> None:
    async def scenario() -> None:
        async with (
            connect(fresh_sandbox) as client,
            harness(client, tmp_path / "c.db", bookings=strategy) as h,
        ):
            assert await h.engine.sync_once() == {}
            total = (await client.crm.bookings.list(include_total=True, page_size=1)).total_count
            assert h.count(schema.booking) == total
            assert h.published("booking"), "new rows are announced"

            for table in REFERENCE_TABLES:
                assert h.count(table), table.name
            reasons = await client.jbce.call_reasons.list(
                CallReasonQuery(active=ActiveFilter.ANY), page_size=500
            )
            assert h.count(schema.call_reason) == len(reasons.items)
            sessions = 0
            for scheduler in (await client.scheduling_pro.schedulers.list()).items:
                page = await client.scheduling_pro.schedulers.sessions(scheduler.id).list(include_total=True)
                sessions += page.total_count or 0
            assert sessions and h.count(schema.scheduler_session) == sessions
            for table in (schema.lead, schema.job, schema.appointment, schema.customer, schema.location):
                assert h.count(table), table.name
            assert h.count(schema.contact, schema.contact.c.owner_kind == "customer")

            # Contacts only for the queue (status New), never for the whole history.
            fetched = h.count(schema.booking, schema.booking.c.contacts_synced_at.is_not(None))
            assert fetched == h.count(schema.booking, schema.booking.c.status == BookingStatus.NEW.value) > 0
            assert h.count(schema.booking_contact)
            assert h.count(schema.quarantine) == 0
            cursors = h.cursors()
            assert set(cursors) == {name for names in h.engine.lanes.values() for name in names}
            assert all(row["last_error"] is None for row in cursors.values())

            h.forget()
            assert await h.engine.sync_once() == {}
            assert not h.changes, "nothing changed on the server: nothing is announced"

        async with (
            connect(fresh_sandbox) as client,
            harness(client, tmp_path / "c.db", bookings=strategy) as h,
        ):
            await h.engine.sync_once()
            assert not h.changes, "a restarted engine resumes from its cursors without false changes"

    asyncio.run(scenario())


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_new_and_updated_bookings_reach_the_cache(
    fresh_sandbox: RunningSandbox, tmp_path: Path, strategy: str
) -> None:
    angi = fresh_sandbox.providers[0]

    async def scenario() -> None:
        async with (
            connect(fresh_sandbox, angi) as partner,
            connect(fresh_sandbox) as client,
            harness(client, tmp_path / "c.db", bookings=strategy) as h,
        ):
            await h.engine.sync_once()
            bookings = partner.crm.provider_bookings(angi["booking_provider"])
            created = await bookings.create(new_booking(tag()))
            h.forget()
            await h.engine.sync_once()
            assert created.id in h.published("booking")
            first = h.row(schema.booking, id=created.id)
            assert first is not None and first["status"] == "New" and first["name"] == created.name
            assert first["received_at"] >= first["created_on"] and first["lag_ms"] >= 0
            assert first["contacts_synced_at"] is not None, "a new booking's contacts come with it"
            assert h.count(schema.booking_contact, schema.booking_contact.c.booking_id == created.id) == 2

            updated = await bookings.update(
                created.id, UpdateBookingRequest(summary="Now also a leaking tap")
            )
            h.forget()
            await h.engine.sync_once()
            assert h.published("booking") == {created.id}
            second = h.row(schema.booking, id=created.id)
            assert second is not None and second["summary"] == "Now also a leaking tap"
            assert second["modified_on"] == updated.modified_on > first["modified_on"]
            assert second["received_at"] == first["received_at"], "set once, when first stored"
            assert second["contacts_synced_at"] > first["contacts_synced_at"], "a changed booking's contacts"
            assert h.count(schema.booking_contact, schema.booking_contact.c.booking_id == created.id) == 2

            # After the initial sync, any changed booking gets its contacts, not only New ones.
            accepted = next(
                b
                for b in (
                    await client.crm.bookings.list(BookingQuery(sort="-CreatedOn"), page_size=500)
                ).items
                if b.status is BookingStatus.ACCEPTED
            )
            assert (h.row(schema.booking, id=accepted.id) or {})["contacts_synced_at"] is None
            provider = client.crm.provider_bookings(accepted.booking_provider_id)
            await provider.update(accepted.id, UpdateBookingRequest(summary="Called back, wants Friday"))
            await h.engine.sync_once(["bookings", "booking_contacts"])
            assert (h.row(schema.booking, id=accepted.id) or {})["contacts_synced_at"] is not None

            # The next poll's overlap brings the booking back unchanged: no row, no announcement.
            h.forget()
            await h.engine.sync_once(["bookings", "booking_contacts"])
            assert not h.changes
            assert h.count(schema.booking, schema.booking.c.id == created.id) == 1

    asyncio.run(scenario())


def test_contacts_still_waiting_at_a_stop_are_fetched_after_the_restart(
    fresh_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    cache = tmp_path / "c.db"

    async def scenario() -> None:
        async with connect(fresh_sandbox) as client:
            async with harness(client, cache) as h:
                await h.engine.sync_once()
                # Not New (those are always fetched), and another one than the test above patches.
                accepted = [
                    b
                    for b in (
                        await client.crm.bookings.list(BookingQuery(sort="-CreatedOn"), page_size=500)
                    ).items
                    if b.status is BookingStatus.ACCEPTED
                ][-1]
                await h.engine.fetch_booking_contacts(accepted.id)
                fetched = (h.row(schema.booking, id=accepted.id) or {})["contacts_synced_at"]
                provider = client.crm.provider_bookings(accepted.booking_provider_id)
                await provider.update(accepted.id, UpdateBookingRequest(summary="Wants a call in spring"))
                # The booking arrives, then the process stops before its contacts are fetched.
                await h.engine.sync_once(["bookings"])
                row = h.row(schema.booking, id=accepted.id) or {}
                assert row["summary"] == "Wants a call in spring" and row["contacts_synced_at"] == fetched
            async with harness(client, cache) as restarted:
                await restarted.engine.sync_once(["booking_contacts"])
                again = (restarted.row(schema.booking, id=accepted.id) or {})["contacts_synced_at"]
                assert again > fetched

    asyncio.run(scenario())


def test_deleted_contacts_and_deactivated_customers_turn_inactive(
    fresh_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with connect(fresh_sandbox) as client, harness(client, tmp_path / "c.db") as h:
            address = NewAddress(street="3 Feed Rd", city="Austin", state="TX", zip="78701", country="USA")
            customer = await client.crm.customers.create(
                CreateCustomerRequest(
                    name=f"Feed Customer {tag()}",
                    address=address,
                    locations=[NewLocation(name="Home", address=address)],
                    contacts=[
                        NewContact(type=ContactType.PHONE, value="5125550100"),
                        NewContact(type=ContactType.EMAIL, value=f"{tag()}@example.com"),
                    ],
                )
            )
            await h.engine.sync_once()
            owned = schema.contact.c.owner_id == customer.id
            assert h.count(schema.contact, owned, schema.contact.c.active) == 2
            assert (h.row(schema.customer, id=customer.id) or {})["active"] is True

            gone = customer.contacts[0].id
            await client.transport.request("DELETE", "crm", f"/customers/{customer.id}/contacts/{gone}")
            await client.crm.customers.update(customer.id, UpdateCustomerRequest(active=False))
            h.forget()
            await h.engine.sync_once()
            assert (h.row(schema.contact, owner_kind="customer", id=gone) or {})["active"] is False
            assert h.count(schema.contact, owned, schema.contact.c.active) == 1
            assert (h.row(schema.customer, id=customer.id) or {})["active"] is False
            assert customer.id in h.published("customer")

    asyncio.run(scenario())


def test_contacts_of_an_older_booking_on_request(fresh_sandbox: RunningSandbox, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connect(fresh_sandbox) as client, harness(client, tmp_path / "c.db") as h:
            await h.engine.sync_once()
            closed = schema.booking.c.status != BookingStatus.NEW.value
            assert h.count(schema.booking, closed, schema.booking.c.contacts_synced_at.is_not(None)) == 0
            # An older booking the CSR opens: the one with the most contacts on the server.
            candidates = (await client.crm.bookings.list(BookingQuery(), page_size=50)).items
            old = [b for b in candidates if b.status is not BookingStatus.NEW]
            counts = {b.id: len((await client.crm.bookings.contacts(b.id).list()).items) for b in old}
            booking_id = max(counts, key=lambda i: counts[i])
            assert counts[booking_id]

            h.forget()
            assert await h.engine.fetch_booking_contacts(booking_id) is True
            assert h.published("booking") == {booking_id}
            assert (
                h.count(schema.booking_contact, schema.booking_contact.c.booking_id == booking_id)
                == counts[booking_id]
            )
            assert (h.row(schema.booking, id=booking_id) or {})["contacts_synced_at"] is not None
            assert await h.engine.fetch_booking_contacts(booking_id) is False, "unchanged the second time"

    asyncio.run(scenario())


@asynccontextmanager
async def synced_beside_a_partner(
    sandbox: RunningSandbox, tmp_path: Path
) -> AsyncIterator[tuple[Harness, Callable[[], Awaitable[Booking]]]]:
    """A harness after its first sync, and a partner (Angi) that creates a new booking when called."""
    angi = sandbox.providers[0]
    async with (
        connect(sandbox, angi) as partner,
        connect(sandbox) as client,
        harness(client, tmp_path / "c.db") as h,
    ):
        await h.engine.sync_once()
        yield h, lambda: partner.crm.provider_bookings(angi["booking_provider"]).create(new_booking(tag()))


def test_run_follows_new_bookings_until_stopped(fresh_sandbox: RunningSandbox, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with synced_beside_a_partner(fresh_sandbox, tmp_path) as (h, create_booking):
            h.engine.set_active(True)
            stop = asyncio.Event()
            running = asyncio.create_task(h.engine.run(stop))
            created = await create_booking()
            h.engine.poll_now()
            await wait_for(lambda: created.id in h.published("booking"))
            await wait_for(
                lambda: h.count(schema.booking_contact, schema.booking_contact.c.booking_id == created.id)
            )
            stop.set()
            await running
            assert h.monitor.state.state is Connectivity.ONLINE

    asyncio.run(scenario())


def test_connectivity_follows_the_server(sandbox_factory: Any, tmp_path: Path) -> None:
    running: RunningSandbox = sandbox_factory(rate_limit=0)
    port = urlsplit(running.base_url).port

    async def scenario() -> None:
        async with connect(running) as client, harness(client, tmp_path / "c.db") as h:
            assert await h.engine.sync_once() == {}
            assert h.monitor.state.state is Connectivity.ONLINE

            # Server errors: the server is there, the connection is only degraded.
            token = await client.transport.access_token()
            faults = httpx.put(
                f"{running.base_url}/_sandbox/faults",
                content="error=1",
                headers={"Authorization": f"Bearer {token}"},
            )
            faults.raise_for_status()
            failed = await h.engine.sync_once(["bookings"])
            assert set(failed) == {"bookings"}
            assert h.monitor.state.state is Connectivity.DEGRADED
            assert "HTTP 5" in (h.monitor.state.last_error or "")
            assert h.cursors()["bookings"]["last_error"]
            httpx.put(
                f"{running.base_url}/_sandbox/faults",
                content="",
                headers={"Authorization": f"Bearer {token}"},
            ).raise_for_status()

            # Unreachable: degraded at once, offline when it persists.
            running.stop()
            with pytest.raises(NetworkError):
                await h.engine.sync_once()
            assert h.monitor.state.state is Connectivity.DEGRADED
            with pytest.raises(NetworkError):
                await h.engine.sync_once()
            assert h.monitor.state.state is Connectivity.OFFLINE
            assert "cannot reach" in (h.monitor.state.last_error or "")
            assert h.cursors()["business_units"]["last_error"]

            sandbox_factory(db_path=running.db_path, port=port, rate_limit=0)
            assert await h.engine.sync_once() == {}
            assert h.monitor.state.state is Connectivity.ONLINE
            assert all(row["last_error"] is None for row in h.cursors().values())

    asyncio.run(scenario())


def test_a_shorter_queue_cadence_applies_at_once(fresh_sandbox: RunningSandbox, tmp_path: Path) -> None:
    """The CSR's cadence setting reaches the queue lane: a booking created during a long idle wait shows
    as soon as the interval is shortened, not when the old wait ends."""

    async def scenario() -> None:
        async with synced_beside_a_partner(fresh_sandbox, tmp_path) as (h, create_booking):
            h.engine.set_queue_cadence(active_s=600.0, idle_s=600.0)
            stop = asyncio.Event()
            running = asyncio.create_task(h.engine.run(stop))
            await asyncio.sleep(0.5)  # the lanes' first round is done: the queue waits 600 s now
            created = await create_booking()
            await asyncio.sleep(1.0)
            assert created.id not in h.published("booking")
            h.engine.set_queue_cadence(active_s=0.5, idle_s=0.5)
            await wait_for(lambda: created.id in h.published("booking"), guard_s=30)
            assert h.engine.cadences["queue"].interval() == 0.5
            stop.set()
            await running

    asyncio.run(scenario())
