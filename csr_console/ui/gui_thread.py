"""GuiThreadPriority: the interpreter settings that keep the GUI thread answering while worker threads
(page decoding and validation, cache writes, queue reads) are busy.

- **Garbage collection on the GUI thread only.** The cycle collector runs in whichever thread happens to
  allocate when its threshold is crossed. If a cycle it frees holds a Qt object (a closed dialog, a
  replaced model), Qt deletes that object from the wrong thread and the process aborts later, at random.
  So automatic collection is off, and a GUI-thread timer collects instead (as pyqtgraph's and other Qt
  apps' collectors do).
- **Only young objects are scanned, and not too many.** A full collection scans every object Python
  tracks: with the queue's 100,000 rows in memory that is a 110-140 ms freeze. So each collection takes
  only what was allocated since the last one (at most YOUNG_SCAN_MAX objects) and freezes the survivors
  (`gc.freeze`). A reference cycle among frozen objects that later turns to garbage waits for a sweep:
  unfreeze and collect everything, at most every 10 minutes while the console is in the background, and
  at least every hour.
- **A short GIL switch interval.** A worker thread keeps the interpreter up to the switch interval (5 ms
  by default) each time the GUI thread asks for it; at 1 ms the queue repaints beside a busy worker as
  fast as when idle.
- **Worker threads rest part of the time** (`csr_console.gil`): between records, after 1 ms of
  interpreter time a worker sleeps 2 ms, so the GUI thread finds the GIL free.
"""

from __future__ import annotations

import gc
import sys
import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from csr_console import gil

#: How often the timer collects what was allocated since it last did.
CHECK_MS = 100
#: A sweep (every object scanned) at most this often, while the console is in the background ...
SWEEP_IDLE_S = 600.0
#: ... and at least this often, in the foreground too.
SWEEP_ANYWAY_S = 3600.0
SWITCH_INTERVAL_S = 0.001
#: Young objects scanned at most in one collection (a few milliseconds' work).
YOUNG_SCAN_MAX = 10_000


def collect_young() -> int:
    """Collect the objects allocated since the last collection, then freeze the survivors: the next
    collection will not scan them again. Answers how many unreachable objects were found.

    More than YOUNG_SCAN_MAX young objects (a sync's pages in flight in worker threads: ~45,000 objects
    a page) are frozen unscanned: scanning them took the GUI thread 20-60 ms, and what they hold is
    freed by reference counts when the page is done; a cycle among them waits for the next sweep."""
    if gc.get_count()[0] > YOUNG_SCAN_MAX:
        gc.freeze()
        return 0
    found = gc.collect(0)
    gc.freeze()
    return found


def sweep() -> int:
    """Scan every object once (the frozen ones too), then freeze the survivors again."""
    gc.unfreeze()
    found = gc.collect()
    gc.freeze()
    return found


class GuiThreadPriority(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._switch_interval = sys.getswitchinterval()
        self._swept_at = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._collect)

    def start(self) -> None:
        gc.disable()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        gil.sharing()
        self._timer.start()

    def stop(self) -> None:
        """The interpreter as it was, after a last collection of everything here."""
        self._timer.stop()
        gil.stop_sharing()
        gc.unfreeze()
        gc.collect()
        sys.setswitchinterval(self._switch_interval)
        if self._was_enabled:
            gc.enable()

    def _collect(self) -> None:
        since = time.monotonic() - self._swept_at
        background = QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive
        if since >= SWEEP_ANYWAY_S or (background and since >= SWEEP_IDLE_S):
            sweep()
            self._swept_at = time.monotonic()
        else:
            collect_young()
