"""The supervisor's reports with real widgets over a cache synced from the seeded sandbox: each figure
against one worked out here from the cache's rows with plain SQL and Python (not the report queries),
CSV export with its injection guard, the period presets, and "Computing…" while the worker reads
(the GUI thread stays free meanwhile)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog

from csr_console.domain.date_ranges import Preset
from csr_console.store.queries.reports import DismissedFilter
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.reports import (
    BarChart,
    BookingSummaryReport,
    DateRangeBar,
    DismissedReport,
    ReportPage,
    ReportsWidget,
    SpeedToLeadReport,
)
from csr_console.ui.reports import dismissed as dismissed_module
from csr_console.ui.reports import speed as speed_module
from csr_console.ui.reports.chart import nice_ceiling
from csr_console.ui.reports.page import COMPUTING
from csr_console.ui.reports.table import ReportTableModel
from csr_console.ui.tasks import TaskRegistry
from tests.ui.queue_helpers import bridge_over

CHICAGO = ZoneInfo("America/Chicago")
ANSWERS = ("accept_booking", "dismiss_booking", "capture_lead")


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        # These bridges reach no server: the detail pane must not ask it for a booking's contacts.
        with made.db.begin() as connection:
            connection.exec_driver_sql("UPDATE booking SET contacts_synced_at = received_at")
        yield made


# -- the cache, read here by hand ---------------------------------------------------------------------
def when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def sql(bridge: SyncBridge, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    path = bridge.db.url.database
    assert path is not None
    with sqlite3.connect(path) as connection:
        return connection.execute(statement, params).fetchall()


def period(first: date, last: date) -> tuple[datetime, datetime]:
    start = datetime(first.year, first.month, first.day, tzinfo=CHICAGO).astimezone(UTC)
    after = last + timedelta(days=1)
    return start, datetime(after.year, after.month, after.day, tzinfo=CHICAGO).astimezone(UTC)


def received(bridge: SyncBridge, first: date, last: date) -> list[tuple[Any, ...]]:
    """(id, created, source, status, job id, campaign id) of the active bookings created in the period."""
    start, end = period(first, last)
    rows = sql(bridge, "SELECT id, created_on, source, status, job_id, campaign_id FROM booking WHERE active")
    return [
        (i, created, s, st, j, cp)
        for i, c, s, st, j, cp in rows
        if (created := datetime.fromisoformat(c).astimezone(UTC)) >= start and created < end
    ]


def last_days(bridge: SyncBridge, days: int) -> tuple[date, date]:
    """The `days` days up to the newest booking's, in Chicago."""
    newest = when(sql(bridge, "SELECT max(created_on) FROM booking")[0][0])
    assert newest is not None
    last = newest.astimezone(CHICAGO).date()
    return last - timedelta(days=days - 1), last


def table_rows(model: ReportTableModel) -> list[tuple[Any, ...]]:
    return [tuple(model.raw(r, c) for c in range(model.columnCount())) for r in range(model.rowCount())]


def computed(qtbot: Any, page: ReportPage) -> None:
    qtbot.waitUntil(lambda: not page.computing, timeout=10_000)
    assert page.status_label.text() != COMPUTING


def shown(qtbot: Any, page: ReportPage, first: date, last: date) -> ReportPage:
    qtbot.addWidget(page)
    page.range_bar.set_dates(first, last)
    page.resize(1100, 700)
    page.show()
    computed(qtbot, page)
    return page


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


