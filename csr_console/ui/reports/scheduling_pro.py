"""SchedulingProReport: Scheduling Pro over a period, for supervisors. From the cache: every scheduler with
how its sessions ended, and the chosen scheduler's sessions (where each stopped, what it became, where
its visitor came from). From ServiceTitan, fetched when a scheduler is chosen (the cache keeps none):
its completion rates, counts, and milestone funnel as a chart. Offline, the cache's part still shows, the
performance says why it is missing, and it is fetched once the connection is back.

Export CSV writes the sessions of every scheduler in the period, one row each.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget
from sqlalchemy import Engine

from csr_console.api import ServiceTitanError, TransportError
from csr_console.api.models.scheduling_pro import SchedulerPerformance
from csr_console.store.queries.report_tables import ReportTable
from csr_console.store.queries.scheduling_pro import (
    SchedulingProTables,
    schedulers_table,
    scheduling_pro_tables,
    sessions_table,
)
from csr_console.sync.connectivity import Connectivity, ConnectivityState
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.forms import plain_label
from csr_console.ui.reports.chart import BarChart
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.table import RAW_ROLE, ReportTableModel, rate_text, report_view
from csr_console.ui.tasks import TaskRegistry

OFFLINE = QT_TRANSLATE_NOOP(
    "SchedulingProReport", "Offline: performance needs the network; sessions below are from the cache"
)
FETCHING = QT_TRANSLATE_NOOP("SchedulingProReport", "Fetching performance from ServiceTitan…")
NO_SCHEDULERS = QT_TRANSLATE_NOOP("SchedulingProReport", "No Scheduling Pro scheduler in the cache.")
#: `milestoneFrequencyCount`'s fields in the order a visitor passes them, then the sessions abandoned
#: (the labels are translated where shown).
MILESTONES = (
    ("opened", QT_TRANSLATE_NOOP("SchedulingProReport", "Opened")),
    ("zipcode", QT_TRANSLATE_NOOP("SchedulingProReport", "Zip code")),
    ("interacted", QT_TRANSLATE_NOOP("SchedulingProReport", "Interacted")),
    ("issue", QT_TRANSLATE_NOOP("SchedulingProReport", "Issue")),
    ("schedule", QT_TRANSLATE_NOOP("SchedulingProReport", "Schedule")),
    ("customer", QT_TRANSLATE_NOOP("SchedulingProReport", "Customer")),
    ("details", QT_TRANSLATE_NOOP("SchedulingProReport", "Details")),
    ("booked", QT_TRANSLATE_NOOP("SchedulingProReport", "Booked")),
    ("abandoned", QT_TRANSLATE_NOOP("SchedulingProReport", "Abandoned")),
)
#: What `_plural` counts: (one, several).
_COUNTED = {
    "booking": (
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} booking"),
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} bookings"),
    ),
    "lead": (
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} lead"),
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} leads"),
    ),
    "job": (
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} job"),
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} jobs"),
    ),
    "scheduler": (
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} scheduler"),
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} schedulers"),
    ),
    "session": (
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} session"),
        QT_TRANSLATE_NOOP("SchedulingProReport", "{count} sessions"),
    ),
}
_ID_COLUMN = len(schedulers_table([]).columns) - 1  # the scheduler's id, last


def completion_rate(value: float) -> float:
    """A completion rate as a fraction. The documents do not say whether it is sent as a fraction or a
    percentage; above 1 it can only be a percentage."""
    return value / 100 if value > 1 else value


def _plural(count: int, thing: str) -> str:
    """'1 booking', '2 bookings': `thing` is a key of `_COUNTED`."""
    one, several = _COUNTED[thing]
    said = QCoreApplication.translate("SchedulingProReport", one if count == 1 else several)
    return said.format(count=f"{count:,}")


def performance_figures(performance: SchedulerPerformance) -> list[tuple[str, str]]:
    """(what, how much) of the performance, as the report shows it: `what` in English (it names the
    figure's label, see `SchedulingProReport.figure`; translated where shown), how much translated."""
    p = performance
    return [
        (
            QT_TRANSLATE_NOOP("SchedulingProReport", "Completion rate"),
            QCoreApplication.translate(
                "SchedulingProReport", "{sessions} of sessions, {opened} of opened sessions"
            ).format(
                sessions=rate_text(completion_rate(p.scheduler_completion_rate)),
                opened=rate_text(completion_rate(p.opened_completion_rate)),
            ),
        ),
        (QT_TRANSLATE_NOOP("SchedulingProReport", "Sessions"), f"{p.total_sessions:,}"),
        (
            QT_TRANSLATE_NOOP("SchedulingProReport", "Contacts captured"),
            f"{p.total_customer_contacts_captured:,}",
        ),
        (QT_TRANSLATE_NOOP("SchedulingProReport", "Jobs created"), f"{p.total_jobs_created:,}"),
        (QT_TRANSLATE_NOOP("SchedulingProReport", "Bookings created"), f"{p.total_bookings_created:,}"),
        (
            QT_TRANSLATE_NOOP("SchedulingProReport", "Abandoned, sent on"),
            f"{_plural(p.total_abandoned_sessions_sent_to_bookings, 'booking')}, "
            f"{_plural(p.total_abandoned_sessions_sent_to_leads, 'lead')}",
        ),
        (
            QT_TRANSLATE_NOOP("SchedulingProReport", "Recovered from abandoned"),
            f"{_plural(p.total_bookings_recovered_from_abandoned_sessions, 'booking')}, "
            f"{_plural(p.total_jobs_recovered_from_abandoned_sessions, 'job')}",
        ),
    ]


@dataclass(frozen=True)
class _Computed:
    start: datetime
    end: datetime
    tables: SchedulingProTables


def _compute(reader: Engine, start: datetime, end: datetime) -> _Computed:
    """In the worker thread."""
    with reader.connect() as connection:
        return _Computed(start, end, scheduling_pro_tables(connection, start, end))


class _Latest:
    """The performance fetch under way, cancelled when a newer one starts or the report is deleted
    (a plain object: `destroyed` must not call into the dying widget)."""

    task: asyncio.Task[None] | None = None

    def replace(self, task: asyncio.Task[None]) -> None:
        self.cancel()
        self.task = task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None


class SchedulingProReport(ReportPage):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(
            bridge, tasks, parent, title=QT_TRANSLATE_NOOP("ReportPage", "Scheduling Pro"), tz=tz
        )
        self._computed: _Computed | None = None
        self._chosen: str | None = None  # the scheduler id shown
        self._performance_for: tuple[str, datetime, datetime] | None = None
        self._latest = _Latest()
        self.destroyed.connect(self._latest.cancel)
        bridge.connectivityChanged.connect(self._connectivity_changed)

        self.schedulers_model = ReportTableModel(self.tz, self)
        self.schedulers_view = report_view(self.schedulers_model, "schedulers", self.tr("Schedulers"))
        self.schedulers_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.sessions_model = ReportTableModel(self.tz, self)
        self.sessions_view = report_view(
            self.sessions_model, "sessions", self.tr("Sessions of the scheduler")
        )
        self.sessions_title = plain_label()
        self.sessions_title.setObjectName("sessions-title")

        self.performance_box = QGroupBox(self.tr("Performance (from ServiceTitan)"))
        self.performance_status = plain_label()
        self.performance_status.setObjectName("performance-status")
        self.figures = QFormLayout()
        self.milestones = BarChart(self.tr("Sessions reaching each milestone"))
        self.milestones.setObjectName("milestones")
        figures_column = QVBoxLayout()
        figures_column.addWidget(self.performance_status)
        figures_column.addLayout(self.figures)
        figures_column.addStretch(1)
        inside = QHBoxLayout(self.performance_box)
        inside.addLayout(figures_column, 2)
        inside.addWidget(self.milestones, 3)

        sessions_part = QWidget()
        sessions_layout = QVBoxLayout(sessions_part)
        sessions_layout.setContentsMargins(0, 0, 0, 0)
        sessions_layout.addWidget(self.sessions_title)
        sessions_layout.addWidget(self.sessions_view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.schedulers_view)
        splitter.addWidget(self.performance_box)
        splitter.addWidget(sessions_part)
        self.body.addWidget(splitter)

    # -- the cache's part ------------------------------------------------------------------------------
    def compute_job(self, start: datetime, end: datetime) -> Callable[[], Any]:
        reader = self._bridge.reader
        return lambda: _compute(reader, start, end)

    def show_result(self, result: Any) -> str:
        computed: _Computed = result
        self._computed = computed
        self._performance_for = None  # Refresh fetches the performance again too
        self.schedulers_model.set_table(computed.tables.schedulers)
        if not computed.tables.names:
            self._show_scheduler(None)
            return QCoreApplication.translate("SchedulingProReport", NO_SCHEDULERS)
        wanted = self._chosen if self._chosen in computed.tables.names else None
        rows = range(self.schedulers_model.rowCount())
        row = next((r for r in rows if self._scheduler_at(r) == wanted), 0)
        self.schedulers_view.selectRow(row)
        self._show_scheduler(self._scheduler_at(row))  # also when the row was current already
        schedulers = _plural(len(computed.tables.names), "scheduler")
        count = sum(len(table.rows) for table in computed.tables.sessions.values())
        return self.tr("{schedulers}, {sessions} in the period").format(
            schedulers=schedulers, sessions=_plural(count, "session")
        )

    def export_table(self) -> ReportTable | None:
        return self._computed.tables.export if self._computed else None

    def _scheduler_at(self, row: int) -> str | None:
        value = self.schedulers_model.index(row, _ID_COLUMN).data(RAW_ROLE)
        return value if isinstance(value, str) else None

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        if current.isValid():
            self._show_scheduler(self._scheduler_at(current.row()))

    def _show_scheduler(self, scheduler_id: str | None) -> None:
        computed = self._computed
        if computed is None or scheduler_id is None:
            self._chosen = None
            self.sessions_title.setText("")
            self.sessions_model.set_table(sessions_table([]))
            self._clear_performance(QCoreApplication.translate("SchedulingProReport", NO_SCHEDULERS))
            return
        if (
            scheduler_id == self._chosen
            and (scheduler_id, computed.start, computed.end) == self._performance_for
        ):
            return
        self._chosen = scheduler_id
        name = computed.tables.names[scheduler_id]
        table = computed.tables.sessions[scheduler_id]
        self.sessions_title.setText(
            self.tr("Sessions of {name} ({count}, from the cache)").format(
                name=name, count=f"{len(table.rows):,}"
            )
        )
        self.sessions_model.set_table(table)
        self.performance_box.setTitle(self.tr("Performance of {name} (from ServiceTitan)").format(name=name))
        self._fetch_performance(scheduler_id, computed.start, computed.end)

    # -- ServiceTitan's part ---------------------------------------------------------------------------
    def _fetch_performance(self, scheduler_id: str, start: datetime, end: datetime) -> None:
        key = (scheduler_id, start, end)
        self._performance_for = key
        self._clear_performance(QCoreApplication.translate("SchedulingProReport", FETCHING))
        task = self._tasks.spawn(self._performance(key), name=f"performance of scheduler {scheduler_id}")
        self._latest.replace(task)

    async def _performance(self, key: tuple[str, datetime, datetime]) -> None:
        try:
            performance = await self._bridge.service.scheduler_performance(*key)
        except TransportError:
            self._performance_failed(key, QCoreApplication.translate("SchedulingProReport", OFFLINE))
        except ServiceTitanError as error:  # the server answered, and refused
            self._performance_failed(
                key, self.tr("Performance could not be fetched: {error}").format(error=error)
            )
        else:
            if key == self._performance_for:  # else the CSR chose another scheduler or period meanwhile
                self._show_performance(performance)

    def _performance_failed(self, key: tuple[str, datetime, datetime], problem: str) -> None:
        if key == self._performance_for:
            self._clear_performance(problem)

    def _connectivity_changed(self, state: ConnectivityState) -> None:
        """Back online: the performance that needed the network is fetched now."""
        key = self._performance_for
        offline = QCoreApplication.translate("SchedulingProReport", OFFLINE)
        if state.state is Connectivity.ONLINE and key and self.performance_status.text() == offline:
            self._fetch_performance(*key)

    def _clear_performance(self, status: str) -> None:
        self.performance_status.setText(status)
        while self.figures.rowCount():
            self.figures.removeRow(0)
        self.milestones.set_data((), ())

    def _show_performance(self, performance: SchedulerPerformance) -> None:
        self.performance_status.setText("")
        for what, value in performance_figures(performance):
            label = plain_label(value)
            label.setObjectName(f"figure: {what}")
            self.figures.addRow(plain_label(QCoreApplication.translate("SchedulingProReport", what)), label)
        counts = performance.milestone_frequency_count
        self.milestones.set_data(
            [QCoreApplication.translate("SchedulingProReport", label) for _, label in MILESTONES],
            [(self.tr("Sessions"), [getattr(counts, field) for field, _ in MILESTONES])],
        )

    def figure(self, what: str) -> QLabel | None:
        """The value shown for one performance figure, named in English (None when none is shown)."""
        return self.findChild(QLabel, f"figure: {what}")

    def shutdown(self) -> None:
        self._latest.cancel()
        super().shutdown()
