"""The booking queue: one row per booking in a view (New, Accepted/Converted, Dismissed, All), with its
job type, job number and outbox badge, searchable and sorted in SQL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Select, func, select

from csr_console.domain.enums import BookingStatus
from csr_console.domain.job_types import needs_reclassification
from csr_console.store.queries.ids import id_chunks
from csr_console.store.queries.outbox import OutboxBadge, open_badges
from csr_console.store.queries.search import SearchTerm
from csr_console.store.schema import booking, booking_contact, job, job_type

#: The job type partners send when they could not tell; the CSR has to pick a real one.


class QueueView(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"  # Accepted or Converted
    DISMISSED = "dismissed"
    ALL = "all"


#: The statuses each view shows; All shows every status.
VIEW_STATUSES: dict[QueueView, tuple[str, ...]] = {
    QueueView.NEW: (BookingStatus.NEW.value,),
    QueueView.ACCEPTED: (BookingStatus.ACCEPTED.value, BookingStatus.CONVERTED.value),
    QueueView.DISMISSED: (BookingStatus.DISMISSED.value,),
}


class QueueSort(StrEnum):
    AGE = "age"
    NAME = "name"
    SOURCE = "source"
    STATUS = "status"
    START = "start"


@dataclass(frozen=True, slots=True)
class QueueRow:
    id: int
    created_on: datetime  # the age clock runs from here
    source: str
    booking_provider_id: int
    name: str
    city: str | None
    zip: str | None
    start: datetime | None  # None: no preferred time
    job_type_id: int | None
    job_type_name: str | None  # None also when the job type is not in the cache yet
    needs_reclassification: bool  # no job type, or the partner's "Unknown"
    status: str
    job_number: str | None  # once converted and the job is in the cache
    badge: OutboxBadge | None  # open outbox actions on the booking


def queue_select(*extra: Any) -> Select[Any]:
    """The columns of a queue row (and `extra` ones) of every active booking."""
    return (
        select(
            booking.c.id,
            booking.c.created_on,
            booking.c.source,
            booking.c.booking_provider_id,
            booking.c.name,
            booking.c.city,
            booking.c.zip,
            booking.c.start,
            booking.c.job_type_id,
            job_type.c.name.label("job_type_name"),
            booking.c.status,
            job.c.job_number,
            *extra,
        )
        .select_from(booking)
        .outerjoin(job_type, job_type.c.id == booking.c.job_type_id)
        .outerjoin(job, job.c.id == booking.c.job_id)
        .where(booking.c.active)
    )


def _filtered(statement: Select[Any], view: QueueView, source: str | None, search: str | None) -> Select[Any]:
    if view in VIEW_STATUSES:
        statement = statement.where(booking.c.status.in_(VIEW_STATUSES[view]))
    if source is not None:
        statement = statement.where(booking.c.source == source)
    term = SearchTerm.parse(search)
    if term is not None:
        b = booking.c
        by_contact = select(booking_contact.c.booking_id).where(
            term.in_contact(booking_contact.c.type, booking_contact.c.normalized)
        )
        statement = statement.where(
            term.in_text(b.name, b.street, b.unit, b.city, b.state, b.zip, b.country) | b.id.in_(by_contact)
        )
    return statement


def _ordered(statement: Select[Any], sort: QueueSort, ascending: bool) -> Select[Any]:
    """Sorted by `sort`, ties newest first. Age ascending is newest first (the youngest age)."""
    created, ident = booking.c.created_on, booking.c.id
    newest_first = (created.desc(), ident.desc())
    if sort is QueueSort.AGE:
        return statement.order_by(*(newest_first if ascending else (created.asc(), ident.asc())))
    key = {
        QueueSort.NAME: func.lower(booking.c.name),
        QueueSort.SOURCE: booking.c.source,
        QueueSort.STATUS: booking.c.status,
        QueueSort.START: booking.c.start,
    }[sort]
    # Nulls last both ways: bookings without a preferred time come after every time.
    first = key.asc().nulls_last() if ascending else key.desc().nulls_last()
    return statement.order_by(first, *newest_first)


def queue_row(row: Any, badges: dict[int, OutboxBadge]) -> QueueRow:
    """A result row of `queue_select` as a QueueRow, with its outbox badge."""
    type_name = row.job_type_name
    unknown = needs_reclassification(row.job_type_id, type_name)
    return QueueRow(
        id=row.id,
        created_on=row.created_on,
        source=row.source,
        booking_provider_id=row.booking_provider_id,
        name=row.name,
        city=row.city,
        zip=row.zip,
        start=row.start,
        job_type_id=row.job_type_id,
        job_type_name=type_name,
        needs_reclassification=unknown,
        status=row.status,
        job_number=row.job_number,
        badge=badges.get(row.id),
    )


def queue_rows(
    connection: Connection,
    view: QueueView,
    *,
    source: str | None = None,
    search: str | None = None,
    sort: QueueSort = QueueSort.AGE,
    ascending: bool = True,
    limit: int | None = None,
) -> list[QueueRow]:
    """The bookings of a view, newest first by default. `search` matches name, address parts, and the
    booking's emails and phones (a phone by its digits: "555-0142" finds "(212) 555-0142")."""
    statement = _ordered(_filtered(queue_select(), view, source, search), sort, ascending).limit(limit)
    badges = open_badges(connection, "booking")
    return [queue_row(row, badges) for row in connection.execute(statement)]


def queue_rows_by_ids(
    connection: Connection,
    ids: Iterable[int],
    *,
    view: QueueView = QueueView.ALL,
    source: str | None = None,
    search: str | None = None,
) -> list[QueueRow]:
    """The rows of changed bookings, to apply a change notification as row inserts and updates.

    Given the model's view, source and search, an id that is not answered no longer belongs in it
    (its status moved on, or the booking was deleted) and its row is to be removed."""
    statement = _filtered(queue_select(), view, source, search)
    badges = open_badges(connection, "booking")
    return [
        queue_row(row, badges)
        for chunk in id_chunks(ids)
        for row in connection.execute(statement.where(booking.c.id.in_(chunk)))
    ]


def bookings_of_jobs(connection: Connection, job_ids: Iterable[int]) -> list[int]:
    """The bookings converted to these jobs: a job that reaches the cache after its booking changes
    that booking's row (its job number)."""
    return [
        booking_id
        for chunk in id_chunks(job_ids)
        for booking_id in connection.scalars(select(booking.c.id).where(booking.c.job_id.in_(chunk)))
    ]
