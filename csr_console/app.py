"""Running the console window: settings -> backend -> cache -> sync engine -> window, and back down.

One asyncio loop runs on Qt's through qasync (QT-NOTES traps 3-5). Closing the window, File › Quit,
SIGINT and SIGTERM all set one `asyncio.Event`; `run_console` awaits it and then, while the loop still
runs, stops the engine (queued actions stay in the outbox, which is on disk already), closes the window,
cancels the UI's tasks, closes the HTTP client, closes the cache and stops the training sandbox — and the
process exits 0 without a traceback.

The window is shown from the cache before any network call finishes: the queue is there at once, and the
engine brings it up to date behind it.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import signal
import sys
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import PySide6  # noqa: F401  (before qasync: it must pick PySide6, QT-NOTES trap 3)
import qasync
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon, QImageReader
from PySide6.QtWidgets import QApplication, QMessageBox

from csr_console.api import ServiceTitanClient, ServiceTitanError
from csr_console.logs import current_log_file, install_file_log, install_redaction
from csr_console.profiles import (
    Connection,
    ProfileError,
    connection_for_profile,
    connection_for_sandbox_line,
    load_profiles,
)
from csr_console.resource_files import APP_ID, app_icon_files, resource_dir
from csr_console.store.database import default_cache_path, open_cache
from csr_console.store.meta import CacheMismatch, bind_cache
from csr_console.sync.job_type_mapping_seed import seed_job_type_mapping
from csr_console.sync.service import SyncService
from csr_console.training import TrainingError, TrainingSandbox
from csr_console.ui.appearance import apply_scheme
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.error_report import ErrorReporter
from csr_console.ui.gui_thread import GuiThreadPriority
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.welcome import TRAINING, WelcomeDialog

log = logging.getLogger("csr_console.app")

APP_NAME = "csr-console"
#: How long the engine gets to finish the requests in flight once asked to stop.
ENGINE_STOP_S = 10.0


@dataclass(frozen=True)
class Target:
    """Where a console connects: a saved profile or a running sandbox (with its cache), or, with no
    connection, training mode (the embedded sandbox supplies both)."""

    connection: Connection | None = None
    cache_path: Path | None = None

    @property
    def training(self) -> bool:
        return self.connection is None


def target_of(args: argparse.Namespace, settings: Settings) -> Target | None:
    """The target `--profile NAME`, `--connect FILE` or `--training` names (raises ProfileError); else
    the profile used last, or training once the welcome dialog chose it; None: ask (the first run)."""
    if args.connect is not None:
        return _target(connection_for_sandbox_line(args.connect))
    name = args.profile or (None if args.training else settings.last_profile)
    if name and (args.profile or name in load_profiles()):
        return _target(connection_for_profile(name))
    if args.training or settings.welcome_done:
        return Target()
    return None


def _target(connection: Connection) -> Target:
    return Target(connection, default_cache_path(connection.name))


async def ask_welcome(settings: Settings, stop: asyncio.Event | None = None) -> Target | None:
    """The first run's welcome dialog; the target chosen (remembered), or None when it was closed or
    `stop` was set meanwhile (SIGTERM)."""
    tasks = TaskRegistry()
    dialog = WelcomeDialog(tasks)
    finished = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda _result: finished.done() or finished.set_result(dialog.choice))
    dialog.open()
    log.info("welcome dialog open: training mode or ServiceTitan?")
    stopped = asyncio.ensure_future((stop or asyncio.Event()).wait())
    try:
        await asyncio.wait({finished, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not finished.done():
            dialog.reject()
        await tasks.cancel_all()
        dialog.deleteLater()
    choice = finished.result() if finished.done() else None
    if choice is None:
        return None
    settings.welcome_done = True
    if isinstance(choice, Connection):
        settings.last_profile = choice.name
    settings.sync()
    return Target() if choice == TRAINING else _target(choice)


async def _run_engine(client: ServiceTitanClient, service: SyncService, stop: asyncio.Event) -> None:
    try:
        await client.warm_up()
    except ServiceTitanError as error:
        # Offline at start: the queue shows the cache and the engine keeps trying (connectivity says so).
        log.warning("could not reach the server at start: %s", error)
    await service.run(stop)


async def _stop_engine(stop: asyncio.Event, engine: asyncio.Task[None]) -> None:
    stop.set()
    try:
        await asyncio.wait_for(asyncio.shield(engine), ENGINE_STOP_S)
    except TimeoutError:
        log.warning("the sync engine did not stop within %.0f s; cancelling it", ENGINE_STOP_S)
        engine.cancel()
        await asyncio.gather(engine, return_exceptions=True)
    except Exception:
        pass  # the registry has logged and reported the engine's failure already


def _log_when_filled(model: QAbstractItemModel) -> None:
    """One INFO line when the queue first shows a booking (packaging/smoke_test.py waits for it)."""
    logged = False

    def check(*_: object) -> None:
        nonlocal logged
        rows = model.rowCount()
        if rows and not logged:
            logged = True
            log.info("queue filled: %d bookings", rows)

    for changed in (model.rowsInserted, model.modelReset, model.layoutChanged):
        changed.connect(check)
    check()  # the first page from the cache may be there already


def _close_window(window: MainWindow) -> None:
    window.quitRequested.disconnect()
    window.hide()
    window.deleteLater()


async def run_console(
    target: Target,
    settings: Settings,
    stop: asyncio.Event,
    *,
    on_window: Callable[[MainWindow], None] | None = None,
) -> None:
    """Open the console, show its window, keep it live until `stop` is set, then shut it down in order.

    `on_window` is called with the window once it is shown (scripts that drive or photograph it)."""
    async with AsyncExitStack() as stack:
        priority = GuiThreadPriority()
        priority.start()
        stack.callback(priority.stop)  # the last thing undone: after the window is deleted
        connection, cache_path = target.connection, target.cache_path
        if connection is None or cache_path is None:
            training = await TrainingSandbox.start()
            stack.push_async_callback(training.stop)
            connection, cache_path = training.connection, training.cache_path
        db = open_cache(cache_path)
        stack.callback(db.dispose)
        bind_cache(db, tenant=connection.credentials.tenant, api_base=connection.environment.api_base)
        client = ServiceTitanClient(connection.credentials, connection.environment)
        stack.push_async_callback(client.aclose)
        service = SyncService(client, db)
        tasks = TaskRegistry()
        stack.push_async_callback(tasks.cancel_all)
        bridge = SyncBridge(service, db, actor=f"csr:{getpass.getuser()}")
        window = MainWindow(bridge, tasks, settings, training=target.training)
        stack.callback(_close_window, window)
        stack.push_async_callback(window.aclose)
        window.quitRequested.connect(stop.set)
        reporter = ErrorReporter(window, current_log_file())
        reporter.quitRequested.connect(stop.set)
        tasks.on_failure(reporter.task_failed)
        reporter.install()
        stack.callback(reporter.uninstall)
        window.show()
        log.info("console open: %s, cache %s", connection.name, cache_path)
        _log_when_filled(window.queue.model)
        if on_window is not None:
            on_window(window)
        engine = tasks.spawn(_run_engine(client, service, stop), "sync engine")
        tasks.spawn(seed_job_type_mapping(client, db), "job-type mapping seed")  # fetches from a sandbox only
        stack.push_async_callback(_stop_engine, stop, engine)
        await stop.wait()


async def _main(target: Target | None, settings: Settings) -> str | None:
    """Run the console (after the welcome dialog when `target` is None); None when it ran and stopped,
    or the CSR closed the welcome dialog; else why it could not start."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    try:
        target = target if target is not None else await ask_welcome(settings, stop)
        if target is not None:
            await run_console(target, settings, stop)
    except (TrainingError, CacheMismatch, OSError) as error:
        return str(error)
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)
    return None


