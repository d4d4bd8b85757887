"""`python -m benchmarks alerts --bookings 100000`: what the alerts cost the GUI thread on a big cache.

A cache filled as `benchmarks queries` fills it (the newest 300 bookings New); the figures: building
`Alerts` (it reads the New view once), a change notification of 500 booking ids (a feed page) from its
emission until the tray's count is up to date (the New view read in a worker thread, then applied on
the GUI thread), and the 1 s red check: milliseconds, p95 of `--repeat` runs (building: one run, as at
the console's start).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks._support import peak_rss_mb, report
from benchmarks.queries import filled_cache
from csr_console.api import Credentials, Environment, ServiceTitanClient


def _p95(timings: list[float]) -> float:
    return round(statistics.quantiles(timings, n=20)[-1], 2)


def _timed(repeat: int, work: Callable[[], object]) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks alerts")
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--cache", type=Path, help="keep (or reuse) the filled cache at this path")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from csr_console.sync.changes import ChangeSet
    from csr_console.sync.service import SyncService
    from csr_console.ui.alerts import Alerts
    from csr_console.ui.bridge import SyncBridge
    from csr_console.ui.settings import Settings

    app = QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        engine = filled_cache(args.cache or Path(folder) / "cache.db", args.bookings)
        # No request is made: the engine is never run, only its change hub is used.
        client = ServiceTitanClient(
            Credentials(1, "ak", "cid", "unused"), Environment.custom("http://127.0.0.1:9")
        )
        bridge = SyncBridge(SyncService(client, engine), engine, actor="benchmark")
        settings = Settings(QSettings(str(Path(folder) / "console.ini"), QSettings.Format.IniFormat))
        window = QWidget()

        built: list[Alerts] = []
        startup = _timed(1, lambda: built.append(Alerts(bridge, settings, window)))
        alerts = built[0]

        rng = random.Random(1)
        pages = [
            ChangeSet({"booking": frozenset(rng.sample(range(1, args.bookings + 1), 500))})
            for _ in range(args.repeat)
        ]
        changes = iter(pages)

        def apply_next() -> None:
            bridge.changed.emit(next(changes))
            while alerts.busy:
                app.processEvents()

        page = _timed(args.repeat, apply_next)
        red = _timed(args.repeat, alerts.check_red)
        alerts.shutdown()
        engine.dispose()
    app.quit()
    figures = {
        "bookings": args.bookings,
        "new_bookings": alerts.new_count,
        "startup_ms": round(startup[0], 2),
        "change_500_p95_ms": _p95(page),
        "red_check_p95_ms": _p95(red),
        "rss_mb": round(peak_rss_mb(), 1),
    }
    report(figures)
    return 0
