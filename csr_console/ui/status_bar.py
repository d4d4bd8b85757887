"""The status bar: connectivity with the time of the last good sync, the outbox's pending / failed /
conflict counts, and the current delivery lag. Everything comes from the cache and the bridge's signals;
a slow clock keeps "3 min old" true while nothing else happens."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from csr_console.store.queries.status import delivery_lag_ms, last_sync_at, outbox_counts
from csr_console.sync.changes import ChangeSet
from csr_console.sync.connectivity import Connectivity, ConnectivityState
from csr_console.ui.ages import age_words, clock_time
from csr_console.ui.appearance import Role, text_style
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.worker import SerialWorker

#: How often the ages shown are brought up to date without any change arriving.
CLOCK_MS = 15_000
LAG_REFRESH_MS = 1000
_COLOURS = {
    Connectivity.ONLINE: Role.GOOD,
    Connectivity.DEGRADED: Role.WARNING,
    Connectivity.OFFLINE: Role.PROBLEM,
}


def connectivity_text(state: ConnectivityState | None, cache_synced: datetime | None, now: datetime) -> str:
    """The words for the connection; `state` None: no call has finished yet since the console started."""
    synced = (state.last_good_sync if state else None) or cache_synced
    if state is None or state.state is Connectivity.OFFLINE:
        if synced is None:
            if state is None:
                return QCoreApplication.translate("StatusBar", "Connecting…")
            return QCoreApplication.translate("StatusBar", "Offline — nothing synced yet ({error})").format(
                error=state.last_error
            )
        cache = QCoreApplication.translate("StatusBar", "showing the cache from {time} ({age})").format(
            time=f"{synced.astimezone():%H:%M}", age=age_words(synced, now)
        )
        if state is None:
            return QCoreApplication.translate("StatusBar", "Connecting… {cache}").format(cache=cache)
        return QCoreApplication.translate("StatusBar", "Offline — {cache}").format(cache=cache)
    if state.state is Connectivity.DEGRADED:
        since = (
            QCoreApplication.translate("StatusBar", " · synced {time}").format(time=clock_time(synced))
            if synced
            else ""
        )
        error = state.last_error or QCoreApplication.translate("StatusBar", "some calls fail")
        return QCoreApplication.translate("StatusBar", "Degraded — {error}{since}").format(
            error=error, since=since
        )
    if synced:
        return QCoreApplication.translate("StatusBar", "Online · synced {time}").format(
            time=clock_time(synced)
        )
    return QCoreApplication.translate("StatusBar", "Online")


class _ClickableLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class StatusBar(QStatusBar):
    #: The outbox's counts were clicked: the CSR wants the list of failed and conflicting actions.
    problemsRequested = Signal()

    def __init__(self, bridge: SyncBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._state: ConnectivityState | None = None
        self._started = datetime.now(UTC)
        self.connection_label = self._label("connection")
        outbox = _ClickableLabel(self)
        outbox.clicked.connect(self.problemsRequested.emit)
        self.outbox_label = self._label("outbox", outbox)
        self.outbox_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.outbox_label.setToolTip(
            self.tr("Click to list the failed and conflicting actions (View › Problems)")
        )
        self.lag_label = self._label("lag")
        self.lag_label.setToolTip(
            self.tr("Delivery lag: from a booking's creation to its arrival in this console")
        )
        self._show_lag(None)
        self._reads = SerialWorker("status-reads")
        self._refresh_outbox()
        self._refresh_lag()
        self._refresh_connection()
        bridge.changed.connect(self._on_changed)
        bridge.connectivityChanged.connect(self._on_connectivity)
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_MS)
        self._timer.timeout.connect(self._on_clock)
        self._timer.start()
        # A first sync announces a page of bookings every few hundred ms: the lag is read once a second.
        self._lag_soon = QTimer(self)
        self._lag_soon.setSingleShot(True)
        self._lag_soon.setInterval(LAG_REFRESH_MS)
        self._lag_soon.timeout.connect(self._refresh_lag)

    def _label(self, name: str, label: QLabel | None = None) -> QLabel:
        label = label or QLabel(self)
        label.setObjectName(f"status-{name}")
        label.setTextFormat(Qt.TextFormat.PlainText)  # server errors are untrusted text
        self.addPermanentWidget(label)
        return label

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.of("outbox"):
            self._refresh_outbox()
        if changes.of("booking") and not self._lag_soon.isActive():
            self._lag_soon.start()

    def _on_connectivity(self, state: ConnectivityState) -> None:
        self._state = state
        self._refresh_connection()

    def changeEvent(self, event: QEvent) -> None:
        # Light <-> dark: the coloured words take the new palette's colour now, not at the next change.
        running = getattr(self, "_timer", None) is not None and self._timer.isActive()
        if running and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._refresh_connection()
            self._refresh_outbox()
        super().changeEvent(event)

    def _on_clock(self) -> None:
        self._refresh_connection()
        self._refresh_lag()

    def _refresh_connection(self) -> None:
        cache_synced = None
        if self._state is None or self._state.last_good_sync is None:
            with self._bridge.reader.connect() as connection:
                cache_synced = last_sync_at(connection)
        self.connection_label.setText(connectivity_text(self._state, cache_synced, datetime.now(UTC)))
        state = self._state.state if self._state else Connectivity.OFFLINE
        self.connection_label.setStyleSheet("" if self._state is None else text_style(_COLOURS[state]))

    def _refresh_outbox(self) -> None:
        with self._bridge.reader.connect() as connection:
            counts = outbox_counts(connection)
        parts = [
            self.tr("{count} pending").format(count=counts.pending),
            self.tr("{count} failed").format(count=counts.failed),
        ]
        if counts.conflict == 1:
            parts.append(self.tr("1 conflict"))
        elif counts.conflict:
            parts.append(self.tr("{count} conflicts").format(count=counts.conflict))
        self.outbox_label.setText(self.tr("Outbox: {counts}").format(counts=", ".join(parts)))
        alarming = counts.failed or counts.conflict
        self.outbox_label.setStyleSheet(text_style(Role.PROBLEM) if alarming else "")

    def _refresh_lag(self) -> None:
        """Read in a worker thread: during a sync a query on the GUI thread waits for the GIL at every
        row it reads."""
        reader, started = self._bridge.reader, self._started

        def read() -> int | None:
            with reader.connect() as connection:
                return delivery_lag_ms(connection, datetime.now(UTC), started)

        self._reads.submit(read, self._show_lag, lambda: None)  # a failed read: the next one retries

    def _show_lag(self, lag: int | None) -> None:
        if lag is None:
            self.lag_label.setText(self.tr("Lag —"))
        else:
            self.lag_label.setText(self.tr("Lag {seconds:.1f} s").format(seconds=lag / 1000))

    def shutdown(self) -> None:
        """Stop the clocks and the reads (before the cache is closed)."""
        self._timer.stop()
        self._lag_soon.stop()
        self._reads.close()
