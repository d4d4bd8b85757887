"""ReportsWidget: the supervisor's reports, one tab each. Its own are the dismissed bookings, the web
booking summary and speed to lead; others join with `add_report`."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from csr_console.ui.bridge import SyncBridge
from csr_console.ui.images import ThumbnailLoader
from csr_console.ui.reports.dismissed import DismissedReport
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.speed import SpeedToLeadReport
from csr_console.ui.reports.summary import BookingSummaryReport
from csr_console.ui.tasks import TaskRegistry


class ReportsWidget(QWidget):
    #: DismissedReport's: a booking to re-open as a lead has no campaign (its id), open the lead form.
    reopenAsLeadRequested = Signal(int)
    #: DismissedReport's: a lead was enqueued from a booking (action id, text for the undo offer).
    leadEnqueued = Signal(str, str)

    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        tz: tzinfo | None = None,
        thumbnails: ThumbnailLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Reports"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.dismissed = DismissedReport(bridge, tasks, tz=tz, thumbnails=thumbnails)
        self.dismissed.reopenAsLeadRequested.connect(self.reopenAsLeadRequested)
        self.dismissed.leadEnqueued.connect(self.leadEnqueued)
        self.summary = BookingSummaryReport(bridge, tasks, tz=tz)
        self.speed = SpeedToLeadReport(bridge, tasks, tz=tz)
        self._pages: list[ReportPage] = [self.dismissed, self.summary, self.speed]
        self.add_report(self.dismissed, self.tr("Dismissed bookings"))
        self.add_report(self.summary, self.tr("Web booking summary"))
        self.add_report(self.speed, self.tr("Speed to lead"))

    def add_report(self, widget: QWidget, title: str) -> int:
        """Add a report as a tab; its index. A report computes when its tab is first shown."""
        return self.tabs.addTab(widget, title)

    def shutdown(self) -> None:
        """Stop this widget's own reports' reads of the cache (before it is closed)."""
        for page in self._pages:
            page.shutdown()

    async def aclose(self) -> None:
        """Close the dismissed report's image client (on shutdown, while the loop runs)."""
        await self.dismissed.aclose()
