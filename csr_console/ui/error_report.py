"""Unexpected errors: logged with their traceback, and shown to the CSR in a dialog that says what
happened, whether the console can go on, and where the log is.

Three doors lead here: an exception escaping a Qt slot (`sys.excepthook`), one escaping a callback of
the asyncio loop (the loop's exception handler), and a task of the TaskRegistry that failed. The console
keeps running after an error in one action — the queue, the cache and the outbox are untouched by it; when
the sync engine itself has stopped, the dialog says that bookings no longer update and offers to quit
(everything queued is on disk and is sent at the next start).

One dialog at a time: errors while it is open are counted on it, not stacked.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from csr_console.logs import redact

log = logging.getLogger(__name__)

#: The task whose failure means the console no longer syncs (see `csr_console.app`).
ENGINE_TASK = "sync engine"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def open_folder(path: Path) -> bool:
    """Show `path` in the desktop's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ErrorReporter(QObject):
    """Catches what nobody else handled and shows it; `quitRequested` when the CSR chooses to quit."""

    quitRequested = Signal()
    #: An error was reported: its one-line summary (tests and the status bar listen).
    reported = Signal(str)

    def __init__(self, parent: QWidget, log_file: Path | None) -> None:
        super().__init__(parent)
        self._window = parent
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self._more = 0
        self._previous_hook: ExceptHook | None = None

    # -- installing ----------------------------------------------------------------------------------
    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self._excepthook
        (loop or asyncio.get_event_loop()).set_exception_handler(self._loop_exception)

    def uninstall(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
        (loop or asyncio.get_event_loop()).set_exception_handler(None)

    # -- the doors -------------------------------------------------------------------------------------
    def _excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        self.report(error)

    def _loop_exception(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if not isinstance(error, BaseException):
            log.error("event loop: %s", context.get("message", context))
            return
        log.error("event loop: %s", context.get("message", ""), exc_info=error)
        self.report(error)

    def task_failed(self, name: str, error: BaseException) -> None:
        """A TaskRegistry listener (the registry has logged the traceback)."""
        self.report(error, engine=name == ENGINE_TASK)

    # -- the dialog ------------------------------------------------------------------------------------
    def report(self, error: BaseException, *, engine: bool = False) -> None:
        summary = summary_of(error)
        self.reported.emit(summary)
        if self.dialog is not None and self.dialog.isVisible():
            self._more += 1
            self.dialog.setInformativeText(self._details(engine=False))
            return
        self._more = 0
        self.dialog = self._dialog(summary, engine=engine)
        self.dialog.open()

    def _dialog(self, summary: str, *, engine: bool) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setObjectName("unexpected-error")
        box.setIcon(QMessageBox.Icon.Warning if not engine else QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Something went wrong"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the message may quote a server's or a customer's words
        if engine:
            text = self.tr(
                "The sync engine stopped: {summary}\n\nBookings no longer update. What you did is kept in "
                "the outbox and is sent when the console starts again. Quit and start it again."
            )
        else:
            text = self.tr(
                "An unexpected error interrupted what the console was doing: {summary}\n\nThe console "
                "keeps running. The queue and the actions already taken are safe; the last step may need "
                "doing again."
            )
        box.setText(text.format(summary=summary))
        box.setInformativeText(self._details(engine=engine))
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        if self.log_file is not None:
            folder: QPushButton = box.addButton(self.tr("Open log folder"), QMessageBox.ButtonRole.ActionRole)
            folder.clicked.disconnect()  # an action button would close the box: keep it open
            folder.clicked.connect(lambda: open_folder(self.log_file.parent) if self.log_file else None)
        if engine:
            quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.DestructiveRole)
            quit_button.clicked.connect(self.quitRequested.emit)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        return box

    def _details(self, *, engine: bool) -> str:
        where = (
            self.tr("The details are in the log: {path}").format(path=self.log_file)
            if self.log_file is not None
            else self.tr("There is no log file (it could not be created); the details went to the terminal.")
        )
        if self._more == 1:
            where += "\n" + self.tr("1 more error since this one.")
        elif self._more:
            where += "\n" + self.tr("{count} more errors since this one.").format(count=self._more)
        return where

    def _closed(self) -> None:
        self.dialog = None
        self._more = 0


def summary_of(error: BaseException) -> str:
    """One line: the error's kind and words (phones and emails redacted), without the traceback."""
    words = redact(str(error)).strip() or traceback.format_exception_only(type(error), error)[-1].strip()
    return f"{type(error).__name__}: {words}"
