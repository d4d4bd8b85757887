"""SpeedToLeadReport: from a booking's arrival to its first answer (accept, dismiss, lead): the median
and p90, the share answered within 5 and within 15 minutes, per source, per hour of day received and
per CSR (where the journal knows who answered), and a histogram of the times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QSplitter, QWidget
from sqlalchemy import Engine

from csr_console.store.queries.report_tables import ReportTable, SpeedReport, speed_report
from csr_console.store.queries.reports import SpeedFigures
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.text import plain
from csr_console.ui.queue.cells import age_text
from csr_console.ui.reports.chart import BarChart
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.table import NO_VALUE, ReportTableModel, rate_text, report_view
from csr_console.ui.tasks import TaskRegistry

BY_SOURCE, BY_HOUR, BY_CSR = "source", "hour", "csr"  # the breakdown list's data


def _speed(reader: Engine, start: datetime, end: datetime, tz: tzinfo) -> SpeedReport:
    with reader.connect() as connection:
        return speed_report(connection, start, end, tz)


def overall_text(figures: SpeedFigures) -> str:
    """'Median 4m 07s · p90 25m 00s · within 5 min 62.0 % · within 15 min 80.1 %'."""

    def seconds(value: float | None) -> str:
        return NO_VALUE if value is None else age_text(value)

    def share(value: float | None) -> str:
        return NO_VALUE if value is None else rate_text(value)

    return QCoreApplication.translate(
        "SpeedToLeadReport", "Median {p50} · p90 {p90} · within 5 min {within_5} · within 15 min {within_15}"
    ).format(
        p50=seconds(figures.p50_seconds),
        p90=seconds(figures.p90_seconds),
        within_5=share(figures.within_5_min),
        within_15=share(figures.within_15_min),
    )


class SpeedToLeadReport(ReportPage):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(bridge, tasks, parent, title=QT_TRANSLATE_NOOP("ReportPage", "Speed to lead"), tz=tz)
        self._report: SpeedReport | None = None
        self.overall_label = plain("", name="overall")
        # Empty until computed: named, with the figures as its description.
        self.overall_label.setAccessibleName(self.tr("Overall speed to lead"))
        self.breakdown = QComboBox()
        self.breakdown.setObjectName("breakdown")
        self.breakdown.setAccessibleName(self.tr("Break speed to lead down"))
        self.breakdown.addItem(self.tr("By source"), BY_SOURCE)
        self.breakdown.addItem(self.tr("By hour received"), BY_HOUR)
        self.breakdown.addItem(self.tr("By CSR"), BY_CSR)
        self.breakdown.currentIndexChanged.connect(self._show_breakdown)
        self.model = ReportTableModel(self.tz, self)
        self.table_view = report_view(self.model, "speed-table", self.tr("Speed to lead"))
        self.histogram = BarChart(self.tr("Time to first answer (bookings)"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table_view)
        split.addWidget(self.histogram)
        self.body.addWidget(self.overall_label)
        self.body.addWidget(self.breakdown, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(split, 1)

    def compute_job(self, start: datetime, end: datetime) -> Callable[[], SpeedReport]:
        return partial(_speed, self._bridge.reader, start, end, self.tz)

    def show_result(self, result: SpeedReport) -> str:
        self._report = result
        self.overall_label.setText(overall_text(result.overall))
        self.overall_label.setAccessibleDescription(self.overall_label.text())
        self._show_breakdown()
        labels = [label for label, _ in result.histogram]
        self.histogram.set_data(
            labels, [(self.tr("Bookings"), [float(count) for _, count in result.histogram])]
        )
        overall = result.overall
        return self.tr("{answered} of {received} bookings received were answered").format(
            answered=f"{overall.measured:,}", received=f"{overall.received:,}"
        )

    def shown_table(self) -> ReportTable | None:
        if self._report is None:
            return None
        tables = {
            BY_SOURCE: self._report.by_source,
            BY_HOUR: self._report.by_hour,
            BY_CSR: self._report.by_csr,
        }
        return tables[self.breakdown.currentData()]

    def export_table(self) -> ReportTable | None:
        return None if self._report is None else self._report.export()

    def _show_breakdown(self) -> None:
        table = self.shown_table()
        if table is not None:
            self.model.set_table(table)
