"""Alerts: the tray icon with the count of New bookings, and a notification and a sound when a booking
arrives or, still New, turns red.

Arrivals are gathered until the engine has been quiet for `QUIET_MS`: a booking on its own is announced
by name, a burst (the first sync of a cache, or the catch-up after a night offline) makes one summary
instead of ringing once per booking. A booking turns red once: the second alert is not repeated, and a
booking already red when it first shows up was announced as an arrival (with the others) instead.

PySide6-Essentials ships no QtMultimedia (no QSoundEffect), so the sound is the desktop's own bell,
`QApplication.beep()`; the alerts work without a system tray too (`alerted` feeds the status bar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from csr_console.store.queries.queue import QueueRow, QueueView, queue_rows, queue_rows_by_ids
from csr_console.sync.changes import ChangeSet
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.settings import Settings
from csr_console.ui.worker import SerialWorker

#: Arrivals closer together than this are one alert.
QUIET_MS = 1000
#: How often the age clocks are checked for bookings turning red.
RED_CHECK_MS = 1000
#: How long a desktop notification stays up.
MESSAGE_MS = 10_000

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def notification_text(text: str) -> str:
    """Text from the API made safe for a desktop notification: many notification daemons read the
    body as markup, so a customer name like "<img src=…>" must not reach them as tags."""
    return text.replace("&", "＆").replace("<", "‹").replace(">", "›")


def _who(row: QueueRow) -> str:
    return notification_text(f"{row.name} — {row.source}")


def count_icon(count: int, size: int = 64) -> QIcon:
    """The tray icon: a round mark with the count of New bookings written on it."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#c0392b") if count else QColor("#607d8b"))
    painter.drawEllipse(2, 2, size - 4, size - 4)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size // 2 if count < 100 else size // 3)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(
        QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, str(count) if count < 1000 else "999+"
    )
    painter.end()
    return QIcon(pixmap)


