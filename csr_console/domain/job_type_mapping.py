"""The job-type mapping: each source's standard job types -> the company's job types and business units.

Partners phrase the work in their own words (a "standard job type") in their extra details, under a label
such as ``Task`` or ``Install program``. The company keeps a mapping from (source, standard job type) to
its job types and business units, edited in the settings. A booking's job type and business unit are
prefilled only when the answer is unambiguous, as ServiceTitan does; otherwise the field is left for the
CSR, with a sentence saying why. The job type named "Unknown" is never a final answer: it is reclassified.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from csr_console.domain.extra_details import ExtraDetails, parse_extra_details

#: The extra-detail labels under which partners send their standard job type (compared case-insensitively).
STANDARD_JOB_TYPE_LABELS: tuple[str, ...] = ("Task", "Project", "Service", "Install program")


def mapping_key(text: str) -> str:
    """How a source or a standard job type is compared: case and runs of white space do not count
    (partners retype their own wording)."""
    return " ".join(text.split()).casefold()


_LABEL_KEYS = frozenset(mapping_key(label) for label in STANDARD_JOB_TYPE_LABELS)


def standard_job_type(details: str | ExtraDetails | None) -> str | None:
    """The standard job type a booking's summary (or its parsed extra details) carries, if any."""
    fields = details.fields if isinstance(details, ExtraDetails) else parse_extra_details(details).fields
    for label, value in fields:
        if mapping_key(label) in _LABEL_KEYS and value.strip():
            return value.strip()
    return None


@dataclass(frozen=True, slots=True)
class MappingEntry:
    source: str  # the booking-provider tag's name
    standard_job_type: str
    job_type_ids: tuple[int, ...]
    business_unit_ids: tuple[int, ...]

    @property
    def key(self) -> tuple[str, str]:
        return mapping_key(self.source), mapping_key(self.standard_job_type)


def find_entry(entries: Iterable[MappingEntry], source: str, standard: str) -> MappingEntry | None:
    """The entry for this source's standard job type; None when the mapping has none."""
    wanted = (mapping_key(source), mapping_key(standard))
    return next((entry for entry in entries if entry.key == wanted), None)


@dataclass(frozen=True, slots=True)
class Prefill:
    job_type_id: int | None  # None: the CSR chooses
    business_unit_id: int | None  # None: the CSR chooses
    note: str  # where the values came from, or why a field is left to the CSR; plain text


def prefill(
    booking_job_type_id: int | None,
    booking_business_unit_id: int | None,
    *,
    source: str,
    standard: str | None,
    entries: Iterable[MappingEntry],
    job_type_units: Mapping[int, tuple[int, ...]],
    unknown_job_type_ids: Collection[int],
) -> Prefill:
    """What to prefill for a booking.

    Job type: the booking's own unless it is Unknown; else the mapping's when it names exactly one job type
    (Unknown never counts). Business unit: the booking's own if the job type allows it; else the mapping's
    when exactly one of its units is allowed; else the job type's only allowed unit. Anything else is left
    to the CSR. ``job_type_units`` gives each job type's allowed units (empty or missing: any unit).
    """
    entry = find_entry(entries, source, standard) if standard else None
    quoted = f"{source}'s '{standard}'"
    notes: list[str] = []

    job_type_id: int | None = None
    if booking_job_type_id is not None and booking_job_type_id not in unknown_job_type_ids:
        job_type_id = booking_job_type_id
        notes.append("The booking names its own job type.")
    else:
        if booking_job_type_id is not None:
            notes.append("The booking's job type is Unknown: reclassify it.")
        mapped = [j for j in entry.job_type_ids if j not in unknown_job_type_ids] if entry else []
        if len(mapped) == 1:
            job_type_id = mapped[0]
            notes.append(f"From the {source} mapping: {standard}.")
        elif mapped:
            notes.append(f"{quoted} maps to {len(mapped)} job types: choose one.")
        elif entry is not None:
            notes.append(f"{quoted} maps to no job type: choose one.")
        elif standard:
            notes.append(f"{quoted} is not in the job-type mapping: choose a job type.")
        elif booking_job_type_id is None:
            notes.append("The booking names no job type: choose one.")

    allowed = job_type_units.get(job_type_id, ()) if job_type_id is not None else ()

    def fits(unit_id: int) -> bool:
        return not allowed or unit_id in allowed

    business_unit_id: int | None = None
    ambiguity = ""
    if booking_business_unit_id is not None:
        if fits(booking_business_unit_id):
            business_unit_id = booking_business_unit_id
        else:
            notes.append("The booking's business unit does not book this job type.")
    if business_unit_id is None and entry is not None:
        candidates = [u for u in entry.business_unit_ids if fits(u)]
        if len(candidates) == 1:
            business_unit_id = candidates[0]
        elif candidates:
            ambiguity = f"{quoted} maps to {len(candidates)} business units: choose one."
    if business_unit_id is None and len(allowed) == 1:
        business_unit_id = allowed[0]
    elif business_unit_id is None and len(allowed) > 1:
        # The mapping's narrower choice, when it made one, is the one worth saying.
        ambiguity = ambiguity or f"This job type is booked in {len(allowed)} business units: choose one."
    if ambiguity:
        notes.append(ambiguity)
    return Prefill(job_type_id, business_unit_id, " ".join(notes))
