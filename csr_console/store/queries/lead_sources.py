"""The lead sources (booking-provider tags) for the supervisors' report: whether each is active, its
bookings received per local day of a period [start, end) in UTC and how many of them were converted, and
how complete the job-type mapping is for it.

A source's bookings are those of its tag (`booking_provider_id`): partners spell `source` as they like.
Converted means the booking is Converted now (a job was booked from it); an Accepted booking is not yet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, select

from csr_console.domain.enums import BookingStatus
from csr_console.domain.job_type_mapping import find_entry, mapping_key, standard_job_type
from csr_console.domain.words import translatable
from csr_console.gil import pause
from csr_console.store.queries.job_type_mapping import mapping_entries
from csr_console.store.queries.local_time import local_offset
from csr_console.store.queries.report_tables import Column, Kind, ReportTable, stacked
from csr_console.store.schema import booking, booking_provider_tag


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date  # local
    received: int
    converted: int

    @property
    def conversion_rate(self) -> float | None:
        """Converted per booking received; None when none was received."""
        return _rate(self.converted, self.received)


@dataclass(frozen=True, slots=True)
class MappingGap:
    """A standard job type the source's bookings carry that the job-type mapping maps to nothing."""

    standard_job_type: str  # as the source's latest booking spells it
    bookings: int  # the source's bookings in the cache that carry it
    has_entry: bool  # True: an entry names no job type; False: no entry at all


@dataclass(frozen=True, slots=True)
class LeadSource:
    id: int  # the booking-provider tag's
    name: str
    description: str | None
    active: bool
    days: tuple[DayCount, ...]  # every local day of the period, in order
    gaps: tuple[MappingGap, ...]  # by standard job type

    @property
    def received(self) -> int:
        return sum(day.received for day in self.days)

    @property
    def converted(self) -> int:
        return sum(day.converted for day in self.days)

    @property
    def conversion_rate(self) -> float | None:
        """Converted per booking received; None when none was received."""
        return _rate(self.converted, self.received)


def _local_day(column: ColumnElement[Any], tz: tzinfo, start: datetime, end: datetime) -> ColumnElement[str]:
    """The local date ('YYYY-MM-DD') in `tz` of a UtcTimestamp column whose values lie in [start, end),
    exact across DST changes (see local_time)."""
    modifier = local_offset(column, tz, start, end)
    return func.date(column, modifier)


def local_days(start: datetime, end: datetime, tz: tzinfo) -> list[date]:
    """Every local date in `tz` that [start, end) touches, in order."""
    first = start.astimezone(tz).date()
    last = (end - timedelta(microseconds=1)).astimezone(tz).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def bookings_per_day(
    connection: Connection, start: datetime, end: datetime, tz: tzinfo
) -> dict[int, tuple[DayCount, ...]]:
    """By booking-provider tag id: the bookings received on each local day of the period (days without
    any count zero), and how many of them are converted. Tags without bookings in the period are absent."""
    b = booking.c
    day = _local_day(b.created_on, tz, start, end).label("day")
    statement = (
        select(
            b.booking_provider_id,
            day,
            func.count().label("received"),
            func.sum(case((b.status == BookingStatus.CONVERTED.value, 1), else_=0)).label("converted"),
        )
        .where(b.created_on >= start, b.created_on < end, b.active)
        .group_by(b.booking_provider_id, day)
    )
    counted: dict[int, dict[date, tuple[int, int]]] = defaultdict(dict)
    for row in connection.execute(statement):
        counted[row.booking_provider_id][date.fromisoformat(row.day)] = (row.received, row.converted)
    days = local_days(start, end, tz)
    return {
        tag_id: tuple(DayCount(d, *by_day.get(d, (0, 0))) for d in days) for tag_id, by_day in counted.items()
    }


