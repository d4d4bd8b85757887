"""The customer, location, contact, job and appointment feeds against a real sandbox over loopback HTTP.

Every request is checked against the official request schemas by the contract hook `connect` installs
(tests/api/test_client_integration.py). Each feed is walked from the start and compared with a fresh list
call, then resumed from the saved continueFrom after this test's own writes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from pydantic import ValidationError

from csr_console.api import ServiceTitanClient
from csr_console.api.models.common import ActiveFilter, ExportBatch
from csr_console.api.models.crm import (
    CreateCustomerRequest,
    CreatedCustomer,
    CustomerContactsQuery,
    CustomerQuery,
    LocationContactsQuery,
    LocationQuery,
    NewAddress,
    NewContact,
    NewLocation,
    UpdateContactRequest,
    UpdateCustomerRequest,
    UpdateLocationRequest,
)
from csr_console.api.models.jpm import AppointmentInformation, AppointmentQuery, JobCreateRequest, JobQuery
from csr_console.domain.enums import ContactType, Priority
from tests.api.test_client_integration import connect, reference_ids, tag

T = TypeVar("T")

# Before anything the seed or a test writes: the contact lists require a modified bound.
EVER = datetime(2000, 1, 1, tzinfo=UTC)


async def walk(batches: AsyncIterator[ExportBatch[T]]) -> tuple[list[T], str]:
    """Every item of a feed walk, and the cursor to resume it from."""
    items: list[T] = []
    cursor = ""
    async for batch in batches:
        assert not batch.rejected
        items.extend(batch.items)
        cursor = batch.continue_from
    assert cursor
    return items, cursor


def latest(items: list[Any]) -> dict[int, Any]:
    """id -> the item's last appearance (a feed may repeat a record; the later one wins)."""
    return {item.id: item for item in items}


async def new_customer(client: ServiceTitanClient, label: str) -> CreatedCustomer:
    address = NewAddress(street="12 Feed Lane", city="Austin", state="TX", zip="78701", country="USA")
    return await client.crm.customers.create(
        CreateCustomerRequest(
            name=f"Feed Customer {label}",
            address=address,
            locations=[
                NewLocation(
                    name="Home",
                    address=address,
                    contacts=[NewContact(type=ContactType.PHONE, value="5125550100", memo="site")],
                )
            ],
            contacts=[NewContact(type=ContactType.EMAIL, value=f"{label}@example.com")],
        )
    )


