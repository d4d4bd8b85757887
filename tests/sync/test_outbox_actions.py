"""Each outbox action against a real sandbox: it succeeds once and its effects exist on the server
exactly once; a refusal fails the action with the server's message; closed targets are conflicts; and
every kind of in-flight step is resolved by its lookup, never sent twice."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from csr_console.api.models.crm import LeadQuery, NewContact
from csr_console.domain.enums import BookingStatus, ContactType, LeadStatus, Priority
from csr_console.store import schema
from csr_console.store.database import reader
from csr_console.store.queries.outbox import action_history
from csr_console.sync.outbox import (
    AcceptBooking,
    Action,
    ActionRefused,
    ActionState,
    BookJobFromLead,
    CaptureLead,
    ContactDraft,
    DismissBooking,
    DismissLead,
    EditBookingContact,
    ExistingLocation,
    FollowUpLead,
    InvalidAction,
    JobDraft,
    LocationDraft,
    MissingContacts,
    NewLocationFor,
    VisitDraft,
    cancel,
    enqueue,
    get_action,
    retry,
)
from csr_console.sync.outbox.actions import from_payload, to_payload
from tests.conftest import RunningSandbox, connect, start_sandbox, tag
from tests.sync.outbox_helpers import (
    accept_for_new_customer,
    address,
    cache_at,
    follow_ups_on_server,
    harness,
    job_draft,
    jobs_of_booking,
    journal_results,
    make_bookings,
    make_customers,
    make_leads,
    new_customer,
    refs_of,
    tagged_count,
)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    running = start_sandbox(tmp_path_factory.mktemp("outbox") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


def test_accept_for_a_new_customer_books_one_job(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            [(booking_id, _)] = await make_bookings(sandbox, 1)
            h = harness(client, db)
            action_id = enqueue(db, accept_for_new_customer(booking_id, refs), "csr:ana", changes=h.changes)
            queued = get_action(db, action_id)
            assert queued is not None and queued.state is ActionState.PENDING
            assert h.published == [{"outbox": frozenset({action_id}), "booking": frozenset({booking_id})}]

            assert await h.runner.run_due() == 1
            done = get_action(db, action_id)
            assert done is not None and done.state is ActionState.DONE, done
            results = done.results
            assert await tagged_count(client, "customer", f"{action_id}:customer") == 1
            assert await tagged_count(client, "location", f"{action_id}:customer") == 1
            assert await tagged_count(client, "job", f"{action_id}:job") == 1
            assert await jobs_of_booking(client, booking_id) == [results["job_id"]]
            booking = await client.crm.bookings.get(booking_id)
            assert booking.status is BookingStatus.CONVERTED and booking.job_id == results["job_id"]
            job = await client.jpm.jobs.get(results["job_id"])
            assert (job.customer_id, job.location_id) == (results["customer_id"], results["location_id"])
            assert job.job_number == results["job_number"]

        # The cache holds the fresh copies: the queue shows the conversion at once.
        with db.connect() as connection:
            cached = connection.execute(select(schema.booking).where(schema.booking.c.id == booking_id)).one()
            assert (cached.status, cached.job_id) == ("Converted", results["job_id"])
            assert connection.execute(select(schema.job).where(schema.job.c.id == results["job_id"])).one()
            assert connection.execute(
                select(schema.customer).where(schema.customer.c.id == results["customer_id"])
            ).one()
            contacts = connection.execute(
                select(schema.contact.c.value).where(schema.contact.c.owner_id == results["location_id"])
            ).scalars()
            assert list(contacts) == ["5125550142"]
        assert journal_results(db, action_id) == ["queued", "done"]
        published = [ids for ids in h.published if "job" in ids]
        assert published and results["job_id"] in published[-1]["job"]
        with reader(db).connect() as connection:
            assert [e.id for e in action_history(connection, "booking", booking_id)] == [action_id]

    asyncio.run(scenario())


def test_accept_for_existing_customers_adds_only_what_is_missing(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            bookings = await make_bookings(sandbox, 2)
            (c1, l1), (c2, _) = await make_customers(client, 2)
            label = tag()
            existing_location = AcceptBooking(
                bookings[0][0],
                ExistingLocation(c1, l1),
                job_draft(refs),
                MissingContacts(
                    customer=(ContactDraft(ContactType.EMAIL, f"{label}@example.com"),),
                    # Already there (created with the customer): looked up first, not doubled.
                    location=(ContactDraft(ContactType.MOBILE_PHONE, "(512) 555-0177"),),
                ),
            )
            new_location = AcceptBooking(
                bookings[1][0],
                NewLocationFor(c2, LocationDraft("Rental", address(label))),
                job_draft(refs),
                MissingContacts(customer=(ContactDraft(ContactType.PHONE, "5125550100"),)),
            )
            await client.crm.locations.create_contact(
                l1, NewContact(type=ContactType.MOBILE_PHONE, value="5125550177")
            )
            h = harness(client, db)
            first = enqueue(db, existing_location, "csr:ana")
            second = enqueue(db, new_location, "csr:ana")
            assert await h.runner.run_due() == 2
            for action_id in (first, second):
                entry = get_action(db, action_id)
                assert entry is not None and entry.state is ActionState.DONE, entry

            emails = [
                c
                async for c in client.crm.customers.contacts(c1).items()
                if c.value == f"{label}@example.com"
            ]
            assert len(emails) == 1
            mobiles = [c async for c in client.crm.locations.contacts(l1).items() if c.value.endswith("0177")]
            assert len(mobiles) == 1
            phones = [c async for c in client.crm.customers.contacts(c2).items() if c.value == "5125550100"]
            assert len(phones) == 1  # the customer already had it
            assert await tagged_count(client, "location", f"{second}:location") == 1
            assert await tagged_count(client, "customer", f"{second}:customer") == 0
            for booking_id, _ in bookings:
                assert len(await jobs_of_booking(client, booking_id)) == 1

    asyncio.run(scenario())


def test_dismiss_capture_and_contact_edits(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            (to_dismiss, _), (to_capture, _), (to_edit, provider_id) = await make_bookings(sandbox, 3)
            contacts = [c async for c in client.crm.bookings.contacts(to_edit).items()]
            mobile = next(c for c in contacts if c.type is ContactType.MOBILE_PHONE)
            email = next(c for c in contacts if c.type is ContactType.EMAIL)
            h = harness(client, db)
            dismiss = enqueue(db, DismissBooking(to_dismiss, refs.dismiss_reason_id, "duplicate"), "csr:ana")
            summary = f"Wants a quote next month {tag()}"
            capture = enqueue(
                db,
                CaptureLead(to_capture, refs.campaign_id, summary, call_reason_id=refs.lead_reason_id),
                "csr:ana",
            )
            edits = [
                enqueue(
                    db,
                    EditBookingContact(to_edit, provider_id, type=ContactType.PHONE, value="5125550111"),
                    "a",
                ),
                enqueue(db, EditBookingContact(to_edit, provider_id, mobile.id, memo="evenings only"), "a"),
                enqueue(db, EditBookingContact(to_edit, provider_id, email.id, delete=True), "a"),
            ]
            # One at a time per booking: the three edits run in the order they were queued.
            assert await h.runner.run_due() == 5
            for action_id in (dismiss, capture, *edits):
                entry = get_action(db, action_id)
                assert entry is not None and entry.state is ActionState.DONE, entry

            dismissed = await client.crm.bookings.get(to_dismiss)
            assert dismissed.status is BookingStatus.DISMISSED
            assert dismissed.dismissing_reason_id == refs.dismiss_reason_id
            captured = get_action(db, capture)
            assert captured is not None
            leads = [
                lead async for lead in client.crm.leads.items(LeadQuery()) if lead.booking_id == to_capture
            ]
            assert [lead.id for lead in leads] == [captured.results["lead_id"]]
            assert (await client.crm.bookings.get(to_capture)).status is BookingStatus.DISMISSED
            after = {c.id: c async for c in client.crm.bookings.contacts(to_edit).items()}
            assert [c.value for c in after.values()].count("5125550111") == 1
            assert after[mobile.id].memo == "evenings only"
            assert email.id not in after
        with db.connect() as connection:
            cached = connection.execute(
                select(schema.booking_contact.c.id).where(schema.booking_contact.c.booking_id == to_edit)
            ).scalars()
            assert set(cached) == set(after)
            lead_row = connection.execute(
                select(schema.lead).where(schema.lead.c.booking_id == to_capture)
            ).one()
            assert lead_row.status == "Open"

    asyncio.run(scenario())


def test_lead_actions(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            to_follow, to_dismiss, to_book = await make_leads(client, refs, 3)
            follow_up_date = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
            h = harness(client, db)
            follow = enqueue(db, FollowUpLead(to_follow, follow_up_date, "left a voicemail", True), "csr:bo")
            dismiss = enqueue(db, DismissLead(to_dismiss, refs.dismiss_reason_id), "csr:bo")
            label = tag()
            book = enqueue(
                db, BookJobFromLead(to_book, new_customer(label), job_draft(refs, label)), "csr:bo"
            )
            assert await h.runner.run_due() == 3
            for action_id in (follow, dismiss, book):
                entry = get_action(db, action_id)
                assert entry is not None and entry.state is ActionState.DONE, entry

            followed = await client.crm.leads.get(to_follow)
            assert followed.follow_up_date == follow_up_date
            assert follow_ups_on_server(sandbox, to_follow) == 1
            assert (await client.crm.leads.get(to_dismiss)).status is LeadStatus.DISMISSED
            assert (await client.crm.leads.get(to_book)).status is LeadStatus.CONVERTED
            assert await tagged_count(client, "job", f"{book}:job") == 1
            assert await tagged_count(client, "customer", f"{book}:customer") == 1
        with db.connect() as connection:
            statuses = dict(
                connection.execute(
                    select(schema.lead.c.id, schema.lead.c.status).where(
                        schema.lead.c.id.in_([to_follow, to_dismiss, to_book])
                    )
                ).all()
            )
        assert statuses == {to_follow: "Open", to_dismiss: "Dismissed", to_book: "Converted"}

    asyncio.run(scenario())


def test_a_refusal_fails_with_the_servers_message(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            [(booking_id, _)] = await make_bookings(sandbox, 1)
            h = harness(client, db)
            action_id = enqueue(db, DismissBooking(booking_id, 987654321, "no such reason"), "csr:ana")
            await h.runner.run_due()
            failed = get_action(db, action_id)
            assert failed is not None and failed.state is ActionState.FAILED
            assert failed.message is not None and "Call reason 987654321 does not exist." in failed.message
            assert (await client.crm.bookings.get(booking_id)).status is BookingStatus.NEW
            # A failed action still holds its booking: no accept until it is retried or cancelled.
            with pytest.raises(ActionRefused, match="failed dismiss booking"):
                enqueue(db, DismissBooking(booking_id, 1), "csr:ana")

            retry(db, action_id, "csr:ana")
            retried = get_action(db, action_id)
            assert retried is not None and retried.state is ActionState.PENDING and retried.message is None
            await h.runner.run_due()
            cancel(db, action_id, "csr:sup")
            cancelled = get_action(db, action_id)
            assert cancelled is not None and cancelled.state is ActionState.CANCELLED
            assert journal_results(db, action_id) == ["queued", "failed", "retried", "failed", "cancelled"]
            with pytest.raises(ActionRefused):
                retry(db, action_id, "csr:ana")

    asyncio.run(scenario())


def test_dismiss_then_accept_is_a_conflict(sandbox: RunningSandbox, tmp_path: Path) -> None:
    db = cache_at(tmp_path / "cache.db")

    async def scenario() -> None:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            [(booking_id, _)] = await make_bookings(sandbox, 1)
            h = harness(client, db)
            dismiss = enqueue(db, DismissBooking(booking_id, refs.dismiss_reason_id), "csr:ana")
            with pytest.raises(ActionRefused, match="pending dismiss booking"):
                enqueue(db, accept_for_new_customer(booking_id, refs), "csr:bo")
            await h.runner.run_due()
            assert get_action(db, dismiss).state is ActionState.DONE  # type: ignore[union-attr]

            # The dismiss is finished, so the accept is queued; it finds the booking closed.
            accept = enqueue(db, accept_for_new_customer(booking_id, refs), "csr:bo")
            await h.runner.run_due()
            conflict = get_action(db, accept)
            assert conflict is not None and conflict.state is ActionState.CONFLICT
            assert conflict.message == f"Booking {booking_id} was already dismissed by someone else."
            assert conflict.conflict == {
                "status": "Dismissed",
                "dismissing_reason_id": refs.dismiss_reason_id,
                "words": {
                    "template": "Booking {booking} was already dismissed by someone else.",
                    "values": {"booking": str(booking_id)},
                },
            }
            assert await tagged_count(client, "customer", f"{accept}:customer") == 0
            assert await jobs_of_booking(client, booking_id) == []
            assert journal_results(db, accept) == ["queued", "conflict"]

    asyncio.run(scenario())


def test_actions_are_checked_when_built() -> None:
    start = datetime.now(UTC)
    visit = VisitDraft(start, start + timedelta(hours=2))
    with pytest.raises(InvalidAction, match="call reason or a follow-up date"):
        CaptureLead(1, 2, "summary")
    with pytest.raises(InvalidAction, match="aware UTC"):
        FollowUpLead(1, datetime(2030, 1, 1))
    with pytest.raises(InvalidAction, match="end after it starts"):
        VisitDraft(start, start - timedelta(hours=1))
    with pytest.raises(InvalidAction, match="belong in the customer"):
        AcceptBooking(
            1,
            new_customer("x"),
            JobDraft(1, 2, 3, Priority.HIGH, visit),
            MissingContacts(customer=(ContactDraft(ContactType.PHONE, "1"),)),
        )
    with pytest.raises(InvalidAction, match="contact type"):
        ContactDraft("Phone", "5125550100")  # type: ignore[arg-type]
    with pytest.raises(InvalidAction, match="needs its id"):
        EditBookingContact(1, 2, delete=True)
    with pytest.raises(InvalidAction, match="positive id"):
        DismissBooking(0, 1)


def test_payloads_round_trip() -> None:
    start = datetime(2031, 5, 6, 15, 0, tzinfo=UTC)
    job = JobDraft(
        7, 8, 9, Priority.URGENT, VisitDraft(start, start + timedelta(hours=2), technician_ids=(4,))
    )
    actions: list[Action] = [
        AcceptBooking(1, new_customer("rt"), job),
        AcceptBooking(2, NewLocationFor(5, LocationDraft("Shop", address("rt"))), job, MissingContacts()),
        BookJobFromLead(
            3, ExistingLocation(5, 6), job, MissingContacts(location=(ContactDraft(ContactType.FAX, "1"),))
        ),
        CaptureLead(4, 9, "later", follow_up_date=start, priority=Priority.LOW),
        FollowUpLead(5, start, "text", True),
        DismissLead(6, 11),
        DismissBooking(7, 11, "memo"),
        EditBookingContact(8, 9, 10, value="5125550100"),
    ]
    for action in actions:
        assert from_payload(action.KIND, json.loads(json.dumps(to_payload(action)))) == action
