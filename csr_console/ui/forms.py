"""Pieces every CSR form uses: plain-text labels, the red line that says what is wrong, and a combo of
cache choices that starts empty so a required choice is never made by accident."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from csr_console.store.queries.choices import Choice
from csr_console.ui.appearance import Role, text_style


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def problem_label(name: str = "problem") -> QLabel:
    label = plain_label()
    label.setObjectName(name)
    label.setStyleSheet(text_style(Role.PROBLEM))
    label.setVisible(False)
    return label


def show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def choice_combo(choices: Iterable[Choice], placeholder: str) -> QComboBox:
    combo = QComboBox()
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    combo.setPlaceholderText(placeholder)
    combo.setCurrentIndex(-1)
    return combo


def select_data(combo: QComboBox, value: object) -> bool:
    """Select the item holding `value`; False (and nothing selected) when there is none."""
    index = combo.findData(value) if value is not None else -1
    combo.setCurrentIndex(index)
    return index >= 0
