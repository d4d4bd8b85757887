"""`python -m benchmarks ui-stall --bookings 100000`: how long the GUI thread stops answering while an
initial sync of a long booking history runs on the same qasync loop.

A sandbox pre-seeded with `--bookings` extra (dismissed) bookings, a fresh cache, and in this process the
real MainWindow (offscreen unless QT_QPA_PLATFORM says otherwise) over the real SyncService, run as the
console runs it (GuiThreadPriority included). A 10 ms QTimer on the GUI thread records the gap between
its ticks from the moment the engine starts until every booking has been announced stored; the figure is
the longest gap.

Figures: max_stall_ms (goal <= 50), with p99 of the gaps and the sync's duration printed beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks._support import client_for, report, running_sandbox

TICK_MS = 10
GOAL_MS = 50


async def _measure(info: dict[str, Any], cache: Path, wanted: int) -> tuple[list[float], float, int]:
    from PySide6.QtCore import QSettings, QTimer

    from csr_console.store.database import open_cache
    from csr_console.store.meta import bind_cache
    from csr_console.sync.changes import ChangeSet
    from csr_console.sync.service import SyncService
    from csr_console.ui.bridge import SyncBridge
    from csr_console.ui.gui_thread import GuiThreadPriority
    from csr_console.ui.main_window import MainWindow
    from csr_console.ui.settings import Settings
    from csr_console.ui.tasks import TaskRegistry

    db = open_cache(cache)
    bind_cache(db, tenant=info["tenant"], api_base=info["base_url"])
    settings = Settings(QSettings(str(cache.with_suffix(".ini")), QSettings.Format.IniFormat))
    gaps: list[float] = []
    priority = GuiThreadPriority()  # as the console runs (csr_console.app)
    priority.start()
    async with client_for(info) as client:
        await client.warm_up()
        service = SyncService(client, db)
        bridge = SyncBridge(service, db, actor="csr:benchmark")
        stored: set[object] = set()  # counted from the engine's announcements: no query on the GUI thread

        def count(changes: ChangeSet) -> None:
            stored.update(changes.of("booking"))

        service.changes.subscribe(count)
        tasks = TaskRegistry()
        window = MainWindow(bridge, tasks, settings, training=True)
        window.show()
        await asyncio.sleep(0.5)  # first paint and layout are not what is measured

        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            gaps.append((now - last) * 1000)
            last = now

        timer = QTimer()
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        stop = asyncio.Event()
        started = time.perf_counter()
        last = started
        timer.start()
        engine = asyncio.get_running_loop().create_task(service.run(stop))
        while len(stored) < wanted and not engine.done():
            await asyncio.sleep(0.25)
        elapsed = time.perf_counter() - started
        timer.stop()
        stop.set()
        await engine
        await tasks.cancel_all()
        await window.aclose()
        window.hide()
        window.deleteLater()
    priority.stop()
    db.dispose()
    return gaps, elapsed, len(stored)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks ui-stall")
    parser.add_argument("--bookings", type=int, default=100_000, help="extra bookings in the sandbox")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import PySide6  # noqa: F401  (before qasync: QT-NOTES trap 3)
    import qasync
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        print(f"preparing a sandbox with {args.bookings} extra bookings ...", flush=True)
        extra = ("--lead-rate", "0", "--extra-bookings", str(args.bookings))
        with running_sandbox(Path(folder) / "sandbox.db", *extra, timeout=900) as (info, prepared_s):
            print(f"sandbox ready in {prepared_s:.1f} s", flush=True)
            with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
                gaps, elapsed, stored = runner.run(_measure(info, Path(folder) / "cache.db", args.bookings))
    del app
    worst = max(gaps)
    p99 = statistics.quantiles(gaps, n=100)[98]
    over = sum(gap > GOAL_MS for gap in gaps)
    print(
        f"{stored} bookings synced in {elapsed:.1f} s with the window up; {len(gaps)} ticks of {TICK_MS} ms: "
        f"longest gap {worst:.1f} ms, p99 {p99:.1f} ms, {over} gaps over {GOAL_MS} ms",
        flush=True,
    )
    report({"max_stall_ms": round(worst, 1)})
    return 0
