"""The blocks of the detail pane, each built from a BookingDetail (plain widgets, rebuilt on refresh)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
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
from csr_console.ui.phrases import shown
from csr_console.ui.queue.cells import RECLASSIFY
from csr_console.ui.words import contact_word, state_word

#: What a Scheduling Pro customer entered, in the order a CSR reads it (technical fields left out).
_SESSION_CUSTOMER = (
    ("firstName", QT_TRANSLATE_NOOP("DetailSections", "First name")),
    ("lastName", QT_TRANSLATE_NOOP("DetailSections", "Last name")),
    ("phone", QT_TRANSLATE_NOOP("DetailSections", "Phone")),
    ("email", QT_TRANSLATE_NOOP("DetailSections", "Email")),
    ("address", QT_TRANSLATE_NOOP("DetailSections", "Address")),
    ("isNewCustomer", QT_TRANSLATE_NOOP("DetailSections", "New customer")),
)
_ATTRIBUTION = (
    ("utmSource", QT_TRANSLATE_NOOP("DetailSections", "UTM source")),
    ("utmMedium", QT_TRANSLATE_NOOP("DetailSections", "UTM medium")),
    ("utmCampaign", QT_TRANSLATE_NOOP("DetailSections", "UTM campaign")),
    ("landingPageUrl", QT_TRANSLATE_NOOP("DetailSections", "Landing page")),
)
#: What an outbox action does, as the actions box says it (an unlisted kind: its name, spelled out).
_ACTION_KINDS = {
    "accept_booking": QT_TRANSLATE_NOOP("DetailSections", "Accept booking"),
    "dismiss_booking": QT_TRANSLATE_NOOP("DetailSections", "Dismiss booking"),
    "capture_lead": QT_TRANSLATE_NOOP("DetailSections", "Capture lead"),
    "follow_up_lead": QT_TRANSLATE_NOOP("DetailSections", "Follow up lead"),
    "dismiss_lead": QT_TRANSLATE_NOOP("DetailSections", "Dismiss lead"),
    "add_lead_note": QT_TRANSLATE_NOOP("DetailSections", "Add lead note"),
    "create_lead": QT_TRANSLATE_NOOP("DetailSections", "Create lead"),
    "book_job_from_lead": QT_TRANSLATE_NOOP("DetailSections", "Book job from lead"),
    "edit_booking_contact": QT_TRANSLATE_NOOP("DetailSections", "Edit booking contact"),
    "reclassify_booking": QT_TRANSLATE_NOOP("DetailSections", "Reclassify booking"),
}


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("DetailSections", ...), in the CSR's language."""
    return QCoreApplication.translate("DetailSections", text)


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
    layout.addWidget(plain(contact_word(contact.type)))
    layout.addWidget(plain(contact.value, name="contact-value"), 1)
    if contact.memo:
        layout.addWidget(plain(f"({contact.memo})"))
    layout.addWidget(
        action_button(
            QCoreApplication.translate("DetailSections", "Copy"),
            QCoreApplication.translate("DetailSections", "Copy to the clipboard"),
            lambda: copy_text(contact.value),
        )
    )
    if contact.type in PHONE_TYPES and contact.type != ContactType.FAX.value:
        layout.addWidget(
            action_button(
                QCoreApplication.translate("DetailSections", "Call"),
                QCoreApplication.translate("DetailSections", "Call with the phone app"),
                lambda: open_url(tel_url(contact.value)),
            )
        )
    elif contact.type == ContactType.EMAIL.value:
        layout.addWidget(
            action_button(
                QCoreApplication.translate("DetailSections", "Email"),
                QCoreApplication.translate("DetailSections", "Write with the mail app"),
                lambda: open_url(mailto_url(contact.value)),
            )
        )
    return row


class ExtraDetailsView(QWidget):
    """The partner's fields as a table, with the raw summary one click away."""

    def __init__(self, raw_summary: str, parsed: ExtraDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(len(parsed.fields), 2, self)
        self.table.setAccessibleName(self.tr("Partner's fields"))
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
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
        self.raw.setAccessibleName(self.tr("Raw summary"))
        self.raw.hide()
        self.toggle = action_button(
            self.tr("Show raw text"), self.tr("The summary exactly as the partner sent it"), self._toggle
        )
        self.toggle.setCheckable(True)
        layout.addWidget(self.table)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.raw)

    def _toggle(self) -> None:
        showing = self.toggle.isChecked()
        self.raw.setVisible(showing)
        self.toggle.setText(self.tr("Hide raw text") if showing else self.tr("Show raw text"))


