"""DateRangeBar: a report's period as From / To local dates, both included, with presets (Today, Last 7
days, Last 30 days, This month). Picking a preset fills the dates; editing a date makes it Custom."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QWidget

from csr_console.domain.date_ranges import Preset, preset_dates, utc_bounds
from csr_console.ui.forms import plain_label

CUSTOM = QT_TRANSLATE_NOOP("DateRangeBar", "Custom")
DEFAULT_PRESET = Preset.LAST_7_DAYS
#: The presets as the list names them.
PRESET_LABELS = {
    Preset.TODAY: QT_TRANSLATE_NOOP("DateRangeBar", "Today"),
    Preset.LAST_7_DAYS: QT_TRANSLATE_NOOP("DateRangeBar", "Last 7 days"),
    Preset.LAST_30_DAYS: QT_TRANSLATE_NOOP("DateRangeBar", "Last 30 days"),
    Preset.THIS_MONTH: QT_TRANSLATE_NOOP("DateRangeBar", "This month"),
}


def _python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class DateRangeBar(QWidget):
    #: The dates changed (a preset picked, or a date edited).
    rangeChanged = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        preset: Preset = DEFAULT_PRESET,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("preset")
        self.preset_combo.setAccessibleName(self.tr("Report period"))
        for choice in Preset:
            self.preset_combo.addItem(
                QCoreApplication.translate("DateRangeBar", PRESET_LABELS[choice]), choice
            )
        self.preset_combo.addItem(QCoreApplication.translate("DateRangeBar", CUSTOM), None)
        self._custom_index = self.preset_combo.count() - 1
        self.from_edit = _date_edit("from")
        self.from_edit.setAccessibleName(self.tr("First day of the period"))
        self.to_edit = _date_edit("to")
        self.to_edit.setAccessibleName(self.tr("Last day of the period"))
        from_label = plain_label(self.tr("From"))
        from_label.setBuddy(self.from_edit)
        to_label = plain_label(self.tr("To"))
        to_label.setBuddy(self.to_edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset_combo)
        layout.addWidget(from_label)
        layout.addWidget(self.from_edit)
        layout.addWidget(to_label)
        layout.addWidget(self.to_edit)
        layout.addStretch(1)
        self.set_preset(preset)
        self.preset_combo.activated.connect(self._preset_picked)
        self.from_edit.dateChanged.connect(self._from_edited)
        self.to_edit.dateChanged.connect(self._to_edited)

    def dates(self) -> tuple[date, date]:
        """The first and last local dates, both included."""
        return _python_date(self.from_edit.date()), _python_date(self.to_edit.date())

    def bounds(self, tz: tzinfo) -> tuple[datetime, datetime]:
        """The period as [start, end) in UTC, its dates taken in `tz`."""
        return utc_bounds(*self.dates(), tz)

    def preset(self) -> Preset | None:
        """The preset in force; None: dates picked by hand."""
        data = self.preset_combo.currentData()
        return data if isinstance(data, Preset) else None

    def set_preset(self, preset: Preset) -> None:
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))
        self._show_dates(*preset_dates(preset, self._today()))

    def set_dates(self, first: date, last: date) -> None:
        """Pick dates by hand (Custom); `last` is moved up to `first` if it is earlier."""
        self.preset_combo.setCurrentIndex(self._custom_index)
        self._show_dates(first, max(first, last))

    def renew(self) -> None:
        """Move a preset's dates to today's (a report left open overnight), without a signal: the
        caller is about to compute with them."""
        preset = self.preset()
        if preset is not None:
            self._show_dates(*preset_dates(preset, self._today()), quiet=True)

    def _show_dates(self, first: date, last: date, *, quiet: bool = False) -> None:
        if (first, last) == self.dates():
            return
        for edit, value in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        if not quiet:
            self.rangeChanged.emit()

    def _preset_picked(self, index: int) -> None:
        preset = self.preset_combo.itemData(index)
        if isinstance(preset, Preset):
            self.set_preset(preset)

    def _from_edited(self) -> None:
        first, last = self.dates()
        self._edited(first, max(first, last))

    def _to_edited(self) -> None:
        first, last = self.dates()
        self._edited(min(first, last), last)

    def _edited(self, first: date, last: date) -> None:
        self.preset_combo.setCurrentIndex(self._custom_index)
        self._show_dates(first, last, quiet=True)
        self.rangeChanged.emit()
