"""The blocks of the detail pane, each built from a BookingDetail (plain widgets, rebuilt on refresh)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csr_console.domain.contacts import PHONE_TYPES
from csr_console.domain.enums import ContactType
from csr_console.domain.extra_details import ExtraDetails
from csr_console.domain.job_types import needs_reclassification
from csr_console.store.queries.booking_detail import BookingContactEntry, BookingDetail, SessionSummary
from csr_console.store.queries.outbox import ActionSummary
from csr_console.ui.detail.text import (
    action_button,
    copy_text,
    local_time,
    mailto_url,
    open_url,
    plain,
    tel_url,
    yes_no,
)
from csr_console.ui.queue.cells import RECLASSIFY

_CONTACT_NAMES = {"Phone": "Phone", "MobilePhone": "Mobile", "Email": "Email", "Fax": "Fax"}
#: What a Scheduling Pro customer entered, in the order a CSR reads it (technical fields left out).
_SESSION_CUSTOMER = (
    ("firstName", "First name"),
    ("lastName", "Last name"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("address", "Address"),
    ("isNewCustomer", "New customer"),
)
_ATTRIBUTION = (
    ("utmSource", "UTM source"),
    ("utmMedium", "UTM medium"),
    ("utmCampaign", "UTM campaign"),
    ("landingPageUrl", "Landing page"),
)


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Mapping):
        return ", ".join(str(part) for part in value.values() if part not in (None, ""))
    return str(value)


def contact_row(contact: BookingContactEntry) -> QWidget:
    """One contact: its type, the value as plain text, a memo, and copy / call or email buttons."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(plain(_CONTACT_NAMES.get(contact.type, contact.type)))
    layout.addWidget(plain(contact.value, name="contact-value"), 1)
    if contact.memo:
        layout.addWidget(plain(f"({contact.memo})"))
    layout.addWidget(action_button("Copy", "Copy to the clipboard", lambda: copy_text(contact.value)))
    if contact.type in PHONE_TYPES and contact.type != ContactType.FAX.value:
        layout.addWidget(
            action_button("Call", "Call with the phone app", lambda: open_url(tel_url(contact.value)))
        )
    elif contact.type == ContactType.EMAIL.value:
        layout.addWidget(
            action_button("Email", "Write with the mail app", lambda: open_url(mailto_url(contact.value)))
        )
    return row


