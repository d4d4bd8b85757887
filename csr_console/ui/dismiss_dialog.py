"""Dismiss a booking with a call reason, or keep it as a lead (which dismisses it too, on the server).

Opened with `open()`, never `exec()` (QT-NOTES trap 2). On OK the action goes to the outbox at once,
held for `UNDO_HOLD_S` so the CSR can undo it from the status bar (`on_enqueued` hands the action id and
the notice's text to whoever shows the offer). A refused action (another closing action is already
waiting on the booking) is said in the dialog, which stays open with what the CSR entered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.domain.extra_details import parse_extra_details
from csr_console.store.queries.booking_detail import BookingDetail, booking_detail
from csr_console.store.queries.choices import call_reasons, campaigns
from csr_console.sync.outbox import Action, ActionRefused, CaptureLead, DismissBooking, InvalidAction
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.forms import choice_combo, plain_label, problem_label, show_problem
from csr_console.ui.phrases import said
from csr_console.ui.undo import UNDO_HOLD_S

#: (action id, what the undo offer says).
EnqueuedCallback = Callable[[str, str], None]


class DismissDialog(QDialog):
    def __init__(
        self,
        bridge: SyncBridge,
        booking_id: int,
        *,
        lead_mode: bool,
        on_enqueued: EnqueuedCallback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._booking_id = booking_id
        self._on_enqueued = on_enqueued
        with bridge.reader.connect() as connection:
            self._booking = booking_detail(connection, booking_id)
            dismiss_reasons = call_reasons(connection, lead=False)
            lead_reasons = call_reasons(connection, lead=True)
            campaign_choices = campaigns(connection)
        name = self._booking.name if self._booking else self.tr("booking {id}").format(id=booking_id)
        if lead_mode:
            self.setWindowTitle(self.tr("Keep {name} as a lead").format(name=name))
        else:
            self.setWindowTitle(self.tr("Dismiss {name}").format(name=name))

        # -- dismissal -------------------------------------------------------------------------------
        self.reason = choice_combo(dismiss_reasons, self.tr("Choose a call reason…"))
        self.reason_problem = problem_label()
        self.memo = QPlainTextEdit()
        self.memo.setPlaceholderText(self.tr("What the CSR should know later (optional)"))
        self.memo.setMaximumHeight(80)
        self._dismiss_box = QGroupBox(self.tr("Dismiss"))
        dismiss_form = QFormLayout(self._dismiss_box)
        dismiss_form.addRow(self.tr("Call reason"), self.reason)
        dismiss_form.addRow("", self.reason_problem)
        dismiss_form.addRow(self.tr("Memo"), self.memo)

        # -- lead --------------------------------------------------------------------------------------
        self.keep_as_lead = QCheckBox(self.tr("Keep as lead (the booking is dismissed with it)"))
        self.lead_reason = choice_combo(lead_reasons, self.tr("Choose a lead reason…"))
        self.campaign = choice_combo(campaign_choices, self.tr("Choose a campaign…"))
        if self._booking is not None and self._booking.campaign_id is not None:
            self.campaign.setCurrentIndex(self.campaign.findData(self._booking.campaign_id))
        self.follow_up = QCheckBox(self.tr("Follow up on"))
        self.follow_up_at = QDateTimeEdit(tomorrow_morning())
        self.follow_up_at.setCalendarPopup(True)
        self.follow_up_at.setDisplayFormat("ddd d MMM yyyy h:mm AP")
        self.follow_up_at.setAccessibleName(self.tr("Follow-up date"))
        self.lead_summary = QPlainTextEdit(_lead_summary(self._booking))
        self.lead_summary.setMaximumHeight(80)
        self.lead_problem = problem_label()
        self._lead_box = QGroupBox(self.tr("Lead"))
        lead_form = QFormLayout(self._lead_box)
        lead_form.addRow(self.tr("Lead reason"), self.lead_reason)
        lead_form.addRow(self.follow_up, self.follow_up_at)
        lead_form.addRow(self.tr("Campaign"), self.campaign)
        lead_form.addRow(self.tr("Summary"), self.lead_summary)
        lead_form.addRow("", self.lead_problem)

        self.refused = problem_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if self._booking is None:
            layout.addWidget(plain_label(self.tr("This booking is no longer in the cache."), self))
        # Capturing a lead is the same dialog with the lead's fields first.
        sections: list[QWidget] = [self.keep_as_lead, self._lead_box, self._dismiss_box]
        if not lead_mode:
            sections = [self._dismiss_box, self.keep_as_lead, self._lead_box]
        for section in sections:
            layout.addWidget(section)
        layout.addWidget(self.refused)
        layout.addWidget(self.buttons)

        for signal in (
            self.reason.currentIndexChanged,
            self.lead_reason.currentIndexChanged,
            self.campaign.currentIndexChanged,
            self.keep_as_lead.toggled,
            self.follow_up.toggled,
            self.follow_up_at.dateTimeChanged,
            self.lead_summary.textChanged,
        ):
            signal.connect(self._validate)
        self.keep_as_lead.setChecked(lead_mode)
        self._validate()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _problems(self) -> tuple[str, str]:
        """(what is wrong with the dismissal, what is wrong with the lead); empty when fine."""
        if not self.keep_as_lead.isChecked():
            return (
                ""
                if self.reason.currentData() is not None
                else self.tr("Choose why the booking is dismissed."),
                "",
            )
        lead: list[str] = []
        if self.lead_reason.currentData() is None and not self.follow_up.isChecked():
            lead.append(self.tr("Choose a lead reason or a follow-up date."))
        if self.follow_up.isChecked() and self.follow_up_at.dateTime() <= QDateTime.currentDateTime():
            lead.append(self.tr("The follow-up date is in the past."))
        if self.campaign.currentData() is None:
            lead.append(self.tr("A lead needs a campaign."))
        if not self.lead_summary.toPlainText().strip():
            lead.append(self.tr("Say what the lead is about."))
        return "", " ".join(lead)

    def _validate(self) -> None:
        as_lead = self.keep_as_lead.isChecked()
        self._lead_box.setEnabled(as_lead)
        # A lead carries its own reason: the dismissal's fields would be dropped, so they are off.
        self._dismiss_box.setEnabled(not as_lead)
        dismissal, lead = self._problems()
        show_problem(self.reason_problem, dismissal)
        show_problem(self.lead_problem, lead)
        self.ok_button.setEnabled(self._booking is not None and not dismissal and not lead)

    def action(self) -> Action:
        """The action the dialog's fields describe (valid when OK is enabled)."""
        if not self.keep_as_lead.isChecked():
            memo = self.memo.toPlainText().strip() or None
            return DismissBooking(self._booking_id, self.reason.currentData(), memo)
        follow_up = None
        if self.follow_up.isChecked():
            follow_up = datetime.fromtimestamp(self.follow_up_at.dateTime().toSecsSinceEpoch(), UTC)
        return CaptureLead(
            self._booking_id,
            self.campaign.currentData(),
            self.lead_summary.toPlainText().strip(),
            call_reason_id=self.lead_reason.currentData(),
            follow_up_date=follow_up,
        )

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            action = self.action()
            action_id = self._bridge.service.enqueue(action, self._bridge.actor, hold_s=UNDO_HOLD_S)
        except (ActionRefused, InvalidAction) as refused:
            # The dialog stays open with what the CSR entered.
            show_problem(self.refused, said(refused, "OutboxMessages"))
            return
        name = self._booking.name if self._booking else self.tr("booking {id}").format(id=self._booking_id)
        if isinstance(action, CaptureLead):
            done = self.tr("Kept {name} as a lead").format(name=name)
        else:
            done = self.tr("Dismissed {name}").format(name=name)
        super().accept()
        self._on_enqueued(action_id, done)


def tomorrow_morning() -> QDateTime:
    tomorrow = QDateTime.currentDateTime().addDays(1)
    tomorrow.setTime(QTime(9, 0))
    return tomorrow


def _lead_summary(booking: BookingDetail | None) -> str:
    """The customer's own words, without the partner's fields, as the lead's starting summary."""
    if booking is None:
        return ""
    return parse_extra_details(booking.summary).free_text or booking.name
