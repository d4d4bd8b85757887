"""The Scheduling Pro report on the synced cache of the seeded sandbox: the schedulers and their sessions
counted from the cache's rows here (not by the report's query), the performance fetched from the real
sandbox and shown as figures and a milestone chart, the offline message when ServiceTitan cannot be
reached (the cache's part still shown), switching schedulers, and the CSV export."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from csr_console.api import Environment, RetryPolicy, ServiceTitanClient
from csr_console.api.models.scheduling_pro import SchedulerPerformance
from csr_console.domain.date_ranges import utc_bounds
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.reports.page import COMPUTING
from csr_console.ui.reports.scheduling_pro import (
    FETCHING,
    MILESTONES,
    NO_SCHEDULERS,
    OFFLINE,
    SchedulingProReport,
    completion_rate,
    performance_figures,
)
from csr_console.ui.reports.table import ReportTableModel
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import connect, credentials
from tests.ui.queue_helpers import bridge_over

CHICAGO = ZoneInfo("America/Chicago")
s = schema.scheduler_session.c


def _period() -> tuple[date, date]:
    """Every session of the seed (its history reaches back two months from now)."""
    today = datetime.now(CHICAGO).date()
    return today - timedelta(days=120), today


def _report(qtbot: Any, bridge: SyncBridge, tasks: TaskRegistry | None = None) -> SchedulingProReport:
    report = SchedulingProReport(bridge, tasks or TaskRegistry(), tz=CHICAGO)
    qtbot.addWidget(report)
    report.range_bar.set_dates(*_period())
    return report


def _shown(qtbot: Any, report: SchedulingProReport) -> None:
    report.show()
    assert report.status_label.text() == COMPUTING
    qtbot.waitUntil(lambda: not report.computing, timeout=20_000)


def _column(model: ReportTableModel, title: str) -> list[Any]:
    """One column's raw values, top to bottom as shown."""
    column = [c.title for c in model.table.columns].index(title)
    return [model.raw(row, column) for row in range(model.rowCount())]


def _row(model: ReportTableModel, row: int) -> dict[str, Any]:
    return {c.title: model.raw(row, n) for n, c in enumerate(model.table.columns)}


def _cached_sessions(bridge: SyncBridge) -> list[Any]:
    start, end = utc_bounds(*_period(), CHICAGO)
    with bridge.reader.connect() as connection:
        return list(
            connection.execute(
                select(s.id, s.scheduler_id, s.session_outcome, s.last_step).where(
                    s.created_on >= start, s.created_on < end, s.active
                )
            )
        )


def _outcome(said: str | None, step: str | None) -> str:
    said = (said or "").strip()
    if "abandon" in said.lower():
        return "Abandoned"
    return "Completed" if said or step == "Booked" else "Unfinished"


@pytest.fixture
def offline_bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:  # its client points at a port nothing listens on
        yield made


def test_schedulers_and_sessions_come_from_the_cache_and_offline_says_so(
    qloop: Any, qtbot: Any, offline_bridge: SyncBridge
) -> None:
    report = _report(qtbot, offline_bridge)
    _shown(qtbot, report)
    rows = _cached_sessions(offline_bridge)
    with offline_bridge.reader.connect() as connection:
        schedulers = {r.id: r for r in connection.execute(select(schema.scheduler))}
    assert rows and len(schedulers) >= 2  # the seed has several schedulers with sessions

    model = report.schedulers_model
    assert sorted(_column(model, "ID")) == sorted(schedulers)
    default = next(id for id, row in schedulers.items() if row.is_default)
    assert _row(model, 0)["ID"] == default  # the default scheduler first
    for row in range(model.rowCount()):
        shown = _row(model, row)
        scheduler_id = shown["ID"]
        outcomes = Counter(
            _outcome(r.session_outcome, r.last_step) for r in rows if r.scheduler_id == scheduler_id
        )
        assert shown["Scheduler"] == schedulers[scheduler_id].name
        assert (shown["Sessions"], shown["Completed"], shown["Abandoned"], shown["Unfinished"]) == (
            outcomes.total(),
            outcomes["Completed"],
            outcomes["Abandoned"],
            outcomes["Unfinished"],
        )
    assert report.status_label.text() == f"{len(schedulers)} schedulers, {len(rows):,} sessions in the period"

    # The default scheduler is chosen: its sessions, newest first; its performance needs the network.
    assert report.schedulers_view.currentIndex().row() == 0
    mine = [r for r in rows if r.scheduler_id == default]
    assert sorted(_column(report.sessions_model, "Session")) == sorted(r.id for r in mine)
    started = _column(report.sessions_model, "Started")
    assert started == sorted(started, reverse=True)
    assert (
        report.sessions_title.text()
        == f"Sessions of {schedulers[default].name} ({len(mine)}, from the cache)"
    )
    qtbot.waitUntil(lambda: report.performance_status.text() != FETCHING, timeout=20_000)
    assert report.performance_status.text() == OFFLINE
    assert report.figure("Sessions") is None and report.milestones.categories == ()

    # Another scheduler: its sessions, and the performance asked again (offline again).
    other_row = 1
    other = _row(model, other_row)["ID"]
    report.schedulers_view.selectRow(other_row)
    assert sorted(_column(report.sessions_model, "Session")) == sorted(
        r.id for r in rows if r.scheduler_id == other
    )
    assert report.performance_status.text() == FETCHING
    qtbot.waitUntil(lambda: report.performance_status.text() == OFFLINE, timeout=20_000)

    # Connectivity coming back (the feeds got through) asks again at once.
    offline_bridge.service.connectivity.succeeded()
    assert report.performance_status.text() == FETCHING
    qtbot.waitUntil(lambda: report.performance_status.text() == OFFLINE, timeout=20_000)

    # Refresh keeps the scheduler chosen.
    report.refresh()
    qtbot.waitUntil(lambda: not report.computing, timeout=20_000)
    assert _row(model, report.schedulers_view.currentIndex().row())["ID"] == other