class Alerts(QObject):
    #: Every alert raised (title, text), shown or not: for the status bar, and without a tray.
    alerted = Signal(str, str)
    #: The number of New bookings changed.
    newCountChanged = Signal(int)

    def __init__(
        self,
        bridge: SyncBridge,
        settings: Settings,
        window: QWidget,
        *,
        clock: Clock = _utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.settings = settings
        self.window = window
        self._clock = clock
        #: The bookings now New, by id; the tray counts them and the red check walks the young ones.
        self._new: dict[int, QueueRow] = {}
        self._not_red: dict[int, QueueRow] = {}
        self._arrived: list[QueueRow] = []
        self._shown_count = -1  # the count the tray shows
        self._reads = SerialWorker("alert-reads")
        self._wanted: set[int] = set()  # changed bookings not read yet

        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(count_icon(0), self)
            self.tray.activated.connect(self._bring_window_up)
            self.tray.messageClicked.connect(self._bring_window_up)
            self.tray.show()

        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._announce_arrivals)
        self._red_timer = QTimer(self)
        self._red_timer.setInterval(RED_CHECK_MS)
        self._red_timer.timeout.connect(self.check_red)

        with bridge.reader.connect() as connection:
            self._track(queue_rows(connection, QueueView.NEW), arriving=False)
        self._count_changed()
        bridge.changed.connect(self._on_changed)
        self._red_timer.start()

    @property
    def new_count(self) -> int:
        return len(self._new)

    def shutdown(self) -> None:
        """Stop the clocks and the reads, and take the icon out of the tray (it would linger after the
        window)."""
        self._reads.close()
        self._quiet.stop()
        self._red_timer.stop()
        if self.tray is not None:
            self.tray.hide()

    # -- what changed ------------------------------------------------------------------------------
    def _on_changed(self, changes: ChangeSet) -> None:
        ids = {int(i) for i in changes.of("booking") if isinstance(i, int)}
        if ids:
            self._wanted |= ids
            self._read_wanted()

    @property
    def busy(self) -> bool:
        """Changed bookings are waiting to be read or applied."""
        return bool(self._wanted) or self._reads.busy

    def _read_wanted(self) -> None:
        """Which changed bookings are New now, read in a worker thread: a query on the GUI thread waits
        for the GIL at every row while a sync's threads are busy (30 ms for the 56 New bookings)."""
        if not self._wanted or self._reads.busy:
            return  # the read in hand reads them next
        ids, self._wanted = self._wanted, set()
        reader, known = self.bridge.reader, len(self._new)

        def read() -> tuple[set[int], list[QueueRow]]:
            with reader.connect() as connection:
                if len(ids) > known:
                    # A sync's page changes thousands of bookings, few of them New: one indexed read of
                    # the New view rather than thousands of ids looked up.
                    return ids, [row for row in queue_rows(connection, QueueView.NEW) if row.id in ids]
                return ids, queue_rows_by_ids(connection, ids, view=QueueView.NEW)

        self._reads.submit(read, self._on_read, self._read_wanted)

    def _on_read(self, read: tuple[set[int], list[QueueRow]]) -> None:
        ids, still_new = read
        for gone in ids - {row.id for row in still_new}:
            self._new.pop(gone, None)
            self._not_red.pop(gone, None)
        arrived = self._track(still_new, arriving=True)
        if arrived:
            self._arrived.extend(arrived)
            self._quiet.start()  # (re)started: a burst is announced once it is over
        self._count_changed()
        self._read_wanted()

    def _track(self, rows: Iterable[QueueRow], *, arriving: bool) -> list[QueueRow]:
        """Record New bookings; answers those not known before (arrivals)."""
        red_before = self._clock() - timedelta(seconds=self.settings.age_red_s)
        arrived = []
        for row in rows:
            if row.id not in self._new and arriving:
                arrived.append(row)
            self._new[row.id] = row
            if row.created_on > red_before:
                self._not_red.setdefault(row.id, row)
        return arrived

    def _count_changed(self) -> None:
        count = self.new_count
        if count == self._shown_count:
            return  # a page of other bookings: the tray's icon is not painted again
        self._shown_count = count
        if self.tray is not None:
            self.tray.setIcon(count_icon(count))
            if count == 1:
                self.tray.setToolTip(self.tr("CSR Console — 1 new booking"))
            else:
                self.tray.setToolTip(self.tr("CSR Console — {count} new bookings").format(count=count))
        self.newCountChanged.emit(count)

    # -- alerts ------------------------------------------------------------------------------------
    def _announce_arrivals(self) -> None:
        rows, self._arrived = self._arrived, []
        rows = [row for row in rows if row.id in self._new]  # dismissed by a colleague meanwhile
        if len(rows) == 1:
            self.raise_alert(self.tr("New booking"), _who(rows[0]))
        elif rows:
            newest = max(rows, key=lambda row: row.created_on)
            self.raise_alert(
                self.tr("{count} new bookings").format(count=len(rows)),
                self.tr("Newest: {who}").format(who=_who(newest)),
            )

    def check_red(self) -> None:
        """Announce the New bookings whose age passed the red threshold since the last check (once)."""
        red_before = self._clock() - timedelta(seconds=self.settings.age_red_s)
        turned = [row for row in self._not_red.values() if row.created_on <= red_before]
        for row in turned:
            del self._not_red[row.id]
        if len(turned) == 1:
            minutes = self.settings.age_red_s // 60
            self.raise_alert(
                self.tr("Booking waiting too long"),
                self.tr("{who}: still New after {minutes} min").format(who=_who(turned[0]), minutes=minutes),
            )
        elif turned:
            self.raise_alert(
                self.tr("{count} bookings waiting too long").format(count=len(turned)),
                self.tr("Still New past the red age"),
            )

    def raise_alert(self, title: str, text: str) -> None:
        focused = self.window.isActiveWindow()
        if not focused or self.settings.alert_when_focused:
            if self.settings.alert_notification:
                self.notify(title, text)
            if self.settings.alert_sound:
                self.play_sound()
        self.alerted.emit(title, text)

    def notify(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)

    def play_sound(self) -> None:
        QApplication.beep()

    def _bring_window_up(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
