"""Photograph the console in training mode for the README: `xvfb-run -s "-screen 0 1600x900x24"
.venv/bin/python docs/take_screenshot.py [docs/training-mode.png]`.

It runs the real console in-process (`csr_console.app.run_console`, training mode with the user's data
directory: point XDG_DATA_HOME elsewhere for a fresh company), waits until the queue shows bookings and
the engine is online, selects the first booking, grabs the window and quits the console in order.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import PySide6  # noqa: F401  (before qasync: QT-NOTES trap 3)
import qasync

from csr_console.app import Target, application, run_console
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings

#: How long the queue is given to fill and the window to settle.
SETTLE_S = 6.0


async def photograph(path: Path) -> None:
    stop = asyncio.Event()
    windows: list[MainWindow] = []
    console = asyncio.ensure_future(run_console(Target(), Settings(), stop, on_window=windows.append))
    while not windows or windows[0].queue.model.rowCount() == 0:
        if console.done():
            await console  # it failed: say why
        await asyncio.sleep(0.2)
    window = windows[0]
    while not window.status.connection_label.text().startswith("Online"):
        await asyncio.sleep(0.2)
    window.queue.focus_table()
    window._open_selected()
    await asyncio.sleep(SETTLE_S)
    window.grab().save(str(path))
    stop.set()
    await console


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("training-mode.png"))
    application()
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(photograph(path))
    print(f"saved {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
