"""The phones and emails to put on a new record, prefilled from the booking: each can be left out or
corrected, and more added."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from csr_console.domain.contacts import phone_digits
from csr_console.domain.enums import ContactType
from csr_console.sync.outbox.drafts import ContactDraft
from csr_console.ui.words import CONTACT_WORDS, contact_word


def contact_problem(type_: ContactType, value: str) -> str:
    """Why the API or the customer would not get far with this contact; empty when it is fine."""
    if type_ is ContactType.EMAIL:
        local, at, domain = value.partition("@")
        if local and at and "." in domain.strip("."):
            return ""
        return QCoreApplication.translate("ContactsEditor", "{value} is not an email address.").format(
            value=repr(value)
        )
    if len(phone_digits(value)) < 10:
        return QCoreApplication.translate(
            "ContactsEditor", "{value} needs at least 10 digits to be a phone number."
        ).format(value=repr(value))
    return ""


class ContactsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QCheckBox, QComboBox, QLineEdit]] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("Add &contact"), self)
        self.add_button.clicked.connect(lambda: self.add(ContactType.MOBILE_PHONE, "", focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self.add_button)

    def set_contacts(self, contacts: Iterable[tuple[ContactType, str]]) -> None:
        for widgets in self._rows:
            for widget in widgets:
                widget.deleteLater()
        self._rows = []
        for type_, value in contacts:
            self.add(type_, value)

    def add(self, type_: ContactType, value: str, *, focus: bool = False) -> None:
        use = QCheckBox(self)
        use.setChecked(True)
        use.setAccessibleName(self.tr("Use this contact"))
        kind = QComboBox(self)
        for contact_type in CONTACT_WORDS:
            kind.addItem(contact_word(contact_type), contact_type)
        kind.setCurrentIndex(kind.findData(type_))
        kind.setAccessibleName(self.tr("Contact type"))
        edit = QLineEdit(value, self)
        edit.setAccessibleName(self.tr("Contact"))
        row = len(self._rows)
        for column, widget in enumerate((use, kind, edit)):
            self._grid.addWidget(widget, row, column)
        use.toggled.connect(self.changed)
        kind.currentIndexChanged.connect(self.changed)
        edit.textChanged.connect(self.changed)
        self._rows.append((use, kind, edit))
        if focus:
            edit.setFocus()
        self.changed.emit()

    def _chosen(self) -> list[tuple[ContactType, str]]:
        return [
            (ContactType(kind.currentData()), edit.text().strip())
            for use, kind, edit in self._rows
            if use.isChecked() and edit.text().strip()
        ]

    def problems(self) -> list[str]:
        return [problem for type_, value in self._chosen() if (problem := contact_problem(type_, value))]

    def drafts(self) -> tuple[ContactDraft, ...]:
        return tuple(ContactDraft(type_, value) for type_, value in self._chosen())
