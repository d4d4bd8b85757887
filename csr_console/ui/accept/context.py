"""Everything the accept wizard reads from the cache, read once when it opens: what the customer asked
for (a booking, or a lead to book a job from), the customers they may be, the job-type mapping's prefill
and the lists the CSR picks from."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from sqlalchemy import Connection

from csr_console.domain.job_type_mapping import Prefill, prefill, standard_job_type
from csr_console.store.queries.address import AddressParts
from csr_console.store.queries.booking_detail import booking_detail
from csr_console.store.queries.choices import Choice, campaigns, tag_types
from csr_console.store.queries.duplicates import (
    DuplicateCandidate,
    duplicate_candidates,
    lead_duplicate_candidates,
)
from csr_console.store.queries.job_reference import (
    JobTypeChoice,
    TechnicianChoice,
    business_units,
    job_types,
    technicians,
)
from csr_console.store.queries.job_type_mapping import booking_prefill, mapping_entries
from csr_console.store.queries.leads import lead_detail

NO_PREFILL = Prefill(None, None, "")


@dataclass(frozen=True, slots=True)
class JobRequest:
    """What the customer asked for, as the wizard needs it, from a booking or from a lead."""

    kind: Literal["booking", "lead"]
    id: int
    name: str
    source: str  # the booking's source, or where the lead came from
    address: AddressParts
    contacts: tuple[tuple[str, str], ...]  # (contact type, value)
    start: datetime | None  # the time asked for
    summary: str | None
    campaign_id: int | None
    priority: str | None
    customer_type: str | None
    customer_id: int | None = None  # a lead already linked to a customer
    location_id: int | None = None


@dataclass(frozen=True, slots=True)
class AcceptContext:
    request: JobRequest
    candidates: tuple[DuplicateCandidate, ...]  # best first
    prefill: Prefill
    job_types: tuple[JobTypeChoice, ...]
    business_units: tuple[Choice, ...]
    campaigns: tuple[Choice, ...]
    technicians: tuple[TechnicianChoice, ...]
    tag_types: tuple[Choice, ...]

    def job_type(self, job_type_id: int | None) -> JobTypeChoice | None:
        return next((j for j in self.job_types if j.id == job_type_id), None)

    def name_of(self, choices: tuple[Choice, ...], choice_id: int | None) -> str:
        return next((c.name for c in choices if c.id == choice_id), "—")


def _context(
    connection: Connection,
    request: JobRequest,
    candidates: list[DuplicateCandidate],
    chosen: Prefill,
) -> AcceptContext:
    return AcceptContext(
        request=request,
        candidates=tuple(candidates),
        prefill=chosen,
        job_types=tuple(job_types(connection)),
        business_units=tuple(business_units(connection)),
        campaigns=tuple(campaigns(connection)),
        technicians=tuple(technicians(connection)),
        tag_types=tuple(tag_types(connection)),
    )


def load_context(connection: Connection, booking_id: int) -> AcceptContext | None:
    """None when the booking is not in the cache (any more)."""
    booking = booking_detail(connection, booking_id)
    if booking is None:
        return None
    request = JobRequest(
        kind="booking",
        id=booking.id,
        name=booking.name,
        source=booking.source,
        address=booking.address,
        contacts=tuple((c.type, c.value) for c in booking.contacts),
        start=booking.start,
        summary=booking.summary,
        campaign_id=booking.campaign_id,
        priority=booking.priority,
        customer_type=booking.customer_type,
    )
    candidates = duplicate_candidates(connection, booking_id)
    return _context(connection, request, candidates, booking_prefill(connection, booking_id) or NO_PREFILL)


def load_lead_context(connection: Connection, lead_id: int) -> AcceptContext | None:
    """The wizard booking a job from a lead; None when the lead is not in the cache."""
    lead = lead_detail(connection, lead_id)
    if lead is None:
        return None
    contacts = tuple((t, v) for t, v in (("Phone", lead.phone), ("Email", lead.email)) if v)
    request = JobRequest(
        kind="lead",
        id=lead.id,
        name=lead.name or lead.customer_name or "",
        source=lead.booking_source or "Lead",
        address=lead.address if lead.address.street else (lead.location_address or lead.address),
        contacts=contacts,
        start=lead.follow_up_date,
        summary=lead.summary,
        campaign_id=lead.campaign_id,
        priority=lead.priority,
        customer_type=None,
        customer_id=lead.customer_id,
        location_id=lead.location_id,
    )
    types = job_types(connection)
    lead_prefill = prefill(
        lead.job_type_id,
        lead.business_unit_id,
        source=request.source,
        standard=standard_job_type(lead.summary),
        entries=mapping_entries(connection),
        job_type_units={t.id: t.business_unit_ids for t in types},
        unknown_job_type_ids={t.id for t in types if t.unknown},
    )
    return _context(connection, request, lead_duplicate_candidates(connection, lead_id), lead_prefill)


def refreshed_candidates(connection: Connection, context: AcceptContext) -> AcceptContext:
    """The same context with the candidates read again (after a search of ServiceTitan added some)."""
    request = context.request
    found = (
        duplicate_candidates(connection, request.id)
        if request.kind == "booking"
        else lead_duplicate_candidates(connection, request.id)
    )
    return replace(context, candidates=tuple(found))
