"""Photograph the console in training mode for the README: `xvfb-run -s "-screen 0 1600x900x24"
.venv/bin/python docs/take_screenshot.py [docs/]`.

It runs the real console in-process (`csr_console.app.run_console`, training mode with the user's data
directory: point XDG_DATA_HOME elsewhere for a fresh company), waits until the queue shows bookings and
the engine is online, selects the first booking and grabs the window (training-mode.png); then the Leads
page with its first lead (leads.png), two supervisor reports (report-summary.png, report-speed.png), and
the queue again in the dark palette (dark-mode.png), and quits the console in order. Before all that, the
first run's welcome dialog (first-run.png).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import PySide6  # noqa: F401  (before qasync: QT-NOTES trap 3)
import qasync

from csr_console.app import Target, application, run_console
from csr_console.ui.appearance import Scheme, apply_scheme
from csr_console.ui.leads import LEAD_ID_ROLE
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.welcome import WelcomeDialog

#: How long the queue is given to fill and the window to settle.
SETTLE_S = 6.0


async def photograph_welcome(folder: Path) -> None:
    welcome = WelcomeDialog(TaskRegistry())
    welcome.show()
    await asyncio.sleep(1.0)
    welcome.grab().save(str(folder / "first-run.png"))
    welcome.close()
    welcome.deleteLater()


async def photograph(folder: Path) -> None:
    await photograph_welcome(folder)
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
    window.grab().save(str(folder / "training-mode.png"))

    window.workspace.setCurrentWidget(window.leads)
    await asyncio.sleep(SETTLE_S / 2)
    window.leads.focus_tree()
    first = window.leads.model.index(0, 0, window.leads.model.index(0, 0))
    window.leads.select_lead(first.data(LEAD_ID_ROLE))
    await asyncio.sleep(SETTLE_S / 2)
    window.grab().save(str(folder / "leads.png"))

    window.workspace.setCurrentWidget(window.reports)
    for report, name in ((window.reports.summary, "report-summary"), (window.reports.speed, "report-speed")):
        window.reports.tabs.setCurrentWidget(report)
        await asyncio.sleep(SETTLE_S)
        window.grab().save(str(folder / f"{name}.png"))

    app = application()
    apply_scheme(app, Scheme.DARK)
    window.workspace.setCurrentIndex(0)  # the bookings
    await asyncio.sleep(SETTLE_S / 2)
    window.grab().save(str(folder / "dark-mode.png"))
    apply_scheme(app, Scheme.SYSTEM)
    stop.set()
    await console


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    application()
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        runner.run(photograph(folder))
    print(f"saved the screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
