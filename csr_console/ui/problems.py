"""The Problems list: every action of the outbox that needs the CSR — failed (the server refused it) or in
conflict (a colleague converted or dismissed the booking meanwhile) — with whom it was for, what was
attempted, what the server said and when, and the choices that resolve it:

- Discard: cancel the action (it stays in the journal; what was already created stays in ServiceTitan);
- Reopen as lead: a booking's action, back as a new lead filled from the booking;
- Retry with changes: an accept (or a job booked from a lead) back in the wizard with its entries; any
  other failed action is retried as it is.

The panel only asks (signals): the main window carries the choices out, by the same paths as its
Booking menu. Reads run in a worker thread, again whenever the outbox changes; rows are inserted,
updated and removed in place, so the selection survives a refresh.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csr_console.store.queries.problems import Problem, problems
from csr_console.sync.changes import ChangeSet
from csr_console.sync.outbox import AcceptBooking, BookJobFromLead
from csr_console.sync.outbox.actions import CLOSING_KINDS
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.phrases import shown
from csr_console.ui.worker import SerialWorker

ModelIndex = QModelIndex | QPersistentModelIndex

#: What was attempted, in the CSR's words.
KIND_WORDS = {
    "accept_booking": QT_TRANSLATE_NOOP("Problems", "Accept booking"),
    "dismiss_booking": QT_TRANSLATE_NOOP("Problems", "Dismiss booking"),
    "capture_lead": QT_TRANSLATE_NOOP("Problems", "Capture lead"),
    "follow_up_lead": QT_TRANSLATE_NOOP("Problems", "Log follow-up"),
    "dismiss_lead": QT_TRANSLATE_NOOP("Problems", "Dismiss lead"),
    "add_lead_note": QT_TRANSLATE_NOOP("Problems", "Add note"),
    "create_lead": QT_TRANSLATE_NOOP("Problems", "New lead"),
    "book_job_from_lead": QT_TRANSLATE_NOOP("Problems", "Book job from lead"),
    "edit_booking_contact": QT_TRANSLATE_NOOP("Problems", "Edit contact"),
    "reclassify_booking": QT_TRANSLATE_NOOP("Problems", "Reclassify job type"),
}
#: The actions the wizard can reopen with their entries.
WIZARD_KINDS = frozenset({AcceptBooking.KIND, BookJobFromLead.KIND})
HEADERS = (
    QT_TRANSLATE_NOOP("Problems", "When"),
    QT_TRANSLATE_NOOP("Problems", "Customer"),
    QT_TRANSLATE_NOOP("Problems", "Action"),
    QT_TRANSLATE_NOOP("Problems", "State"),
    QT_TRANSLATE_NOOP("Problems", "What happened"),
)
EMPTY = QT_TRANSLATE_NOOP("Problems", "No problems: every action was sent, or is waiting to be.")
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_words(kind: str) -> str:
    words = KIND_WORDS.get(kind)
    if words is None:  # a kind added after this release: its own name, readable
        return kind.replace("_", " ").capitalize()
    return QCoreApplication.translate("Problems", words)


def when_text(at: datetime, now: datetime) -> str:
    local, today = at.astimezone(), now.astimezone().date()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%d %b %H:%M}"


def can_reopen_as_lead(problem: Problem) -> bool:
    """A booking's closing action (accept, dismiss, capture): the booking can come back as a lead."""
    return problem.target_kind == "booking" and problem.kind in CLOSING_KINDS


def retry_choice(problem: Problem) -> str | None:
    """The retry the problem allows: with changes (the wizard), as it is (a failed action), or none (a
    conflict: the record was closed by someone else, sending the same again can only conflict again)."""
    if problem.kind in WIZARD_KINDS:
        return QCoreApplication.translate("Problems", "Retry with changes…")
    if problem.state == "failed":
        return QCoreApplication.translate("Problems", "Retry")
    return None


class ProblemsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Problem] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Problems", HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        problem = self._rows[index.row()]
        if role == ACTION_ID_ROLE:
            return problem.action_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return when_text(problem.updated_at, datetime.now(UTC))
        if column == 1:
            return problem.name or f"{problem.target_kind.replace('_', ' ')} {problem.target_id}"
        if column == 2:
            return kind_words(problem.kind)
        if column == 3:
            return self.tr("Conflict") if problem.state == "conflict" else self.tr("Failed")
        # Shown as plain text by the view: the server's words are untrusted.
        return shown("OutboxMessages", problem.message or "").replace("\n", " ")

    def problem_at(self, row: int) -> Problem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, action_id: str) -> int | None:
        return next((n for n, p in enumerate(self._rows) if p.action_id == action_id), None)

    def set_problems(self, found: tuple[Problem, ...]) -> None:
        """Bring the rows to `found` (same order: oldest first) by removals, updates and inserts."""
        wanted = {p.action_id for p in found}
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].action_id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        for row, problem in enumerate(found):
            if row < len(self._rows) and self._rows[row].action_id == problem.action_id:
                if self._rows[row] != problem:
                    self._rows[row] = problem
                    last = self.index(row, len(HEADERS) - 1)
                    self.dataChanged.emit(self.index(row, 0), last)
            else:
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, problem)
                self.endInsertRows()


class ProblemsPanel(QWidget):
    #: Cancel this action (Discard).
    discardRequested = Signal(str)
    #: This action's booking, as a new lead (action id, booking id); the action is discarded once queued.
    reopenAsLeadRequested = Signal(str, int)
    #: Retry this action: in the wizard with its entries (accepts), or as it is (other failed actions).
    retryRequested = Signal(str)

    def __init__(self, bridge: SyncBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.setObjectName("problems")
        self.model = ProblemsModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("Problems"))
        self.table.setAccessibleDescription(
            self.tr("Actions that failed or met a conflict; the buttons below resolve the selected one")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel(QCoreApplication.translate("Problems", EMPTY), self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)

        self.discard_action = self._choice(
            self.tr("&Discard"), self._discard, self.tr("Cancel the action: nothing more is sent")
        )
        self.lead_action = self._choice(
            self.tr("Reopen as &lead…"),
            self._reopen_as_lead,
            self.tr("Create a lead from the booking instead"),
        )
        self.retry_action = self._choice(self.tr("&Retry with changes…"), self._retry, self.tr("Try again"))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        buttons = QHBoxLayout()
        for action in (self.discard_action, self.lead_action, self.retry_action):
            self.table.addAction(action)
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._reads = SerialWorker("problems-reads")
        self._stale = False
        self.table.selectionModel().selectionChanged.connect(self._update_choices)
        self.model.rowsRemoved.connect(self._update_choices)
        self.model.dataChanged.connect(self._update_choices)
        bridge.changed.connect(self._on_changed)
        self._update_choices()
        self.refresh()

    def _choice(self, text: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    # -- reads ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the problems again (one read at a time; a change during one reads once more after)."""
        if self._reads.busy:
            self._stale = True
            return
        reader = self._bridge.reader

        def read() -> tuple[Problem, ...]:
            with reader.connect() as connection:
                return problems(connection)

        self._reads.submit(read, self._show, self._read_failed)

    @property
    def busy(self) -> bool:
        """A read is under way or due (tests wait for the list to settle)."""
        return self._reads.busy or self._stale

    def _show(self, found: tuple[Problem, ...]) -> None:
        self.model.set_problems(found)
        self.empty.setVisible(not found)
        self._update_choices()
        self._after_read()

    def _read_failed(self) -> None:
        self._after_read()

    def _after_read(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.of("outbox"):
            self.refresh()

    # -- choices ----------------------------------------------------------------------------------
    def selected(self) -> Problem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.problem_at(rows[0].row()) if rows else None

    def select(self, action_id: str) -> bool:
        row = self.model.row_of(action_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _update_choices(self, *_: object) -> None:
        problem = self.selected()
        self.discard_action.setEnabled(problem is not None)
        self.lead_action.setEnabled(problem is not None and can_reopen_as_lead(problem))
        retry = retry_choice(problem) if problem is not None else None
        self.retry_action.setEnabled(retry is not None)
        self.retry_action.setText(retry or self.tr("Retry with changes…"))

    def _discard(self) -> None:
        problem = self.selected()
        if problem is not None:
            self.discardRequested.emit(problem.action_id)

    def _reopen_as_lead(self) -> None:
        problem = self.selected()
        if problem is not None and can_reopen_as_lead(problem):
            self.reopenAsLeadRequested.emit(problem.action_id, problem.target_id)

    def _retry(self) -> None:
        problem = self.selected()
        if problem is not None and retry_choice(problem) is not None:
            self.retryRequested.emit(problem.action_id)

    def shutdown(self) -> None:
        """Stop the reads (before the cache is closed)."""
        self._reads.close()
