"""The wizard's third step: when. The open arrival windows of the coming week for the chosen business unit
and job type (dispatch capacity), in the CSR's local time; the customer's requested time preselected when
its window has room; a technician optional. Without the network the CSR enters the window by hand and
dispatch confirms it later."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from csr_console.api import ServiceTitanError
from csr_console.domain.arrival_windows import ArrivalWindow, preselected, visit_span
from csr_console.store.queries.job_reference import TechnicianChoice
from csr_console.sync.outbox.drafts import VisitDraft
from csr_console.ui.forms import plain_label, problem_label, show_problem

#: (business unit id, job type id, from) -> the windows; the wizard's way to ask dispatch.
FetchWindows = Callable[[int, int, datetime], Awaitable[list[ArrivalWindow]]]
#: Starts a coroutine that ends with the wizard (a task must not outlive the widgets it fills).
Spawn = Callable[[Coroutine[Any, Any, None], str], object]
ANY_TECHNICIAN = QT_TRANSLATE_NOOP("AppointmentPage", "Any technician (dispatch assigns)")


def _day(moment: datetime) -> str:
    return f"{moment.astimezone():%a %d %b}"


def _clock(moment: datetime) -> str:
    return f"{moment.astimezone():%I:%M %p}".lstrip("0")


def window_text(window: ArrivalWindow) -> str:
    return f"{_day(window.start)}, {_clock(window.start)} – {_clock(window.end)}"


def _room(window: ArrivalWindow) -> str:
    if not window.available:
        return QCoreApplication.translate("AppointmentPage", "full")
    hours = f"{window.open_hours:g}"
    if window.over_ideal:
        return QCoreApplication.translate("AppointmentPage", "{hours} h open · busy").format(hours=hours)
    return QCoreApplication.translate("AppointmentPage", "{hours} h open").format(hours=hours)


def _any_technician() -> str:
    return QCoreApplication.translate("AppointmentPage", ANY_TECHNICIAN)


def _to_utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


def _to_qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


class AppointmentPage(QWizardPage):
    def __init__(
        self,
        requested: datetime | None,
        technicians: tuple[TechnicianChoice, ...],
        fetch: FetchWindows,
        spawn: Spawn,
        job: Callable[[], tuple[int | None, int | None, timedelta | None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._requested = requested
        self._technicians = technicians
        self._fetch = fetch
        self._spawn = spawn
        self._job = job  # (business unit, job type, visit length) as the job page has them now
        self._fetched_for: tuple[int, int] | None = None
        self._windows: list[ArrivalWindow] = []
        self._restore_visit: VisitDraft | None = None
        self.setTitle(self.tr("Appointment"))
        self.setSubTitle(self.tr("Arrival windows with room in the coming week, in your local time."))

        asked = (
            self.tr("The customer asked for {time}.").format(time=window_text_at(requested))
            if requested
            else self.tr("No preferred time.")
        )
        self.requested_line = plain_label(asked)
        self.state = plain_label("")
        self.state.setObjectName("capacity-state")
        self.windows = QTreeWidget()
        self.windows.setObjectName("windows")
        self.windows.setAccessibleName(self.tr("Arrival windows"))
        self.windows.setHeaderLabels([self.tr("Arrival window"), self.tr("Room")])
        self.windows.setRootIsDecorated(False)
        self.windows.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.manual = QCheckBox(self.tr("&Another time (entered by hand; dispatch confirms it)"))
        self.manual_start = QDateTimeEdit()
        self.manual_start.setCalendarPopup(True)
        self.manual_start.setDisplayFormat("ddd d MMM yyyy h:mm AP")
        self.manual_start.setAccessibleName(self.tr("Arrival window start"))
        self.manual_end = QDateTimeEdit()
        self.manual_end.setCalendarPopup(True)
        self.manual_end.setDisplayFormat("ddd d MMM yyyy h:mm AP")
        self.manual_end.setAccessibleName(self.tr("Arrival window end"))
        start = _next_hour(requested)
        self.manual_start.setDateTime(_to_qt(start))
        self.manual_end.setDateTime(_to_qt(start + timedelta(hours=2)))
        self.manual_box = QGroupBox(self.tr("Arrival window"))
        manual_form = QFormLayout(self.manual_box)
        manual_form.addRow(self.tr("From"), self.manual_start)
        manual_form.addRow(self.tr("To"), self.manual_end)
        self.technician = QComboBox()
        self.technician.setAccessibleName(self.tr("Technician"))
        self.problem = problem_label()

        layout = QVBoxLayout(self)
        layout.addWidget(self.requested_line)
        layout.addWidget(self.state)
        layout.addWidget(self.windows, 1)
        layout.addWidget(self.manual)
        layout.addWidget(self.manual_box)
        technician_form = QFormLayout()
        technician_form.addRow(self.tr("&Technician"), self.technician)
        layout.addLayout(technician_form)
        layout.addWidget(self.problem)

        self.windows.currentItemChanged.connect(self._on_window)
        self.manual.toggled.connect(self._on_manual)
        for edit in (self.manual_start, self.manual_end):
            edit.dateTimeChanged.connect(self._changed)
        self._on_manual()

    # -- windows ------------------------------------------------------------------------------------
    def initializePage(self) -> None:
        unit_id, job_type_id, _ = self._job()
        if unit_id is None or job_type_id is None or (unit_id, job_type_id) == self._fetched_for:
            return
        self._fetched_for = (unit_id, job_type_id)
        self._windows = []
        self.windows.clear()
        self.state.setText(self.tr("Looking up open arrival windows…"))
        self._spawn(self._load(unit_id, job_type_id), "arrival windows")

    async def _load(self, unit_id: int, job_type_id: int) -> None:
        try:
            windows = await self._fetch(unit_id, job_type_id, datetime.now(UTC))
        except ServiceTitanError as error:
            if self._fetched_for == (unit_id, job_type_id):
                self._fetched_for = None  # ask again when the CSR comes back to this page
                self.state.setText(
                    self.tr("Open windows could not be fetched ({error}). Enter the window yourself.").format(
                        error=error
                    )
                )
                self.manual.setChecked(True)
                self._apply_restore()
            return
        if self._fetched_for == (unit_id, job_type_id):  # else the CSR changed the job meanwhile
            self.show_windows(windows)

    def show_windows(self, windows: list[ArrivalWindow]) -> None:
        self._windows = windows
        self.windows.clear()
        for window in windows:
            item = QTreeWidgetItem([window_text(window), _room(window)])
            if not window.available:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable)
            self.windows.addTopLevelItem(item)
        self.windows.resizeColumnToContents(0)
        free = sum(w.available for w in windows)
        self.state.setText(
            self.tr("{free} of {total} windows have room.").format(free=free, total=len(windows))
            if windows
            else self.tr("No windows open.")
        )
        if self._restore_visit is not None:
            self._apply_restore()
        else:
            index = preselected(windows, self._requested)
            if index is not None:
                self.windows.setCurrentItem(self.windows.topLevelItem(index))
        if self.isVisible():
            self.windows.setFocus()
        self._changed()

    def chosen_window(self) -> ArrivalWindow | None:
        item = self.windows.currentItem()
        if item is None or self.manual.isChecked():
            return None
        return self._windows[self.windows.indexOfTopLevelItem(item)]

    def _on_window(self) -> None:
        window = self.chosen_window()
        self.technician.clear()
        self.technician.addItem(_any_technician(), None)
        if window is not None:
            for technician in window.technicians:
                if technician.available:
                    self.technician.addItem(technician.name, technician.id)
        else:
            unit_id = self._job()[0]
            for choice in self._technicians:
                if choice.business_unit_id in (None, unit_id):
                    self.technician.addItem(choice.name, choice.id)
        self._changed()

    def _on_manual(self) -> None:
        manual = self.manual.isChecked()
        self.manual_box.setVisible(manual)
        self.windows.setEnabled(not manual)
        self._on_window()

    # -- the visit ----------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        if self.manual.isChecked():
            start, end = _to_utc(self.manual_start), _to_utc(self.manual_end)
            if end <= start:
                return [self.tr("The arrival window must end after it starts.")]
            if start < datetime.now(UTC) - timedelta(minutes=5):
                return [self.tr("The arrival window is in the past.")]
            return []
        if self.chosen_window() is None:
            return [self.tr("Choose an arrival window, or enter another time.")]
        return []

    def _changed(self) -> None:
        show_problem(self.problem, " ".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()

    def visit(self) -> VisitDraft:
        length = self._job()[2]
        technician = self.technician.currentData()
        window = self.chosen_window()
        if window is None:
            manual = ArrivalWindow(_to_utc(self.manual_start), _to_utc(self.manual_end), 0, 0, True, False)
            start, end = visit_span(manual, length)
            window_start, window_end = manual.start, manual.end
        else:
            start, end = visit_span(window, length)
            window_start, window_end = window.start, window.end
        return VisitDraft(
            start=start,
            end=end,
            arrival_window_start=window_start,
            arrival_window_end=window_end,
            technician_ids=(technician,) if technician is not None else (),
        )

    def describe(self) -> str:
        visit = self.visit()
        window = visit.arrival_window_start or visit.start
        end = visit.arrival_window_end or visit.end
        who = self.technician.currentText() if visit.technician_ids else _any_technician()
        return f"{_day(window)}, {_clock(window)} – {_clock(end)}; {who}"

    def restore(self, visit: VisitDraft) -> None:
        """A previous attempt's window: selected when dispatch still offers it (now, or once the windows
        arrive), else entered by hand."""
        self._restore_visit = visit
        if self._windows:
            self._apply_restore()

    def _apply_restore(self) -> None:
        visit, self._restore_visit = self._restore_visit, None
        if visit is None:
            return
        index = next(
            (
                i
                for i, window in enumerate(self._windows)
                if window.available and window.start == visit.arrival_window_start
            ),
            None,
        )
        if index is not None:
            self.manual.setChecked(False)
            self.windows.setCurrentItem(self.windows.topLevelItem(index))
        else:
            self.manual.setChecked(True)
            self.manual_start.setDateTime(_to_qt(visit.arrival_window_start or visit.start))
            self.manual_end.setDateTime(_to_qt(visit.arrival_window_end or visit.end))
        if visit.technician_ids:
            self.technician.setCurrentIndex(max(0, self.technician.findData(visit.technician_ids[0])))


def window_text_at(moment: datetime) -> str:
    return f"{_day(moment)}, {_clock(moment)}"


def _next_hour(requested: datetime | None) -> datetime:
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return requested if requested is not None and requested > now else now
