"""Drill `chaos`: 1,000 mixed CSR actions (100 with --quick) through one outbox while the sandbox fails
one call in five: 8% answer 5xx, 4% answer 429, 4% are dropped after the server committed them (the
client never learns the outcome) and 4% time out (committed, but the answer is held 3 s, past the
client's 2 s timeout), with 20 ms of latency.

The mix covers every kind the outbox carries out (per hundred): accepts for a new customer (20), for an
existing location with a missing contact (6) and for a new location of an existing customer (4);
booking dismissals (10), captures as leads (10), booking contact edits (12: add, change, delete),
reclassifications (6); lead follow-ups (8), lead dismissals queued after those follow-ups (5), lead
notes (8), leads made by hand (5) and jobs booked from leads (6). The records they act on are made
first, without faults.

Counted on the server afterwards, with faults off:
- lost: actions whose effect is missing (no job on the booking, no tagged customer, booking not
  dismissed, no lead, no follow-up, no note, job type unchanged, contact not changed...);
- duplicated: extra records — tagged customers, locations and jobs beyond what each action should have
  made (and tagged records of no action of ours), leads beyond one per capture or creation (and new
  leads of none), follow-ups, notes and contacts beyond one.
Not produced: a request the server commits only after the client has timed out, looked the effect up
and found nothing (the sandbox's timeout commits first, then holds the answer).
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from csr_console.api import RateLimiter, ServiceTitanClient
from csr_console.api.models.crm import Booking, CreateBookingRequest, Lead, LeadQuery
from csr_console.domain.enums import BookingStatus, ContactType, LeadStatus
from csr_console.sync.outbox import (
    AcceptBooking,
    Action,
    AddLeadNote,
    BookJobFromLead,
    CaptureLead,
    ContactDraft,
    CreateLead,
    DismissBooking,
    DismissLead,
    EditBookingContact,
    ExistingLocation,
    FollowUpLead,
    LocationDraft,
    MissingContacts,
    NewLocationFor,
    ReclassifyBooking,
    enqueue,
    get_action,
)
from tests.conftest import RunningSandbox, connect, new_booking, start_sandbox, tag
from tests.sync.outbox_helpers import (
    accept_for_new_customer,
    address,
    cache_at,
    follow_ups_on_server,
    harness,
    in_batches,
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
    tagged_by_action,
)

#: One call in five fails (error + throttle + drop = 0.2).
FAULTS = "error=0.08,throttle=0.04,drop=0.04,timeout=0.04,hold=3s,latency=20ms"
ACTIONS_FULL = 1000
ACTIONS_QUICK = 100
#: A guard against a hung outbox, not a timed assert: 1,000 actions take ~4 min on a busy 2-CPU box.
STUCK_AFTER_S = 1800.0
#: Actions of each kind per hundred (they add up to 100; contact edits come in threes, one booking each).
MIX: dict[str, int] = {
    "accept_new": 20,
    "accept_existing": 6,
    "accept_new_location": 4,
    "dismiss_booking": 10,
    "capture_lead": 10,
    "edit_booking_contact": 12,
    "reclassify_booking": 6,
    "follow_up_lead": 8,
    "dismiss_lead": 5,
    "add_lead_note": 8,
    "create_lead": 5,
    "book_job_from_lead": 6,
}
#: What each kind should leave tagged on the server (customer / location / job), one of each listed.
TAGGED: dict[str, tuple[str, ...]] = {
    "accept_new": ("customer", "location", "job"),
    "accept_existing": ("job",),
    "accept_new_location": ("location", "job"),
    "book_job_from_lead": ("customer", "location", "job"),
}
ADDED_PHONE = "5125550111"
MEMO = "evenings"


@dataclass(frozen=True)
class Planned:
    """One queued action, with its kind in the drill's mix (finer than the outbox's kinds)."""

    kind: str
    action: Action
    action_id: str = ""


def chaos(quick: bool) -> dict[str, Any]:
    count = ACTIONS_QUICK if quick else ACTIONS_FULL
    with tempfile.TemporaryDirectory(prefix="drill-chaos-") as folder:
        # The sandbox's rate limit is lifted: the drill measures the outbox, not the 60 calls/s budget
        # (the faults still answer 5% of calls with 429).
        sandbox = start_sandbox(Path(folder) / "sandbox.db", rate_limit=0, lead_rate=0)
        try:
            return asyncio.run(run_chaos(sandbox, Path(folder) / "cache.db", count, seed=count))
        finally:
            sandbox.stop()


async def run_chaos(
    sandbox: RunningSandbox, cache_path: Path, count: int, *, seed: int, faults: str = FAULTS
) -> dict[str, Any]:
    """Queue `count` mixed actions (a multiple of 100) in a new cache at `cache_path`, carry them out
    under `faults`, and count their effects on the server."""
    if count % 100:
        raise ValueError(f"the mix is per hundred: {count} actions is not a multiple of 100")
    db = cache_at(cache_path)
    rng = random.Random(seed)
    async with connect(sandbox) as setup:
        await set_faults(sandbox, setup, "")  # the records to act on are made without faults
        setup_started = time.perf_counter()
        planned, setup_leads = await _plan(sandbox, setup, count // 100, rng)
        setup_s = time.perf_counter() - setup_started
    since = datetime.now(UTC) - timedelta(seconds=5)
    planned = [Planned(p.kind, p.action, enqueue(db, p.action, "csr:chaos")) for p in planned]

    # The timeout shorter than the faults' hold, so a held answer is a timeout to the client.
    async with connect(sandbox, limiter=RateLimiter(limit=2000), timeout=2) as client:
        await set_faults(sandbox, client, faults)
        started = time.perf_counter()
        try:
            await run_until_settled(harness(client, db, parallel=16).runner, db, STUCK_AFTER_S)
        finally:
            await set_faults(sandbox, client, "")  # counted without faults
        seconds = time.perf_counter() - started
        counted = await _count(sandbox, client, planned, setup_leads, since)

    entries = {p.action_id: get_action(db, p.action_id) for p in planned}
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for p in planned:
        entry = entries[p.action_id]
        kinds[p.kind]["actions"] += 1
        kinds[p.kind]["done"] += entry is not None and entry.state.value == "done"
        kinds[p.kind]["lost"] += p.action_id in counted.lost
        kinds[p.kind]["duplicated"] += counted.extra[p.action_id]
    final = Counter(states(db).values())
    db.dispose()
    return {
        "drill": "chaos",
        "faults": faults,
        "actions": len(planned),
        "done": final["done"],
        "lost": len(counted.lost),
        "duplicated": sum(counted.extra.values()) + counted.strays,
        "states": dict(final),
        "attempts": sum(e.attempts for e in entries.values() if e is not None),
        "strays": counted.strays,
        "kinds": {kind: dict(figures) for kind, figures in sorted(kinds.items())},
        "missing": counted.missing[:20],  # the first few, as evidence for a report
        "setup_seconds": round(setup_s, 2),
        "seconds": round(seconds, 2),
    }


async def _unknown_bookings(sandbox: RunningSandbox, client: ServiceTitanClient, count: int) -> list[int]:
    """New bookings sent with the seeded "Unknown" job type, for the reclassifications."""
    job_types = (await client.jpm.job_types.list(page_size=200)).items
    unknown = next(jt.id for jt in job_types if jt.name == "Unknown")
    provider = sandbox.providers[0]
    async with connect(sandbox, provider) as mine:
        bookings = mine.crm.provider_bookings(int(provider["booking_provider"]))
        requests: list[CreateBookingRequest] = [new_booking(tag(), job_type_id=unknown) for _ in range(count)]
        return [b.id for b in await in_batches(bookings.create(r) for r in requests)]


async def _plan(
    sandbox: RunningSandbox, client: ServiceTitanClient, scale: int, rng: random.Random
) -> tuple[list[Planned], set[int]]:
    """The records to act on and the actions, in queue order; also the ids of the leads made here."""
    n = {kind: share * scale for kind, share in MIX.items()}
    refs = await refs_of(client)
    edited_count = n["edit_booking_contact"] // 3
    plain = [b for b in await make_bookings(sandbox, sum(n[k] for k in _ON_BOOKINGS) + edited_count)]
    unknown = await _unknown_bookings(sandbox, client, n["reclassify_booking"])
    customers = await make_customers(client, n["accept_existing"] + n["accept_new_location"])
    leads = await make_leads(client, refs, n["follow_up_lead"] + n["add_lead_note"] + n["book_job_from_lead"])
    edited = plain[len(plain) - edited_count :]
    contacts = await in_batches(_contacts_of(client, b) for b, _ in edited)
    booking_ids = iter(b for b, _ in plain[: len(plain) - edited_count])
    lead_ids = iter(leads)

    singles: list[Planned] = []
    singles += [
        Planned("accept_new", accept_for_new_customer(next(booking_ids), refs))
        for _ in range(n["accept_new"])
    ]
    owners = iter(customers)
    for _ in range(n["accept_existing"]):
        customer_id, location_id = next(owners)
        missing = MissingContacts(customer=(ContactDraft(ContactType.EMAIL, f"{tag()}@example.com"),))
        where = ExistingLocation(customer_id, location_id)
        singles.append(
            Planned("accept_existing", AcceptBooking(next(booking_ids), where, job_draft(refs), missing))
        )
    for _ in range(n["accept_new_location"]):
        customer_id, _location_id = next(owners)
        where_new = NewLocationFor(customer_id, LocationDraft("Rental", address(tag())))
        singles.append(
            Planned("accept_new_location", AcceptBooking(next(booking_ids), where_new, job_draft(refs)))
        )
    singles += [
        Planned("dismiss_booking", DismissBooking(next(booking_ids), refs.dismiss_reason_id, "spam"))
        for _ in range(n["dismiss_booking"])
    ]
    singles += [
        Planned(
            "capture_lead",
            CaptureLead(
                next(booking_ids), refs.campaign_id, f"Quote {tag()}", call_reason_id=refs.lead_reason_id
            ),
        )
        for _ in range(n["capture_lead"])
    ]
    singles += [
        Planned(
            "reclassify_booking",
            ReclassifyBooking(b, _provider_id(sandbox), refs.job_type_id, refs.business_unit_id),
        )
        for b in unknown
    ]
    follow_up_date = (datetime.now(UTC) + timedelta(days=6)).replace(microsecond=0)
    followed = [next(lead_ids) for _ in range(n["follow_up_lead"])]
    singles += [
        Planned("follow_up_lead", FollowUpLead(lead, follow_up_date, "called back")) for lead in followed
    ]
    singles += [
        Planned("add_lead_note", AddLeadNote(next(lead_ids), f"Asked for a callback after 5 pm {tag()}"))
        for _ in range(n["add_lead_note"])
    ]
    singles += [
        Planned(
            "create_lead",
            CreateLead(
                refs.campaign_id,
                f"Wants a furnace quote {tag()}",
                follow_up_date=follow_up_date,
                name=f"Walk-in {tag()}",
                phone="5125550177",
            ),
        )
        for _ in range(n["create_lead"])
    ]
    singles += [
        Planned("book_job_from_lead", BookJobFromLead(next(lead_ids), new_customer(tag()), job_draft(refs)))
        for _ in range(n["book_job_from_lead"])
    ]
    rng.shuffle(singles)
    edits: list[Planned] = []
    for (booking_id, provider_id), booking_contacts in zip(edited, contacts, strict=True):
        mobile = next(c.id for c in booking_contacts if c.type is ContactType.MOBILE_PHONE)
        email = next(c.id for c in booking_contacts if c.type is ContactType.EMAIL)
        edits += [
            Planned(
                "edit_booking_contact",
                EditBookingContact(booking_id, provider_id, type=ContactType.PHONE, value=ADDED_PHONE),
            ),
            Planned("edit_booking_contact", EditBookingContact(booking_id, provider_id, mobile, memo=MEMO)),
            Planned("edit_booking_contact", EditBookingContact(booking_id, provider_id, email, delete=True)),
        ]
    # Queued after the follow-ups of the same leads: the outbox runs them after those, one per lead.
    dismissals = [
        Planned("dismiss_lead", DismissLead(lead, refs.dismiss_reason_id))
        for lead in followed[: n["dismiss_lead"]]
    ]
    planned = [*singles, *edits, *dismissals]
    if Counter(p.kind for p in planned) != Counter(n):
        raise AssertionError(f"the plan does not follow the mix: {Counter(p.kind for p in planned)}")
    return planned, set(leads)


_ON_BOOKINGS = ("accept_new", "accept_existing", "accept_new_location", "dismiss_booking", "capture_lead")


def _provider_id(sandbox: RunningSandbox) -> int:
    """The booking provider the drill's bookings come from (make_bookings uses the first)."""
    return int(sandbox.providers[0]["booking_provider"])


