"""Searching the server for a booking's duplicates (SyncService.search_duplicates) against a real sandbox
over loopback: customers created on the server after the cache's sync are found by phone, email, address
and name, stored, and then ranked by the cache's query; offline, the search fails and stores nothing."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from csr_console.api import NetworkError, ServiceTitanClient
from csr_console.api.models.crm import (
    Address,
    BookingContactCreate,
    CreateCustomerRequest,
    CreateLocationRequest,
    NewAddress,
    NewContact,
    NewLocation,
)
from csr_console.api.resources.crm import ProviderBookings
from csr_console.domain.enums import ContactType
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.store.queries.duplicates import (
    DuplicateCandidate,
    duplicate_candidates,
    lead_duplicate_candidates,
)
from csr_console.sync.changes import ChangeSet
from csr_console.sync.service import SyncService
from tests.conftest import RunningSandbox, connect, new_booking, start_sandbox, tag
from tests.store import cache_rows as r

MOBILE, PHONE, EMAIL = ContactType.MOBILE_PHONE, ContactType.PHONE, ContactType.EMAIL


@pytest.fixture(scope="module")
def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("duplicates") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


def _phone() -> str:
    """A number no seeded customer has (the seed's are on DFW area codes)."""
    return f"737{random.randint(0, 9_999_999):07d}"


def _address(street: str, zip_code: str, unit: str | None = None) -> NewAddress:
    return NewAddress(street=street, unit=unit, city="Austin", state="TX", zip=zip_code, country="USA")


async def _customer(
    client: ServiceTitanClient,
    name: str,
    address: NewAddress,
    contacts: list[NewContact],
    location_contacts: list[NewContact] | None = None,
) -> int:
    location = NewLocation(name="Home", address=address, contacts=location_contacts or [])
    created = await client.crm.customers.create(
        CreateCustomerRequest(name=name, address=address, locations=[location], contacts=contacts)
    )
    return created.id


@dataclass
class Synced:
    service: SyncService
    db: Engine
    client: ServiceTitanClient
    provider: ProviderBookings  # a partner's (Angi's) bookings


@asynccontextmanager
async def synced(sandbox: RunningSandbox, cache: Path) -> AsyncIterator[Synced]:
    """A service whose cache has synced everything the sandbox had so far."""
    angi = sandbox.providers[0]
    db = open_cache(cache)
    try:
        async with connect(sandbox) as client, connect(sandbox, angi) as partner:
            service = SyncService(client, db)
            assert await service.feeds.sync_once() == {}
            yield Synced(service, db, client, partner.crm.provider_bookings(angi["booking_provider"]))
    finally:
        db.dispose()


def _candidates(db: Engine, booking_id: int) -> dict[int, DuplicateCandidate]:
    with db.connect() as connection:
        return {d.customer_id: d for d in duplicate_candidates(connection, booking_id)}


def test_a_customer_only_on_the_server_is_found_stored_and_ranked_first(
    own_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with synced(own_sandbox, tmp_path / "c.db") as s:
            family, mobile, email = f"Zedd{tag()}", _phone(), f"{tag()}@example.com"
            customer_id = await _customer(
                s.client,
                f"Robert {family}",
                _address("4400 W Plano Pkwy", "78701", "Suite 200"),
                [NewContact(type=MOBILE, value=mobile), NewContact(type=EMAIL, value=email)],
            )
            booking = await s.provider.create(
                new_booking(
                    tag(),
                    name=f"{family}, Bob",
                    address=Address(
                        street="4400 West Plano Parkway Ste 200",
                        city="Austin",
                        state="TX",
                        zip="78701-1234",
                        country="USA",
                    ),
                    contacts=[
                        BookingContactCreate(
                            type=MOBILE, value=f"+1 ({mobile[:3]}) {mobile[3:6]}-{mobile[6:]}"
                        ),
                        BookingContactCreate(type=EMAIL, value=email.upper()),
                    ],
                )
            )
            await s.service.feeds.sync_once(["bookings"])  # the booking, not its contacts
            with s.db.connect() as connection:
                synced_at = connection.execute(
                    select(schema.booking.c.contacts_synced_at).where(schema.booking.c.id == booking.id)
                ).scalar_one()
            assert synced_at is None
            assert customer_id not in _candidates(s.db, booking.id)

            published: list[ChangeSet] = []
            s.service.changes.subscribe(published.append)
            assert await s.service.search_duplicates(booking.id) == 1

            assert customer_id in {i for change in published for i in change.of("customer")}
            top, *_ = _candidates(s.db, booking.id).values()
            assert top.customer_id == customer_id
            assert top.score.reasons == (
                "same mobile phone",
                "same email",
                "same street and zip",
                "same name but for a nickname (Bob = Robert)",
            )
            assert top.best_location is not None and top.best_location.name == "Home"
            assert {c.normalized for c in top.contacts} == {mobile, email}

    asyncio.run(scenario())


def test_each_question_finds_its_customer(own_sandbox: RunningSandbox, tmp_path: Path) -> None:
    """Four customers, each sharing one thing with the booking: a phone (on a location), an email (on a
    location: found through the contact's relationship), the address (a location's, respelled) and the
    name (but for a nickname, "Last, First")."""

    async def scenario() -> None:
        async with synced(own_sandbox, tmp_path / "c.db") as s:
            family, phone, email = f"Quux{tag()}", _phone(), f"{tag()}@example.com"
            street_zip = f"{random.randint(10_000, 99_999)} Spring Creek Pkwy", "78702"
            elsewhere = _address("1 Elsewhere Rd", "78799")
            by_phone = await _customer(
                s.client, f"Ann {tag()}", elsewhere, [], [NewContact(type=PHONE, value=phone)]
            )
            by_email = await _customer(
                s.client, f"Dee {tag()}", elsewhere, [], [NewContact(type=EMAIL, value=email)]
            )
            at_address = await _customer(
                s.client, f"Cy {tag()}", elsewhere, [NewContact(type=PHONE, value=_phone())]
            )
            await s.client.crm.locations.create(
                CreateLocationRequest(
                    customer_id=at_address, name="Rental", address=_address(*street_zip, unit="Apt 4")
                )
            )
            by_name = await _customer(
                s.client, f"William {family}", elsewhere, [NewContact(type=PHONE, value=_phone())]
            )
            booking = await s.provider.create(
                new_booking(
                    tag(),
                    name=f"{family}, Bill",
                    address=Address(
                        street=f"{street_zip[0].split()[0]} Spring Creek Parkway #4",
                        city="Austin",
                        state="TX",
                        zip="78702",
                        country="USA",
                    ),
                    contacts=[
                        BookingContactCreate(type=MOBILE, value=phone),
                        BookingContactCreate(type=EMAIL, value=email),
                    ],
                )
            )
            await s.service.feeds.sync_once(["bookings"])
            assert await s.service.search_duplicates(booking.id) == 4
            found = _candidates(s.db, booking.id)
            assert found[by_phone].score.reasons == ("same mobile phone",)
            assert found[by_email].score.reasons == ("same email",)
            assert found[at_address].score.reasons == ("same street and zip",)
            assert found[by_name].score.reasons == ("same name but for a nickname (Bill = William)",)

    asyncio.run(scenario())


def test_offline_the_search_fails_and_stores_nothing(sandbox_factory: Any, tmp_path: Path) -> None:
    running: RunningSandbox = sandbox_factory(rate_limit=0)

    async def scenario() -> None:
        async with synced(running, tmp_path / "c.db") as s:
            booking = await s.provider.create(new_booking(tag()))
            await s.service.feeds.sync_once(["bookings", "booking_contacts"])
            with s.db.connect() as connection:
                customers = connection.execute(select(func.count()).select_from(schema.customer)).scalar_one()
            running.stop()
            with pytest.raises(NetworkError):
                await s.service.search_duplicates(booking.id)
            with s.db.connect() as connection:
                after = connection.execute(select(func.count()).select_from(schema.customer)).scalar_one()
            assert after == customers

    asyncio.run(scenario())


def test_a_lead_is_searched_for_by_what_was_entered_on_it(
    own_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    async def scenario() -> None:
        async with synced(own_sandbox, tmp_path / "c.db") as s:
            family, phone = f"Quill{tag()}", _phone()
            customer_id = await _customer(
                s.client,
                f"Ada {family}",
                _address("9 Lead Way", "78702"),
                [NewContact(type=PHONE, value=phone)],
            )
            with s.db.begin() as connection:  # a lead taken by hand, not yet linked to anyone
                connection.execute(
                    schema.lead.insert().values(
                        r.lead(
                            -1,
                            lead_customer_name=f"Ada {family}",
                            lead_phone=f"({phone[:3]}) {phone[3:6]}-{phone[6:]}",
                        )
                    )
                )
                assert customer_id not in {d.customer_id for d in lead_duplicate_candidates(connection, -1)}
            assert await s.service.search_lead_duplicates(-1) == 1
            with s.db.connect() as connection:
                [found] = lead_duplicate_candidates(connection, -1)
            assert (found.customer_id, found.score.reasons) == (customer_id, ("same phone", "same name"))

    asyncio.run(scenario())