def session_box(session: SessionSummary) -> QGroupBox:
    """Where the customer got in Scheduling Pro and what they already answered, so nobody asks again."""
    box = QGroupBox(QCoreApplication.translate("DetailSections", "Scheduling Pro session"))
    box.setObjectName("session")
    form = QFormLayout(box)
    outcome = session.session_outcome or QCoreApplication.translate("DetailSections", "Unknown outcome")
    last_step = session.last_step or QCoreApplication.translate("DetailSections", "Unknown step")
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Scheduler")),
        plain(session.scheduler_name or session.scheduler_id),
    )
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Outcome")), plain(outcome, name="session-outcome")
    )
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Stopped at")),
        plain(last_step, name="session-last-step"),
    )
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Started")), plain(local_time(session.created_on))
    )
    for key, label in _SESSION_CUSTOMER:
        value = session.customer.get(key)
        if value not in (None, "", {}):
            form.addRow(plain(_tr(label)), plain(_value_text(value)))
    for answer in session.customer_responses:
        form.addRow(
            plain(QCoreApplication.translate("DetailSections", "Answered")),
            plain(answer, name="session-answer"),
        )
    if session.category:
        form.addRow(plain(QCoreApplication.translate("DetailSections", "Category")), plain(session.category))
    if session.timeslot_start is not None:
        form.addRow(
            plain(QCoreApplication.translate("DetailSections", "Time slot")),
            plain(local_time(session.timeslot_start)),
        )
    if session.notes:
        form.addRow(plain(QCoreApplication.translate("DetailSections", "Notes")), plain(session.notes))
    campaign = session.campaign_name or QCoreApplication.translate("DetailSections", "Not attributed")
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Campaign")),
        plain(campaign, name="session-campaign"),
    )
    tracking = session.source_tracking or {}
    for key, label in _ATTRIBUTION:
        value = tracking.get(key)
        if value not in (None, ""):
            form.addRow(plain(_tr(label)), plain(_value_text(value), name=f"session-{key}"))
    return box


def actions_box(actions: tuple[ActionSummary, ...]) -> QGroupBox:
    """This booking's outbox actions, newest first, with their state and the engine's message."""
    box = QGroupBox(QCoreApplication.translate("DetailSections", "Actions"))
    box.setObjectName("actions")
    layout = QVBoxLayout(box)
    for action in actions:
        kind = _ACTION_KINDS.get(action.kind)
        what = _tr(kind) if kind else action.kind.replace("_", " ").capitalize()
        line = f"{what} — {state_word(action.state)}"
        if action.message:
            line += f": {shown('OutboxMessages', action.message)}"
        actor = action.actor or QCoreApplication.translate("DetailSections", "unknown")
        line += f" ({actor}, {local_time(action.created_at)})"
        layout.addWidget(plain(line, name="action"))
    return box


def job_type_text(detail: BookingDetail) -> str:
    """The job type as the queue words it."""
    if needs_reclassification(detail.job_type_id, detail.job_type_name):
        return QCoreApplication.translate("QueueCells", RECLASSIFY)  # the queue's words
    # A job type the reference feed has not brought yet: its id until it does.
    return detail.job_type_name or QCoreApplication.translate("DetailSections", "Job type {id}").format(
        id=detail.job_type_id
    )


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
            QCoreApplication.translate("DetailSections", "Reclassify…"),
            QCoreApplication.translate(
                "DetailSections", "Give the booking a real job type and business unit"
            ),
            reclassify,
        )
        button.setObjectName("reclassify")
        button.setAccessibleName(QCoreApplication.translate("DetailSections", "Reclassify the job type"))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(button)
    return row


def facts_form(detail: BookingDetail, *, reclassify: Callable[[], None] | None = None) -> QFormLayout:
    """Campaign, business unit, job type and the other facts a CSR checks before accepting;
    `reclassify` opens the reclassify dialog (given for bookings still to be worked)."""
    form = QFormLayout()
    none = QCoreApplication.translate("DetailSections", "None")
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Campaign")),
        plain(detail.campaign_name or none, name="campaign"),
    )
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Business unit")),
        plain(detail.business_unit_name or none, name="business-unit"),
    )
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "Job type")), job_type_row(detail, reclassify)
    )
    form.addRow(
        plain(QCoreApplication.translate("DetailSections", "First-time client")),
        plain(yes_no(detail.is_first_time_client), name="first-time"),
    )
    if detail.priority:
        form.addRow(plain(QCoreApplication.translate("DetailSections", "Priority")), plain(detail.priority))
    if detail.customer_type:
        form.addRow(
            plain(QCoreApplication.translate("DetailSections", "Customer type")), plain(detail.customer_type)
        )
    if detail.external_id:
        form.addRow(
            plain(QCoreApplication.translate("DetailSections", "Partner's id")), plain(detail.external_id)
        )
    if detail.job_id is not None:
        job = QCoreApplication.translate("DetailSections", "Job {number}").format(
            number=detail.job_number or detail.job_id
        )
        form.addRow(
            plain(QCoreApplication.translate("DetailSections", "Job")),
            plain(f"{job} ({detail.job_status})" if detail.job_status else job),
        )
    if detail.dismissing_reason_id is not None:
        form.addRow(
            plain(QCoreApplication.translate("DetailSections", "Dismissed as")),
            plain(detail.dismissing_reason_name or str(detail.dismissing_reason_id)),
        )
    return form
