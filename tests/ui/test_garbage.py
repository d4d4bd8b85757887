"""Garbage is collected on the GUI thread only while the console runs."""

from __future__ import annotations

import gc
import threading
from typing import Any

from csr_console.ui.garbage import GuiThreadCollector, collect_if_due


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collection_waits_for_the_gui_thread(qapp: Any) -> None:
    enabled = gc.isenabled()
    gc.enable()
    try:
        collector = GuiThreadCollector()
        collector.start()
        assert not gc.isenabled()
        threshold = gc.get_threshold()[0]

        def allocate() -> None:  # a worker thread's allocations no longer set off a collection
            for _ in range(threshold * 3):
                _Cycle()

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert gc.get_count()[0] > threshold
        assert collect_if_due(gc.get_threshold()) >= 0
        assert gc.get_count()[0] <= threshold
        collector.stop()
        assert gc.isenabled()
    finally:
        if not enabled:
            gc.disable()


def test_survivors_of_a_full_collection_are_not_scanned_again(qapp: Any) -> None:
    keep = [_Cycle() for _ in range(20_000)]  # long-lived: the queue's index, say
    try:
        for _ in range(gc.get_threshold()[2] + 1):
            gc.collect(1)  # as many middle collections as make a full one due
        assert collect_if_due(gc.get_threshold()) == 2
        assert gc.get_freeze_count() >= len(keep)
    finally:
        gc.unfreeze()
