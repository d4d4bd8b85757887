"""ReportPage: what every report view shares. Its period (DateRangeBar), Refresh and Export CSV
buttons, and a status line that says "Computing…" while its worker thread reads the cache: a year's
report takes a few hundred milliseconds at 100,000 bookings, which the GUI thread never waits for.

A report is computed when it is first shown and whenever its period changes while it is shown (the
supervisor presses Refresh for the bookings synced since). Only the newest computation's result is
shown: one for an older period arriving late is dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimeZone
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from csr_console.store.queries.report_tables import ReportTable, export_csv
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.forms import plain_label
from csr_console.ui.reports.date_range import DateRangeBar
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.worker import SerialWorker

log = logging.getLogger(__name__)

COMPUTING = QT_TRANSLATE_NOOP("ReportPage", "Computing…")
FAILED = QT_TRANSLATE_NOOP("ReportPage", "The report could not be computed (see the log).")


def local_zone() -> tzinfo:
    """The machine's time zone with its rules: a fixed offset (`datetime.astimezone()`'s) would put
    winter's bookings an hour off in a summer report."""
    try:
        return ZoneInfo(bytes(QTimeZone.systemTimeZoneId().data()).decode())
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def _write_csv(path: Path, table: ReportTable, tz: tzinfo) -> str | None:
    """In the worker: write the file; the reason it could not be written, or None."""
    try:
        export_csv(path, table, tz)
    except OSError as error:
        return error.strerror or str(error)
    return None


def file_name(title: str, first: date, last: date) -> str:
    """'speed-to-lead_2026-03-01_2026-03-31.csv': what the save dialog proposes."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"{slug}_{first.isoformat()}_{last.isoformat()}.csv"


class ReportPage(QWidget):
    """The base of every report. Its strings name their context ("ReportPage"): `self.tr` would look
    them up under the subclass's name. A subclass passes its `title` marked with
    `QT_TRANSLATE_NOOP("ReportPage", ...)`: the English title names the exported file, the translated
    one is shown."""

    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        title: str,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._tasks = tasks
        self.title = title
        self.tz = tz or local_zone()
        self._worker = SerialWorker(f"report: {title}")
        self.destroyed.connect(self._worker.abandon)
        self._generation = 0  # of the newest computation asked for
        self._pending = 0  # computations not answered yet
        self._stale = True  # the period changed (or nothing was computed) since the last computation

        self.range_bar = DateRangeBar(self)
        self.range_bar.rangeChanged.connect(self._range_changed)
        self.refresh_button = QPushButton(QCoreApplication.translate("ReportPage", "Refresh"))
        self.refresh_button.setToolTip(
            QCoreApplication.translate("ReportPage", "Compute the report again from the cache")
        )
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(QCoreApplication.translate("ReportPage", "Export CSV…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.open_export_dialog)
        self.status_label = plain_label()
        self.status_label.setObjectName("status")
        top = QHBoxLayout()
        top.addWidget(self.range_bar, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        #: Where a report puts its own widgets.
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)

    # -- what a report defines -------------------------------------------------------------------------
    def compute_job(self, start: datetime, end: datetime) -> Callable[[], Any]:
        """The work for the period [start, end) (UTC), to run in the worker thread: it must not hold a
        Qt object (worker.py), only the cache's reader and plain values."""
        raise NotImplementedError

    def show_result(self, result: Any) -> str:
        """Show what `compute_job` answered; the status line's words."""
        raise NotImplementedError

    def export_table(self) -> ReportTable | None:
        """What Export CSV writes (None: nothing computed yet)."""
        raise NotImplementedError

    # -- computing -------------------------------------------------------------------------------------
    @property
    def computing(self) -> bool:
        return self._pending > 0

    def refresh(self) -> None:
        """Compute the report for its period (a preset's dates moved to today's first)."""
        self.range_bar.renew()
        start, end = self.range_bar.bounds(self.tz)
        self._stale = False
        self.run(self.compute_job(start, end), self.show_result)

    def run(self, job: Callable[[], Any], show: Callable[[Any], str]) -> None:
        """Run `job` in the worker, saying "Computing…" meanwhile; then `show` its result unless a newer
        job was asked for since."""
        self._generation += 1
        self._pending += 1
        generation = self._generation
        self.status_label.setText(QCoreApplication.translate("ReportPage", COMPUTING))
        self.export_button.setEnabled(False)
        self._worker.submit(
            job,
            lambda result: self._answered(generation, lambda: self.status_label.setText(show(result))),
            lambda: self._answered(
                generation,
                lambda: self.status_label.setText(QCoreApplication.translate("ReportPage", FAILED)),
            ),
        )

    def _answered(self, generation: int, show: Callable[[], None]) -> None:
        self._pending -= 1
        if generation != self._generation:
            return
        show()
        self.export_button.setEnabled(self.export_table() is not None)

    def _range_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- export ----------------------------------------------------------------------------------------
    def open_export_dialog(self) -> QFileDialog:
        """The save dialog, opened (not run: QT-NOTES trap 2); the file is written once one is chosen."""
        caption = QCoreApplication.translate("ReportPage", "Export {title}").format(
            title=QCoreApplication.translate("ReportPage", self.title)
        )
        dialog = QFileDialog(self, caption, file_name(self.title, *self.range_bar.dates()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(QCoreApplication.translate("ReportPage", "CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.open()
        return dialog

    def export_to(self, path: Path) -> None:
        """Write the report as shown to `path` as CSV, in the worker thread."""
        table = self.export_table()
        if table is None:
            return
        self.status_label.setText(
            QCoreApplication.translate("ReportPage", "Exporting to {file}…").format(file=path.name)
        )

        def written(problem: str | None) -> None:
            if problem is None:
                done = QCoreApplication.translate("ReportPage", "Exported {count} rows to {path}")
                self.status_label.setText(done.format(count=f"{len(table.rows):,}", path=path))
            else:
                failed = QCoreApplication.translate("ReportPage", "Could not write {path}: {problem}")
                self.status_label.setText(failed.format(path=path, problem=problem))

        self._worker.submit(
            partial(_write_csv, path, table, self.tz),
            written,
            lambda: written(QCoreApplication.translate("ReportPage", "failed")),
        )

    def shutdown(self) -> None:
        """Wait for the computation in hand, drop the rest (before the cache is closed)."""
        self._worker.close()
