"""BookingSummaryReport: the web booking summary per source or per campaign (received, accepted or
converted, dismissed, captured as leads, conversion rate, revenue) as a table and a bar chart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QSplitter, QWidget
from sqlalchemy import Engine

from csr_console.store.queries.report_tables import (
    ACCEPTED,
    DISMISSED,
    LEADS,
    RECEIVED,
    BookingSummary,
    ReportTable,
    booking_summary,
    number,
)
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.reports.chart import BarChart
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.table import ReportTableModel, report_view
from csr_console.ui.tasks import TaskRegistry

BY_SOURCE, BY_CAMPAIGN = "source", "campaign"  # the grouping list's data
#: The counts the chart draws, one bar each per source or campaign.
CHARTED = (RECEIVED, ACCEPTED, DISMISSED, LEADS)


def _summary(reader: Engine, start: datetime, end: datetime) -> BookingSummary:
    with reader.connect() as connection:
        return booking_summary(connection, start, end)


class BookingSummaryReport(ReportPage):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        title = QT_TRANSLATE_NOOP("ReportPage", "Web booking summary")
        super().__init__(bridge, tasks, parent, title=title, tz=tz)
        self._summary: BookingSummary | None = None
        self.grouping = QComboBox()
        self.grouping.setObjectName("grouping")
        self.grouping.setAccessibleName(self.tr("Group the summary"))
        self.grouping.addItem(self.tr("By source"), BY_SOURCE)
        self.grouping.addItem(self.tr("By campaign"), BY_CAMPAIGN)
        self.grouping.currentIndexChanged.connect(self._show_grouping)
        self.model = ReportTableModel(self.tz, self)
        self.table_view = report_view(self.model, "summary-table", self.tr("Web booking summary"))
        self.chart = BarChart(self.tr("Bookings received and what became of them"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table_view)
        split.addWidget(self.chart)
        self.body.addWidget(self.grouping, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(split, 1)

    def compute_job(self, start: datetime, end: datetime) -> Callable[[], BookingSummary]:
        return partial(_summary, self._bridge.reader, start, end)

    def show_result(self, result: BookingSummary) -> str:
        self._summary = result
        self._show_grouping()
        received = sum(number(value) for value in result.by_source.values(RECEIVED))
        return self.tr("{count} bookings received").format(count=f"{received:,.0f}")

    def shown_table(self) -> ReportTable | None:
        """The grouping on screen (None: nothing computed yet)."""
        if self._summary is None:
            return None
        by_source = self.grouping.currentData() == BY_SOURCE
        return self._summary.by_source if by_source else self._summary.by_campaign

    def export_table(self) -> ReportTable | None:
        return None if self._summary is None else self._summary.export()

    def _show_grouping(self) -> None:
        table = self.shown_table()
        if table is None:
            return
        self.model.set_table(table)
        keys = [str(key) for key in table.values(table.columns[0].title)]
        series = [(title, [number(v) for v in table.values(title)]) for title in CHARTED]
        self.chart.set_data(keys, series)
