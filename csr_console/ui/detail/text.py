"""How the detail pane writes values: API text always as plain, selectable text; times in local time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import quote

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from csr_console.domain.contacts import phone_digits
from csr_console.store.queries.address import AddressParts

NO_PREFERRED_TIME = QT_TRANSLATE_NOOP("DetailText", "No preferred time — call to schedule")


def plain(text: str, parent: QWidget | None = None, *, name: str | None = None) -> QLabel:
    """A label for a value that came from the API: never rich text, so markup shows as typed."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def local_time(moment: datetime) -> str:
    """A UTC moment in the CSR's local time, e.g. 'Tue 14 Jan 2025, 9:30 AM CST'."""
    local = moment.astimezone()
    return f"{local:%a %d %b %Y}, {local:%I:%M %p}".replace(", 0", ", ") + f" {local:%Z}"


def requested_start(start: datetime | None) -> str:
    return QCoreApplication.translate("DetailText", NO_PREFERRED_TIME) if start is None else local_time(start)


def delivery_lag(lag_ms: int) -> str:
    seconds = lag_ms / 1000
    if seconds < 90:
        text = QCoreApplication.translate("DetailText", "{seconds} s after it was booked")
        return text.format(seconds=f"{seconds:.1f}")
    if seconds < 90 * 60:
        text = QCoreApplication.translate("DetailText", "{minutes} min after it was booked")
        return text.format(minutes=f"{seconds / 60:.0f}")
    text = QCoreApplication.translate("DetailText", "{hours} h after it was booked")
    return text.format(hours=f"{seconds / 3600:.1f}")


def yes_no(value: bool | None) -> str:
    if value is None:
        return QCoreApplication.translate("DetailText", "Unknown")
    return (
        QCoreApplication.translate("DetailText", "Yes")
        if value
        else QCoreApplication.translate("DetailText", "No")
    )


def one_line_address(address: AddressParts) -> str:
    street = ", ".join(part for part in (address.street, address.unit) if part)
    region = " ".join(part for part in (address.state, address.zip) if part)
    return ", ".join(part for part in (street, address.city, region) if part)


# -- links built by us from the value: the value itself is never rendered as a link -----------------
def tel_url(value: str) -> QUrl:
    return QUrl(f"tel:+1{digits}" if len(digits := phone_digits(value)) == 10 else f"tel:{digits}")


def mailto_url(value: str) -> QUrl:
    return QUrl(f"mailto:{quote(value.strip(), safe='@')}")


def map_url(address: str) -> QUrl:
    return QUrl(f"https://www.openstreetmap.org/search?query={quote(address, safe='')}")


def open_url(url: QUrl) -> None:
    QDesktopServices.openUrl(url)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


def action_button(
    text: str, tooltip: str, act: Callable[[], None], parent: QWidget | None = None
) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tooltip)
    button.setAutoRaise(True)
    button.clicked.connect(act)
    return button
