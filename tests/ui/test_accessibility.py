"""Every control a CSR can reach by keyboard has a name a screen reader says, as Qt's accessibility layer
computes it (its text, the label it is the buddy of, or an accessible name): the window with each page, the
accept wizard's first page, the dismiss dialog, the settings and the welcome dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QScrollBar, QWidget

from csr_console.ui.bridge import SyncBridge
from csr_console.ui.settings_dialog import SettingsDialog
from csr_console.ui.welcome import WelcomeDialog
from tests.ui.window_helpers import each_page, shown_window


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
    window = shown_window(bridge, qtbot, tmp_path)
    settings, tasks = window.settings, window.tasks
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
    for page in each_page(window, qtbot):
        assert unnamed(window) == [], page

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