async def _contacts_of(client: ServiceTitanClient, booking_id: int) -> list[Any]:
    return [c async for c in client.crm.bookings.contacts(booking_id).items()]


@dataclass
class Counted:
    lost: set[str]
    extra: Counter[str]  # extra records per action id
    strays: int  # tagged records or new leads that belong to no action of the drill
    missing: list[str]  # what is missing, "<kind> <action id>: <what>"


async def _count(
    sandbox: RunningSandbox,
    client: ServiceTitanClient,
    planned: list[Planned],
    setup_leads: set[int],
    since: datetime,
) -> Counted:
    tagged = await tagged_by_action(client)
    mine = {p.action_id for p in planned}
    strays = sum(sum(kinds.values()) for action_id, kinds in tagged.items() if action_id not in mine)
    new_leads = [
        lead
        async for lead in client.crm.leads.items(LeadQuery(created_on_or_after=since))
        if lead.id not in setup_leads
    ]
    by_booking = Counter(lead.booking_id for lead in new_leads if lead.booking_id is not None)
    by_summary: Counter[str | None] = Counter(lead.summary for lead in new_leads if lead.booking_id is None)
    captured = {p.action.booking_id for p in planned if isinstance(p.action, CaptureLead)}
    made = {p.action.summary for p in planned if isinstance(p.action, CreateLead)}
    strays += sum(1 for lead in new_leads if lead.booking_id not in captured and lead.summary not in made)

    booking_ids = sorted({p.action.booking_id for p in planned if isinstance(p.action, _BOOKING_ACTIONS)})
    bookings = dict(
        zip(booking_ids, await in_batches(client.crm.bookings.get(b) for b in booking_ids), strict=True)
    )
    lead_ids = sorted({p.action.lead_id for p in planned if isinstance(p.action, _LEAD_ACTIONS)})
    leads: dict[int, Lead] = dict(
        zip(lead_ids, await in_batches(client.crm.leads.get(i) for i in lead_ids), strict=True)
    )
    accepted = [p.action.booking_id for p in planned if isinstance(p.action, AcceptBooking)]
    jobs = dict(zip(accepted, await in_batches(jobs_of_booking(client, b) for b in accepted), strict=True))
    edited = sorted({p.action.booking_id for p in planned if isinstance(p.action, EditBookingContact)})
    contacts = dict(zip(edited, await in_batches(_contacts_of(client, b) for b in edited), strict=True))

    counted = Counted(set(), Counter(), strays, [])
    for p in planned:
        found = await _effects(
            sandbox, client, p, tagged[p.action_id], bookings, leads, jobs, contacts, by_booking, by_summary
        )
        for what, number in found:
            if number == 0:
                counted.lost.add(p.action_id)
                counted.missing.append(f"{p.kind} {p.action_id}: {what}")
            counted.extra[p.action_id] += max(0, number - 1)
    return counted


