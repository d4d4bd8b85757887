"""An address to create (a new customer's or a new location's), prefilled from the booking and checked
the way the API will check it: every part but the unit."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from csr_console.store.queries.address import AddressParts
from csr_console.sync.outbox.drafts import AddressDraft

DEFAULT_COUNTRY = "USA"
_ZIP = re.compile(r"^\d{5}(-?\d{4})?$")
_LABELS = (
    ("street", QT_TRANSLATE_NOOP("AddressForm", "Street")),
    ("unit", QT_TRANSLATE_NOOP("AddressForm", "Unit")),
    ("city", QT_TRANSLATE_NOOP("AddressForm", "City")),
    ("state", QT_TRANSLATE_NOOP("AddressForm", "State")),
    ("zip", QT_TRANSLATE_NOOP("AddressForm", "Zip")),
    ("country", QT_TRANSLATE_NOOP("AddressForm", "Country")),
)


def _label(text: str) -> str:
    return QCoreApplication.translate("AddressForm", text)


class AddressForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part, text in _LABELS:
            label = _label(text)
            edit = QLineEdit(self)
            edit.setAccessibleName(label)
            edit.setObjectName(part)
            edit.textChanged.connect(self.changed)
            self.fields[part] = edit
            layout.addRow(label, edit)
        self.fields["unit"].setPlaceholderText(self.tr("Apt, suite… (optional)"))

    def set_address(self, address: AddressParts | AddressDraft | None) -> None:
        for part, edit in self.fields.items():
            value = getattr(address, part, None) if address is not None else None
            edit.setText(value or (DEFAULT_COUNTRY if part == "country" else ""))

    def value(self, part: str) -> str:
        return self.fields[part].text().strip()

    def problems(self, whose: str) -> list[str]:
        """What keeps the address from being created, in the CSR's words ("The location's address…")."""
        missing = [_label(text).lower() for part, text in _LABELS if part != "unit" and not self.value(part)]
        found = []
        if missing:
            found.append(
                self.tr("{whose} address needs a {parts}.").format(whose=whose, parts=", ".join(missing))
            )
        zip_code = self.value("zip")
        if zip_code and not _ZIP.match(zip_code):
            found.append(self.tr("{whose} zip must be 5 digits, or ZIP+4 (75006-1234).").format(whose=whose))
        return found

    def draft(self) -> AddressDraft:
        return AddressDraft(
            street=self.value("street"),
            unit=self.value("unit") or None,
            city=self.value("city"),
            state=self.value("state"),
            zip=self.value("zip"),
            country=self.value("country"),
        )
