"""The GUI thread's priority: garbage collected there only, young objects only, a short switch interval."""

from __future__ import annotations

import gc
import sys
import threading
from typing import Any

from csr_console.ui.gui_thread import YOUNG_SCAN_MAX, GuiThreadPriority, collect_young, sweep


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collection_waits_for_the_gui_thread_and_the_interpreter_is_restored(qapp: Any) -> None:
    enabled, interval = gc.isenabled(), sys.getswitchinterval()
    gc.enable()
    try:
        priority = GuiThreadPriority()
        priority.start()
        assert not gc.isenabled() and sys.getswitchinterval() < interval
        threshold = gc.get_threshold()[0]

        def allocate() -> None:  # a worker thread's allocations no longer set off a collection
            for _ in range(threshold * 3):
                _Cycle()

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert gc.get_count()[0] > threshold
        assert collect_young() >= threshold * 3  # the cycles, found on this thread
        priority.stop()
        assert gc.isenabled() and sys.getswitchinterval() == interval
        assert gc.get_freeze_count() == 0
    finally:
        if not enabled:
            gc.disable()


def test_survivors_are_not_scanned_again_until_a_sweep(qapp: Any) -> None:
    try:
        kept = [_Cycle() for _ in range(5_000)]  # long-lived: the queue's rows, say
        collect_young()
        assert gc.get_freeze_count() >= len(kept)
        for item in kept:
            item.me = None  # no longer cycles: the objects die by reference counting
        del kept, item
        lost = [_Cycle() for _ in range(1_000)]
        collect_young()
        del lost  # cycles among frozen objects: only a sweep finds them
        assert collect_young() == 0
        assert sweep() >= 1_000
    finally:
        gc.unfreeze()


def test_a_burst_of_young_objects_is_frozen_unscanned_and_swept_later(qapp: Any) -> None:
    try:
        burst = [_Cycle() for _ in range(YOUNG_SCAN_MAX + 1_000)]  # pages in flight, say
        assert gc.get_count()[0] > YOUNG_SCAN_MAX
        assert collect_young() == 0 and gc.get_freeze_count() >= len(burst)
        del burst  # cycles: nothing frees them but a sweep
        assert collect_young() == 0
        assert sweep() >= YOUNG_SCAN_MAX
    finally:
        gc.unfreeze()
