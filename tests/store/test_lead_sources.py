"""Lead-source queries on a real cache: bookings per local day and conversion per booking-provider tag,
and the job-type mapping's gaps per tag.

The period is 31 October - 2 November 2026 in Chicago, across the end of daylight saving time (1
November, 07:00 UTC: CDT, UTC-5, becomes CST, UTC-6), so bookings near local midnight fall on the day
Python's own zone arithmetic says; the expected figures are counted from the booking list below.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.lead_sources import (
    DayCount,
    MappingGap,
    bookings_per_day,
    lead_sources,
    local_days,
    mapping_gaps,
)
from tests.store import cache_rows as r

CHICAGO = ZoneInfo("America/Chicago")
START = datetime(2026, 10, 31, tzinfo=CHICAGO).astimezone(UTC)  # 05:00 UTC (CDT)
END = datetime(2026, 11, 3, tzinfo=CHICAGO).astimezone(UTC)  # 06:00 UTC (CST)
DAYS = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)]
ANGI, THUMBTACK, IDLE = 1, 2, 3


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


# (id, tag, created UTC, status, active)
BOOKINGS: list[tuple[int, int, datetime, str, bool]] = [
    (1, ANGI, START, "Converted", True),  # the first instant: Oct 31, 00:00 CDT
    (2, ANGI, utc(11, 1, 4, 30), "Accepted", True),  # Oct 31, 23:30 CDT
    (3, ANGI, utc(11, 1, 5, 30), "Converted", True),  # Nov 1, 00:30 CDT
    (4, ANGI, utc(11, 2, 5, 30), "Converted", True),  # Nov 1, 23:30 CST
    (5, ANGI, utc(11, 2, 6, 30), "Dismissed", True),  # Nov 2, 00:30 CST
    (6, ANGI, utc(11, 2, 7, 0), "Converted", False),  # deleted on the server
    (7, ANGI, END, "Converted", True),  # the end is out
    (8, ANGI, START - timedelta(seconds=1), "Converted", True),  # before the start
    (9, THUMBTACK, utc(11, 2, 6, 30), "New", True),
    (10, THUMBTACK, utc(11, 2, 18), "Converted", True),
]


def _in_period(created: datetime, active: bool) -> bool:
    return active and START <= created < END


@pytest.fixture
def period(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(
            c,
            schema.booking_provider_tag,
            r.provider_tag(ANGI, "Angi"),
            {**r.provider_tag(THUMBTACK, "Thumbtack"), "active": False},
            r.provider_tag(IDLE, "Building36"),
        )
        for id, tag, created, status, active in BOOKINGS:
            row = r.booking(id, booking_provider_id=tag, created_on=created, status=status, active=active)
            r.insert(c, schema.booking, row)
    return cache


def _expected_days(tag: int) -> tuple[DayCount, ...]:
    received: Counter[date] = Counter()
    converted: Counter[date] = Counter()
    for _, of, created, status, active in BOOKINGS:
        if of == tag and _in_period(created, active):
            day = created.astimezone(CHICAGO).date()
            received[day] += 1
            converted[day] += status == "Converted"
    return tuple(DayCount(day, received[day], converted[day]) for day in DAYS)


def test_the_period_covers_its_local_days() -> None:
    assert local_days(START, END, CHICAGO) == DAYS
    assert local_days(utc(11, 1, 12), utc(11, 1, 13), CHICAGO) == [date(2026, 11, 1)]


def test_bookings_per_local_day_across_the_clock_change(period: Engine) -> None:
    with period.connect() as c:
        found = bookings_per_day(c, START, END, CHICAGO)
    assert set(found) == {ANGI, THUMBTACK}  # no bookings, no entry
    assert found[ANGI] == _expected_days(ANGI)
    assert found[ANGI] == (
        DayCount(date(2026, 10, 31), 2, 1),
        DayCount(date(2026, 11, 1), 2, 2),
        DayCount(date(2026, 11, 2), 1, 0),
    )
    assert found[THUMBTACK] == _expected_days(THUMBTACK)


def test_every_tag_with_its_conversion(period: Engine) -> None:
    with period.connect() as c:
        sources = lead_sources(c, START, END, CHICAGO)
    assert [(s.id, s.name, s.active) for s in sources] == [
        (ANGI, "Angi", True),
        (IDLE, "Building36", True),
        (THUMBTACK, "Thumbtack", False),  # inactive tags are listed too
    ]
    by_id = {s.id: s for s in sources}
    for tag in (ANGI, THUMBTACK):
        mine = [b for b in BOOKINGS if b[1] == tag and _in_period(b[2], b[4])]
        converted = sum(1 for b in mine if b[3] == "Converted")
        assert (by_id[tag].received, by_id[tag].converted) == (len(mine), converted)
        assert by_id[tag].conversion_rate == pytest.approx(converted / len(mine))
    assert by_id[ANGI].conversion_rate == pytest.approx(3 / 5)
    idle = by_id[IDLE]
    assert idle.days == tuple(DayCount(day, 0, 0) for day in DAYS)
    assert (idle.received, idle.converted, idle.conversion_rate, idle.gaps) == (0, 0, None, ())


# -- the mapping's gaps ------------------------------------------------------------------------------
def _summary(label: str, value: str) -> str:
    return f"Customer's words\n\nLead ID: 1\n{label}: {value}"


# (tag, summary, active); each booking is one day older than the one before it.
SUMMARIES: list[tuple[int, str | None, bool]] = [
    (ANGI, _summary("Task", "Repair toilet"), True),  # mapped to a job type
    (ANGI, _summary("Task", "Other"), True),  # no entry
    (ANGI, _summary("task", "  other"), True),  # the same, as the mapping compares
    (ANGI, _summary("Service", "Fence repair"), True),  # an entry with no job type
    (ANGI, _summary("Install program", "Attic fan"), False),  # deleted booking: not counted
    (ANGI, "No extra details at all", True),
    (ANGI, None, True),
    (ANGI, _summary("Budget", "500"), True),  # extra details without a standard job type
    (THUMBTACK, _summary("Project", "Other"), True),  # Thumbtack has no entries at all
    (THUMBTACK, _summary("Project", "OTHER"), True),
    (99, _summary("Task", "Unknown partner work"), True),  # a provider with no tag in the cache
]


@pytest.fixture
def mapped(cache: Engine) -> Engine:
    newest = datetime(2026, 11, 20, tzinfo=UTC)
    with cache.begin() as c:
        r.insert(
            c,
            schema.booking_provider_tag,
            r.provider_tag(ANGI, "Angi"),
            r.provider_tag(THUMBTACK, "Thumbtack"),
            r.provider_tag(IDLE, "Building36"),
        )
        for n, (tag, summary, active) in enumerate(SUMMARIES, start=1):
            created = newest - timedelta(days=n)  # far outside any period: the gaps ignore it
            row = r.booking(n, booking_provider_id=tag, summary=summary, created_on=created, active=active)
            r.insert(c, schema.booking, row)
        entries: list[dict[str, Any]] = [
            # The source as the settings typed it: compared case-insensitively with the tag's name.
            {
                "source": "angi",
                "standard_job_type": "Repair Toilet",
                "job_type_ids": [5],
                "business_unit_ids": [],
            },
            {
                "source": "Angi",
                "standard_job_type": "Fence repair",
                "job_type_ids": [],
                "business_unit_ids": [2],
            },
            {
                "source": "Building36",
                "standard_job_type": "Other",
                "job_type_ids": [],
                "business_unit_ids": [],
            },
        ]
        c.execute(schema.job_type_mapping.insert(), entries)
    return cache


def test_standard_job_types_that_map_to_nothing_are_gaps(mapped: Engine) -> None:
    with mapped.connect() as c:
        gaps = mapping_gaps(c)
        sources = {s.id: s for s in lead_sources(c, START, END, CHICAGO)}
    assert gaps == {
        ANGI: (MappingGap("Fence repair", 1, has_entry=True), MappingGap("Other", 2, has_entry=False)),
        THUMBTACK: (MappingGap("Other", 2, has_entry=False),),
    }
    assert sources[ANGI].gaps == gaps[ANGI] and sources[IDLE].gaps == ()


def test_a_gap_is_spelled_as_the_latest_booking_spells_it(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.booking_provider_tag, r.provider_tag(ANGI, "Angi"))
        for id, value, day in ((1, "water heater  FLUSH", 1), (2, "Water heater flush", 2)):
            created = datetime(2026, 11, day, tzinfo=UTC)
            summary = _summary("Task", value)
            r.insert(
                c,
                schema.booking,
                r.booking(id, booking_provider_id=ANGI, summary=summary, created_on=created),
            )
    with cache.connect() as c:
        assert mapping_gaps(c) == {ANGI: (MappingGap("Water heater flush", 2, has_entry=False),)}
