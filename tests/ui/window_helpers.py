"""The console's main window over a synced cache, as the tests of the whole window open it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabBar

from csr_console.ui.bridge import SyncBridge
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry


def ini_settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def shown_window(bridge: SyncBridge, qtbot: Any, tmp_path: Path, *, training: bool = True) -> MainWindow:
    window = MainWindow(bridge, TaskRegistry(), ini_settings(tmp_path), training=training)
    qtbot.addWidget(window)
    window.show()
    return window


def each_page(window: MainWindow, qtbot: Any) -> Iterator[str]:
    """Show the window's pages one after the other (each is built and laid out), yielding its title."""
    pages = window.findChild(QTabBar)
    assert pages is not None
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        qtbot.wait(50)
        yield pages.tabText(index)
    pages.setCurrentIndex(0)
