"""An address to create (a new customer's or a new location's), prefilled from the booking and checked
the way the API will check it: every part but the unit."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from csr_console.store.queries.address import AddressParts
from csr_console.sync.outbox.drafts import AddressDraft

DEFAULT_COUNTRY = "USA"
_ZIP = re.compile(r"^\d{5}(-?\d{4})?$")
_LABELS = (
    ("street", "Street"),
    ("unit", "Unit"),
    ("city", "City"),
    ("state", "State"),
    ("zip", "Zip"),
    ("country", "Country"),
)


class AddressForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part, label in _LABELS:
            edit = QLineEdit(self)
            edit.setAccessibleName(label)
            edit.setObjectName(part)
            edit.textChanged.connect(self.changed)
            self.fields[part] = edit
            layout.addRow(label, edit)
        self.fields["unit"].setPlaceholderText("Apt, suite… (optional)")

    def set_address(self, address: AddressParts | AddressDraft | None) -> None:
        for part, edit in self.fields.items():
            value = getattr(address, part, None) if address is not None else None
            edit.setText(value or (DEFAULT_COUNTRY if part == "country" else ""))

    def value(self, part: str) -> str:
        return self.fields[part].text().strip()

    def problems(self, whose: str) -> list[str]:
        """What keeps the address from being created, in the CSR's words ("The location's address…")."""
        missing = [label.lower() for part, label in _LABELS if part != "unit" and not self.value(part)]
        found = []
        if missing:
            found.append(f"{whose} address needs a {', '.join(missing)}.")
        zip_code = self.value("zip")
        if zip_code and not _ZIP.match(zip_code):
            found.append(f"{whose} zip must be 5 digits, or ZIP+4 (75006-1234).")
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