# -- the web booking summary ------------------------------------------------------------------------
def test_booking_summary_per_source_matches_the_cache(qtbot: Any, bridge: SyncBridge) -> None:
    first, last = last_days(bridge, 30)
    page = shown(qtbot, BookingSummaryReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)

    bookings = received(bridge, first, last)
    totals = dict(sql(bridge, "SELECT id, total FROM job WHERE active"))
    leads = {b for (b,) in sql(bridge, "SELECT booking_id FROM lead WHERE active AND booking_id IS NOT NULL")}
    expected: dict[str, list[Any]] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
    for booking_id, _, source, status, job_id, _ in bookings:
        figures = expected[source]
        figures[0] += 1
        figures[1] += status in ("Accepted", "Converted")
        figures[2] += status == "Dismissed"
        figures[3] += booking_id in leads
        figures[4] += totals.get(job_id) or 0.0
    assert len(bookings) > 100 and sum(f[3] for f in expected.values()) > 0  # the seed has some of each

    rows = table_rows(page.model)
    assert [row[0] for row in rows] == sorted(expected)
    for source, got_received, accepted, dismissed, leads_, rate, revenue in rows:
        want = expected[source]
        assert [got_received, accepted, dismissed, leads_] == want[:4], source
        assert rate == pytest.approx(want[1] / want[0]) and revenue == pytest.approx(want[4]), source
    # The chart draws the table's counts, one group of bars per source.
    assert page.chart.categories == tuple(sorted(expected))
    assert dict(page.chart.series)["Received"] == tuple(float(expected[s][0]) for s in sorted(expected))
    assert page.status_label.text() == f"{len(bookings):,} bookings received"


def test_booking_summary_per_campaign(qtbot: Any, bridge: SyncBridge) -> None:
    first, last = last_days(bridge, 60)
    page = shown(qtbot, BookingSummaryReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)
    page.grouping.setCurrentIndex(page.grouping.findText("By campaign"))

    names = dict(sql(bridge, "SELECT id, name FROM campaign"))
    per_campaign = Counter(
        names.get(campaign, f"Campaign {campaign}") if campaign else "No campaign"
        for *_, campaign in received(bridge, first, last)
    )
    rows = table_rows(page.model)
    assert {row[0]: row[1] for row in rows} == per_campaign
    assert page.chart.categories == tuple(row[0] for row in rows)


