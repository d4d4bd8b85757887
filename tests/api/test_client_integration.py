"""The client against a real sandbox over loopback HTTP (the `sandbox` fixture of tests/conftest.py).

Every request the client sends here is also checked against the official request schemas (query
parameters and bodies) through an httpx request hook: the recorder hook ServiceTitanClient documents.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from csr_console.api import (
    AuthenticationError,
    Conflict,
    Forbidden,
    NotFound,
    OutcomeUnknown,
    RetryPolicy,
)
from csr_console.api.models.common import ExternalData, ExternalDataCreate
from csr_console.api.models.crm import (
    BookingContactCreate,
    BookingContactUpdate,
    BookingQuery,
    CreateCustomerRequest,
    CreateLeadNoteRequest,
    CreateLeadRequest,
    CustomerQuery,
    DismissBookingRequest,
    DismissLeadRequest,
    FollowUpRequest,
    LeadQuery,
    NewAddress,
    NewContact,
    NewLocation,
    UpdateBookingRequest,
)
from csr_console.api.models.dispatch import CapacityRequest
from csr_console.api.models.jpm import AppointmentInformation, JobCreateRequest, JobQuery
from csr_console.domain.enums import BookingStatus, ContactType, LeadStatus, Priority
from tests.conftest import connect, new_booking, reference_ids, tag

APP_GUID = uuid.UUID("7f1d2a6c-3b4e-4c5d-9e8f-0a1b2c3d4e5f")


# -- auth and lists ---------------------------------------------------------------------------------
def test_token_and_reference_lists(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            await client.warm_up()
            assert (await client.jbce.call_reasons.list()).items
            assert (await client.marketing.campaigns.list()).items
            assert (await client.settings.business_units.list()).items
            assert (await client.jpm.job_types.list()).items
            await client.settings.technicians.list()
            tags = await client.crm.booking_provider_tags.list(page_size=100)
            assert {t.id for t in tags.items} >= {p["booking_provider"] for p in sandbox.providers}
            bookings = await client.crm.bookings.list(page_size=5)
            assert bookings.page == 1 and bookings.page_size == 5

    asyncio.run(scenario())


def test_reference_gets(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as client:
            campaign = (await client.marketing.campaigns.list()).items[0]
            assert (await client.marketing.campaigns.get(campaign.id)).id == campaign.id
            unit = (await client.settings.business_units.list()).items[0]
            assert (await client.settings.business_units.get(unit.id)).name == unit.name
            job_type = (await client.jpm.job_types.list()).items[0]
            assert (await client.jpm.job_types.get(job_type.id)).id == job_type.id
            provider_tag = (await client.crm.booking_provider_tags.list()).items[0]
            assert (
                await client.crm.booking_provider_tags.get(provider_tag.id)
            ).tag_name == provider_tag.tag_name

    asyncio.run(scenario())


def test_every_seeded_record_parses(sandbox: Any) -> None:
    """The seed is deliberately messy (null address parts, odd values): the models must take all of it."""

    async def scenario() -> None:
        async with connect(sandbox) as client:
            collections: list[Any] = [
                client.crm.bookings,
                client.crm.customers,
                client.crm.locations,
                client.crm.leads,
                client.jpm.jobs,
                client.jpm.appointments,
                client.jpm.job_types,
                client.settings.business_units,
                client.settings.technicians,
                client.marketing.campaigns,
                client.jbce.call_reasons,
                client.scheduling_pro.schedulers,
                client.crm.booking_provider_tags,
            ]
            for collection in collections:
                async for page in collection.pages(page_size=5000):
                    assert page.page_size == 5000
            async for batch in client.crm.bookings.export.batches():
                assert not batch.rejected
            for scheduler in (await client.scheduling_pro.schedulers.list()).items:
                async for _ in client.scheduling_pro.schedulers.sessions(scheduler.id).pages(page_size=5000):
                    pass

    asyncio.run(scenario())


def test_bad_secret_is_a_clear_error(sandbox: Any) -> None:
    wrong = "cs1.definitely-not-the-secret"

    async def scenario() -> None:
        async with connect(sandbox, secret=wrong) as client:
            with pytest.raises(AuthenticationError) as info:
                await client.crm.bookings.list()
            assert info.value.status in (400, 401)
            assert wrong not in str(info.value) and sandbox.client_secret not in str(info.value)

    asyncio.run(scenario())


# -- bookings ---------------------------------------------------------------------------------------
def test_provider_creates_booking_with_contacts_and_tenant_sees_it(sandbox: Any) -> None:
    angi = sandbox.providers[0]
    label = tag()

    async def scenario() -> None:
        async with connect(sandbox, angi) as provider, connect(sandbox) as tenant:
            mine = provider.crm.provider_bookings(angi["booking_provider"])
            created = await mine.create(new_booking(label))
            assert created.status is BookingStatus.NEW
            assert created.booking_provider_id == angi["booking_provider"]
            assert created.start is None  # no preferred time was given

            seen = await tenant.crm.bookings.get(created.id)
            assert seen.name == f"Test Customer {label}" and seen.external_id == f"it-{label}"
            contacts = (await tenant.crm.bookings.contacts(created.id).list()).items
            assert {(c.type, c.value) for c in contacts} == {
                (ContactType.MOBILE_PHONE, "5125550142"),
                (ContactType.EMAIL, f"{label}@example.com"),
            }
            by_external = await tenant.crm.bookings.list(BookingQuery(external_id=f"it-{label}"))
            assert [b.id for b in by_external.items] == [created.id]

            # The provider edits its booking and its contacts.
            start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
            patched = await mine.update(created.id, UpdateBookingRequest(summary="Changed", start=start))
            assert patched.summary == "Changed" and patched.start == start
            extra = await mine.create_contact(
                created.id, BookingContactCreate(type=ContactType.PHONE, value="1")
            )
            await mine.update_contact(created.id, extra.id, BookingContactUpdate(memo="office"))
            listed = {c.id: c for c in (await mine.contacts(created.id).list()).items}
            assert listed[extra.id].memo == "office"
            await mine.delete_contact(created.id, extra.id)
            assert extra.id not in {
                c.id for c in (await tenant.crm.bookings.contacts(created.id).list()).items
            }

    asyncio.run(scenario())


def test_provider_scoping(sandbox: Any) -> None:
    a, b = sandbox.providers[0], sandbox.providers[1]

    async def scenario() -> None:
        async with connect(sandbox, a) as provider_a, connect(sandbox, b) as provider_b:
            created = await provider_a.crm.provider_bookings(a["booking_provider"]).create(new_booking(tag()))
            # B cannot read A's booking through its own path...
            with pytest.raises(NotFound):
                await provider_b.crm.provider_bookings(b["booking_provider"]).get(created.id)
            # ...nor use A's path, nor the tenant's paths.
            with pytest.raises(Forbidden):
                await provider_b.crm.provider_bookings(a["booking_provider"]).get(created.id)
            with pytest.raises(Forbidden):
                await provider_a.crm.bookings.list()
            with pytest.raises(Forbidden):
                await provider_a.crm.bookings.get(created.id)

    asyncio.run(scenario())


def test_paging_through_bookings(sandbox: Any) -> None:
    angi = sandbox.providers[0]

    async def scenario() -> None:
        async with connect(sandbox, angi) as provider, connect(sandbox) as tenant:
            mine = provider.crm.provider_bookings(angi["booking_provider"])
            first = await mine.create(new_booking(tag()))
            created = {first.id} | {(await mine.create(new_booking(tag()))).id for _ in range(6)}
            # Only this test's bookings (the seed holds about a thousand): OnOrAfter is inclusive.
            recent = BookingQuery(created_on_or_after=first.created_on)
            total = (await tenant.crm.bookings.list(recent, include_total=True, page_size=1)).total_count
            pages = [p async for p in tenant.crm.bookings.pages(recent, page_size=3)]
            ids = [b.id for p in pages for b in p.items]
            assert [p.page for p in pages] == list(range(1, len(pages) + 1))
            assert all(p.has_more and len(p.items) == 3 for p in pages[:-1])
            assert not pages[-1].has_more
            assert len(ids) == len(set(ids)) == total
            assert created <= set(ids)
            # The provider's own list holds only its bookings.
            own = [b async for b in mine.items(recent, page_size=2)]
            assert {b.booking_provider_id for b in own} == {angi["booking_provider"]}
            assert created <= {b.id for b in own}
            # A whole first page of the seeded queue parses (tolerance of the seed's messy records).
            assert (await tenant.crm.bookings.list(page_size=500)).items


def test_export_feed_iteration_and_resume(sandbox: Any) -> None:
    angi = sandbox.providers[0]

    async def scenario() -> None:
        async with connect(sandbox, angi) as provider, connect(sandbox) as tenant:
            mine = provider.crm.provider_bookings(angi["booking_provider"])
            first = await mine.create(new_booking(tag()))
            batches = [b async for b in tenant.crm.bookings.export.batches()]
            assert not batches[-1].has_more
            seen = {item.id for batch in batches for item in batch.items}
            assert first.id in seen
            cursor = batches[-1].continue_from

            second = await mine.create(new_booking(tag()))
            await mine.update(first.id, UpdateBookingRequest(summary="edited after the cursor"))
            resumed = [b async for b in tenant.crm.bookings.export.batches(cursor)]
            changed = {item.id: item for batch in resumed for item in batch.items}
            assert second.id in changed
            assert changed[first.id].summary == "edited after the cursor"
            assert all(item.active for item in changed.values())

    asyncio.run(scenario())


# -- CSR actions ------------------------------------------------------------------------------------
def test_accepting_a_booking_books_one_job(sandbox: Any) -> None:
    angi = sandbox.providers[0]
    label = tag()

    async def scenario() -> None:
        async with connect(sandbox, angi) as provider, connect(sandbox) as tenant:
            booking = await provider.crm.provider_bookings(angi["booking_provider"]).create(
                new_booking(label)
            )
            refs = await reference_ids(tenant)
            address = NewAddress(street="12 Test Lane", city="Austin", state="TX", zip="78701", country="USA")
            customer = await tenant.crm.customers.create(
                CreateCustomerRequest(
                    name=f"Test Customer {label}",
                    address=address,
                    locations=[NewLocation(name="Home", address=address)],
                    contacts=[NewContact(type=ContactType.MOBILE_PHONE, value="5125550142")],
                )
            )
            assert customer.locations and customer.locations[0].id
            found = await tenant.crm.customers.list(CustomerQuery(name=f"Test Customer {label}"))
            assert customer.id in {c.id for c in found.items}

            start = (datetime.now(UTC) + timedelta(days=3)).replace(
                hour=15, minute=0, second=0, microsecond=0
            )
            job_request = JobCreateRequest(
                customer_id=customer.id,
                location_id=customer.locations[0].id,
                business_unit_id=refs["business_unit_id"],
                job_type_id=refs["job_type_id"],
                priority=Priority.NORMAL,
                campaign_id=refs["campaign_id"],
                appointments=[
                    AppointmentInformation(
                        start=start,
                        end=start + timedelta(hours=2),
                        arrival_window_start=start,
                        arrival_window_end=start + timedelta(hours=2),
                        technician_ids=refs["technician_ids"],
                    )
                ],
                summary="Water heater leaking",
                booking_id=booking.id,
                external_data=ExternalDataCreate(
                    application_guid=APP_GUID, external_data=[ExternalData(key="op", value=label)]
                ),
            )
            job = await tenant.jpm.jobs.create(job_request)
            assert job.booking_id == booking.id
            accepted = await tenant.crm.bookings.get(booking.id)
            assert accepted.status is BookingStatus.CONVERTED and accepted.job_id == job.id
            with pytest.raises(Conflict):
                await tenant.jpm.jobs.create(job_request)
            # The outbox's lookup after an unknown outcome: by externalData, and by booking.
            tagged = await tenant.jpm.jobs.list(
                JobQuery(
                    external_data_application_guid=APP_GUID,
                    external_data_key="op",
                    external_data_values=[label],
                )
            )
            assert [j.id for j in tagged.items] == [job.id]
            assert [j.id for j in (await tenant.jpm.jobs.list(JobQuery(booking_id=booking.id))).items] == [
                job.id
            ]
            assert (await tenant.jpm.jobs.get(job.id)).id == job.id
            await tenant.jpm.appointments.list()

    asyncio.run(scenario())


def test_dismissing_a_booking_and_capturing_a_lead(sandbox: Any) -> None:
    angi = sandbox.providers[0]

    async def scenario() -> None:
        async with connect(sandbox, angi) as provider, connect(sandbox) as tenant:
            mine = provider.crm.provider_bookings(angi["booking_provider"])
            refs = await reference_ids(tenant)
            to_dismiss = await mine.create(new_booking(tag()))
            # The console dismisses through the booking's provider path with the tenant's credentials.
            await tenant.crm.provider_bookings(angi["booking_provider"]).dismiss(
                to_dismiss.id,
                DismissBookingRequest(call_reason_id=refs["dismiss_reason_id"], dismissing_memo="duplicate"),
            )
            dismissed = await tenant.crm.bookings.get(to_dismiss.id)
            assert dismissed.status is BookingStatus.DISMISSED

            to_capture = await mine.create(new_booking(tag()))
            lead = await tenant.crm.leads.create(
                CreateLeadRequest(
                    campaign_id=refs["campaign_id"],
                    summary="Wants a quote next month",
                    call_reason_id=refs["lead_reason_id"],
                    booking_id=to_capture.id,
                    lead_customer_name=to_capture.name,
                    lead_phone="5125550142",
                )
            )
            assert lead.status is LeadStatus.OPEN and lead.booking_id == to_capture.id
            assert (await tenant.crm.bookings.get(to_capture.id)).status is BookingStatus.DISMISSED

            follow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
            follow_up = await tenant.crm.leads.follow_up(
                lead.id, FollowUpRequest(follow_up_date=follow, text="call")
            )
            assert follow_up.lead_id == lead.id
            await tenant.crm.leads.create_note(lead.id, CreateLeadNoteRequest(text="left a voicemail"))
            notes = (await tenant.crm.leads.notes(lead.id).list()).items
            assert any(n.text == "left a voicemail" for n in notes)
            open_leads = await tenant.crm.leads.list(LeadQuery(status=LeadStatus.OPEN), page_size=500)
            assert lead.id in {x.id for x in open_leads.items} or open_leads.has_more
            await tenant.crm.leads.dismiss(
                lead.id, DismissLeadRequest(dismissing_reason_id=refs["dismiss_reason_id"])
            )
            assert (await tenant.crm.leads.get(lead.id)).status is LeadStatus.DISMISSED
            exported = [b async for b in tenant.crm.leads.export.batches()]
            assert lead.id in {x.id for b in exported for x in b.items}

    asyncio.run(scenario())


def test_capacity_and_scheduling_pro(sandbox: Any) -> None:
    async def scenario() -> None:
        async with connect(sandbox) as tenant:
            refs = await reference_ids(tenant)
            now = datetime.now(UTC).replace(microsecond=0)
            capacity = await tenant.dispatch.capacity(
                CapacityRequest(
                    starts_on_or_after=now,
                    ends_on_or_before=now + timedelta(days=3),
                    business_unit_ids=[refs["business_unit_id"]],
                    job_type_id=refs["job_type_id"],
                )
            )
            assert isinstance(capacity.availabilities, list)
            schedulers = (await tenant.scheduling_pro.schedulers.list()).items
            assert schedulers
            scheduler = schedulers[0]
            await tenant.scheduling_pro.schedulers.sessions(scheduler.id).list()
            performance = await tenant.scheduling_pro.schedulers.performance(
                scheduler.id, now - timedelta(days=30), now + timedelta(minutes=1)
            )
            assert performance.id == scheduler.id

    asyncio.run(scenario())


# -- faults -----------------------------------------------------------------------------------------
async def _no_wait(seconds: float) -> None:
    await asyncio.sleep(0)


def test_throttled_sandbox_is_waited_out(sandbox_factory: Any) -> None:
    throttled = sandbox_factory(faults="throttle=0.5,retry_after=1")

    async def scenario() -> None:
        async with connect(throttled, sleep=_no_wait, retry=RetryPolicy(rate_limit_waits=40)) as client:
            for _ in range(15):
                await client.jbce.call_reasons.list()

    asyncio.run(scenario())


def test_dropped_write_is_outcome_unknown_and_found_by_lookup(sandbox_factory: Any) -> None:
    dropping = sandbox_factory(faults="drop=1")
    angi = dropping.providers[0]
    label = tag()

    async def write() -> None:
        async with connect(dropping, angi) as provider:
            with pytest.raises(OutcomeUnknown):
                await provider.crm.provider_bookings(angi["booking_provider"]).create(new_booking(label))

    asyncio.run(write())
    dropping.stop()
    healthy = sandbox_factory(db_path=dropping.db_path)

    async def lookup() -> None:
        async with connect(healthy) as tenant:
            found = await tenant.crm.bookings.list(BookingQuery(external_id=f"it-{label}"))
            assert len(found.items) == 1  # the write was applied once, and not retried

    asyncio.run(lookup())
