"""The Help menu: the keyboard map (read off the window's own menus, so it never drifts from them), the log
folder, and About."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csr_console.logs import current_log_file, log_directory
from csr_console.ui.error_report import open_folder

#: Keys the lists handle themselves (they are no menu's actions): (keys, what they do).
_LIST_KEYS = (
    ("J / ↓", QT_TRANSLATE_NOOP("HelpMenu", "Next row")),
    ("K / ↑", QT_TRANSLATE_NOOP("HelpMenu", "Previous row")),
    ("Enter", QT_TRANSLATE_NOOP("HelpMenu", "Open the selected booking or lead")),
    ("Esc", QT_TRANSLATE_NOOP("HelpMenu", "Back to the list")),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate("HelpMenu", text)


def keyboard_map(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action with a shortcut, then the lists' own keys."""
    rows = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys and not action.isSeparator():
                rows.append((_plain(top.text()), _plain(action.text()), keys))
    lists = _translate("Lists")
    rows += [(lists, QCoreApplication.translate("HelpMenu", what), keys) for keys, what in _LIST_KEYS]
    return rows


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class KeyboardMapDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = keyboard_map(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 520)


def about_box(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(_translate("About CSR Console"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        _translate(
            "CSR Console {version}\n\nThe bookings that arrive online, answered the moment they land: "
            "accept them as jobs, keep them as leads, or dismiss them with a reason. For ServiceTitan."
        ).format(version=QCoreApplication.applicationVersion() or "0.1.0")
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


@dataclass(frozen=True)
class HelpActions:
    menu: QMenu
    keyboard_map: QAction
    log_folder: QAction
    about: QAction


def build_help_menu(window: QMainWindow) -> HelpActions:
    """Add Help to the window's menu bar."""
    menu = window.menuBar().addMenu(_translate("&Help"))
    keys = QAction(_translate("&Keyboard shortcuts"), window)
    keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    keys.triggered.connect(lambda: _show(KeyboardMapDialog(window)))
    window.addAction(keys)
    logs = QAction(_translate("Open &log folder"), window)
    logs.setStatusTip(_translate("Show the folder of the console's log files (to send to support)"))
    logs.triggered.connect(lambda: open_folder(log_folder()))
    about = QAction(_translate("&About CSR Console"), window)
    about.triggered.connect(lambda: _show(about_box(window)))
    menu.addActions([keys, logs])
    menu.addSeparator()
    menu.addAction(about)
    return HelpActions(menu, keys, logs, about)


def log_folder() -> Path:
    current = current_log_file()
    return current.parent if current is not None else log_directory()


def _show(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
