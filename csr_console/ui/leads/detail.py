"""LeadDetailPane: one lead, read from the cache and read again when the engine says it (or one of its
outbox actions) changed; rebuilt each time, keeping the scroll position, as the booking's pane is.

The cache keeps no notes: they are fetched from the server when the lead is opened and whenever it
changes (a note of ours done brings a fresh copy of the lead), while the notes still waiting in the
outbox show at once. Follow-ups cannot be listed through the API at all: the pane shows those logged
from this console, from the outbox.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.api import ServiceTitanError
from csr_console.api.models.crm import Note
from csr_console.store.queries.leads import LeadDetail, lead_detail
from csr_console.sync.changes import ChangeSet
from csr_console.sync.outbox import Action, AddLeadNote, FollowUpLead, get_action
from csr_console.ui.appearance import Role, text_style
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.sections import actions_box
from csr_console.ui.detail.text import (
    action_button,
    copy_text,
    local_time,
    mailto_url,
    map_url,
    one_line_address,
    open_url,
    plain,
    tel_url,
)
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.words import state_word

log = logging.getLogger(__name__)

NOTHING_SELECTED = QT_TRANSLATE_NOOP("LeadDetailPane", "Select a lead to see its details.")
FETCHING_NOTES = QT_TRANSLATE_NOOP("LeadDetailPane", "Fetching notes…")
#: Actions whose text belongs with the lead's notes and follow-ups.
_LOGGED_KINDS = (FollowUpLead.KIND, AddLeadNote.KIND)
#: States of a queued note that has not reached the server (a done one is among the fetched notes).
_NOT_SENT = ("pending", "running", "failed")
#: An action's state as said at the start of a line (within a sentence: ui.words.state_word).
_STATE_TITLES = {
    "pending": QT_TRANSLATE_NOOP("LeadDetailPane", "Pending"),
    "running": QT_TRANSLATE_NOOP("LeadDetailPane", "Running"),
    "done": QT_TRANSLATE_NOOP("LeadDetailPane", "Done"),
    "failed": QT_TRANSLATE_NOOP("LeadDetailPane", "Failed"),
    "conflict": QT_TRANSLATE_NOOP("LeadDetailPane", "Conflict"),
}


def _note_order(note: Note) -> tuple[bool, float]:
    return not note.is_pinned, -note.created_on.timestamp()


class LeadDetailPane(QWidget):
    #: The CSR asked to see the booking the lead was captured from.
    bookingRequested = Signal(int)

    def __init__(self, bridge: SyncBridge, tasks: TaskRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._tasks = tasks
        self._lead_id: int | None = None
        self._detail: LeadDetail | None = None
        #: The notes last fetched per lead, or why they could not be.
        self._notes: dict[int, list[Note]] = {}
        self._notes_problem: dict[int, str] = {}
        self._fetching: set[int] = set()
        self._fetch_again: set[int] = set()
        self._actions: list[QAction] = []
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setAccessibleName(self.tr("Lead detail"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        bridge.changed.connect(self._on_changed)
        self._show_message(QCoreApplication.translate("LeadDetailPane", NOTHING_SELECTED))

    @property
    def lead_id(self) -> int | None:
        return self._lead_id

    @property
    def detail(self) -> LeadDetail | None:
        """What the pane shows now (None: nothing, or a lead no longer in the cache)."""
        return self._detail

    @property
    def fetching_notes(self) -> bool:
        return bool(self._fetching)

    def set_actions(self, actions: list[QAction]) -> None:
        """The lead's commands (follow up, note, dismiss, book), shown as buttons under the lead."""
        self._actions = list(actions)
        self._refresh(keep_scroll=True)

    def show_lead(self, lead_id: int | None) -> None:
        scroll_to_top = lead_id != self._lead_id
        self._lead_id = lead_id
        self._refresh(keep_scroll=not scroll_to_top)
        if lead_id is not None and scroll_to_top:
            self._fetch_notes(lead_id)

    # -- reading -------------------------------------------------------------------------------------
    def _on_changed(self, changes: ChangeSet) -> None:
        if self._lead_id is None:
            return
        ours = {action.id for action in self._detail.actions} if self._detail else set()
        if self._lead_id in changes.of("lead"):
            self._refresh(keep_scroll=True)
            self._fetch_notes(self._lead_id)
        elif changes.of("reference") or ours & changes.of("outbox"):
            self._refresh(keep_scroll=True)

    def _refresh(self, *, keep_scroll: bool) -> None:
        if self._lead_id is None:
            self._detail = None
            self._show_message(QCoreApplication.translate("LeadDetailPane", NOTHING_SELECTED))
            return
        with self._bridge.reader.connect() as connection:
            self._detail = lead_detail(connection, self._lead_id)
        if self._detail is None:
            self._show_message(self.tr("This lead is no longer in the cache."))
            return
        position = self._scroll.verticalScrollBar().value()
        self._scroll.setWidget(self._build(self._detail))
        self._scroll.verticalScrollBar().setValue(position if keep_scroll else 0)

    def _fetch_notes(self, lead_id: int) -> None:
        if lead_id in self._fetching:
            self._fetch_again.add(lead_id)  # a note may have landed after the fetch in hand read them
            return
        self._fetching.add(lead_id)
        self._tasks.spawn(self._notes_of(lead_id), name=f"notes of lead {lead_id}")

    async def _notes_of(self, lead_id: int) -> None:
        try:
            notes = await self._bridge.service.lead_notes(lead_id)
        except ServiceTitanError as error:
            log.info("notes of lead %s not fetched: %s", lead_id, error)
            self._notes_problem[lead_id] = self.tr("Notes could not be fetched: {error}").format(error=error)
        else:
            self._notes[lead_id] = sorted(notes, key=_note_order)
            self._notes_problem.pop(lead_id, None)
        finally:
            self._fetching.discard(lead_id)
        if lead_id in self._fetch_again:
            self._fetch_again.discard(lead_id)
            self._fetch_notes(lead_id)
        if lead_id == self._lead_id:
            self._refresh(keep_scroll=True)

    def _logged(self, detail: LeadDetail) -> list[tuple[str, str, Action]]:
        """(state, what the action list says of who and when, the action) of the lead's follow-ups and
        notes queued from this console, newest first."""
        found = []
        for summary in detail.actions:
            if summary.kind not in _LOGGED_KINDS or summary.state == "cancelled":
                continue
            entry = get_action(self._bridge.reader, summary.id)
            if entry is not None:
                actor = summary.actor or self.tr("unknown")
                who = self.tr("{actor}, {time}").format(actor=actor, time=local_time(summary.created_at))
                found.append((summary.state, who, entry.action))
        return found

    # -- building ------------------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        message = plain(text, name="message")
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._scroll.setWidget(message)

    def _build(self, detail: LeadDetail) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        header = QHBoxLayout()
        name = plain(
            detail.name or detail.customer_name or self.tr("Lead {id}").format(id=detail.id), name="name"
        )
        font = QFont(name.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        name.setFont(font)
        header.addWidget(name, 1)
        header.addWidget(plain(detail.status, name="status"))
        layout.addLayout(header)
        if self._actions:
            layout.addLayout(self._buttons())
        when = QFormLayout()
        follow_up = (
            local_time(detail.follow_up_date) if detail.follow_up_date else self.tr("No follow-up date")
        )
        when.addRow(plain(self.tr("Follow up")), plain(follow_up, name="follow-up"))
        when.addRow(plain(self.tr("Created")), plain(local_time(detail.created_on), name="created"))
        layout.addLayout(when)
        layout.addWidget(self._contact_box(detail))
        layout.addWidget(self._summary_box(detail))
        layout.addWidget(self._facts_box(detail))
        logged = self._logged(detail)
        layout.addWidget(self._notes_box(detail, logged))
        layout.addWidget(self._follow_ups_box(logged))
        if detail.actions:
            layout.addWidget(actions_box(detail.actions))
        layout.addStretch(1)
        return content

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for action in self._actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _contact_box(self, detail: LeadDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Contact"))
        form = QFormLayout(box)
        if detail.phone:
            phone = detail.phone
            form.addRow(
                plain(self.tr("Phone")),
                _value_row(
                    plain(phone, name="phone"),
                    action_button(
                        self.tr("Copy"), self.tr("Copy to the clipboard"), lambda: copy_text(phone)
                    ),
                    action_button(
                        self.tr("Call"), self.tr("Call with the phone app"), lambda: open_url(tel_url(phone))
                    ),
                ),
            )
        if detail.email:
            email = detail.email
            form.addRow(
                plain(self.tr("Email")),
                _value_row(
                    plain(email, name="email"),
                    action_button(
                        self.tr("Copy"), self.tr("Copy to the clipboard"), lambda: copy_text(email)
                    ),
                    action_button(
                        self.tr("Email"),
                        self.tr("Write with the mail app"),
                        lambda: open_url(mailto_url(email)),
                    ),
                ),
            )
        address = one_line_address(detail.address)
        if address:
            form.addRow(
                plain(self.tr("Address")),
                _value_row(
                    plain(address, name="address"),
                    action_button(
                        self.tr("Map"),
                        self.tr("Open the address on OpenStreetMap"),
                        lambda: open_url(map_url(address)),
                    ),
                ),
            )
        if not (detail.phone or detail.email or address):
            form.addRow(plain(self.tr("No phone, email or address on the lead"), name="no-contact"))
        return box

    def _summary_box(self, detail: LeadDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Summary"))
        QVBoxLayout(box).addWidget(plain(detail.summary or self.tr("No summary"), name="summary"))
        return box

    def _facts_box(self, detail: LeadDetail) -> QGroupBox:
        box = QGroupBox(self.tr("Lead"))
        form = QFormLayout(box)
        form.addRow(plain(self.tr("Priority")), plain(detail.priority or self.tr("None"), name="priority"))
        form.addRow(
            plain(self.tr("Campaign")),
            plain(_named(detail.campaign_name, detail.campaign_id), name="campaign"),
        )
        business_unit = _named(detail.business_unit_name, detail.business_unit_id)
        form.addRow(plain(self.tr("Business unit")), plain(business_unit, name="business-unit"))
        form.addRow(
            plain(self.tr("Job type")),
            plain(_named(detail.job_type_name, detail.job_type_id), name="job-type"),
        )
        if detail.call_reason_id is not None:
            reason = _named(detail.call_reason_name, detail.call_reason_id)
            form.addRow(plain(self.tr("Lead reason")), plain(reason, name="call-reason"))
        if detail.dismissing_reason_id is not None:
            dismissed = _named(detail.dismissing_reason_name, detail.dismissing_reason_id)
            form.addRow(plain(self.tr("Dismissed as")), plain(dismissed, name="dismissed-as"))
        customer = (
            self.tr("{customer} (#{id})").format(
                customer=detail.customer_name or self.tr("Customer"), id=detail.customer_id
            )
            if detail.customer_id is not None
            else self.tr("Not linked to a customer")
        )
        form.addRow(plain(self.tr("Customer")), plain(customer, name="customer"))
        if detail.location_address is not None:
            location = one_line_address(detail.location_address) or self.tr("Location {id}").format(
                id=detail.location_id
            )
            form.addRow(plain(self.tr("Location")), plain(location, name="location"))
        if detail.booking_id is not None:
            booking_id = detail.booking_id
            booking = (
                self.tr("Booking {id} from {source}").format(id=booking_id, source=detail.booking_source)
                if detail.booking_source
                else self.tr("Booking {id}").format(id=booking_id)
            )
            button = action_button(
                self.tr("Show booking"),
                self.tr("Show the booking this lead was captured from"),
                lambda: self._show_booking(booking_id),
            )
            button.setObjectName("show-booking")
            form.addRow(
                plain(self.tr("Captured from")),
                _value_row(plain(booking, name="booking"), button),
            )
        return box

    def _show_booking(self, booking_id: int) -> None:
        self.bookingRequested.emit(booking_id)

    def _notes_box(self, detail: LeadDetail, logged: list[tuple[str, str, Action]]) -> QGroupBox:
        box = QGroupBox(self.tr("Notes"))
        layout = QVBoxLayout(box)
        for state, who, action in logged:
            if isinstance(action, AddLeadNote) and state in _NOT_SENT:
                layout.addWidget(plain(action.text, name="queued-note"))
                word = state_word(state)
                layout.addWidget(
                    _quiet(self.tr("Not on the server yet ({state}) — {who}").format(state=word, who=who))
                )
        notes = self._notes.get(detail.id)
        for note in notes or ():
            layout.addWidget(plain(note.text, name="note"))
            when = local_time(note.created_on)
            layout.addWidget(_quiet(self.tr("Pinned · {time}").format(time=when) if note.is_pinned else when))
        problem = self._notes_problem.get(detail.id)
        if problem is not None:
            layout.addWidget(plain(problem, name="notes-state"))
        elif notes is None:
            layout.addWidget(
                plain(QCoreApplication.translate("LeadDetailPane", FETCHING_NOTES), name="notes-state")
            )
        elif not notes:
            layout.addWidget(plain(self.tr("No notes"), name="notes-state"))
        return box

    def _follow_ups_box(self, logged: list[tuple[str, str, Action]]) -> QGroupBox:
        box = QGroupBox(self.tr("Follow-ups logged here"))
        box.setToolTip(
            self.tr(
                "ServiceTitan's API does not list follow-ups: these are the ones logged from this console."
            )
        )
        layout = QVBoxLayout(box)
        follow_ups = [
            (state, who, action) for state, who, action in logged if isinstance(action, FollowUpLead)
        ]
        for state, who, action in follow_ups:
            next_one = self.tr("Next follow-up {time}").format(time=local_time(action.follow_up_date))
            layout.addWidget(plain(next_one, name="follow-up-entry"))
            if action.text:
                layout.addWidget(plain(action.text, name="follow-up-text"))
            title = _state_text(_STATE_TITLES, state, state.capitalize())
            layout.addWidget(_quiet(self.tr("{state} — {who}").format(state=title, who=who)))
        if not follow_ups:
            layout.addWidget(plain(self.tr("None from this console"), name="follow-ups-state"))
        return box


def _named(name: str | None, record_id: int | None) -> str:
    """A reference's name; its id while the reference feed has not brought it; "None" without one."""
    if record_id is None:
        return QCoreApplication.translate("LeadDetailPane", "None")
    return name or f"#{record_id}"


def _state_text(words: dict[str, str], state: str, otherwise: str) -> str:
    """An action's state in the CSR's words (`otherwise` for a state without any)."""
    word = words.get(state)
    return otherwise if word is None else QCoreApplication.translate("LeadDetailPane", word)


def _value_row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widgets[0], 1)
    for widget in widgets[1:]:
        layout.addWidget(widget)
    return row


def _quiet(text: str) -> QWidget:
    label = plain(text, name="meta")
    label.setStyleSheet(text_style(Role.QUIET))
    return label
