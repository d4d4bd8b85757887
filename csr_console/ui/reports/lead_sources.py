"""LeadSourcesReport: every lead source (booking-provider tag) over a period, for supervisors: whether it
is active, the bookings it sent and how many were converted, and, for the chosen source, its bookings
per day (table and chart) and the standard job types its bookings carry that the job-type mapping maps
to nothing (those bookings reach the CSR without a prefilled job type).

Whether a tag is active is shown, not changed: ServiceTitan's PATCH of a booking-provider tag takes
only its name and description (crm-v2), so the console has no way to switch a source on or off.

Export CSV writes every source's days, one row per source and day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget
from sqlalchemy import Engine

from csr_console.store.queries.lead_sources import (
    LeadSource,
    LeadSourcesTables,
    MappingGap,
    days_table,
    lead_sources_tables,
    sources_table,
)
from csr_console.store.queries.report_tables import ReportTable
from csr_console.ui.appearance import Role, text_style
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.forms import plain_label
from csr_console.ui.queue.marks import mark_icon
from csr_console.ui.reports.chart import BarChart
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.table import RAW_ROLE, Index, ReportTableModel, report_view
from csr_console.ui.tasks import TaskRegistry

NO_SOURCES = QT_TRANSLATE_NOOP("LeadSourcesReport", "No booking-provider tag in the cache.")
_TAG_COLUMN = len(sources_table([]).columns) - 1  # the tag's id, last


def _bookings(count: int) -> str:
    if count == 1:
        return QCoreApplication.translate("LeadSourcesReport", "{count} booking").format(count=f"{count:,}")
    return QCoreApplication.translate("LeadSourcesReport", "{count} bookings").format(count=f"{count:,}")


def gap_warning(source: str, gap: MappingGap) -> str:
    """One sentence per standard job type that maps to nothing, as the report lists them."""
    if gap.has_entry:
        said = QCoreApplication.translate(
            "LeadSourcesReport",
            "{source}'s '{job_type}' maps to no job type in the job-type mapping ({bookings}).",
        )
    else:
        said = QCoreApplication.translate(
            "LeadSourcesReport", "{source}'s '{job_type}' is not in the job-type mapping ({bookings})."
        )
    return said.format(source=source, job_type=gap.standard_job_type, bookings=_bookings(gap.bookings))


def mapping_text(source: LeadSource) -> str:
    if not source.gaps:
        return QCoreApplication.translate(
            "LeadSourcesReport", "Every standard job type in {source}'s bookings maps to a job type."
        ).format(source=source.name)
    return "\n".join(gap_warning(source.name, gap) for gap in source.gaps)


def _compute(reader: Engine, start: datetime, end: datetime, tz: tzinfo) -> LeadSourcesTables:
    """In the worker thread."""
    with reader.connect() as connection:
        return lead_sources_tables(connection, start, end, tz)


class _SourcesModel(ReportTableModel):
    """The sources table, each source with its mark."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and index.column() == 0:
            return mark_icon(str(self.raw(index.row(), 0)))
        return super().data(index, role)


class LeadSourcesReport(ReportPage):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(bridge, tasks, parent, title=QT_TRANSLATE_NOOP("ReportPage", "Lead sources"), tz=tz)
        self._computed: LeadSourcesTables | None = None
        self._chosen: int | None = None  # the tag id shown

        self.sources_model = _SourcesModel(self.tz, self)
        self.sources_view = report_view(self.sources_model, "sources", self.tr("Lead sources"))
        self.sources_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.source_title = plain_label()
        self.source_title.setObjectName("source-title")
        self.days_model = ReportTableModel(self.tz, self)
        self.days_view = report_view(self.days_model, "days", self.tr("Bookings per day of the source"))
        self.days_chart = BarChart(self.tr("Bookings per day"))
        self.days_chart.setObjectName("days-chart")
        self.mapping_label = plain_label()
        self.mapping_label.setObjectName("mapping")

        details = QWidget()
        days = QHBoxLayout()
        days.addWidget(self.days_view, 2)
        days.addWidget(self.days_chart, 3)
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.source_title)
        details_layout.addLayout(days, 1)
        details_layout.addWidget(self.mapping_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.sources_view)
        splitter.addWidget(details)
        self.body.addWidget(splitter)

    def compute_job(self, start: datetime, end: datetime) -> Callable[[], Any]:
        reader, tz = self._bridge.reader, self.tz
        return lambda: _compute(reader, start, end, tz)

    def show_result(self, result: Any) -> str:
        computed: LeadSourcesTables = result
        self._computed = computed
        self.sources_model.set_table(computed.table)
        if not computed.sources:
            self._show_source(None)
            return QCoreApplication.translate("LeadSourcesReport", NO_SOURCES)
        wanted = self._chosen if self._chosen in computed.sources else None
        rows = range(self.sources_model.rowCount())
        row = next((r for r in rows if self._tag_at(r) == wanted), 0)
        self.sources_view.selectRow(row)
        self._show_source(self._tag_at(row))  # also when the row was current already
        received = sum(source.received for source in computed.sources.values())
        return self.tr("{sources} sources, {bookings} received in the period").format(
            sources=f"{len(computed.sources):,}", bookings=_bookings(received)
        )

    def export_table(self) -> ReportTable | None:
        return self._computed.export if self._computed else None

    def _tag_at(self, row: int) -> int | None:
        value = self.sources_model.index(row, _TAG_COLUMN).data(RAW_ROLE)
        return value if isinstance(value, int) else None

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        if current.isValid():
            self._show_source(self._tag_at(current.row()))

    def _show_source(self, tag_id: int | None) -> None:
        source = self._computed.sources.get(tag_id) if self._computed and tag_id is not None else None
        self._chosen = tag_id if source is not None else None
        if source is None:
            self.source_title.setText("")
            self.days_model.set_table(ReportTable((), ()))
            self.days_chart.set_data((), ())
            self.mapping_label.setText("")
            return
        if source.active:
            title = self.tr("{source} (active): bookings per day")
        else:
            title = self.tr("{source} (inactive): bookings per day")
        self.source_title.setText(title.format(source=source.name))
        self.days_model.set_table(days_table(source))
        self.days_chart.set_data(
            [f"{day.day:%b %d}" for day in source.days],
            [
                (self.tr("Received"), [day.received for day in source.days]),
                (self.tr("Converted"), [day.converted for day in source.days]),
            ],
        )
        self.mapping_label.setText(mapping_text(source))
        self.mapping_label.setStyleSheet(text_style(Role.PROBLEM) if source.gaps else "")
