"""Every control a CSR can reach by keyboard has a name a screen reader says, as Qt's accessibility layer
computes it (its text, the label it is the buddy of, or an accessible name): the window with each page, the
accept wizard's first page, the dismiss dialog, the settings and the welcome dialog."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QScrollBar, QTabBar, QWidget

from csr_console.api import Environment, ServiceTitanClient
from csr_console.store.database import open_cache
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings
from csr_console.ui.settings_dialog import SettingsDialog
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.welcome import WelcomeDialog
from tests.conftest import credentials


@pytest.fixture
def bridge(sandbox: Any, synced_cache: Path, qloop: asyncio.AbstractEventLoop) -> Iterator[SyncBridge]:
    db = open_cache(synced_cache)
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    yield SyncBridge(SyncService(client, db), db, actor="csr:test")
    db.dispose()


def _part_of_a_control(widget: QWidget) -> bool:
    """The line edit inside a combo or spin box, a scroll bar: named through the control they belong to."""
    parent = widget.parentWidget()
    inner_edit = isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox)
    return inner_edit or isinstance(widget, QScrollBar)


def unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        if _part_of_a_control(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            found.append(f"{type(widget).__name__}#{widget.objectName()}")
    return found


def test_every_control_has_an_accessible_name(bridge: SyncBridge, qtbot: Any, tmp_path: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    tasks = TaskRegistry()
    window = MainWindow(bridge, tasks, settings, training=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
    pages = window.findChild(QTabBar)
    assert pages is not None
    for index in range(pages.count()):
        pages.setCurrentIndex(index)
        qtbot.wait(50)
        assert unnamed(window) == [], pages.tabText(index)
    pages.setCurrentIndex(0)

    window.queue.table.selectRow(0)  # the New view: an open booking
    qtbot.waitUntil(window.accept_action.isEnabled)
    wizard = window.open_accept()
    assert wizard is not None
    assert unnamed(wizard) == []
    wizard.reject()
    dismiss = window.open_dismiss(lead_mode=False)
    assert dismiss is not None
    assert unnamed(dismiss) == []
    dismiss.reject()

    dialog = SettingsDialog(settings, tasks, window, bridge=bridge, profiles_path=tmp_path / "profiles.json")
    qtbot.addWidget(dialog)
    dialog.open()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert unnamed(dialog) == [], dialog.tabs.tabText(index)
    dialog.reject()

    welcome = WelcomeDialog(tasks, profiles_path=tmp_path / "profiles.json")
    qtbot.addWidget(welcome)
    welcome.open()
    assert unnamed(welcome) == []
    welcome.reject()
