"""The supervisor's reports: dismissed bookings, the web booking summary and speed to lead, each a
ReportPage (period, Refresh, Export CSV, "Computing…" while a worker thread reads the cache), held in
tabs by ReportsWidget."""

from csr_console.ui.reports.chart import BarChart
from csr_console.ui.reports.date_range import DateRangeBar
from csr_console.ui.reports.dismissed import DismissedReport
from csr_console.ui.reports.page import ReportPage
from csr_console.ui.reports.speed import SpeedToLeadReport
from csr_console.ui.reports.summary import BookingSummaryReport
from csr_console.ui.reports.widget import ReportsWidget

__all__ = [
    "BarChart",
    "BookingSummaryReport",
    "DateRangeBar",
    "DismissedReport",
    "ReportPage",
    "ReportsWidget",
    "SpeedToLeadReport",
]
