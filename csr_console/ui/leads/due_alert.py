"""LeadDueAlert: once a day, and when the console starts, say how many lead follow-ups are due (today's
and the overdue ones), for the status bar or the tray.

The clock is checked every `CHECK_MS` rather than woken at midnight: a laptop asleep over midnight, or a
clock put right, still gets the day's alert at the first check of the new day. A day with nothing due
stays unannounced, so leads falling due later that day (a follow-up logged for this afternoon) are
announced by the next check.
"""

from __future__ import annotations

from datetime import date, tzinfo
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from csr_console.store.queries.leads import LeadRow, due_leads
from csr_console.ui.alerts import notification_text
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads.clock import Clock, local_zone, utc_now
from csr_console.ui.worker import SerialWorker

#: How often the day is checked for a change.
CHECK_MS = 10 * 60 * 1000


def due_text(overdue: tuple[LeadRow, ...], today: tuple[LeadRow, ...]) -> str:
    """'3 lead follow-ups due: 2 overdue, 1 today', or the one lead's name when there is one."""
    count = len(overdue) + len(today)
    if count == 1:
        row = (overdue or today)[0]
        name = row.name or QCoreApplication.translate("LeadDueAlert", "lead {id}").format(id=row.id)
        if overdue:
            said = QCoreApplication.translate("LeadDueAlert", "1 lead follow-up overdue: {name}")
        else:
            said = QCoreApplication.translate("LeadDueAlert", "1 lead follow-up due today: {name}")
        return notification_text(said.format(name=name))
    return QCoreApplication.translate(
        "LeadDueAlert", "{count} lead follow-ups due: {overdue} overdue, {today} today"
    ).format(count=count, overdue=len(overdue), today=len(today))


class LeadDueAlert(QObject):
    #: How many follow-ups are due (overdue or today) and what to say of them; at most once a day.
    due = Signal(int, str)

    def __init__(
        self,
        bridge: SyncBridge,
        *,
        clock: Clock = utc_now,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = bridge.reader
        self._clock = clock
        self._tz = tz or local_zone()
        self._announced: date | None = None  # the day whose alert was given
        self._reads = SerialWorker("lead-due-reads")
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self.check()

    @property
    def busy(self) -> bool:
        return self._reads.busy

    def shutdown(self) -> None:
        self._timer.stop()
        self._reads.close()

    def check(self) -> None:
        """Count the due follow-ups (in the worker) unless today's alert was already given."""
        now = self._clock()
        today = now.astimezone(self._tz).date()
        if today == self._announced or self._reads.busy:
            return
        reader, tz = self._reader, self._tz

        def read() -> tuple[tuple[LeadRow, ...], tuple[LeadRow, ...]]:
            with reader.connect() as connection:
                due = due_leads(connection, now, tz)
            return due.overdue, due.today

        self._reads.submit(read, partial(self._counted, today), lambda: None)  # failed: the next check

    def _counted(self, day: date, read: tuple[tuple[LeadRow, ...], tuple[LeadRow, ...]]) -> None:
        overdue, today = read
        if day == self._announced or not (overdue or today):
            return
        self._announced = day
        self.due.emit(len(overdue) + len(today), due_text(overdue, today))
