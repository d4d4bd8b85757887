"""What happens to the company's work, through the owning modules' lifecycle functions: a booking is stored
with its contacts (and its duplicate recorded), then booked as a job, dismissed, captured as a lead or left
waiting; jobs are scheduled, completed or canceled; leads are followed up, dismissed or booked; Scheduling
Pro sessions complete into jobs or are abandoned, with contact details into bookings.

``Outcomes`` applies these steps at given moments; the seed's sixty days of history and the simulator both
use it, so a simulated booking lives exactly as a seeded one did.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from csr_console.domain.enums import BookingStatus, JobStatus
from csr_console.sandbox.routes.crm_bookings import create_booking, dismiss_booking
from csr_console.sandbox.routes.crm_customers import create_customer
from csr_console.sandbox.routes.crm_leads import create_lead, dismiss_lead, follow_up_lead
from csr_console.sandbox.routes.dispatch import ARRIVAL_WINDOWS
from csr_console.sandbox.routes.jpm import API_USER_ID, create_job, set_job_status
from csr_console.sandbox.routes.scheduling_pro import OUTCOME_ABANDONED, OUTCOME_BOOKED, create_session
from csr_console.sandbox.seed.catalog import DEFAULT_CAMPAIGN, JOB_TYPES_BY_NAME, SCHEDULERS, JobTypeSpec
from csr_console.sandbox.seed.company import Company
from csr_console.sandbox.seed.drafts import Draft, draft
from csr_console.sandbox.seed.duplicates import record_duplicate
from csr_console.sandbox.seed.extra_details import scheduling_pro
from csr_console.sandbox.seed.names import ZONE, Address
from csr_console.sandbox.seed.people import Known, Prospect, customer_request
from csr_console.sandbox.seed.sources import SCHEDULING_PRO, SOURCES_BY_KEY
from csr_console.sandbox.store import Store, format_time, parse_time

SATURDAY, SUNDAY = 5, 6
WEBSITE = "https://bluebonnet-home.example"
# Bookings younger than FRESH mostly still wait; younger than RECENT some are accepted but not yet booked.
FRESH = timedelta(hours=8)
RECENT = timedelta(days=3)
# Scheduling Pro milestones where a session is abandoned before (EARLY) or after (LATE) the customer gave
# contact details; only the latter become bookings.
EARLY_STEPS = ("Opened", "Zipcode", "Interacted", "Issue", "Schedule")
LATE_STEPS = ("Customer", "Details")
BROWSERS = (
    ("Chrome", "Windows", "desktop"),
    ("Safari", "iOS", "mobile"),
    ("Chrome", "Android", "mobile"),
    ("Edge", "Windows", "desktop"),
    ("Safari", "Mac OS", "desktop"),
)
# (utm_source, utm_medium, the campaign it is attributed to)
TRAFFIC = (
    ("google", "cpc", "Google Ads"),
    ("google", "organic", "Web"),
    ("gbp", "local", "Google LSA"),
    ("facebook", "social", "Web"),
    (None, None, "Web"),
)
# The bigger tickets callers want to think over.
PHONE_LEAD_WORK = (
    "System Replacement Estimate",
    "Panel Upgrade",
    "Tankless Water Heater Install",
    "Generator Install",
)
PHONE_CAMPAIGNS = ("Repeat Customer", "Referral", "Yard Sign", "Google Ads", "Google LSA")
FOLLOW_UP_NOTES = (
    "Left voicemail",
    "Customer asked to call next week",
    "Sent quote by email",
    "Texted, no reply",
)
DISMISS_MEMOS = (None, "", "Left voicemail twice", "Customer went with another company", "No answer x3")


@dataclass(frozen=True)
class SessionPlan:
    """How a Scheduling Pro session ends: its last step, outcome, and whether it becomes a booking."""

    session_id: str
    last_step: str
    outcome: str
    books_job: bool
    becomes_booking: bool


@dataclass
class Outcomes:
    """The lifecycle steps, applied at the moments given; ``pool`` collects every customer made, so later
    bookings can come back as their duplicates."""

    store: Store
    company: Company
    rng: random.Random
    pool: list[Known]

    # -- customers ----------------------------------------------------------------------------------------
    def add_customer(self, prospect: Prospect, when: datetime, extra: list[Address] | None = None) -> Known:
        request = customer_request(self.rng, prospect, extra or [])
        answer = create_customer(self.store, request, format_time(when), created_on=format_time(when))
        known = Known(
            person=prospect.person,
            business=prospect.business,
            address=prospect.address,
            phones=prospect.phones,
            emails=prospect.emails,
            customer_id=answer["id"],
            location_id=answer["locations"][0]["id"],
            other_location_ids=[loc["id"] for loc in answer["locations"][1:]],
            since=when,
        )
        self.pool.append(known)
        return known

    # -- bookings -----------------------------------------------------------------------------------------
    def store_booking(self, item: Draft, when: datetime) -> dict[str, Any]:
        """Create the drafted booking through its source's provider, recording it when it is a duplicate."""
        stamp = format_time(when)
        provider = self.company.providers[item.source.key]
        booking = create_booking(self.store, provider, item.fields, item.contacts, stamp, created_on=stamp)
        if item.known is not None:
            record_duplicate(
                self.store, booking, item.known.customer_id, item.known.location_id, item.variations
            )
        return booking

    def settle_booking(
        self,
        item: Draft,
        booking: dict[str, Any],
        when: datetime,
        now: datetime,
        *,
        status: str | None = None,
    ) -> None:
        """What the CSRs did with a booking by ``now``: recent ones mostly wait (New), older ones were
        booked, dismissed or kept as leads; a few were accepted and a few forgotten. ``status`` (New or
        Accepted) decides instead."""
        age = now - when
        handled = min(when + timedelta(minutes=self.rng.randint(4, 180)), now)
        waits, accepted = (0.7, 0.85) if age < FRESH else (0.03, 0.15) if age < RECENT else (0.01, 0.01)
        roll, fate = self.rng.random(), self.rng.random()
        if status == BookingStatus.ACCEPTED.value:
            self.accept(booking, handled)
        elif status is not None:
            return  # New
        elif item.spam or item.far:
            if age > timedelta(hours=2):
                self.dismiss(item, booking, handled)
        elif roll < waits:
            return  # still New: waiting in the queue (or forgotten there)
        elif roll < accepted:
            self.accept(booking, handled)
        elif fate < 0.58:
            self.convert(item, booking, handled, now)
        elif fate < 0.78:
            self.capture_lead(item, booking, handled, now)
        else:
            self.dismiss(item, booking, handled)

    def accept(self, booking: dict[str, Any], when: datetime) -> None:
        """Accepted: a CSR took the booking and has yet to book its job. No API path sets this status, so
        the history sets it on the record, as real queues show it."""
        doc = self.store.get("booking", booking["id"]) or booking
        doc.update(status=BookingStatus.ACCEPTED.value, modifiedOn=format_time(when))
        self.store.save("booking", doc, touch=False, status=doc["status"])

    def convert(self, item: Draft, booking: dict[str, Any], when: datetime, now: datetime) -> dict[str, Any]:
        customer = item.known or self.add_customer(item.prospect, when)
        campaign = (
            booking.get("campaignId") or self.company.campaigns[item.source.campaign or DEFAULT_CAMPAIGN]
        )
        return self.book_job(
            customer,
            item.job_type,
            campaign,
            when,
            now,
            booking_id=booking["id"],
            unit=booking["businessUnitId"],
        )

    def dismiss(self, item: Draft, booking: dict[str, Any], when: datetime) -> None:
        if item.spam:
            reason = "Spam / test"
        elif item.far:
            reason = "Outside service area"
        elif item.known is not None and self.rng.random() < 0.5:
            reason = self.rng.choice(("Duplicate booking", "Booked by phone already"))
        else:
            reason = self.rng.choice(
                ("Customer cancelled", "Could not reach customer", "Booked by phone already")
            )
        memo = self.rng.choice(DISMISS_MEMOS)
        dismiss_booking(self.store, booking["id"], self.company.reason(reason), memo, format_time(when))

    # -- leads --------------------------------------------------------------------------------------------
    def capture_lead(self, item: Draft, booking: dict[str, Any], when: datetime, now: datetime) -> None:
        """The booking kept as a lead (which dismisses it), then aged like any lead."""
        reason = self.rng.choice(self.company.reasons(is_lead=True))
        request = {
            "bookingId": booking["id"],
            "customerId": item.known.customer_id if item.known else None,
            "locationId": item.known.location_id if item.known else None,
            "campaignId": booking.get("campaignId") or self.company.campaigns[DEFAULT_CAMPAIGN],
            "businessUnitId": booking.get("businessUnitId"),
            "jobTypeId": self.company.job_types[item.job_type.name].id,
            "priority": booking.get("priority"),
            "summary": f"{item.job_type.task} – {reason['name']}",
            "callReasonId": reason["id"],
            "followUpDate": format_time(when + timedelta(days=self.rng.choice((1, 2, 3, 7, 14, 30)))),
        }
        lead = create_lead(self.store, request, format_time(when), API_USER_ID, created_on=format_time(when))
        self.age_lead(lead, item.job_type, item.known, item.prospect, now)

    def phone_lead(self, when: datetime, now: datetime) -> None:
        """A lead a CSR logged from a customer's call, with no booking behind it."""
        known = self.rng.choice(self.pool)
        reason = self.rng.choice(self.company.reasons(is_lead=True))
        job_type = JOB_TYPES_BY_NAME[self.rng.choice(PHONE_LEAD_WORK)]
        request = {
            "customerId": known.customer_id,
            "locationId": known.location_id,
            "campaignId": self.company.campaigns[self.rng.choice(PHONE_CAMPAIGNS)],
            "jobTypeId": self.company.job_types[job_type.name].id,
            "summary": f"{job_type.task} – {reason['name']}",
            "callReasonId": reason["id"],
            "followUpDate": format_time(when + timedelta(days=self.rng.choice((2, 7, 14, 30, 45)))),
        }
        lead = create_lead(self.store, request, format_time(when), API_USER_ID, created_on=format_time(when))
        self.age_lead(lead, job_type, known, None, now)

    def age_lead(
        self,
        lead: dict[str, Any],
        job_type: JobTypeSpec,
        known: Known | None,
        prospect: Prospect | None,
        now: datetime,
    ) -> None:
        """Before its follow-up date a lead is open; after it, it was followed up (and left open, some
        overdue), dismissed or booked."""
        follow_up = parse_time(lead["followUpDate"])
        roll = self.rng.random()
        if follow_up > now:
            return
        if roll < 0.35:
            called = follow_up + timedelta(hours=self.rng.randint(1, 30))
            if called < now:
                next_date = called + timedelta(days=self.rng.choice((-2, 3, 5, 10)))  # some already overdue
                text = self.rng.choice(FOLLOW_UP_NOTES)
                follow_up_lead(
                    self.store, lead["id"], format_time(next_date), text, False, format_time(called)
                )
            return
        at = min(follow_up + timedelta(hours=self.rng.randint(1, 48)), now)
        if roll < 0.65:
            dismiss_lead(
                self.store, lead["id"], self.rng.choice(self.company.call_reasons)["id"], format_time(at)
            )
            return
        if known is None and prospect is not None:
            known = self.add_customer(prospect, at)
        if known is not None:
            self.book_job(known, job_type, lead["campaignId"], at, now, lead_id=lead["id"])

    # -- jobs ---------------------------------------------------------------------------------------------
    def phone_job(self, when: datetime, now: datetime) -> None:
        """A returning customer called and a CSR booked a job; no booking behind it."""
        known = self.rng.choice(self.pool)
        job_type = JOB_TYPES_BY_NAME[self.rng.choice([n for n in JOB_TYPES_BY_NAME if n != "Unknown"])]
        self.book_job(known, job_type, self.company.campaigns[self.rng.choice(PHONE_CAMPAIGNS)], when, now)

    def book_job(
        self,
        customer: Known,
        job_type: JobTypeSpec,
        campaign_id: int,
        when: datetime,
        now: datetime,
        *,
        booking_id: int | None = None,
        lead_id: int | None = None,
        unit: int | None = None,
    ) -> dict[str, Any]:
        """A job at one of the customer's locations in the next days. Past appointments were completed (with
        the invoice total) or canceled, as the dispatcher closed them; a few future ones are canceled."""
        kind = self.company.job_types[job_type.name]
        if unit not in kind.business_unit_ids:
            unit = kind.business_unit_ids[0]
        start, end = appointment_slot(
            self.rng, when, job_type.duration_h, saturday=self.company.is_service(unit)
        )
        technicians = self.company.technicians.get(unit, [])
        crew = self.rng.sample(technicians, k=min(len(technicians), 2 if job_type.duration_h >= 6 else 1))
        request = {
            "customerId": customer.customer_id,
            "locationId": self.rng.choice([customer.location_id, *customer.other_location_ids]),
            "businessUnitId": unit,
            "jobTypeId": kind.id,
            "priority": job_type.priority,
            "campaignId": campaign_id,
            "appointments": [
                {
                    "start": format_time(start),
                    "end": format_time(end),
                    "arrivalWindowStart": format_time(start),
                    "arrivalWindowEnd": format_time(start + timedelta(hours=2)),
                    "technicianIds": crew,
                }
            ],
            "summary": f"<p>{job_type.task}</p>",
            "bookingId": booking_id,
            "leadId": lead_id,
        }
        job = create_job(self.store, request, format_time(when), created_on=format_time(when))
        # Drawn whatever happens, so the random stream (hence all later data) does not depend on whether this
        # appointment, placed on the real calendar, is already over.
        roll, total, hours = (
            self.rng.random(),
            round(self.rng.uniform(*job_type.ticket), 2),
            self.rng.randint(2, 40),
        )
        if end < now and roll < 0.93:
            job = set_job_status(self.store, job["id"], JobStatus.COMPLETED.value, format_time(end))
            job["total"] = total  # the invoice the technician closed the job with
            self.store.save("job", job, touch=False)
        elif end < now or roll < 0.03:
            canceled = min(when + timedelta(hours=hours), now)
            job = set_job_status(self.store, job["id"], JobStatus.CANCELED.value, format_time(canceled))
        return job

    # -- Scheduling Pro -----------------------------------------------------------------------------------
    def plan_session(self, *, abandon_late: bool = False) -> SessionPlan:
        session_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        roll = 0.5 if abandon_late else self.rng.random()
        if roll < 0.45:
            return SessionPlan(session_id, "Booked", OUTCOME_BOOKED, True, False)
        if roll < 0.72:
            return SessionPlan(session_id, self.rng.choice(LATE_STEPS), OUTCOME_ABANDONED, False, True)
        return SessionPlan(session_id, self.rng.choice(EARLY_STEPS), OUTCOME_ABANDONED, False, False)

    def session_draft(self, trade: str | None, plan: SessionPlan, when: datetime) -> Draft:
        """The customer behind a session, drafted as the booking an abandoned session is sent on as."""
        source = SOURCES_BY_KEY[SCHEDULING_PRO]
        names = [n for n in source.job_types if trade is None or JOB_TYPES_BY_NAME[n].trade == trade]
        job_type = JOB_TYPES_BY_NAME[self.rng.choice(names)]
        details = scheduling_pro(plan.session_id, plan.last_step)
        return draft(self.rng, self.company, source, when, self.pool, details=details, job_type=job_type)

    def session_fields(self, item: Draft, plan: SessionPlan, campaign: str) -> dict[str, Any]:
        """A session's fields as far as the customer got: contact details only from the Customer step on."""
        person, known = item.prospect, item.known
        phone = next((c["value"] for c in item.contacts if c["type"] != "Email"), None)
        email = next((c["value"] for c in item.contacts if c["type"] == "Email"), None)
        has_details = plan.last_step in (*LATE_STEPS, "Booked")
        browser, os_name, device = self.rng.choice(BROWSERS)
        utm_source, medium, attributed = self.rng.choice(TRAFFIC)
        attributed = attributed if utm_source else campaign
        kind = self.company.job_types[item.job_type.name]
        address = item.fields.get("address") or person.address.api()
        return {
            "sessionOutcome": plan.outcome,
            "lastStep": plan.last_step,
            "category": item.job_type.trade or "General",
            "jobTypeId": kind.id,
            "businessUnitId": kind.business_unit_ids[0],
            "customerResponses": [f"What can we help with? {item.job_type.task}"],
            "campaignName": attributed,
            "customer": {
                "isNewCustomer": known is None,
                "id": known.customer_id if known else None,
                "locationId": known.location_id if known else None,
                "isNewLocation": known is None,
                "firstName": person.person.first if has_details else None,
                "lastName": person.person.last if has_details else None,
                "email": email if has_details else None,
                "phone": phone if has_details else None,
                "address": dict(address) if has_details else {"zip": person.address.zip},
                "browserName": browser,
                "osName": os_name,
                "deviceType": device,
                "isBot": False,
            },
            "sourceTracking": {
                "utmSource": utm_source,
                "utmMedium": medium,
                "utmCampaign": attributed if utm_source else None,
                "campaignId": str(self.company.campaigns[attributed]),
                "landingPageUrl": f"{WEBSITE}/{(item.job_type.trade or 'services').lower()}",
                "gclid": f"Cj0K{self.rng.getrandbits(64):016x}" if medium == "cpc" else None,
                "isRWGSession": False,
            },
        }

    def open_session(
        self, when: datetime, now: datetime, *, abandon_late: bool = False
    ) -> tuple[Draft, SessionPlan, str, dict[str, Any]]:
        """Plan a session (``abandon_late``: one abandoned after the contact details), draft the customer
        behind it and, when it completes, book its job. Answers the draft, the plan, the scheduler's GUID
        and the fields ``create_session`` takes."""
        name, trade, campaign = self.rng.choice(SCHEDULERS)
        plan = self.plan_session(abandon_late=abandon_late)
        item = self.session_draft(trade, plan, when)
        fields = self.session_fields(item, plan, campaign)
        if plan.books_job:
            customer = item.known or self.add_customer(item.prospect, when)
            job = self.book_job(customer, item.job_type, self.company.campaigns[campaign], when, now)
            appointment = self.store.get("appointment", job["firstAppointmentId"]) or {}
            fields.update(
                jobId=job["id"],
                timeslotStart=appointment.get("arrivalWindowStart"),
                timeslotEnd=appointment.get("arrivalWindowEnd"),
            )
        return item, plan, self.company.schedulers[name], fields

    def session(self, when: datetime, now: datetime, *, status: str | None = None) -> None:
        """One session of the history: completed into a job, abandoned after the customer's contact details
        into a booking through the Scheduling Pro provider (which then lives like any other booking), or
        abandoned early into nothing. With a booking ``status`` (New, Accepted), it is the second kind and
        its booking has that status."""
        item, plan, scheduler, fields = self.open_session(when, now, abandon_late=status is not None)
        booking = None
        if plan.becomes_booking:  # sent on within seconds; the session links it
            booking = self.store_booking(item, when + timedelta(seconds=self.rng.randint(2, 5)))
            fields["bookingId"] = booking["id"]
        stamp = format_time(when)
        create_session(self.store, scheduler, fields, stamp, session_id=plan.session_id, created_on=stamp)
        if booking is not None:
            self.settle_booking(item, booking, parse_time(booking["createdOn"]), now, status=status)


def appointment_slot(
    rng: random.Random, after: datetime, hours: float, *, saturday: bool
) -> tuple[datetime, datetime]:
    """An arrival window on a working day after ``after`` (local time), and when the work ends."""
    local = after.astimezone(ZONE)
    day = local.date() + timedelta(days=rng.choice((0, 1, 1, 2, 3, 5)))
    first, _last = rng.choice(ARRIVAL_WINDOWS)
    start = datetime.combine(day, time(first), tzinfo=ZONE)
    if start <= local:
        start += timedelta(days=1)
    while start.weekday() == SUNDAY or (start.weekday() == SATURDAY and (not saturday or first >= 14)):
        start += timedelta(days=1)
    return start, start + timedelta(hours=max(hours, 1.0))
