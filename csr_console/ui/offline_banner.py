"""The offline banner: a strip under the training banner, shown while ServiceTitan cannot be reached,
saying how old the bookings shown are and that what the CSR does is kept (the outbox) and sent when the
connection is back, with the number of actions waiting.

Hidden while online, and until the first call has finished (the console is still connecting). Shown
when the connection is offline, and also when nothing has got through since the start and the first
call failed (the monitor calls one network failure "degraded": at start that is all there is). The
cache is read in a worker thread; a slow clock keeps "12 min old" true while nothing else happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from csr_console.store.queries.status import OutboxCounts, last_sync_at, outbox_counts
from csr_console.sync.changes import ChangeSet
from csr_console.sync.connectivity import Connectivity, ConnectivityState
from csr_console.ui.ages import age_words
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.worker import SerialWorker

#: How often the age shown is brought up to date while offline.
CLOCK_MS = 30_000
KEPT = QT_TRANSLATE_NOOP("OfflineBanner", "What you do is kept and sent when the connection is back.")


def shows_offline(state: ConnectivityState | None) -> bool:
    """Whether the banner is up for this connectivity (None: no call has finished since the start)."""
    if state is None or state.state is Connectivity.ONLINE:
        return False
    return state.state is Connectivity.OFFLINE or state.last_good_sync is None


def offline_text(synced: datetime | None, now: datetime, counts: OutboxCounts) -> str:
    """The banner's words: how old the data is, that actions are kept, and how many wait."""
    if synced is None:
        data = QCoreApplication.translate("OfflineBanner", "Offline — no bookings have been synced yet.")
    else:
        data = QCoreApplication.translate(
            "OfflineBanner", "Offline — showing bookings as of {time} ({age})."
        ).format(time=f"{synced.astimezone():%H:%M}", age=age_words(synced, now))
    waiting = counts.pending
    parts = [data, QCoreApplication.translate("OfflineBanner", KEPT)]
    if waiting == 1:
        parts.append(QCoreApplication.translate("OfflineBanner", "1 action waiting to be sent."))
    elif waiting:
        parts.append(
            QCoreApplication.translate("OfflineBanner", "{count} actions waiting to be sent.").format(
                count=waiting
            )
        )
    problems = counts.failed + counts.conflict
    if problems == 1:
        parts.append(QCoreApplication.translate("OfflineBanner", "1 needs your attention (View › Problems)."))
    elif problems:
        parts.append(
            QCoreApplication.translate(
                "OfflineBanner", "{count} need your attention (View › Problems)."
            ).format(count=problems)
        )
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class _Read:
    cache_synced: datetime | None
    counts: OutboxCounts


class OfflineBanner(QLabel):
    def __init__(self, bridge: SyncBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._state: ConnectivityState | None = None
        self.setObjectName("offline-banner")
        self.setTextFormat(Qt.TextFormat.PlainText)  # the words may one day quote a server's error
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "QLabel#offline-banner { background: #c62828; color: white; font-weight: bold; padding: 6px; }"
        )
        self.hide()
        self._reads = SerialWorker("offline-banner-reads")
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_MS)
        self._timer.timeout.connect(self._refresh)
        bridge.connectivityChanged.connect(self._on_connectivity)
        bridge.changed.connect(self._on_changed)

    @property
    def offline(self) -> bool:
        return shows_offline(self._state)

    def _on_connectivity(self, state: ConnectivityState) -> None:
        self._state = state
        if self.offline:
            if not self._timer.isActive():
                self._timer.start()
            self._refresh()
        else:
            self._timer.stop()
            self.hide()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.offline and changes.of("outbox"):
            self._refresh()

    def _refresh(self) -> None:
        reader = self._bridge.reader

        def read() -> _Read:
            with reader.connect() as connection:
                return _Read(last_sync_at(connection), outbox_counts(connection))

        self._reads.submit(read, self._show, lambda: None)  # a failed read: the next one retries

    def _show(self, read: _Read) -> None:
        state = self._state
        if state is None or not shows_offline(state):
            return  # back online meanwhile
        synced = state.last_good_sync or read.cache_synced
        self.setText(offline_text(synced, datetime.now(UTC), read.counts))
        self.show()

    def shutdown(self) -> None:
        """Stop the clock and the reads (before the cache is closed)."""
        self._timer.stop()
        self._reads.close()
