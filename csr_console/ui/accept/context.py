"""Everything the accept wizard reads from the cache for one booking, read once when it opens: the
booking, the customers it may be, the job-type mapping's prefill and the lists the CSR picks from."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import Connection

from csr_console.domain.job_type_mapping import Prefill
from csr_console.store.queries.booking_detail import BookingDetail, booking_detail
from csr_console.store.queries.choices import Choice, campaigns, tag_types
from csr_console.store.queries.duplicates import DuplicateCandidate, duplicate_candidates
from csr_console.store.queries.job_reference import (
    JobTypeChoice,
    TechnicianChoice,
    business_units,
    job_types,
    technicians,
)
from csr_console.store.queries.job_type_mapping import booking_prefill

NO_PREFILL = Prefill(None, None, "")


@dataclass(frozen=True, slots=True)
class AcceptContext:
    booking: BookingDetail
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


def load_context(connection: Connection, booking_id: int) -> AcceptContext | None:
    """None when the booking is not in the cache (any more)."""
    booking = booking_detail(connection, booking_id)
    if booking is None:
        return None
    return AcceptContext(
        booking=booking,
        candidates=tuple(duplicate_candidates(connection, booking_id)),
        prefill=booking_prefill(connection, booking_id) or NO_PREFILL,
        job_types=tuple(job_types(connection)),
        business_units=tuple(business_units(connection)),
        campaigns=tuple(campaigns(connection)),
        technicians=tuple(technicians(connection)),
        tag_types=tuple(tag_types(connection)),
    )


def refreshed_candidates(connection: Connection, context: AcceptContext) -> AcceptContext:
    """The same context with the candidates read again (after a search of ServiceTitan added some)."""
    return replace(context, candidates=tuple(duplicate_candidates(connection, context.booking.id)))