# -- speed to lead ------------------------------------------------------------------------------------
def nearest_rank(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    rank = next(k for k in range(1, len(ordered) + 1) if k * 100 >= len(ordered) * percent)
    return ordered[rank - 1]


def test_speed_to_lead_matches_the_cache_and_the_journal(qtbot: Any, bridge: SyncBridge) -> None:
    first, last = last_days(bridge, 30)
    bookings = received(bridge, first, last)
    # The console's own answers (the seed has none): two CSRs answer some bookings, a reclassify comes
    # first on one of them and does not count.
    answered = [b for b in bookings if b[3] in ("Dismissed", "Accepted")][:12]
    with bridge.db.begin() as connection:
        for n, (booking_id, created, *_) in enumerate(answered):
            actor = "alice" if n % 3 else "bob"
            for action, seconds in (("reclassify_booking", 5), (ANSWERS[n % 3], 60 * (n + 1))):
                connection.exec_driver_sql(
                    "INSERT INTO journal (at, actor, action, target_kind, target_id, result) "
                    "VALUES (?, ?, ?, 'booking', ?, 'done')",
                    ((created + timedelta(seconds=seconds)).isoformat(), actor, action, booking_id),
                )
    page = shown(qtbot, SpeedToLeadReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)

    journal = {b: (created + timedelta(seconds=60 * (n + 1))) for n, (b, created, *_) in enumerate(answered)}
    jobs = {i: when(c) for i, c in sql(bridge, "SELECT id, created_on FROM job")}
    times: dict[str, list[float]] = defaultdict(list)
    every: list[float] = []
    for booking_id, created, source, _, job_id, _ in bookings:
        at = journal.get(booking_id) or jobs.get(job_id)
        if at is not None:
            times[source].append(max(0.0, (at - created).total_seconds()))
            every.append(times[source][-1])
    assert len(every) > 50

    overall = page.export_table()
    assert overall is not None
    assert overall.rows[0][2:6] == (
        len(bookings),
        len(every),
        pytest.approx(nearest_rank(every, 50), abs=0.01),
        pytest.approx(nearest_rank(every, 90), abs=0.01),
    )
    assert overall.rows[0][6] == pytest.approx(sum(s <= 300 for s in every) / len(every))
    assert overall.rows[0][7] == pytest.approx(sum(s <= 900 for s in every) / len(every))
    assert page.overall_label.text().startswith("Median ")

    per_source = Counter(source for _, _, source, *_ in bookings)
    for source, got_received, measured, p50, *_ in table_rows(page.model):
        assert (got_received, measured) == (per_source[source], len(times[source])), source
        assert p50 == pytest.approx(nearest_rank(times[source], 50), abs=0.01), source

    page.breakdown.setCurrentIndex(page.breakdown.findText("By CSR"))
    by_csr = {row[0]: row[1:3] for row in table_rows(page.model)}
    assert by_csr == {"alice": (8, 8), "bob": (4, 4)}

    page.breakdown.setCurrentIndex(page.breakdown.findText("By hour received"))
    per_hour = Counter(f"{created.astimezone(CHICAGO).hour:02d}:00" for _, created, *_ in bookings)
    assert {row[0]: row[1] for row in table_rows(page.model)} == per_hour

    # The histogram counts every measured booking once, in buckets that end at 5 and 15 minutes.
    labels, counts = page.histogram.categories, page.histogram.series[0][1]
    assert sum(counts) == len(every)
    within_5 = sum(counts[: labels.index("2–5 min") + 1])
    assert within_5 == sum(s <= 300 for s in every)


# -- dismissed bookings -------------------------------------------------------------------------------
def dismissed_ids(bridge: SyncBridge, first: date, last: date, source: str | None = None) -> list[int]:
    return [b[0] for b in received(bridge, first, last) if b[3] == "Dismissed" and source in (None, b[2])]


def test_dismissed_bookings_their_filters_and_the_detail(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    first, last = last_days(bridge, 60)
    expected = dismissed_ids(bridge, first, last)
    bob_did = expected[:3]
    with bridge.db.begin() as connection:
        for booking_id in bob_did:
            connection.exec_driver_sql(
                "INSERT INTO journal (at, actor, action, target_kind, target_id, result) "
                "VALUES (?, 'bob', 'dismiss_booking', 'booking', ?, 'done')",
                (datetime.now(UTC).isoformat(), booking_id),
            )
    page = shown(qtbot, DismissedReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)
    assert isinstance(page, DismissedReport)

    assert sorted(row[0] for row in table_rows(page.model)) == sorted(expected)
    assert page.status_label.text() == f"{len(expected):,} of {len(expected):,} dismissed bookings"

    source = Counter(b[2] for b in received(bridge, first, last) if b[3] == "Dismissed").most_common(1)[0][0]
    page.set_filter(DismissedFilter(source=source))
    computed(qtbot, page)
    assert sorted(row[0] for row in table_rows(page.model)) == sorted(
        dismissed_ids(bridge, first, last, source)
    )

    reason_id, reason_name, count = sql(
        bridge,
        "SELECT b.dismissing_reason_id, r.name, count(*) FROM booking b JOIN call_reason r "
        "ON r.id = b.dismissing_reason_id WHERE b.id IN ({}) GROUP BY 1 ORDER BY 3 DESC LIMIT 1".format(
            ",".join(map(str, expected))
        ),
    )[0]
    page.set_filter(DismissedFilter(reason_id=reason_id))
    computed(qtbot, page)
    assert page.model.rowCount() == count
    assert {row[4] for row in table_rows(page.model)} == {reason_name}

    # Who dismissed: the journal knows bob's; the seed's were dismissed outside this console.
    assert [page.who_filter.itemText(i) for i in range(page.who_filter.count())] == [
        "Anyone",
        "bob",
        "Outside this console",
    ]
    page.set_filter(DismissedFilter(dismissed_by="bob"))
    computed(qtbot, page)
    assert sorted(row[0] for row in table_rows(page.model)) == sorted(bob_did)
    assert {row[6] for row in table_rows(page.model)} == {"bob"}

    # A selected booking's full detail, as the CSR saw it.
    assert page.select_booking(bob_did[1])
    assert page.detail.booking_id == bob_did[1]
    assert page.detail.detail is not None and page.detail.detail.status == "Dismissed"


def test_reopen_as_lead_in_one_step(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    first, last = last_days(bridge, 60)
    leads = {b for (b,) in sql(bridge, "SELECT booking_id FROM lead WHERE active AND booking_id IS NOT NULL")}
    ids = dismissed_ids(bridge, first, last)
    no_campaign = {b for (b,) in sql(bridge, "SELECT id FROM booking WHERE campaign_id IS NULL")}
    plain_one = next(b for b in ids if b not in leads and b not in no_campaign)
    campaignless = next(b for b in ids if b not in leads and b in no_campaign)
    captured = next(b for b in ids if b in leads)
    with bridge.db.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO booking_contact (id, booking_id, type, value, normalized, modified_on) "
            "VALUES (990001, ?, 'MobilePhone', '(512) 555-0142', '5125550142', ?), "
            "(990002, ?, 'Email', 'jo@example.com', 'jo@example.com', ?)",
            (plain_one, datetime.now(UTC).isoformat(), plain_one, datetime.now(UTC).isoformat()),
        )
    page = shown(qtbot, DismissedReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)
    assert isinstance(page, DismissedReport)
    assert not page.reopen_button.isEnabled()
    page.select_booking(captured)
    assert not page.reopen_button.isEnabled()  # it has a lead already

    enqueued: list[tuple[str, str]] = []
    page.leadEnqueued.connect(lambda action_id, text: enqueued.append((action_id, text)))
    page.select_booking(plain_one)
    assert page.reopen_button.isEnabled()
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)

    ((action_id, text),) = enqueued
    kind, state, payload = sql(
        bridge, "SELECT kind, state, payload FROM outbox_action WHERE id = ?", action_id
    )[0]
    lead = json.loads(payload)
    name, campaign, summary = sql(
        bridge, "SELECT name, campaign_id, summary FROM booking WHERE id = ?", plain_one
    )[0]
    assert (kind, state) == ("create_lead", "pending")
    assert lead["campaign_id"] == campaign and lead["name"] == name and text == f"Re-opened {name} as a lead"
    assert (lead["phone"], lead["email"]) == ("(512) 555-0142", "jo@example.com")
    assert lead["summary"].startswith(f"Re-opened from dismissed booking {plain_one}")
    assert summary.splitlines()[0] in lead["summary"]
    assert lead["follow_up_date"] is not None and lead["call_reason_id"] is None
    assert not page.reopen_button.isEnabled()  # not twice

    asked: list[int] = []
    page.reopenAsLeadRequested.connect(asked.append)
    page.select_booking(campaignless)  # a lead needs a campaign: the lead form asks for it
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert asked == [campaignless] and len(enqueued) == 1


# -- CSV ----------------------------------------------------------------------------------------------
def test_csv_export_writes_what_is_shown_safely(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    first, last = last_days(bridge, 60)
    ids = dismissed_ids(bridge, first, last)
    names = {ids[0]: '=HYPERLINK("http://evil.example","Click")', ids[1]: 'Smith, "Jo"\nsecond line'}
    with bridge.db.begin() as connection:
        for booking_id, name in names.items():
            connection.exec_driver_sql("UPDATE booking SET name = ? WHERE id = ?", (name, booking_id))
        connection.exec_driver_sql("UPDATE booking SET source = '@SUM(A1)' WHERE id = ?", (ids[2],))
    page = shown(qtbot, DismissedReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)

    path = tmp_path / "dismissed.csv"
    dialog = page.open_export_dialog()
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: page.status_label.text().startswith("Exported"), timeout=10_000)

    lines = read_csv(path)
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
    by_id = {int(line[0]): line for line in lines[1:]}
    assert sorted(by_id) == sorted(ids)
    assert by_id[ids[0]][3] == "'" + names[ids[0]]  # a spreadsheet shows it, never runs it
    assert by_id[ids[1]][3] == names[ids[1]]  # comma, quotes and line break intact
    assert by_id[ids[2]][2] == "'@SUM(A1)"
    created = when(sql(bridge, "SELECT created_on FROM booking WHERE id = ?", ids[3])[0][0])
    assert created is not None
    assert by_id[ids[3]][1] == created.astimezone(CHICAGO).isoformat(sep=" ", timespec="seconds")


def test_speed_and_summary_export_every_breakdown(qtbot: Any, bridge: SyncBridge, tmp_path: Path) -> None:
    first, last = last_days(bridge, 30)
    speed = shown(qtbot, SpeedToLeadReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)
    speed.export_to(tmp_path / "speed.csv")
    summary = shown(qtbot, BookingSummaryReport(bridge, TaskRegistry(), tz=CHICAGO), first, last)
    summary.export_to(tmp_path / "summary.csv")
    for page in (speed, summary):
        qtbot.waitUntil(lambda page=page: page.status_label.text().startswith("Exported"), timeout=10_000)

    speed_lines = read_csv(tmp_path / "speed.csv")
    assert speed_lines[0][:4] == ["Breakdown", "Key", "Received", "Measured"]
    assert speed_lines[1][:3] == ["Overall", "All bookings", str(len(received(bridge, first, last)))]
    assert {line[0] for line in speed_lines[1:]} == {"Overall", "Source", "Hour"}  # no CSR: no journal

    sources = {b[2] for b in received(bridge, first, last)}
    summary_lines = read_csv(tmp_path / "summary.csv")
    assert {line[1] for line in summary_lines[1:] if line[0] == "Source"} == sources
    assert any(line[0] == "Campaign" for line in summary_lines[1:])


# -- the period -------------------------------------------------------------------------------------
def test_presets_and_dates_picked_by_hand(qtbot: Any) -> None:
    today = date(2026, 3, 18)
    bar = DateRangeBar(today=lambda: today)
    qtbot.addWidget(bar)
    assert bar.preset() is Preset.LAST_7_DAYS and bar.dates() == (date(2026, 3, 12), today)

    changes: list[None] = []
    bar.rangeChanged.connect(lambda: changes.append(None))
    picked = []
    for _ in range(3):  # the arrow key walks the presets, as a supervisor would
        qtbot.keyClick(bar.preset_combo, Qt.Key.Key_Down)
        picked.append((bar.preset(), bar.dates()))
    assert picked == [
        (Preset.LAST_30_DAYS, (date(2026, 2, 17), today)),
        (Preset.THIS_MONTH, (date(2026, 3, 1), today)),
        (None, (date(2026, 3, 1), today)),  # Custom keeps the dates
    ]
    assert len(changes) == 2
    bar.set_preset(Preset.TODAY)
    assert bar.dates() == (today, today) and len(changes) == 3

    bar.from_edit.setFocus()
    bar.from_edit.setDate(bar.from_edit.date().addDays(-3))  # a date edited: Custom, one change
    assert bar.preset() is None and bar.dates() == (date(2026, 3, 15), today) and len(changes) == 4
    bar.to_edit.setDate(bar.to_edit.date().addDays(-10))  # To before From: From follows
    assert bar.dates() == (date(2026, 3, 8), date(2026, 3, 8)) and len(changes) == 5
    start, end = bar.bounds(CHICAGO)
    assert (start, end) == (datetime(2026, 3, 8, 6, tzinfo=UTC), datetime(2026, 3, 9, 5, tzinfo=UTC))


def test_a_preset_follows_the_calendar_when_refreshed(qtbot: Any, bridge: SyncBridge) -> None:
    days = iter([date(2026, 11, 20), date(2026, 11, 21)])
    today = next(days)
    page = SpeedToLeadReport(bridge, TaskRegistry(), tz=CHICAGO)
    qtbot.addWidget(page)
    page.range_bar._today = lambda: today  # the report was left open overnight
    page.range_bar.set_preset(Preset.TODAY)
    today = next(days)
    page.refresh()
    assert page.range_bar.dates() == (today, today)
    computed(qtbot, page)


# -- the worker -------------------------------------------------------------------------------------
def test_computing_in_the_worker_keeps_the_gui_free(
    qtbot: Any, bridge: SyncBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = speed_module._speed

    def slow(*args: Any) -> Any:
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(speed_module, "_speed", slow)
    page = SpeedToLeadReport(bridge, TaskRegistry(), tz=CHICAGO)
    qtbot.addWidget(page)
    page.show()  # computes when first shown
    assert page.status_label.text() == COMPUTING and page.computing
    assert page.model.rowCount() == 0 and not page.export_button.isEnabled()

    ticks: list[None] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(None))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)  # the GUI thread runs while the worker waits
    assert page.status_label.text() == COMPUTING
    page.range_bar.set_preset(Preset.LAST_30_DAYS)  # a newer period: only its answer is shown
    release.set()
    timer.stop()
    computed(qtbot, page)
    assert page.model.rowCount() > 0 and page.export_button.isEnabled()
    first, last = page.range_bar.dates()
    assert page.overall_label.text().startswith("Median")
    assert page.status_label.text().endswith(
        f"of {len(received(bridge, first, last)):,} bookings received were answered"
    )


