"""Supervisor reports, against figures worked out by hand from a small day of bookings.

The day is Sunday 8 March 2026 (UTC), when New York moves its clocks from 02:00 EST to 03:00 EDT at
07:00 UTC, so local hours on either side of the change use different offsets.

| id | received (UTC) | NY hour | source    | campaign | status    | first action                | seconds |
|----|----------------|---------|-----------|----------|-----------|-----------------------------|---------|
| 9  | 00:00 (start)  | 19      | Angi      | Radio    | Converted | job created 00:05           | 300     |
| 1  | 06:30          | 1       | Angi      | Radio    | Converted | job created 06:32           | 120     |
| 2  | 07:30          | 3       | Angi      | Radio    | Dismissed | journal 07:40 (alice)       | 600     |
| 3  | 07:45          | 3       | Angi      | Google   | Dismissed | journal 07:46 (bob), a lead | 60      |
| 4  | 12:00          | 8       | Thumbtack | none     | New       | none                        | -       |
| 5  | 12:10          | 8       | Thumbtack | Google   | Accepted  | journal 12:30               | 1200    |
| 6  | 13:00          | 9       | Thumbtack | Radio    | Converted | journal 13:04 (job 13:20)   | 240     |
| 7  | 14:00          | 10      | Angi      | 404      | Dismissed | none (outside the console)  | -       |
Bookings 8 (at the end), 10 (deleted) and 11 (before the start) are outside the report.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.local_time import offset_stretches
from csr_console.store.queries.reports import (
    CampaignFunnel,
    DismissedBooking,
    HourSpeed,
    SourceFunnel,
    SourceSpeed,
    SpeedFigures,
    dismissed_bookings,
    funnel_by_campaign,
    funnel_by_source,
    speed_to_lead,
)
from tests.store import cache_rows as r

NEW_YORK = ZoneInfo("America/New_York")
START, END = datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC)


def at(hour: int, minute: int = 0, second: int = 0, day: int = 8) -> datetime:
    return datetime(2026, 3, day, hour, minute, second, tzinfo=UTC)


@pytest.fixture
def day(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(c, schema.campaign, r.named(5, "Radio"), r.named(6, "Google Ads"))
        r.insert(
            c,
            schema.call_reason,
            r.call_reason(8, "Price shopping", is_lead=True),
            r.call_reason(9, "Out of area"),
        )
        b = r.booking
        r.insert(
            c,
            schema.booking,
            b(9, created_on=at(0), campaign_id=5, status="Converted", job_id=109),
            b(1, created_on=at(6, 30), campaign_id=5, status="Converted", job_id=101),
            b(2, created_on=at(7, 30), campaign_id=5, status="Dismissed", dismissing_reason_id=9),
            b(3, created_on=at(7, 45), campaign_id=6, status="Dismissed", dismissing_reason_id=8),
            b(4, created_on=at(12), source="Thumbtack"),
            b(5, created_on=at(12, 10), source="Thumbtack", campaign_id=6, status="Accepted"),
            b(6, created_on=at(13), source="Thumbtack", campaign_id=5, status="Converted", job_id=106),
            b(7, created_on=at(14), campaign_id=404, status="Dismissed", dismissing_reason_id=404),
            b(8, created_on=END, campaign_id=5, status="Converted", job_id=108),
            b(10, created_on=at(15), active=False, status="Dismissed"),
            b(11, created_on=at(23, 59, 59, day=7), status="Dismissed"),
        )
        r.insert(
            c,
            schema.job,
            r.job(109, created_on=at(0, 5), total=None),
            r.job(101, created_on=at(6, 32), total=500.0),
            r.job(106, created_on=at(13, 20), total=250.5),
            r.job(108, created_on=at(0, 1, day=9), total=999.0),
        )
        r.insert(c, schema.lead, r.lead(1, booking_id=3), r.lead(2, booking_id=4, active=False))
        j = r.journal
        r.insert(
            c,
            schema.journal,
            j(2, at(7, 35), "dismiss_booking", result="failed", actor="carol"),
            j(2, at(7, 40), "dismiss_booking", actor="alice"),
            j(2, at(8), "edit_contacts", actor="dave"),
            j(3, at(7, 45, 30), "capture_lead", result="queued", actor="bob"),
            j(3, at(7, 46), "capture_lead", actor="bob"),
            j(4, at(12, 1), "follow_up_lead", target_kind="lead"),
            j(5, at(12, 30), "accept_booking"),
            j(6, at(13, 10), "edit_contacts"),
            j(6, at(13, 4), "accept_booking"),
            j(11, at(0, 1), "dismiss_booking"),
        )
    return cache


def test_funnel_by_source(day: Engine) -> None:
    with day.connect() as c:
        rows = funnel_by_source(c, START, END)
    assert rows == [
        SourceFunnel(received=5, accepted=2, dismissed=3, leads=1, revenue=500.0, source="Angi"),
        SourceFunnel(received=3, accepted=2, dismissed=0, leads=0, revenue=250.5, source="Thumbtack"),
    ]
    assert rows[0].conversion_rate == pytest.approx(0.4)
    assert rows[1].conversion_rate == pytest.approx(2 / 3)


def test_funnel_by_campaign_names_last_the_unknown_and_the_missing(day: Engine) -> None:
    with day.connect() as c:
        rows = funnel_by_campaign(c, START, END)
    figures = [
        (row.campaign_id, row.campaign_name, row.received, row.accepted, row.dismissed, row.leads)
        for row in rows
    ]
    assert figures == [
        (6, "Google Ads", 2, 1, 1, 1),
        (5, "Radio", 4, 3, 1, 0),
        (404, None, 1, 0, 1, 0),
        (None, None, 1, 0, 0, 0),
    ]
    assert [row.revenue for row in rows] == [0.0, 750.5, 0.0, 0.0]
    assert isinstance(rows[0], CampaignFunnel)


def test_an_empty_period(day: Engine) -> None:
    with day.connect() as c:
        assert funnel_by_source(c, END, END) == []
        speed = speed_to_lead(c, END, END, NEW_YORK)
        assert dismissed_bookings(c, END, END) == []
    assert speed.overall == SpeedFigures(0, 0, None, None, None, None)
    assert speed.by_source == () and speed.by_hour == ()


def test_speed_to_lead(day: Engine) -> None:
    with day.connect() as c:
        speed = speed_to_lead(c, START, END, NEW_YORK)
    # Measured: 60 120 240 300 600 1200; p50 is the 3rd, p90 the 6th (nearest rank).
    assert speed.overall == SpeedFigures(8, 6, 240.0, 1200.0, 4 / 6, 5 / 6)
    assert speed.by_source == (
        SourceSpeed(5, 4, 120.0, 600.0, 3 / 4, 1.0, source="Angi"),
        SourceSpeed(3, 2, 240.0, 1200.0, 1 / 2, 1 / 2, source="Thumbtack"),
    )
    assert speed.by_hour == (
        HourSpeed(1, 1, 120.0, 120.0, 1.0, 1.0, hour=1),
        HourSpeed(2, 2, 60.0, 600.0, 1 / 2, 1.0, hour=3),
        HourSpeed(2, 1, 1200.0, 1200.0, 0.0, 0.0, hour=8),
        HourSpeed(1, 1, 240.0, 240.0, 1.0, 1.0, hour=9),
        HourSpeed(1, 0, None, None, None, None, hour=10),
        HourSpeed(1, 1, 300.0, 300.0, 1.0, 1.0, hour=19),
    )


def test_percentiles_are_nearest_rank_without_float_rounding(cache: Engine) -> None:
    # 70 bookings answered after 1, 2, ... 70 seconds: p90 is the 63rd (0.9 × 70 is 63.00000000000001).
    with cache.begin() as c:
        for n in range(1, 71):
            r.insert(c, schema.booking, r.booking(n, created_on=at(12)))
            r.insert(c, schema.journal, r.journal(n, at(12) + timedelta(seconds=n), "accept_booking"))
    with cache.connect() as c:
        overall = speed_to_lead(c, START, END, UTC).overall
    assert (overall.measured, overall.p50_seconds, overall.p90_seconds) == (70, 35.0, 63.0)


def test_dismissed_bookings_with_reason_and_who(day: Engine) -> None:
    with day.connect() as c:
        rows = dismissed_bookings(c, START, END)
    assert rows == [
        DismissedBooking(7, at(14), "Angi", "Customer 7", 404, None, False, None, None),
        DismissedBooking(3, at(7, 45), "Angi", "Customer 3", 8, "Price shopping", True, "bob", at(7, 46)),
        DismissedBooking(2, at(7, 30), "Angi", "Customer 2", 9, "Out of area", False, "alice", at(7, 40)),
    ]


def test_offset_stretches_split_a_period_at_each_clock_change() -> None:
    year = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    assert offset_stretches(UTC, *year) == [(year[0], 0)]
    assert offset_stretches(NEW_YORK, *year) == [
        (year[0], -5 * 3600),
        (datetime(2026, 3, 8, 7, tzinfo=UTC), -4 * 3600),
        (datetime(2026, 11, 1, 6, tzinfo=UTC), -5 * 3600),
    ]
    kolkata = ZoneInfo("Asia/Kolkata")
    assert offset_stretches(kolkata, *year) == [(year[0], 5 * 3600 + 1800)]