_BOOKING_ACTIONS = (AcceptBooking, DismissBooking, CaptureLead, ReclassifyBooking)
_LEAD_ACTIONS = (BookJobFromLead, DismissLead)


async def _effects(
    sandbox: RunningSandbox,
    client: ServiceTitanClient,
    p: Planned,
    tagged: Counter[str],
    bookings: dict[int, Booking],
    leads: dict[int, Lead],
    jobs: dict[int, list[int]],
    contacts: dict[int, list[Any]],
    by_booking: Counter[int],
    by_summary: Counter[str | None],
) -> list[tuple[str, int]]:
    """How many of each effect of the action the server holds: (what, count); 1 each is exactly once.
    A state (dismissed, converted, the job type) counts 1 when it holds and 0 when it does not."""
    action = p.action
    wanted = TAGGED.get(p.kind, ())
    # Tagged records the kind should not make at all are extras too (count - 0 > 0).
    found = [(f"tagged {kind}", tagged[kind]) for kind in wanted]
    found += [
        (f"unexpected tagged {kind}", 1 + tagged[kind])
        for kind in ("customer", "location", "job")
        if kind not in wanted and tagged[kind]
    ]
    if isinstance(action, AcceptBooking):
        booking = bookings[action.booking_id]
        # The job on the booking is the tagged job: count the one with more (an untagged extra job).
        found = [(w, n) for w, n in found if w != "tagged job"]
        found.append(("job of the booking", max(len(jobs[action.booking_id]), tagged["job"])))
        found.append(("booking converted", int(booking.status is BookingStatus.CONVERTED)))
        for draft in action.add_contacts.customer:
            owned = [c async for c in client.crm.customers.contacts(action.customer.customer_id).items()]  # type: ignore[union-attr]
            found.append((f"contact {draft.value}", sum(c.value == draft.value for c in owned)))
    elif isinstance(action, BookJobFromLead):
        found.append(("lead converted", int(leads[action.lead_id].status is LeadStatus.CONVERTED)))
    elif isinstance(action, DismissBooking):
        found.append(
            ("booking dismissed", int(bookings[action.booking_id].status is BookingStatus.DISMISSED))
        )
    elif isinstance(action, CaptureLead):
        found.append(("lead of the booking", by_booking[action.booking_id]))
        found.append(
            ("booking dismissed", int(bookings[action.booking_id].status is BookingStatus.DISMISSED))
        )
    elif isinstance(action, ReclassifyBooking):
        found.append(("job type", int(bookings[action.booking_id].job_type_id == action.job_type_id)))
    elif isinstance(action, FollowUpLead):
        found.append(("follow-up", follow_ups_on_server(sandbox, action.lead_id)))
    elif isinstance(action, DismissLead):
        found.append(("lead dismissed", int(leads[action.lead_id].status is LeadStatus.DISMISSED)))
    elif isinstance(action, AddLeadNote):
        notes = [n async for n in client.crm.leads.notes(action.lead_id).items() if n.text == action.text]
        found.append(("note", len(notes)))
    elif isinstance(action, CreateLead):
        found.append(("lead", by_summary[action.summary]))
    elif isinstance(action, EditBookingContact):
        after = {c.id: c for c in contacts[action.booking_id]}
        if action.contact_id is None:
            found.append(("contact added", [c.value for c in after.values()].count(action.value)))
        elif action.delete:
            found.append(("contact deleted", int(action.contact_id not in after)))
        else:
            found.append(
                ("memo", int(action.contact_id in after and after[action.contact_id].memo == action.memo))
            )
    return found
