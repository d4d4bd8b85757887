"""The job-type mapping kept in the cache (edited in the settings, seeded from the sandbox), and what it
prefills for one booking."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from csr_console.domain.job_type_mapping import MappingEntry, Prefill, prefill, standard_job_type
from csr_console.store.queries.job_reference import job_types
from csr_console.store.schema import booking, booking_provider_tag, job_type_mapping


def mapping_entries(connection: Connection) -> list[MappingEntry]:
    """Every entry, by source and standard job type."""
    c = job_type_mapping.c
    rows = connection.execute(select(job_type_mapping).order_by(c.source, c.standard_job_type))
    return [
        MappingEntry(row.source, row.standard_job_type, tuple(row.job_type_ids), tuple(row.business_unit_ids))
        for row in rows
    ]


def provider_tag_names(connection: Connection) -> list[str]:
    """The booking-provider tags' names: the sources a mapping entry can name."""
    c = booking_provider_tag.c
    return list(connection.scalars(select(c.tag_name).where(c.active).distinct().order_by(c.tag_name)))


def replace_mapping(connection: Connection, entries: Iterable[MappingEntry]) -> None:
    """Make the mapping exactly `entries`, in the caller's transaction (``with engine.begin()``), so a
    reader sees the old mapping or the new one, never half of each. Raises ValueError when two entries
    are one source's same standard job type (compared as the domain compares them)."""
    entries = list(entries)
    seen: set[tuple[str, str]] = set()
    for entry in entries:
        if entry.key in seen:
            raise ValueError(f"{entry.source}'s '{entry.standard_job_type}' is in the mapping twice")
        seen.add(entry.key)
    connection.execute(delete(job_type_mapping))
    if entries:
        connection.execute(
            insert(job_type_mapping),
            [
                {
                    "source": e.source,
                    "standard_job_type": e.standard_job_type,
                    "job_type_ids": list(e.job_type_ids),
                    "business_unit_ids": list(e.business_unit_ids),
                }
                for e in entries
            ],
        )


def booking_prefill(connection: Connection, booking_id: int) -> Prefill | None:
    """The job type and business unit to prefill for a booking, with the note saying why (None when the
    cache has no such booking). The source is the booking's provider tag: partners spell `source` as
    they like."""
    b = booking.c
    row = connection.execute(
        select(b.source, b.summary, b.job_type_id, b.business_unit_id, booking_provider_tag.c.tag_name)
        .outerjoin(booking_provider_tag, booking_provider_tag.c.id == b.booking_provider_id)
        .where(b.id == booking_id, b.active)
    ).one_or_none()
    if row is None:
        return None
    types = job_types(connection)
    return prefill(
        row.job_type_id,
        row.business_unit_id,
        source=row.tag_name or row.source,
        standard=standard_job_type(row.summary),
        entries=mapping_entries(connection),
        job_type_units={t.id: t.business_unit_ids for t in types},
        unknown_job_type_ids={t.id for t in types if t.unknown},
    )
