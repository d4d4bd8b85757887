"""Reclassify a booking: give it a real job type (it came with none, or the partners' "Unknown") and a
business unit that books that job type.

Opened with `open()`, never `exec()` (QT-NOTES trap 2). The choices come from the cache; "Unknown" is
not one of them, and the business units offered are the chosen job type's (every active unit when the
tenant does not map job types to units). What the booking already has is preselected when it fits, by
the same rule as the job-type prefill (domain/job_type_mapping.py). On OK a ReclassifyBooking goes to the
outbox; a refused or invalid action is said in the dialog, which stays open with what the CSR chose.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPushButton, QVBoxLayout, QWidget

from csr_console.domain.job_type_mapping import Prefill, prefill
from csr_console.store.queries.booking_detail import booking_detail
from csr_console.store.queries.choices import Choice
from csr_console.store.queries.job_reference import business_units, job_types
from csr_console.sync.outbox import ActionRefused, InvalidAction, ReclassifyBooking
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.sections import job_type_text
from csr_console.ui.forms import choice_combo, plain_label, problem_label, select_data, show_problem
from csr_console.ui.phrases import said


class ReclassifyDialog(QDialog):
    #: The id of the ReclassifyBooking put in the outbox (after the dialog closed with OK).
    enqueued = Signal(str)

    def __init__(self, bridge: SyncBridge, booking_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._booking_id = booking_id
        with bridge.reader.connect() as connection:
            self._booking = booking_detail(connection, booking_id)
            every_type = job_types(connection)
            self._units = business_units(connection)
        offered = [choice for choice in every_type if not choice.unknown]
        self._unknown_ids = {choice.id for choice in every_type if choice.unknown}
        self._units_of = {choice.id: choice.business_unit_ids for choice in offered}
        booking = self._booking
        name = booking.name if booking else self.tr("booking {id}").format(id=booking_id)
        self.setWindowTitle(self.tr("Reclassify {name}").format(name=name))

        self.now = plain_label()
        self.now.setObjectName("now")
        self.note = plain_label()
        self.note.setObjectName("note")
        self.job_type = choice_combo((Choice(c.id, c.name) for c in offered), self.tr("Choose a job type…"))
        self.job_type.setAccessibleName(self.tr("Job type"))
        self.business_unit = choice_combo((), self.tr("Choose a business unit…"))
        self.business_unit.setAccessibleName(self.tr("Business unit"))
        self.problem = problem_label()
        self.refused = problem_label("refused")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Now"), self.now)
        form.addRow(self.tr("&Job type"), self.job_type)
        form.addRow(self.tr("&Business unit"), self.business_unit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)

        if booking is None:
            self.now.setText(self.tr("This booking is no longer in the cache."))
            self.job_type.setEnabled(False)
            self.business_unit.setEnabled(False)
        else:
            unit = booking.business_unit_name or (
                self.tr("business unit {id}").format(id=booking.business_unit_id)
                if booking.business_unit_id
                else self.tr("no business unit")
            )
            self.now.setText(f"{job_type_text(booking)}, {unit}")
            first = self._prefill(booking.job_type_id, booking.business_unit_id)
            self.note.setText(first.note)
            select_data(self.job_type, first.job_type_id)
            self._fill_units(first.business_unit_id)
        self.note.setVisible(bool(self.note.text()))
        self.job_type.currentIndexChanged.connect(self._job_type_chosen)
        self.business_unit.currentIndexChanged.connect(self._validate)
        self._validate()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _prefill(self, job_type_id: int | None, business_unit_id: int | None) -> Prefill:
        assert self._booking is not None
        return prefill(
            job_type_id,
            business_unit_id,
            source=self._booking.source,
            standard=None,
            entries=(),
            job_type_units=self._units_of,
            unknown_job_type_ids=self._unknown_ids,
        )

    def _allowed_units(self) -> list[Choice]:
        job_type_id = self.job_type.currentData()
        if job_type_id is None:
            return []
        allowed = self._units_of.get(job_type_id, ())
        return [unit for unit in self._units if not allowed or unit.id in allowed]

    def _fill_units(self, preferred: int | None) -> None:
        self.business_unit.blockSignals(True)  # one validation once the list is whole
        self.business_unit.clear()
        for unit in self._allowed_units():
            self.business_unit.addItem(unit.name, unit.id)
        select_data(self.business_unit, preferred)
        self.business_unit.setEnabled(self.business_unit.count() > 0)
        self.business_unit.blockSignals(False)

    def _job_type_chosen(self) -> None:
        """Keep the unit chosen (else the booking's) when the new job type allows it, else its only one."""
        assert self._booking is not None
        preferred = self.business_unit.currentData() or self._booking.business_unit_id
        self._fill_units(self._prefill(self.job_type.currentData(), preferred).business_unit_id)
        self._validate()

    def _problem_text(self) -> str:
        if self._booking is None:
            return ""
        if self.job_type.currentData() is None:
            return self.tr("Choose the job type the customer needs.")
        if self.business_unit.count() == 0:
            return self.tr("No active business unit books this job type: choose another.")
        if self.business_unit.currentData() is None:
            return self.tr("Choose the business unit that books it.")
        return ""

    def _validate(self) -> None:
        problem = self._problem_text()
        show_problem(self.problem, problem)
        show_problem(self.refused, "")
        self.ok_button.setEnabled(self._booking is not None and not problem)

    def action(self) -> ReclassifyBooking:
        """The action the dialog's choices describe (valid when OK is enabled)."""
        assert self._booking is not None
        return ReclassifyBooking(
            self._booking_id,
            self._booking.booking_provider_id,
            self.job_type.currentData(),
            self.business_unit.currentData(),
        )

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            action_id = self._bridge.service.enqueue(self.action(), self._bridge.actor)
        except (ActionRefused, InvalidAction) as refused:
            # The dialog stays open with what the CSR chose.
            show_problem(self.refused, said(refused, "OutboxMessages"))
            return
        super().accept()
        self.enqueued.emit(action_id)
