"""Python's cyclic garbage collection on the GUI thread only.

The collector runs in whichever thread happens to allocate when its threshold is crossed: the sync
engine's write thread, a queue read, `asyncio.to_thread`. If a cycle it frees holds a Qt object (a closed
dialog, a replaced model), Qt deletes that object from the wrong thread and the process aborts later,
at random. So, as pyqtgraph's and other Qt apps' collectors do, automatic collection is turned off and
a GUI-thread timer collects by the same thresholds instead.

A full collection scans every object Python tracks: with the queue's index of 100,000 bookings that is a
140 ms stall of the GUI. So what survives a full collection is frozen (`gc.freeze`, as Instagram's
servers do after start-up) and the next full collection scans only what came after. The price: a
reference cycle among such long-lived objects that turns to garbage later stays until the console
stops (ordinary garbage, freed by reference counts, is not affected).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the timer looks at the allocation counts.
CHECK_MS = 1000


def collect_if_due(thresholds: tuple[int, int, int]) -> int:
    """Collect the oldest generation whose count passed its threshold (as the automatic collector
    would), freezing the survivors of a full collection; answers the generation collected, -1 for none."""
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            if generation == 2:
                gc.freeze()
            return generation
    return -1


class GuiThreadCollector(QObject):
    """While it runs, every cyclic collection happens on the thread that made it (the GUI's)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(lambda: collect_if_due(self._thresholds))

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Back to automatic collection, after one full collection here of everything."""
        self._timer.stop()
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()
