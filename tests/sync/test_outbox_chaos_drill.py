"""Drill: 300 mixed CSR actions against a sandbox that fails 10% of calls with 5xx, throttles 5% and drops
5% of connections after committing, with latency. Every action ends done, and every effect exists on the
server exactly once: nothing lost, nothing doubled.

The sandbox's rate limit is lifted (rate_limit=0) and the runner's client gets a roomy limiter, so the
drill measures the outbox, not the 60 calls/s budget; the faults still throttle 5% of calls with 429.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from csr_console.api import RateLimiter
from csr_console.api.models.crm import LeadQuery
from csr_console.domain.enums import BookingStatus, ContactType, LeadStatus
from csr_console.sync.outbox import (
    AcceptBooking,
    Action,
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
from tests.conftest import connect, tag
from tests.sync.outbox_helpers import (
    OUTBOX_GUID,
    accept_for_new_customer,
    address,
    cache_at,
    follow_ups_on_server,
    harness,
    job_draft,
    jobs_of_booking,
    make_bookings,
    make_customers,
    make_leads,
    new_customer,
    refs_of,
    run_until_settled,
    set_faults,
    states,
    tagged_count,
)

FAULTS = "error=0.1,throttle=0.05,drop=0.05,latency=20ms"


@pytest.mark.slow
def test_three_hundred_actions_under_faults_happen_exactly_once(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(faults=FAULTS, rate_limit=0)
    db = cache_at(tmp_path / "cache.db")
    rng = random.Random(300)

    async def scenario() -> None:
        async with connect(sandbox) as setup:
            await set_faults(sandbox, setup, "")  # the records to act on are made without faults
            refs = await refs_of(setup)
            bookings = await make_bookings(sandbox, 60 + 40 + 40 + 40 + 10)
            customers = await make_customers(setup, 40)
            leads = await make_leads(setup, refs, 35 + 30)
            edited = [
                (b, p, [c async for c in setup.crm.bookings.contacts(b).items()]) for b, p in bookings[180:]
            ]
            await set_faults(sandbox, setup, FAULTS)
        started = datetime.now(UTC) - timedelta(seconds=5)

        actions: list[tuple[str, Action]] = []
        accepts_new = [accept_for_new_customer(b, refs) for b, _ in bookings[:60]]
        accepts_existing: list[AcceptBooking] = []
        for index, ((booking_id, _), (customer_id, location_id)) in enumerate(
            zip(bookings[60:100], customers, strict=True)
        ):
            if index % 4 == 0:
                where: Any = NewLocationFor(customer_id, LocationDraft("Rental", address(tag())))
                missing = MissingContacts()
            else:
                where = ExistingLocation(customer_id, location_id)
                missing = MissingContacts(customer=(ContactDraft(ContactType.EMAIL, f"{tag()}@example.com"),))
            accepts_existing.append(AcceptBooking(booking_id, where, job_draft(refs), missing))
        dismisses = [DismissBooking(b, refs.dismiss_reason_id, "spam") for b, _ in bookings[100:140]]
        captures = [
            CaptureLead(b, refs.campaign_id, f"Quote {tag()}", call_reason_id=refs.lead_reason_id)
            for b, _ in bookings[140:180]
        ]
        edits: list[Action] = []
        for booking_id, provider_id, contacts in edited:
            mobile = next(c for c in contacts if c.type is ContactType.MOBILE_PHONE)
            email = next(c for c in contacts if c.type is ContactType.EMAIL)
            edits += [
                EditBookingContact(booking_id, provider_id, type=ContactType.PHONE, value="5125550111"),
                EditBookingContact(booking_id, provider_id, mobile.id, memo="evenings"),
                EditBookingContact(booking_id, provider_id, email.id, delete=True),
            ]
        follow_up_date = (datetime.now(UTC) + timedelta(days=6)).replace(microsecond=0)
        follow_ups = [FollowUpLead(lead_id, follow_up_date, "called back") for lead_id in leads[:35]]
        # Queued after the follow-ups of the same leads: they run after them, one at a time per lead.
        lead_dismissals = [DismissLead(lead_id, refs.dismiss_reason_id) for lead_id in leads[:25]]
        jobs_from_leads = [
            BookJobFromLead(lead_id, new_customer(tag()), job_draft(refs)) for lead_id in leads[35:]
        ]

        singles: list[Action] = [
            *accepts_new,
            *accepts_existing,
            *dismisses,
            *captures,
            *follow_ups,
            *jobs_from_leads,
        ]
        rng.shuffle(singles)
        for action in [*singles, *edits, *lead_dismissals]:
            actions.append((enqueue(db, action, "csr:chaos"), action))
        assert len(actions) == 300

        limiter = RateLimiter(limit=2000)
        async with connect(sandbox, limiter=limiter, timeout=10) as client:
            h = harness(client, db, parallel=16)
            t0 = time.monotonic()
            await run_until_settled(h.runner, db)
            elapsed = time.monotonic() - t0
            await set_faults(sandbox, client, "")

            final = states(db)
            done = sum(1 for state in final.values() if state == "done")
            assert Counter(final.values()) == {"done": 300}, Counter(final.values())

            lost: list[str] = []
            duplicated: list[str] = []

            def expect(found: int, what: str) -> None:
                if found == 0:
                    lost.append(what)
                elif found > 1:
                    duplicated.append(f"{what} x{found}")

            all_leads = [
                lead async for lead in client.crm.leads.items(LeadQuery(created_on_or_after=started))
            ]
            leads_by_booking = Counter(lead.booking_id for lead in all_leads if lead.booking_id is not None)
            for action_id, action in actions:
                entry = get_action(db, action_id)
                assert entry is not None
                results = entry.results
                if isinstance(action, AcceptBooking | BookJobFromLead):
                    expect(await tagged_count(client, "job", f"{action_id}:job"), f"job of {action_id}")
                    if isinstance(action.customer, NewLocationFor):
                        expect(await tagged_count(client, "location", f"{action_id}:location"), "location")
                    elif not isinstance(action.customer, ExistingLocation):
                        expect(await tagged_count(client, "customer", f"{action_id}:customer"), "customer")
                        expect(
                            await tagged_count(client, "location", f"{action_id}:customer"), "its location"
                        )
                    for draft in action.add_contacts.customer:
                        owned = [
                            c async for c in client.crm.customers.contacts(results["customer_id"]).items()
                        ]
                        expect(sum(c.value == draft.value for c in owned), f"contact {draft.value}")
                if isinstance(action, AcceptBooking):
                    expect(
                        len(await jobs_of_booking(client, action.booking_id)),
                        f"job of booking {action.booking_id}",
                    )
                    booking = await client.crm.bookings.get(action.booking_id)
                    assert booking.status is BookingStatus.CONVERTED and booking.job_id == results["job_id"]
                elif isinstance(action, BookJobFromLead):
                    assert (await client.crm.leads.get(action.lead_id)).status is LeadStatus.CONVERTED
                elif isinstance(action, DismissBooking):
                    booking = await client.crm.bookings.get(action.booking_id)
                    expect(
                        int(booking.status is BookingStatus.DISMISSED), f"dismissal of {action.booking_id}"
                    )
                elif isinstance(action, CaptureLead):
                    expect(leads_by_booking[action.booking_id], f"lead of booking {action.booking_id}")
                elif isinstance(action, FollowUpLead):
                    expect(
                        follow_ups_on_server(sandbox, action.lead_id), f"follow-up of lead {action.lead_id}"
                    )
                elif isinstance(action, DismissLead):
                    lead = await client.crm.leads.get(action.lead_id)
                    expect(int(lead.status is LeadStatus.DISMISSED), f"dismissal of lead {action.lead_id}")
            for booking_id, _, contacts in edited:
                after = {c.id: c async for c in client.crm.bookings.contacts(booking_id).items()}
                expect(
                    [c.value for c in after.values()].count("5125550111"), f"contact added to {booking_id}"
                )
                mobile = next(c for c in contacts if c.type is ContactType.MOBILE_PHONE)
                email = next(c for c in contacts if c.type is ContactType.EMAIL)
                expect(int(after[mobile.id].memo == "evenings"), f"memo of {mobile.id}")
                expect(int(email.id not in after), f"deletion of {email.id}")

            # Nothing else carries our tag: no stray customer, location or job from a retried create.
            new_customers = len(accepts_new) + len(jobs_from_leads)
            new_locations = sum(isinstance(a.customer, NewLocationFor) for a in accepts_existing)
            assert await tagged_count(client, "customer") == new_customers
            assert await tagged_count(client, "location") == new_customers + new_locations
            assert await tagged_count(client, "job") == len(accepts_new) + len(accepts_existing) + len(
                jobs_from_leads
            )
            attempts = sum(get_action(db, a).attempts for a, _ in actions)  # type: ignore[union-attr]
            print(
                f"\nchaos drill: {len(actions)} actions, {done} done, {len(lost)} lost, {len(duplicated)} "
                f"duplicated, {attempts} attempts, {elapsed:.1f} s to settle (guid {OUTBOX_GUID})"
            )
            assert not lost and not duplicated, (lost, duplicated)

    asyncio.run(scenario())
