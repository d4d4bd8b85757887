"""Every step whose answer is lost after the server applied it is resolved by its lookup on the next
attempt: found, it is done with the ids found, and nothing is sent twice. The answers are lost by an
httpx response hook after the real sandbox committed the request (what its `drop` fault does, aimed)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from csr_console.api import ServiceTitanClient
from csr_console.api.models.crm import LeadQuery
from csr_console.domain.enums import BookingStatus, ContactType, LeadStatus
from csr_console.store import schema
from csr_console.sync.outbox import (
    AcceptBooking,
    Action,
    ActionState,
    BookJobFromLead,
    CaptureLead,
    ContactDraft,
    DismissBooking,
    DismissLead,
    EditBookingContact,
    ExistingLocation,
    FollowUpLead,
    LocationDraft,
    MissingContacts,
    NewLocationFor,
    enqueue,
    get_action,
)
from tests.conftest import RunningSandbox, connect, start_sandbox, tag
from tests.sync.outbox_helpers import (
    Backoff,
    Refs,
    accept_for_new_customer,
    address,
    cache_at,
    dropping_answer,
    follow_ups_on_server,
    harness,
    job_draft,
    jobs_of_booking,
    make_bookings,
    make_customers,
    make_leads,
    new_customer,
    refs_of,
    tagged_count,
)

Check = Callable[[ServiceTitanClient, str], Awaitable[None]]


@dataclass
class Case:
    action: Action
    check: Check


CaseMaker = Callable[[RunningSandbox, ServiceTitanClient, Refs], Awaitable[Case]]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("lookups") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


async def new_customer_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [(booking_id, _)] = await make_bookings(sandbox, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert await tagged_count(client, "customer", f"{action_id}:customer") == 1
        assert len(await jobs_of_booking(client, booking_id)) == 1

    return Case(accept_for_new_customer(booking_id, refs), check)


async def new_location_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [(booking_id, _)] = await make_bookings(sandbox, 1)
    [(customer_id, _)] = await make_customers(client, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert await tagged_count(client, "location", f"{action_id}:location") == 1

    where = NewLocationFor(customer_id, LocationDraft("Cabin", address(tag())))
    return Case(AcceptBooking(booking_id, where, job_draft(refs)), check)


async def contact_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [(booking_id, _)] = await make_bookings(sandbox, 1)
    [(customer_id, location_id)] = await make_customers(client, 1)
    email = f"{tag()}@example.com"

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        found = [c async for c in client.crm.customers.contacts(customer_id).items() if c.value == email]
        assert len(found) == 1

    missing = MissingContacts(customer=(ContactDraft(ContactType.EMAIL, email),))
    return Case(
        AcceptBooking(booking_id, ExistingLocation(customer_id, location_id), job_draft(refs), missing), check
    )


async def job_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    """Our own job converted the booking: the next attempt must see it as ours, not as a conflict."""
    [(booking_id, _)] = await make_bookings(sandbox, 1)
    [(customer_id, location_id)] = await make_customers(client, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert await tagged_count(client, "job", f"{action_id}:job") == 1
        assert len(await jobs_of_booking(client, booking_id)) == 1

    return Case(AcceptBooking(booking_id, ExistingLocation(customer_id, location_id), job_draft(refs)), check)


async def dismiss_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [(booking_id, _)] = await make_bookings(sandbox, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert (await client.crm.bookings.get(booking_id)).status is BookingStatus.DISMISSED

    return Case(DismissBooking(booking_id, refs.dismiss_reason_id, "spam"), check)


async def capture_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [(booking_id, _)] = await make_bookings(sandbox, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        leads = [lead async for lead in client.crm.leads.items(LeadQuery()) if lead.booking_id == booking_id]
        assert len(leads) == 1

    follow_up = datetime.now(UTC) + timedelta(days=2)
    return Case(CaptureLead(booking_id, refs.campaign_id, f"Quote {tag()}", follow_up_date=follow_up), check)


async def follow_up_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [lead_id] = await make_leads(client, refs, 1)
    when = (datetime.now(UTC) + timedelta(days=9)).replace(microsecond=0)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert (await client.crm.leads.get(lead_id)).follow_up_date == when
        assert follow_ups_on_server(sandbox, lead_id) == 1

    return Case(FollowUpLead(lead_id, when, "second call"), check)


async def dismiss_lead_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [lead_id] = await make_leads(client, refs, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert (await client.crm.leads.get(lead_id)).status is LeadStatus.DISMISSED

    return Case(DismissLead(lead_id, refs.dismiss_reason_id), check)


async def job_from_lead_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [lead_id] = await make_leads(client, refs, 1)
    label = tag()

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert await tagged_count(client, "job", f"{action_id}:job") == 1
        assert (await client.crm.leads.get(lead_id)).status is LeadStatus.CONVERTED

    return Case(BookJobFromLead(lead_id, new_customer(label), job_draft(refs, label)), check)


async def booking_contact_case(sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs) -> Case:
    [(booking_id, provider_id)] = await make_bookings(sandbox, 1)

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        values = [c.value async for c in client.crm.bookings.contacts(booking_id).items()]
        assert values.count("5125550123") == 1

    return Case(
        EditBookingContact(booking_id, provider_id, type=ContactType.PHONE, value="5125550123"), check
    )


async def booking_contact_delete_case(
    sandbox: RunningSandbox, client: ServiceTitanClient, refs: Refs
) -> Case:
    [(booking_id, provider_id)] = await make_bookings(sandbox, 1)
    contacts = [c async for c in client.crm.bookings.contacts(booking_id).items()]
    contact = contacts[0]

    async def check(client: ServiceTitanClient, action_id: str) -> None:
        assert contact.id not in {c.id async for c in client.crm.bookings.contacts(booking_id).items()}

    return Case(EditBookingContact(booking_id, provider_id, contact.id, delete=True), check)


CASES: dict[str, tuple[CaseMaker, str, str]] = {
    "customer": (new_customer_case, "POST", r"/customers$"),
    "location": (new_location_case, "POST", r"/locations$"),
    "customer contact": (contact_case, "POST", r"/customers/\d+/contacts$"),
    "job for a booking": (job_case, "POST", r"/jobs$"),
    "booking dismissal": (dismiss_case, "POST", r"/dismiss$"),
    "lead capture": (capture_case, "POST", r"/leads$"),
    "lead follow-up": (follow_up_case, "POST", r"/follow-up$"),
    "lead dismissal": (dismiss_lead_case, "POST", r"/leads/\d+/dismiss$"),
    "job from a lead": (job_from_lead_case, "POST", r"/jobs$"),
    "booking contact added": (booking_contact_case, "POST", r"/bookings/\d+/contacts$"),
    "booking contact deleted": (booking_contact_delete_case, "DELETE", r"/contacts/\d+$"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_lost_answer_is_looked_up_not_resent(sandbox: RunningSandbox, tmp_path: Path, name: str) -> None:
    make_case, method, path = CASES[name]
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as setup:
            refs = await refs_of(setup)
            case = await make_case(sandbox, setup, refs)
        async with connect(sandbox, event_hooks=dropping_answer(method, path)) as client:
            h = harness(client, db, backoff=Backoff(base_s=0, cap_s=0))
            action_id = enqueue(db, case.action, "csr:ana")
            await h.runner.run_due()
            waiting = get_action(db, action_id)
            assert waiting is not None and waiting.state is ActionState.PENDING, waiting
            assert waiting.message is not None and "outcome unknown" not in waiting.message.lower()
            assert "may have been applied" in waiting.message
            with db.connect() as connection:
                marks = connection.execute(
                    select(schema.outbox_step.c.step, schema.outbox_step.c.state).where(
                        schema.outbox_step.c.action_id == action_id
                    )
                ).all()
            assert ("in_flight",) in [(state,) for _, state in marks], marks

            await h.runner.run_due()
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            await case.check(client, action_id)

    asyncio.run(scenario())