def test_a_filter_chosen_while_the_period_is_read_applies_to_the_new_rows(
    qloop: Any, qtbot: Any, bridge: SyncBridge, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, last = last_days(bridge, 60)
    before = first - timedelta(days=1)
    report = DismissedReport(bridge, TaskRegistry(), tz=CHICAGO)
    page = shown(qtbot, report, before - timedelta(days=9), before)
    # Mostly before the seed's history (other tests of the session may have added a few old bookings).
    earlier = dismissed_ids(bridge, before - timedelta(days=9), before)
    assert isinstance(page, DismissedReport) and page.model.rowCount() == len(earlier)

    release = threading.Event()
    real = dismissed_module._read

    def slow(*args: Any) -> Any:
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(dismissed_module, "_read", slow)
    page.range_bar.set_dates(first, last)
    assert page.computing
    source = received(bridge, first, last)[0][2]
    page.source_filter.addItem(source, source)  # as if offered by an earlier period
    page.set_filter(DismissedFilter(source=source))
    release.set()
    computed(qtbot, page)
    assert sorted(row[0] for row in table_rows(page.model)) == sorted(
        dismissed_ids(bridge, first, last, source)
    )


def test_reports_widget_holds_the_reports_in_tabs(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    widget = ReportsWidget(bridge, TaskRegistry(), tz=CHICAGO)
    qtbot.addWidget(widget)
    titles = [widget.tabs.tabText(i) for i in range(widget.tabs.count())]
    assert titles == ["Dismissed bookings", "Web booking summary", "Speed to lead"]
    widget.show()
    computed(qtbot, widget.dismissed)
    assert widget.speed.model.rowCount() == 0  # a tab not shown yet computes nothing

    widget.tabs.setCurrentWidget(widget.speed)
    computed(qtbot, widget.speed)
    assert widget.speed.model.rowCount() > 0

    asked: list[object] = []
    widget.reopenAsLeadRequested.connect(asked.append)
    widget.leadEnqueued.connect(lambda action_id, text: asked.append((action_id, text)))
    widget.dismissed.reopenAsLeadRequested.emit(7)
    widget.dismissed.leadEnqueued.emit("a1", "Re-opened Jo as a lead")
    assert asked == [7, ("a1", "Re-opened Jo as a lead")]
    assert widget.add_report(SpeedToLeadReport(bridge, TaskRegistry(), tz=CHICAGO), "Another") == 3
    widget.shutdown()


# -- the chart ----------------------------------------------------------------------------------------
def test_bar_chart_scales_names_each_bar_and_says_when_empty(qtbot: Any) -> None:
    assert [nice_ceiling(v) for v in (0, 0.3, 1, 7, 10, 11, 180, 260, 5001)] == [
        1,
        0.5,
        1,
        10,
        10,
        20,
        200,
        500,
        10_000,
    ]
    chart = BarChart("Bookings")
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_data(["Angi", "Thumbtack", "Web"], [("Received", [120, 80, 0]), ("Dismissed", [30, 10, 0])])
    chart.grab()  # paints, and learns where the bars went
    assert chart.category_at(0) is None
    assert [chart.category_at(x) for x in (80, 590)] == [0, 2]
    assert chart.tooltip_text(1) == "Thumbtack: Received 80, Dismissed 10"
    chart.set_data([], [])
    chart.grab()
    assert chart.category_at(300) is None