# -- customers --------------------------------------------------------------------------------------
def test_customers_export_matches_the_list_and_resumes(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            customers = client.crm.customers
            total = (
                await customers.list(CustomerQuery(active=ActiveFilter.ANY), include_total=True)
            ).total_count
            active = (await customers.list(include_total=True)).total_count
            items, cursor = await walk(customers.export.batches())
            exported = latest(items)
            assert len(exported) == total
            assert sum(c.active for c in exported.values()) == active

            created = await new_customer(client, tag())
            retired = await new_customer(client, tag())
            await customers.update(retired.id, UpdateCustomerRequest(active=False))
            resumed = latest((await walk(customers.export.batches(cursor)))[0])
            assert resumed[created.id].active is True
            assert resumed[created.id].name == created.name
            assert resumed[retired.id].active is False
            assert created.id not in exported

    asyncio.run(scenario())


def test_customer_contacts_feed_and_list_carry_the_customer(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            customers = client.crm.customers
            listed = await customers.all_contacts.list(
                CustomerContactsQuery(modified_on_or_after=EVER), include_total=True, page_size=1
            )
            items, cursor = await walk(customers.contacts_export.batches())
            exported = latest(items)
            # The list shows the contacts customers have now; the feed also the deleted ones, flagged.
            assert sum(c.active for c in exported.values()) == listed.total_count
            listed_ids = {
                c.id
                async for c in customers.all_contacts.items(
                    CustomerContactsQuery(modified_on_or_after=EVER), page_size=5000
                )
            }
            assert listed_ids == {i for i, c in exported.items() if c.active}

            label = tag()
            created = await new_customer(client, label)
            added = await customers.create_contact(
                created.id, NewContact(type=ContactType.MOBILE_PHONE, value="5125550199")
            )
            first = created.contacts[0]
            await customers.update_contact(created.id, first.id, UpdateContactRequest(memo="billing"))
            resumed = latest((await walk(customers.contacts_export.batches(cursor)))[0])
            # The customer's own contact, the one copied from its new location, and the one added.
            mine = {i: c for i, c in resumed.items() if c.customer_id == created.id}
            assert len(mine) == 3 and added.id in mine and first.id in mine
            assert all(c.active for c in mine.values())
            assert mine[first.id].memo == "billing"
            assert mine[added.id].type is ContactType.MOBILE_PHONE

            # The modified-since list, narrowed to this customer.
            since = CustomerContactsQuery(modified_on_or_after=created.created_on, customer_ids=[created.id])
            page = await customers.all_contacts.list(since, include_total=True)
            assert {c.id for c in page.items} == set(mine) and page.total_count == 3
            assert {c.customer_id for c in page.items} == {created.id}

    asyncio.run(scenario())


def test_contact_lists_require_a_modified_bound() -> None:
    with pytest.raises(ValidationError):
        CustomerContactsQuery(customer_ids=[1])
    with pytest.raises(ValidationError):
        LocationContactsQuery(created_on_or_after=EVER)
    assert LocationContactsQuery(modified_before=EVER, location_ids=[1, 2]).to_params() == {
        "modifiedBefore": "2000-01-01T00:00:00Z",
        "locationIds": "1,2",
    }


# -- locations --------------------------------------------------------------------------------------
def test_locations_export_matches_the_list_and_resumes(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            locations = client.crm.locations
            total = (
                await locations.list(LocationQuery(active=ActiveFilter.ANY), include_total=True)
            ).total_count
            active = (await locations.list(include_total=True)).total_count
            items, cursor = await walk(locations.export.batches())
            exported = latest(items)
            assert len(exported) == total
            assert sum(x.active for x in exported.values()) == active

            created = await new_customer(client, tag())
            location = created.locations[0]
            await locations.update(location.id, UpdateLocationRequest(name="Cabin"))
            retired = (await new_customer(client, tag())).locations[0]
            await locations.update(retired.id, UpdateLocationRequest(active=False))
            resumed = latest((await walk(locations.export.batches(cursor)))[0])
            assert resumed[location.id].active is True
            assert resumed[location.id].name == "Cabin"
            assert resumed[location.id].customer_id == created.id
            assert resumed[retired.id].active is False

    asyncio.run(scenario())


def test_location_contacts_feed_and_list_carry_the_location(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            locations = client.crm.locations
            listed = await locations.all_contacts.list(
                LocationContactsQuery(modified_on_or_after=EVER), include_total=True, page_size=1
            )
            items, cursor = await walk(locations.contacts_export.batches())
            exported = latest(items)
            assert sum(c.active for c in exported.values()) == listed.total_count

            created = await new_customer(client, tag())
            location = created.locations[0]
            added = await locations.create_contact(
                location.id, NewContact(type=ContactType.FAX, value="5125550177", memo="fax")
            )
            resumed = latest((await walk(locations.contacts_export.batches(cursor)))[0])
            mine = {i: c for i, c in resumed.items() if c.location_id == location.id}
            assert set(mine) == {location.contacts[0].id, added.id}
            assert all(c.active for c in mine.values())
            assert mine[added.id].memo == "fax"

            page = await locations.all_contacts.list(
                LocationContactsQuery(modified_on_or_after=created.created_on, location_ids=[location.id])
            )
            assert {c.id for c in page.items} == set(mine)
            assert {c.location_id for c in page.items} == {location.id}

    asyncio.run(scenario())


# -- jobs and appointments --------------------------------------------------------------------------
def test_jobs_and_appointments_exports_match_the_lists_and_resume(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            jobs, appointments = client.jpm.jobs, client.jpm.appointments
            job_total = (await jobs.list(JobQuery(), include_total=True)).total_count
            job_items, job_cursor = await walk(jobs.export.batches())
            assert len(latest(job_items)) == job_total

            every = await appointments.list(AppointmentQuery(active=ActiveFilter.ANY), include_total=True)
            current = await appointments.list(AppointmentQuery(active=ActiveFilter.TRUE), include_total=True)
            appointment_items, appointment_cursor = await walk(appointments.export.batches())
            exported = latest(appointment_items)
            assert len(exported) == every.total_count
            assert sum(a.active for a in exported.values()) == current.total_count
            only_active, _ = await walk(appointments.export.batches(active=ActiveFilter.TRUE))
            assert set(latest(only_active)) == {i for i, a in exported.items() if a.active}

            refs = await reference_ids(client)
            customer = await new_customer(client, tag())
            start = (datetime.now(UTC) + timedelta(days=4)).replace(
                hour=14, minute=0, second=0, microsecond=0
            )
            job = await jobs.create(
                JobCreateRequest(
                    customer_id=customer.id,
                    location_id=customer.locations[0].id,
                    business_unit_id=refs["business_unit_id"],
                    job_type_id=refs["job_type_id"],
                    priority=Priority.HIGH,
                    campaign_id=refs["campaign_id"],
                    appointments=[
                        AppointmentInformation(
                            start=start, end=start + timedelta(hours=2), technician_ids=refs["technician_ids"]
                        )
                    ],
                    summary="Feed test",
                )
            )
            resumed_jobs = latest((await walk(jobs.export.batches(job_cursor)))[0])
            assert resumed_jobs[job.id].active is True
            assert resumed_jobs[job.id].customer_id == customer.id
            assert resumed_jobs[job.id].priority is Priority.HIGH

            resumed = latest((await walk(appointments.export.batches(appointment_cursor)))[0])
            mine = [a for a in resumed.values() if a.job_id == job.id]
            assert [a.id for a in mine] == [job.first_appointment_id]
            assert mine[0].active is True and mine[0].start == start
            one = await appointments.export.fetch(appointment_cursor, active=ActiveFilter.TRUE)
            assert job.first_appointment_id in {a.id for a in one.items}

    asyncio.run(scenario())