def test_performance_from_the_sandbox_as_figures_and_a_milestone_chart(
    qloop: Any, qtbot: Any, synced_cache: Path, sandbox: Any
) -> None:
    db = open_cache(synced_cache)
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    bridge = SyncBridge(SyncService(client, db), db, actor="csr:test")
    tasks = TaskRegistry()
    failures: list[str] = []
    tasks.on_failure(lambda name, error: failures.append(f"{name}: {error}"))
    report = _report(qtbot, bridge, tasks)
    _shown(qtbot, report)
    qtbot.waitUntil(lambda: report.performance_status.text() != FETCHING, timeout=20_000)
    assert report.performance_status.text() == "" and failures == []

    scheduler_id = _row(report.schedulers_model, 0)["ID"]
    start, end = utc_bounds(*_period(), CHICAGO)

    async def fetch() -> SchedulerPerformance:
        async with connect(sandbox) as own:  # the same answer, fetched apart from the report
            return await own.scheduling_pro.schedulers.performance(scheduler_id, start, end)

    fetching = qloop.create_task(fetch())
    qtbot.waitUntil(fetching.done, timeout=20_000)
    expected = fetching.result()
    for what, value in performance_figures(expected):
        label = report.figure(what)
        assert label is not None and label.text() == value
    # The server counted the same sessions as the cache holds.
    cached = [r for r in _cached_sessions(bridge) if r.scheduler_id == scheduler_id]
    assert expected.total_sessions == len(cached)
    assert report.figure("Sessions").text() == f"{len(cached):,}"  # type: ignore[union-attr]
    counts = expected.milestone_frequency_count
    assert report.milestones.categories == tuple(label for _, label in MILESTONES)
    assert report.milestones.series == (
        ("Sessions", tuple(float(getattr(counts, f)) for f, _ in MILESTONES)),
    )
    assert counts.abandoned == sum(
        1 for r in cached if _outcome(r.session_outcome, r.last_step) == "Abandoned"
    )

    report.shutdown()
    closing = qloop.create_task(client.aclose())
    qtbot.waitUntil(closing.done)
    bridge.reader.dispose()
    db.dispose()


def test_a_refused_performance_is_said_plainly(
    qloop: Any, qtbot: Any, synced_cache: Path, sandbox: Any
) -> None:
    """A wrong secret: the server answers, and refuses; that is not "offline"."""
    db = open_cache(synced_cache)
    client = ServiceTitanClient(
        credentials(sandbox, secret="not-the-secret"),
        Environment.custom(sandbox.base_url, sandbox.token_url),
        retry=RetryPolicy(attempts=1),
    )
    bridge = SyncBridge(SyncService(client, db), db, actor="csr:test")
    report = _report(qtbot, bridge)
    _shown(qtbot, report)
    qtbot.waitUntil(lambda: report.performance_status.text() != FETCHING, timeout=20_000)
    status = report.performance_status.text()
    assert status.startswith("Performance could not be fetched: ") and status != OFFLINE
    assert report.sessions_model.rowCount() > 0
    closing = qloop.create_task(client.aclose())
    qtbot.waitUntil(closing.done)
    bridge.reader.dispose()
    db.dispose()


def test_names_from_the_server_are_plain_text(qloop: Any, qtbot: Any, offline_bridge: SyncBridge) -> None:
    with offline_bridge.db.begin() as connection:
        connection.execute(
            update(schema.scheduler).where(schema.scheduler.c.is_default).values(name="<b>Web</b>")
        )
    report = _report(qtbot, offline_bridge)
    _shown(qtbot, report)
    assert report.sessions_title.text().startswith("Sessions of <b>Web</b> (")
    assert report.performance_box.title().startswith("Performance of <b>Web</b>")
    assert report.schedulers_model.index(0, 0).data() == "<b>Web</b>"


def test_export_writes_every_schedulers_sessions(
    qloop: Any, qtbot: Any, offline_bridge: SyncBridge, tmp_path: Path
) -> None:
    report = _report(qtbot, offline_bridge)
    _shown(qtbot, report)
    path = tmp_path / "sessions.csv"
    report.export_to(path)
    qtbot.waitUntil(lambda: report.status_label.text().startswith("Exported"), timeout=10_000)
    with path.open(encoding="utf-8-sig", newline="") as file:
        header, *lines = list(csv.reader(file))
    assert header[:4] == ["Scheduler", "Started", "Customer", "Outcome"] and header[-1] == "Session"
    rows = _cached_sessions(offline_bridge)
    assert sorted(line[-1] for line in lines) == sorted(r.id for r in rows)
    names = set(report.schedulers_model.table.values("Scheduler"))
    assert {line[0] for line in lines} <= names


def test_completion_rates_read_as_fractions_or_percentages() -> None:
    assert completion_rate(0.4321) == 0.4321
    assert completion_rate(43.21) == pytest.approx(0.4321)
    assert completion_rate(1.0) == 1.0


def test_a_cache_without_schedulers_says_so(qloop: Any, qtbot: Any, tmp_path: Path) -> None:
    with bridge_over(tmp_path / "empty.db") as bridge:
        report = _report(qtbot, bridge)
        _shown(qtbot, report)
        assert report.status_label.text() == NO_SCHEDULERS
        assert report.performance_status.text() == NO_SCHEDULERS  # nothing asked of ServiceTitan
        assert report.sessions_model.rowCount() == 0 and not report.export_button.isEnabled()
        report.shutdown()