def start_failure_box(reason: str) -> QMessageBox:
    """What a CSR who started the console from a menu sees when it cannot start (no terminal to read)."""
    title = QCoreApplication.translate("Startup", "CSR Console could not start")
    box = QMessageBox(QMessageBox.Icon.Critical, title, "")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the reason may quote a server's or a file's words
    box.setText(
        QCoreApplication.translate(
            "Startup", "CSR Console could not start:\n\n{reason}\n\nNothing was changed. It will close now."
        ).format(reason=reason)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def _report_start_failure(reason: str) -> None:
    print(f"csr-console: {reason}", file=sys.stderr)
    if QGuiApplication.platformName() != "offscreen":  # nobody could answer a dialog there
        start_failure_box(reason).exec()  # the loop has ended: a modal exec nests nothing


def app_icon() -> QIcon:
    """The application icon, sharp at every size and DPI: the SVG, rendered at the size asked for, with Qt's
    SVG support (the bundle and the wheel carry it); else its PNG renderings (16 to 256 px), which Qt's
    pixmap engine picks from and scales."""
    files = app_icon_files()
    scalable = [path for path in files if path.suffix == ".svg"]
    if scalable and b"svg" in QImageReader.supportedImageFormats():
        return QIcon(str(scalable[0]))
    icon = QIcon()
    for path in files:
        if path.suffix == ".png":
            icon.addFile(str(path))
    return icon


def install_translation(app: QApplication) -> QTranslator | None:
    """The catalog of the user's language, if one was compiled (`resources/translations/*.qm`); English,
    the source language, needs none."""
    translator = QTranslator(app)
    folder = str(resource_dir() / "translations")
    if not translator.load(QLocale(), "csr-console", "_", folder) or not app.installTranslator(translator):
        return None
    return translator


def application() -> QApplication:
    """The QApplication, named so that QSettings files land in the user's config directory."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("CSR Console")
    # The .desktop file's name (packaging/linux/): the desktop matches the window to its entry and icon.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    if existing is None:
        install_translation(app)
    # The window's close button is turned into the same orderly shutdown as File › Quit (trap 5).
    app.setQuitOnLastWindowClosed(False)
    return app


def main(args: argparse.Namespace) -> int:
    # --debug: every DEBUG line to the terminal and the file; else warnings to the terminal, INFO to the file.
    level = logging.DEBUG if args.debug else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    install_file_log(level=min(level, logging.INFO))  # private, in the user's log directory
    install_redaction()  # no customer's phone or email in a log line
    log.debug("starting with %s", {key: value for key, value in vars(args).items() if value})
    app = application()
    settings = Settings()
    apply_scheme(app, settings.colour_scheme)
    settings.settingsChanged.connect(
        lambda name: apply_scheme(app, settings.colour_scheme) if name == "colour_scheme" else None
    )
    try:
        target = target_of(args, settings)
    except ProfileError as error:
        print(f"csr-console: {error}", file=sys.stderr)
        return 2
    if args.profile:
        settings.last_profile = args.profile  # its name only: the secret stays in the keyring
        settings.sync()
    with asyncio.Runner(loop_factory=qasync.QEventLoop) as runner:
        failure = runner.run(_main(target, settings))
    if failure is None:
        return 0
    _report_start_failure(failure)
    return 1
