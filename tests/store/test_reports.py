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

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.local_time import offset_stretches
from csr_console.store.queries.report_tables import (
    booking_summary,
    dismissed_table,
    export_csv,
    speed_report,
)
from csr_console.store.queries.reports import (
    OUTSIDE_CONSOLE,
    CampaignFunnel,
    CsrSpeed,
    DismissedBooking,
    DismissedFilter,
    HourSpeed,
    SourceFunnel,
    SourceSpeed,
    SpeedBucket,
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
    assert speed.by_source == () and speed.by_hour == () and speed.by_csr == ()
    assert [bucket.count for bucket in speed.histogram] == [0] * 10


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
    # Who gave the first answer, where the journal knows: not bookings 1, 9 (jobs made elsewhere).
    assert speed.by_csr == (
        CsrSpeed(1, 1, 600.0, 600.0, 0.0, 1.0, csr="alice"),
        CsrSpeed(1, 1, 60.0, 60.0, 1.0, 1.0, csr="bob"),
        CsrSpeed(2, 2, 240.0, 1200.0, 1 / 2, 1 / 2, csr="csr1"),
    )


def test_speed_histogram_buckets_end_at_the_thresholds(day: Engine) -> None:
    with day.connect() as c:
        histogram = speed_to_lead(c, START, END, NEW_YORK).histogram
    # 60 | 120 | 240 300 | 600 | - | 1200, each bucket's upper end included (as in "within 5 min").
    assert [bucket.count for bucket in histogram] == [1, 1, 2, 1, 0, 1, 0, 0, 0, 0]
    assert histogram[0] == SpeedBucket(None, 60, 1)
    assert histogram[2] == SpeedBucket(120, 300, 2)
    assert histogram[-1] == SpeedBucket(86_400, None, 0)


def test_the_first_answer_is_an_accept_a_dismissal_or_a_lead(cache: Engine) -> None:
    # Reclassifying and editing contacts are work on the booking, not an answer to the customer.
    with cache.begin() as c:
        r.insert(c, schema.booking, r.booking(1, created_on=at(12)))
        j = r.journal
        r.insert(
            c,
            schema.journal,
            j(1, at(12, 0, 10), "reclassify_booking", actor="dave"),
            j(1, at(12, 0, 20), "edit_booking_contact", actor="dave"),
            j(1, at(12, 1, 40), "capture_lead", actor="erin"),
        )
    with cache.connect() as c:
        speed = speed_to_lead(c, START, END, UTC)
    assert speed.overall.p50_seconds == 100.0
    assert [(row.csr, row.measured) for row in speed.by_csr] == [("erin", 1)]


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


def test_dismissed_filter_by_source_reason_and_who(day: Engine) -> None:
    with day.connect() as c:
        rows = dismissed_bookings(c, START, END)
    assert DismissedFilter().apply(rows) == rows

    def ids(chosen: DismissedFilter) -> list[int]:
        return [row.id for row in chosen.apply(rows)]

    assert ids(DismissedFilter(source="Angi")) == [7, 3, 2]
    assert ids(DismissedFilter(source="Thumbtack")) == []
    assert ids(DismissedFilter(reason_id=9)) == [2]
    assert ids(DismissedFilter(dismissed_by="bob")) == [3]
    assert ids(DismissedFilter(dismissed_by=OUTSIDE_CONSOLE)) == [7]
    assert ids(DismissedFilter(source="Angi", reason_id=8, dismissed_by="alice")) == []


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


# -- the reports as tables, and as CSV ----------------------------------------------------------------
def test_booking_summary_tables_and_their_export(day: Engine, tmp_path: Path) -> None:
    with day.connect() as c:
        summary = booking_summary(c, START, END)
    assert [column.title for column in summary.by_source.columns] == [
        "Source",
        "Received",
        "Accepted/converted",
        "Dismissed",
        "Captured as leads",
        "Conversion rate",
        "Revenue",
    ]
    assert summary.by_source.rows == (
        ("Angi", 5, 2, 3, 1, pytest.approx(0.4), 500.0),
        ("Thumbtack", 3, 2, 0, 0, pytest.approx(2 / 3), 250.5),
    )
    assert summary.by_campaign.values("Campaign") == ["Google Ads", "Radio", "Campaign 404", "No campaign"]

    path = tmp_path / "summary.csv"
    export_csv(path, summary.export(), NEW_YORK)
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert lines[0][:3] == ["Group", "Name", "Received"]
    assert lines[1] == ["Source", "Angi", "5", "2", "3", "1", "0.4", "500.0"]
    assert lines[2] == ["Source", "Thumbtack", "3", "2", "0", "0", "0.6667", "250.5"]
    assert [line[:3] for line in lines[3:]] == [
        ["Campaign", "Google Ads", "2"],
        ["Campaign", "Radio", "4"],
        ["Campaign", "Campaign 404", "1"],
        ["Campaign", "No campaign", "1"],
    ]


def test_speed_report_tables_and_histogram_labels(day: Engine) -> None:
    with day.connect() as c:
        report = speed_report(c, START, END, NEW_YORK)
    assert report.by_hour.values("Hour received") == ["01:00", "03:00", "08:00", "09:00", "10:00", "19:00"]
    assert report.by_csr.values("CSR") == ["alice", "bob", "csr1"]
    assert [label for label, _ in report.histogram] == [
        "≤ 1 min",
        "1–2 min",
        "2–5 min",
        "5–10 min",
        "10–15 min",
        "15–30 min",
        "30 min–1 h",
        "1–4 h",
        "4 h–1 day",
        "> 1 day",
    ]
    exported = report.export()
    assert [column.title for column in exported.columns][:4] == ["Breakdown", "Key", "Received", "Measured"]
    assert exported.rows[0] == ("Overall", "All bookings", 8, 6, 240.0, 1200.0, 4 / 6, 5 / 6)
    breakdowns = [row[0] for row in exported.rows]
    assert breakdowns == ["Overall"] + ["Source"] * 2 + ["Hour"] * 6 + ["CSR"] * 3


def test_dismissed_table_and_csv_times_in_the_zone_asked(day: Engine, tmp_path: Path) -> None:
    with day.connect() as c:
        table = dismissed_table(dismissed_bookings(c, START, END))
    assert table.rows[1] == (3, at(7, 45), "Angi", "Customer 3", "Price shopping", True, "bob", at(7, 46))
    assert table.rows[0][4] == "Reason 404"  # a reason the cache does not have: its number
    path = tmp_path / "dismissed.csv"
    export_csv(path, table, NEW_YORK)
    lines = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert lines[0] == [
        "Booking",
        "Received",
        "Source",
        "Customer",
        "Reason",
        "Lead",
        "Dismissed by",
        "Dismissed at",
    ]
    assert lines[1] == ["7", "2026-03-08 10:00:00-04:00", "Angi", "Customer 7", "Reason 404", "no", "", ""]
    assert lines[2][5:] == ["yes", "bob", "2026-03-08 03:46:00-04:00"]
