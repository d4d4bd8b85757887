"""Unexpected errors: a dialog that says what happened and where the log is, the console kept running (a
failed action) or offered to quit (the sync engine stopped); Help › Open log folder; `--debug`."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton

from csr_console.ui.error_report import ENGINE_TASK, ErrorReporter
from csr_console.ui.help_menu import build_help_menu, keyboard_map
from csr_console.ui.tasks import TaskRegistry


class OpenedUrls(QObject):
    """Stands in for the desktop's file manager: what the console asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Any:
    urls = OpenedUrls()
    QDesktopServices.setUrlHandler("file", urls, "open")
    yield urls
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def window(qtbot: Any) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def reporter(window: QMainWindow, tmp_path: Path, qloop: asyncio.AbstractEventLoop) -> Any:
    reporter = ErrorReporter(window, tmp_path / "logs" / "csr-console.log")
    reporter.install(qloop)
    yield reporter
    reporter.uninstall(qloop)


def _raise_in_a_slot() -> None:
    raise KeyError("booking 4711 has no location")


def button(box: QMessageBox, text: str) -> QPushButton:
    found = [b for b in box.buttons() if isinstance(b, QPushButton) and b.text() == text]
    assert found, [b.text() for b in box.buttons()]
    return found[0]


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_shown_with_the_log_path_and_the_console_goes_on(
    reporter: ErrorReporter, qtbot: Any, opened: OpenedUrls, tmp_path: Path
) -> None:
    with qtbot.waitSignal(reporter.reported) as reported:
        QTimer.singleShot(0, _raise_in_a_slot)
    assert reported.args == ["KeyError: 'booking 4711 has no location'"]
    box = reporter.dialog
    assert box is not None and box.isVisible()
    assert "KeyError: 'booking 4711 has no location'" in box.text()
    assert "The console keeps running" in box.text()
    assert str(tmp_path / "logs" / "csr-console.log") in box.informativeText()

    QTimer.singleShot(0, _raise_in_a_slot)  # a second one is counted on the same dialog
    qtbot.waitUntil(lambda: "1 more error since this one." in box.informativeText())
    assert reporter.dialog is box

    button(box, "Open log folder").click()
    assert [url.toLocalFile() for url in opened.urls] == [str(tmp_path / "logs")]
    assert box.isVisible()  # the folder opens beside it
    button(box, "Close").click()
    qtbot.waitUntil(lambda: reporter.dialog is None)


def test_an_error_in_a_loop_callback_is_shown(
    reporter: ErrorReporter, qtbot: Any, qloop: asyncio.AbstractEventLoop
) -> None:
    with qtbot.waitSignal(reporter.reported) as reported:
        qloop.call_soon(_raise_in_a_slot)
    assert reported.args[0].startswith("KeyError")
    assert reporter.dialog is not None and reporter.dialog.isVisible()


def test_a_stopped_sync_engine_offers_to_quit(reporter: ErrorReporter, qtbot: Any) -> None:
    tasks = TaskRegistry()
    tasks.on_failure(reporter.task_failed)

    async def engine() -> None:
        raise RuntimeError("the cache's disk is full")

    with qtbot.waitSignal(reporter.reported):
        tasks.spawn(engine(), ENGINE_TASK)
    box = reporter.dialog
    assert box is not None
    assert "The sync engine stopped: RuntimeError: the cache's disk is full" in box.text()
    assert "Bookings no longer update" in box.text()
    with qtbot.waitSignal(reporter.quitRequested):
        button(box, "Quit").click()


def test_help_opens_the_log_folder_and_lists_the_keys(
    window: QMainWindow, opened: OpenedUrls, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addAction("&Quit").setShortcut("Ctrl+Q")
    help_actions = build_help_menu(window)
    help_actions.log_folder.trigger()
    assert len(opened.urls) == 1 and opened.urls[0].toLocalFile().endswith("csr-console/log")
    rows = keyboard_map(window)
    assert ("File", "Quit", "Ctrl+Q") in rows
    assert ("Help", "Keyboard shortcuts", "F1") in rows
    assert ("Lists", "Next row", "J / ↓") in rows


def _console(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state")}
    return subprocess.run(
        [sys.executable, "-m", "csr_console", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_logs_everything_to_the_terminal(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-sandbox.json")
    quiet = _console("--connect", missing, tmp_path=tmp_path)
    loud = _console("--connect", missing, "--debug", tmp_path=tmp_path)
    assert quiet.returncode == loud.returncode == 2  # a --connect file that is not there
    assert "DEBUG" not in quiet.stderr
    assert "DEBUG csr_console.app: starting with {'connect'" in loud.stderr
    assert "'debug': True" in loud.stderr