class ExtraDetailsView(QWidget):
    """The partner's fields as a table, with the raw summary one click away."""

    def __init__(self, raw_summary: str, parsed: ExtraDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(len(parsed.fields), 2, self)
        self.table.setHorizontalHeaderLabels(["Field", "Value"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (label, value) in enumerate(parsed.fields):
            # Item text is drawn as plain text by the item delegate: no markup is interpreted.
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(value))
        self.table.setVisible(bool(parsed.fields))
        self.table.setFixedHeight(
            self.table.horizontalHeader().height()
            + 4
            + sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        )
        self.raw = QPlainTextEdit(raw_summary, self)  # a plain-text widget: markup shows as typed
        self.raw.setReadOnly(True)
        self.raw.setObjectName("raw-summary")
        self.raw.hide()
        self.toggle = action_button(
            "Show raw text", "The summary exactly as the partner sent it", self._toggle
        )
        self.toggle.setCheckable(True)
        layout.addWidget(self.table)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.raw)

    def _toggle(self) -> None:
        showing = self.toggle.isChecked()
        self.raw.setVisible(showing)
        self.toggle.setText("Hide raw text" if showing else "Show raw text")


def session_box(session: SessionSummary) -> QGroupBox:
    """Where the customer got in Scheduling Pro and what they already answered, so nobody asks again."""
    box = QGroupBox("Scheduling Pro session")
    box.setObjectName("session")
    form = QFormLayout(box)
    outcome = session.session_outcome or "Unknown outcome"
    form.addRow(plain("Scheduler"), plain(session.scheduler_name or session.scheduler_id))
    form.addRow(plain("Outcome"), plain(outcome, name="session-outcome"))
    form.addRow(plain("Stopped at"), plain(session.last_step or "Unknown step", name="session-last-step"))
    form.addRow(plain("Started"), plain(local_time(session.created_on)))
    for key, label in _SESSION_CUSTOMER:
        value = session.customer.get(key)
        if value not in (None, "", {}):
            form.addRow(plain(label), plain(_value_text(value)))
    for answer in session.customer_responses:
        form.addRow(plain("Answered"), plain(answer, name="session-answer"))
    if session.category:
        form.addRow(plain("Category"), plain(session.category))
    if session.timeslot_start is not None:
        form.addRow(plain("Time slot"), plain(local_time(session.timeslot_start)))
    if session.notes:
        form.addRow(plain("Notes"), plain(session.notes))
    form.addRow(plain("Campaign"), plain(session.campaign_name or "Not attributed", name="session-campaign"))
    tracking = session.source_tracking or {}
    for key, label in _ATTRIBUTION:
        value = tracking.get(key)
        if value not in (None, ""):
            form.addRow(plain(label), plain(_value_text(value), name=f"session-{key}"))
    return box


def actions_box(actions: tuple[ActionSummary, ...]) -> QGroupBox:
    """This booking's outbox actions, newest first, with their state and the engine's message."""
    box = QGroupBox("Actions")
    box.setObjectName("actions")
    layout = QVBoxLayout(box)
    for action in actions:
        what = action.kind.replace("_", " ").capitalize()
        line = f"{what} — {action.state}"
        if action.message:
            line += f": {action.message}"
        line += f" ({action.actor or 'unknown'}, {local_time(action.created_at)})"
        layout.addWidget(plain(line, name="action"))
    return box


def job_type_text(detail: BookingDetail) -> str:
    """The job type as the queue words it."""
    if needs_reclassification(detail.job_type_id, detail.job_type_name):
        return RECLASSIFY
    # A job type the reference feed has not brought yet: its id until it does.
    return detail.job_type_name or f"Job type {detail.job_type_id}"


def job_type_row(detail: BookingDetail, reclassify: Callable[[], None] | None) -> QWidget:
    """The job type, in bold when it needs reclassifying, and a Reclassify… button when `reclassify`
    is given."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    label = plain(job_type_text(detail), name="job-type")
    if needs_reclassification(detail.job_type_id, detail.job_type_name):
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    layout.addWidget(label, 1)
    if reclassify is not None:
        button = action_button(
            "Reclassify…", "Give the booking a real job type and business unit", reclassify
        )
        button.setObjectName("reclassify")
        button.setAccessibleName("Reclassify the job type")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(button)
    return row


def facts_form(detail: BookingDetail, *, reclassify: Callable[[], None] | None = None) -> QFormLayout:
    """Campaign, business unit, job type and the other facts a CSR checks before accepting;
    `reclassify` opens the reclassify dialog (given for bookings still to be worked)."""
    form = QFormLayout()
    form.addRow(plain("Campaign"), plain(detail.campaign_name or "None", name="campaign"))
    form.addRow(plain("Business unit"), plain(detail.business_unit_name or "None", name="business-unit"))
    form.addRow(plain("Job type"), job_type_row(detail, reclassify))
    form.addRow(plain("First-time client"), plain(yes_no(detail.is_first_time_client), name="first-time"))
    if detail.priority:
        form.addRow(plain("Priority"), plain(detail.priority))
    if detail.customer_type:
        form.addRow(plain("Customer type"), plain(detail.customer_type))
    if detail.external_id:
        form.addRow(plain("Partner's id"), plain(detail.external_id))
    if detail.job_id is not None:
        job = f"Job {detail.job_number or detail.job_id}"
        form.addRow(plain("Job"), plain(f"{job} ({detail.job_status})" if detail.job_status else job))
    if detail.dismissing_reason_id is not None:
        form.addRow(
            plain("Dismissed as"), plain(detail.dismissing_reason_name or str(detail.dismissing_reason_id))
        )
    return form
