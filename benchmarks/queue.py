"""`python -m benchmarks queue --rows 100000`: the booking queue's widget on a 100,000-booking cache.

The cache is filled as `benchmarks queries` fills it; then a fresh process (offscreen Qt) opens it
and measures, in the All view (every booking: the worst case):
- first paint: from that process's start (its start time in /proc) to the table's first paint
  showing rows, interpreter start-up and imports included; then the model loads every booking into
  its in-memory index in a worker thread (the time it is ready is printed);
- each filter keystroke: a name and a phone number typed a character at a time, each prefix a pass
  over the index and a model reset, then the repaint (p95 over the keystrokes);
- sort: the header's sorts (customer, source, requested, status, age), each a re-sort of the index,
  a pass over it and a repaint (the slowest is reported);
- beside them, a QSortFilterProxyModel over a plain table model holding every row (what the issue
  measured at 0.9 s per filter and 24 s per sort), in the same process: filter keystrokes on the
  customer column and a sort by customer;
- RSS: the process's peak before the baseline's model is built.

`--offline` measures instead the console's start with no network: the child opens the whole main
window (New view, as a CSR starts it) over the same cache, its client pointed at a closed loopback
port, and runs the sync engine on the qasync loop as the app does. It reports first_paint_ms (process
start to the queue's first paint showing rows) and offline_banner_ms (process start to the offline
banner shown, once the engine's first calls have failed).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._support import peak_rss_mb, report
from benchmarks.queries import filled_cache

NAME_TYPED = "maria garcia"
PHONE_TYPED = "555-0142"
#: The baseline's keystrokes: each costs about a second, the first few say enough.
BASELINE_KEYSTROKES = 5


def _process_age_ms() -> float:
    """Milliseconds since this process started, from its start time in /proc (kernel clock ticks)."""
    ticks = os.sysconf("SC_CLK_TCK")
    started = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return (uptime - started) * 1000


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timed(app: Any, action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    app.processEvents()  # the repaint the CSR waits for
    return (time.perf_counter() - started) * 1000


def _child(cache: Path) -> int:
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from csr_console.store.queries.queue import QueueView
    from csr_console.ui.queue import Column, QueueModel, QueueWidget
    from tests.ui.queue_helpers import bridge_over

    app = QApplication([])
    figures: dict[str, Any] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and widget.model.rowCount()
                and "first_paint_ms" not in figures
            ):
                figures["first_paint_ms"] = -1.0
                QTimer.singleShot(0, self.painted)  # after this paint has been drawn
            return False

        def painted(self) -> None:
            figures["first_paint_ms"] = round(_process_age_ms())
            app.quit()

    with bridge_over(cache) as bridge:
        widget = QueueWidget(bridge, model=QueueModel(bridge.reader, view=QueueView.ALL))
        widget.resize(1200, 800)
        watcher = FirstPaint()
        widget.table.viewport().installEventFilter(watcher)
        widget.show()
        app.exec()
        print(f"first paint {figures['first_paint_ms']} ms after process start (All view)", flush=True)

        model = widget.model
        if not model.indexed:  # filters and sorts are measured on the in-memory index, once loaded
            model.indexReady.connect(app.quit)
            app.exec()
        print(f"index of every booking loaded {_process_age_ms():.0f} ms after process start", flush=True)
        keystrokes: list[float] = []
        for typed in (NAME_TYPED, PHONE_TYPED):
            timings = [
                _timed(app, lambda text=typed[:n]: model.set_search(text)) for n in range(1, len(typed) + 1)
            ]
            print(f"typing {typed!r}: " + " ".join(f"{t:.0f}" for t in timings) + " ms", flush=True)
            keystrokes += timings
            model.set_search("")
        sorts = {}
        for column in (Column.CUSTOMER, Column.SOURCE, Column.REQUESTED, Column.STATUS, Column.AGE):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                sorts[f"{column.name.lower()} {order.name}"] = _timed(
                    app, lambda c=column, o=order: model.sort(c, o)
                )
        print("sorts: " + ", ".join(f"{k} {v:.0f}" for k, v in sorts.items()) + " ms", flush=True)
        figures.update(
            filter_p95_ms=round(_p95(keystrokes), 1),
            sort_ms=round(max(sorts.values()), 1),
            rss_mb=round(peak_rss_mb(), 1),
        )
        widget.hide()
        figures.update(_baseline(app, bridge.reader))
    print(json.dumps(figures), flush=True)
    return 0


def _offline_child(cache: Path) -> int:
    """The main window's start against an unreachable server (see the module's docstring)."""
    import asyncio

    os.environ.setdefault("QT_API", "pyside6")  # qasync would prefer PyQt6 (QT-NOTES trap 3)

    import qasync
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    from csr_console.ui.main_window import MainWindow
    from csr_console.ui.settings import Settings
    from csr_console.ui.tasks import TaskRegistry
    from tests.ui.queue_helpers import bridge_over  # its client's server is a closed port

    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    figures: dict[str, Any] = {}

    async def main() -> None:
        done = asyncio.Event()

        class Watch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if watched is window.offline_banner and event.type() == QEvent.Type.Show:
                    figures.setdefault("offline_banner_ms", round(_process_age_ms()))
                elif (
                    event.type() == QEvent.Type.Paint
                    and window.queue.model.rowCount()
                    and "first_paint_ms" not in figures
                ):
                    figures["first_paint_ms"] = -1.0
                    asyncio.get_running_loop().call_soon(painted)  # after this paint has been drawn
                if "offline_banner_ms" in figures and figures.get("first_paint_ms", -1) > 0:
                    done.set()
                return False

        def painted() -> None:
            figures["first_paint_ms"] = round(_process_age_ms())
            if "offline_banner_ms" in figures:
                done.set()

        with tempfile.TemporaryDirectory() as folder, bridge_over(cache) as bridge:
            settings = Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
            window = MainWindow(bridge, TaskRegistry(), settings, training=False)
            watch = Watch()
            window.queue.table.viewport().installEventFilter(watch)
            window.offline_banner.installEventFilter(watch)
            window.show()
            stop = asyncio.Event()
            engine = asyncio.ensure_future(bridge.service.run(stop))
            try:
                await asyncio.wait_for(done.wait(), 120)
            finally:
                stop.set()
                await asyncio.gather(engine, return_exceptions=True)
                await window.aclose()
                window.hide()
        print(
            f"offline start: first paint {figures['first_paint_ms']} ms, offline banner "
            f"{figures['offline_banner_ms']} ms after process start (New view)",
            flush=True,
        )

    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(main())
    figures["rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(figures), flush=True)
    return 0


def _baseline(app: Any, reader: Any) -> dict[str, float]:
    """QSortFilterProxyModel over a table model holding every row of the All view."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QTableView

    from csr_console.store.queries.queue import QueueView, queue_rows
    from csr_console.ui.queue.cells import place_text, requested_text
    from csr_console.ui.queue.model import Column

    with reader.connect() as connection:
        rows = queue_rows(connection, QueueView.ALL)
    texts = [
        (
            str(r.created_on),
            r.source,
            r.name,
            place_text(r),
            requested_text(r, None),
            r.job_type_name or "",
            r.status,
            "",
        )
        for r in rows
    ]

    class Everything(QAbstractTableModel):
        def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(texts)

        def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(Column)

        def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            return texts[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(Everything())
    proxy.setFilterKeyColumn(Column.CUSTOMER)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 800)
    view.show()
    app.processEvents()
    keystrokes = [
        _timed(app, lambda n=n: proxy.setFilterFixedString(NAME_TYPED[:n]))
        for n in range(1, BASELINE_KEYSTROKES + 1)
    ]
    print("baseline typing: " + " ".join(f"{t:.0f}" for t in keystrokes) + " ms", flush=True)
    proxy.setFilterFixedString("")
    app.processEvents()
    sort = _timed(app, lambda: proxy.sort(Column.CUSTOMER, Qt.SortOrder.AscendingOrder))
    print(f"baseline sort by customer: {sort:.0f} ms", flush=True)
    return {"filter_baseline_ms": round(_p95(keystrokes), 1), "sort_baseline_ms": round(sort, 1)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks queue")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, help="keep (or reuse) the filled cache at this path")
    parser.add_argument(
        "--offline", action="store_true", help="the whole window's start with the server unreachable"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _offline_child(args.cache) if args.offline else _child(args.cache)

    with tempfile.TemporaryDirectory() as folder:
        path = args.cache or Path(folder) / "cache.db"
        filled_cache(path, args.rows).dispose()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        command = [sys.executable, "-m", "benchmarks", "queue", "--child", "--cache", str(path)]
        if args.offline:
            command.append("--offline")
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
        lines = done.stdout.strip().splitlines()
        print("\n".join(lines[:-1]), flush=True)
        child = json.loads(lines[-1])
    if args.offline:
        report({key: child[key] for key in ("first_paint_ms", "offline_banner_ms", "rss_mb")})
        return 0
    keys = ("first_paint_ms", "filter_p95_ms", "filter_baseline_ms", "sort_ms", "sort_baseline_ms", "rss_mb")
    report({key: child[key] for key in keys})
    return 0
