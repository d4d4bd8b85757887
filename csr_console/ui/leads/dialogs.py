"""The Leads view's dialogs: log a follow-up, add a note, dismiss a lead, create a lead by hand.

As the booking's dismiss dialog: opened with `open()`, never `exec()` (QT-NOTES trap 2); OK queues the
action in the outbox, held for `UNDO_HOLD_S` so the CSR can undo it (`on_enqueued` hands the action id and
the notice's text to whoever offers the undo); a refused or invalid action is said in the dialog, which
stays open with what the CSR entered. Times are entered in local time and queued in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.domain.contacts import PHONE_TYPES, phone_digits
from csr_console.domain.enums import ContactType, Priority
from csr_console.domain.extra_details import parse_extra_details
from csr_console.store.queries.booking_detail import BookingDetail
from csr_console.store.queries.choices import Choice, call_reasons, campaigns
from csr_console.store.queries.job_reference import JobTypeChoice, business_units, job_types
from csr_console.store.queries.leads import LeadDetail, lead_detail
from csr_console.sync.outbox import (
    Action,
    ActionRefused,
    AddLeadNote,
    CreateLead,
    DismissLead,
    FollowUpLead,
    InvalidAction,
)
from csr_console.ui.accept.address_form import AddressForm
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.dismiss_dialog import tomorrow_morning
from csr_console.ui.forms import choice_combo, plain_label, problem_label, select_data, show_problem
from csr_console.ui.phrases import said
from csr_console.ui.undo import UNDO_HOLD_S
from csr_console.ui.words import priority_word

#: (action id, what the undo offer says).
EnqueuedCallback = Callable[[str, str], None]
NONE = QT_TRANSLATE_NOOP("LeadDialogs", "None")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
#: Fewer digits cannot be a phone number anyone can call back.
_MIN_PHONE_DIGITS = 7


def _utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


def _in_future(edit: QDateTimeEdit) -> bool:
    return edit.dateTime() > QDateTime.currentDateTime()


def _when_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit(tomorrow_morning())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy h:mm AP")
    return edit


def _text_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMaximumHeight(100)
    return edit


def _optional_combo(choices: list[Choice]) -> QComboBox:
    """A choice that may stay unmade: its first item is "None" (no data)."""
    combo = QComboBox()
    combo.addItem(QCoreApplication.translate("LeadDialogs", NONE), None)
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    return combo


class _ActionDialog(QDialog):
    """A form that queues one outbox action on OK; subclasses say what is wrong and what to queue."""

    def __init__(self, bridge: SyncBridge, on_enqueued: EnqueuedCallback, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._on_enqueued = on_enqueued
        self.form = QFormLayout()
        self.problem = problem_label()
        self.refused = problem_label("refused")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.problem)
        self.body.addWidget(self.refused)
        self.body.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def problems(self) -> list[str]:
        raise NotImplementedError

    def action(self) -> Action:
        """The action the fields describe (valid when OK is enabled)."""
        raise NotImplementedError

    def done_text(self) -> str:
        raise NotImplementedError

    def _validate(self) -> None:
        found = self.problems()
        show_problem(self.problem, " ".join(found))
        self.ok_button.setEnabled(not found)

    def accept(self) -> None:
        self._validate()  # again: a follow-up time can pass while the dialog is open
        if not self.ok_button.isEnabled():
            return
        try:
            action = self.action()
            action_id = self._bridge.service.enqueue(action, self._bridge.actor, hold_s=UNDO_HOLD_S)
        except (ActionRefused, InvalidAction) as refused:
            # The dialog stays open with what the CSR entered.
            show_problem(self.refused, said(refused, "OutboxMessages"))
            return
        super().accept()
        self._on_enqueued(action_id, self.done_text())


class _LeadDialog(_ActionDialog):
    """A dialog about one lead of the cache (gone from it: said, and OK stays off)."""

    def __init__(
        self, bridge: SyncBridge, lead_id: int, on_enqueued: EnqueuedCallback, parent: QWidget | None
    ) -> None:
        super().__init__(bridge, on_enqueued, parent)
        self.lead_id = lead_id
        with bridge.reader.connect() as connection:
            self.lead: LeadDetail | None = lead_detail(connection, lead_id)
        if self.lead is None:
            gone = QCoreApplication.translate("LeadDialogs", "This lead is no longer in the cache.")
            self.body.insertWidget(0, plain_label(gone, self))

    @property
    def who(self) -> str:
        lead = self.lead
        name = lead.name or lead.customer_name if lead else None
        return name or QCoreApplication.translate("LeadDialogs", "lead {id}").format(id=self.lead_id)

    def problems(self) -> list[str]:
        if self.lead is not None:
            return []
        return [QCoreApplication.translate("LeadDialogs", "This lead is no longer in the cache.")]


class FollowUpDialog(_LeadDialog):
    """Log a follow-up (what was said) and set when to follow up next."""

    def __init__(
        self,
        bridge: SyncBridge,
        lead_id: int,
        *,
        on_enqueued: EnqueuedCallback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bridge, lead_id, on_enqueued, parent)
        self.setWindowTitle(self.tr("Follow up {who}").format(who=self.who))
        self.when = _when_edit()
        self.text = _text_edit(self.tr("What was said, what comes next (optional)"))
        self.pin = QCheckBox(self.tr("Pin the note to the top"))
        self.form.addRow(self.tr("&Next follow-up"), self.when)
        self.form.addRow(self.tr("N&ote"), self.text)
        self.form.addRow("", self.pin)
        self.when.dateTimeChanged.connect(self._validate)
        self._validate()

    def problems(self) -> list[str]:
        found = super().problems()
        if not _in_future(self.when):
            found.append(self.tr("The next follow-up must be in the future."))
        return found

    def action(self) -> Action:
        text = self.text.toPlainText().strip() or None
        return FollowUpLead(self.lead_id, _utc(self.when), text, self.pin.isChecked())

    def done_text(self) -> str:
        return self.tr("Follow-up logged for {who}").format(who=self.who)


class NoteDialog(_LeadDialog):
    def __init__(
        self,
        bridge: SyncBridge,
        lead_id: int,
        *,
        on_enqueued: EnqueuedCallback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bridge, lead_id, on_enqueued, parent)
        self.setWindowTitle(self.tr("Note on {who}").format(who=self.who))
        self.text = _text_edit(self.tr("The note"))
        self.pin = QCheckBox(self.tr("Pin to the top"))
        self.form.addRow(self.tr("N&ote"), self.text)
        self.form.addRow("", self.pin)
        self.text.textChanged.connect(self._validate)
        self._validate()

    def problems(self) -> list[str]:
        found = super().problems()
        if not self.text.toPlainText().strip():
            found.append(self.tr("Write the note."))
        return found

    def action(self) -> Action:
        return AddLeadNote(self.lead_id, self.text.toPlainText().strip(), self.pin.isChecked())

    def done_text(self) -> str:
        return self.tr("Note added to {who}").format(who=self.who)


class DismissLeadDialog(_LeadDialog):
    def __init__(
        self,
        bridge: SyncBridge,
        lead_id: int,
        *,
        on_enqueued: EnqueuedCallback,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(bridge, lead_id, on_enqueued, parent)
        self.setWindowTitle(self.tr("Dismiss {who}").format(who=self.who))
        with bridge.reader.connect() as connection:
            reasons = call_reasons(connection, lead=False)
        self.reason = choice_combo(reasons, self.tr("Choose a call reason…"))
        self.form.addRow(self.tr("&Reason"), self.reason)
        self.reason.currentIndexChanged.connect(self._validate)
        self._validate()

    def problems(self) -> list[str]:
        found = super().problems()
        if self.reason.currentData() is None:
            found.append(self.tr("Choose why the lead is dismissed."))
        return found

    def action(self) -> Action:
        return DismissLead(self.lead_id, self.reason.currentData())

    def done_text(self) -> str:
        return self.tr("Dismissed {who}").format(who=self.who)


class NewLeadDialog(_ActionDialog):
    """A lead taken by hand (a phone call, a walk-in): campaign and summary, a lead reason or a follow-up
    date (API-NOTES), and what is known of the caller."""

    def __init__(
        self, bridge: SyncBridge, *, on_enqueued: EnqueuedCallback, parent: QWidget | None = None
    ) -> None:
        super().__init__(bridge, on_enqueued, parent)
        self.setWindowTitle(self.tr("New lead"))
        with bridge.reader.connect() as connection:
            campaign_choices = campaigns(connection)
            reasons = call_reasons(connection, lead=True)
            self._units = business_units(connection)
            self._job_types = [choice for choice in job_types(connection) if not choice.unknown]
        self.campaign = choice_combo(campaign_choices, self.tr("Choose a campaign…"))
        self.summary = _text_edit(self.tr("What the caller wants"))
        self.reason = _optional_combo(reasons)
        self.follow_up = QCheckBox(self.tr("Follow up on"))
        self.follow_up_at = _when_edit()
        # Its label is the check box, which Qt does not take for its name.
        self.follow_up_at.setAccessibleName(self.tr("Follow-up date"))
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = AddressForm()
        self.address.set_address(None)
        self.priority = QComboBox()
        for priority in Priority:
            self.priority.addItem(priority_word(priority), priority)
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL))
        self.job_type = _optional_combo([_choice(job_type) for job_type in self._job_types])
        self.business_unit = QComboBox()
        self._fill_business_units()

        self.form.addRow(self.tr("&Campaign"), self.campaign)
        self.form.addRow(self.tr("&Summary"), self.summary)
        self.form.addRow(self.tr("Lead &reason"), self.reason)
        self.form.addRow(self.follow_up, self.follow_up_at)
        self.form.addRow(self.tr("&Name"), self.name)
        self.form.addRow(self.tr("&Phone"), self.phone)
        self.form.addRow(self.tr("&Email"), self.email)
        where = QGroupBox(self.tr("Address (optional)"))
        QVBoxLayout(where).addWidget(self.address)
        self.form.addRow(where)
        self.form.addRow(self.tr("Pr&iority"), self.priority)
        self.form.addRow(self.tr("&Job type"), self.job_type)
        self.form.addRow(self.tr("&Business unit"), self.business_unit)

        self.job_type.currentIndexChanged.connect(self._fill_business_units)
        for signal in (
            self.campaign.currentIndexChanged,
            self.reason.currentIndexChanged,
            self.follow_up.toggled,
            self.follow_up_at.dateTimeChanged,
            self.summary.textChanged,
            self.phone.textChanged,
            self.email.textChanged,
        ):
            signal.connect(self._validate)
        self._validate()

    def _fill_business_units(self) -> None:
        """The business units that may book the job type chosen (a mismatched pair is refused later)."""
        chosen = next((t for t in self._job_types if t.id == self.job_type.currentData()), None)
        allowed = set(chosen.business_unit_ids) if chosen and chosen.business_unit_ids else None
        previous = self.business_unit.currentData()
        self.business_unit.clear()
        self.business_unit.addItem(QCoreApplication.translate("LeadDialogs", NONE), None)
        for unit in self._units:
            if allowed is None or unit.id in allowed:
                self.business_unit.addItem(unit.name, unit.id)
        if not select_data(self.business_unit, previous):
            self.business_unit.setCurrentIndex(0)

    def problems(self) -> list[str]:
        found = []
        if self.campaign.currentData() is None:
            found.append(self.tr("A lead needs a campaign."))
        if not self.summary.toPlainText().strip():
            found.append(self.tr("Say what the lead is about."))
        if self.reason.currentData() is None and not self.follow_up.isChecked():
            found.append(self.tr("Choose a lead reason or a follow-up date."))
        if self.follow_up.isChecked() and not _in_future(self.follow_up_at):
            found.append(self.tr("The follow-up date is in the past."))
        phone = self.phone.text().strip()
        if phone and len(phone_digits(phone)) < _MIN_PHONE_DIGITS:
            found.append(self.tr("The phone number is too short."))
        email = self.email.text().strip()
        if email and not _EMAIL.match(email):
            found.append(self.tr("The email address is not one (name@example.com)."))
        return found

    def action(self) -> Action:
        address = {part: self.address.value(part) or None for part in self.address.fields}
        if not any(address[part] for part in ("street", "unit", "city", "state", "zip")):
            address = dict.fromkeys(address)  # a country alone is no address
        return CreateLead(
            campaign_id=self.campaign.currentData(),
            summary=self.summary.toPlainText().strip(),
            call_reason_id=self.reason.currentData(),
            follow_up_date=_utc(self.follow_up_at) if self.follow_up.isChecked() else None,
            priority=Priority(self.priority.currentData()),  # Qt hands enum data back as str
            business_unit_id=self.business_unit.currentData(),
            job_type_id=self.job_type.currentData(),
            name=self.name.text().strip() or None,
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            **address,
        )

    def done_text(self) -> str:
        name = self.name.text().strip()
        return self.tr("New lead for {name}").format(name=name) if name else self.tr("New lead")

    def prefill(self, booking: BookingDetail) -> None:
        """A dismissed booking re-opened as a lead: what the customer gave, for the CSR to complete."""
        self.setWindowTitle(self.tr("Re-open {name} as a lead").format(name=booking.name))
        self.name.setText(booking.name)
        phones = [c.value for c in booking.contacts if c.type in PHONE_TYPES]
        emails = [c.value for c in booking.contacts if c.type == ContactType.EMAIL.value]
        self.phone.setText(phones[0] if phones else "")
        self.email.setText(emails[0] if emails else "")
        self.address.set_address(booking.address)
        self.summary.setPlainText(parse_extra_details(booking.summary).free_text or booking.name)
        select_data(self.job_type, booking.job_type_id)
        select_data(self.business_unit, booking.business_unit_id)


def _choice(job_type: JobTypeChoice) -> Choice:
    return Choice(job_type.id, job_type.name)