def mapping_gaps(connection: Connection) -> dict[int, tuple[MappingGap, ...]]:
    """By booking-provider tag id: each standard job type found in the tag's cached bookings (their
    summaries' extra details) that the mapping has no entry for, or whose entry names no job type.

    Mapping entries name their source by the tag's name; standard job types are compared as the
    mapping compares them (case and spacing aside)."""
    b, t = booking.c, booking_provider_tag.c
    names: dict[int, str] = {row.id: row.tag_name for row in connection.execute(select(t.id, t.tag_name))}
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    spelling: dict[tuple[int, str], str] = {}
    rows = connection.execute(
        select(b.booking_provider_id, b.summary)
        .where(b.active, b.summary.is_not(None))
        .order_by(b.created_on.desc())  # the first spelling met is the latest
    )
    for tag_id, summary in rows:
        pause()  # every booking's summary is parsed: leave the GUI thread its turns
        standard = standard_job_type(summary)
        if standard is None or tag_id not in names:
            continue
        key = mapping_key(standard)
        counts[tag_id][key] += 1
        spelling.setdefault((tag_id, key), standard)
    entries = mapping_entries(connection)
    gaps: dict[int, tuple[MappingGap, ...]] = {}
    for tag_id, by_key in counts.items():
        found = []
        for key, bookings in by_key.items():
            standard = spelling[(tag_id, key)]
            entry = find_entry(entries, names[tag_id], standard)
            if entry is None or not entry.job_type_ids:
                found.append(MappingGap(standard, bookings, has_entry=entry is not None))
        if found:
            gaps[tag_id] = tuple(sorted(found, key=lambda gap: mapping_key(gap.standard_job_type)))
    return gaps


def lead_sources(connection: Connection, start: datetime, end: datetime, tz: tzinfo) -> list[LeadSource]:
    """Every booking-provider tag in the cache, active or not, by name, with its bookings of the period
    per local day in `tz` and its mapping gaps."""
    t = booking_provider_tag.c
    per_day = bookings_per_day(connection, start, end, tz)
    gaps = mapping_gaps(connection)
    empty = tuple(DayCount(d, 0, 0) for d in local_days(start, end, tz))
    tags = connection.execute(
        select(t.id, t.tag_name, t.description, t.active).order_by(func.lower(t.tag_name), t.id)
    )
    return [
        LeadSource(
            id=row.id,
            name=row.tag_name,
            description=row.description,
            active=bool(row.active),
            days=per_day.get(row.id, empty),
            gaps=gaps.get(row.id, ()),
        )
        for row in tags
    ]


# -- as report tables (shown and exported alike) ----------------------------------------------------
SOURCE_COLUMNS = (
    Column(translatable("ReportColumns", "Source")),
    Column(translatable("ReportColumns", "Active"), Kind.FLAG),
    Column(translatable("ReportColumns", "Received"), Kind.COUNT),
    Column(translatable("ReportColumns", "Converted"), Kind.COUNT),
    Column(translatable("ReportColumns", "Conversion rate"), Kind.RATE),
    Column(translatable("ReportColumns", "Unmapped job types"), Kind.COUNT),
    Column(translatable("ReportColumns", "Tag"), Kind.ID),
)
DAY_COLUMNS = (
    Column(translatable("ReportColumns", "Day")),
    Column(translatable("ReportColumns", "Received"), Kind.COUNT),
    Column(translatable("ReportColumns", "Converted"), Kind.COUNT),
    Column(translatable("ReportColumns", "Conversion rate"), Kind.RATE),
)


def sources_table(sources: Sequence[LeadSource]) -> ReportTable:
    return ReportTable(
        SOURCE_COLUMNS,
        tuple(
            (s.name, s.active, s.received, s.converted, s.conversion_rate, len(s.gaps), s.id) for s in sources
        ),
    )


def days_table(source: LeadSource) -> ReportTable:
    """The source's days; each as an ISO date, as spreadsheets read one."""
    return ReportTable(
        DAY_COLUMNS,
        tuple((d.day.isoformat(), d.received, d.converted, d.conversion_rate) for d in source.days),
    )


@dataclass(frozen=True, slots=True)
class LeadSourcesTables:
    """The lead sources report as its view shows it."""

    sources: dict[int, LeadSource]  # by tag id
    table: ReportTable
    export: ReportTable | None  # every source's days, one row per source and day; None without sources


def lead_sources_tables(
    connection: Connection, start: datetime, end: datetime, tz: tzinfo
) -> LeadSourcesTables:
    """What the report's view computes in its worker thread."""
    found = lead_sources(connection, start, end, tz)
    parts = [(source.name, days_table(source)) for source in found]
    return LeadSourcesTables(
        sources={source.id: source for source in found},
        table=sources_table(found),
        export=stacked(translatable("ReportColumns", "Source"), translatable("ReportColumns", "Day"), parts)
        if parts
        else None,
    )
