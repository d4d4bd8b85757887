"""LeadsWidget: the Leads view beside the booking queue — filters and a search over the open leads,
grouped by when they are due, with the chosen lead's detail beside them.

Keyboard-first: the arrows move (Left/Right fold a group), and the lead's commands are keys of their
own while the view has the focus: F log a follow-up, N add a note, D dismiss, B book a job, Ctrl+N a new
lead. They are QActions with a WidgetWithChildrenShortcut context, handed to the main window for its
menus by `actions_for_menu()`; the search box keeps its letters (a line edit overrides shortcuts).
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from csr_console.store.queries.choices import Choice, campaigns
from csr_console.store.queries.job_reference import business_units
from csr_console.store.queries.leads import LeadFilter
from csr_console.sync.changes import ChangeSet
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.forms import select_data
from csr_console.ui.leads.clock import Clock, utc_now
from csr_console.ui.leads.detail import LeadDetailPane
from csr_console.ui.leads.dialogs import DismissLeadDialog, FollowUpDialog, NewLeadDialog, NoteDialog
from csr_console.ui.leads.model import Column, LeadsModel
from csr_console.ui.queue.view import SEARCH_DEBOUNCE_MS, SourceFilter
from csr_console.ui.tasks import TaskRegistry

ALL_CAMPAIGNS = QT_TRANSLATE_NOOP("LeadsWidget", "All campaigns")
ALL_BUSINESS_UNITS = QT_TRANSLATE_NOOP("LeadsWidget", "All business units")
_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
#: Each column's starting width: the text its usual content needs (the CSR can resize).
_WIDTH_SAMPLES = {
    Column.FOLLOW_UP: "Upcoming (888) Wed Nov 25, 4:00 PM",
    Column.NAME: "Stephanie Miller-Fris",
    Column.PHONE: "(972) 555-0555",
    Column.SUMMARY: "Repair central air conditioning – Wait",
    Column.CAMPAIGN: "Reserve with Goog",
    Column.SOURCE: "Reserve with Goog",
    Column.PRIORITY: "Urgent",
}
_CELL_PADDING = 16


class _LeadTree(QTreeView):
    def keyboardSearch(self, search: str) -> None:
        """Off: letters are the view's commands, not a jump to a name."""


def _filter_combo(everything: str, choices: list[Choice]) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    _fill(combo, everything, choices)
    return combo


def _fill(combo: QComboBox, everything: str, choices: list[Choice]) -> None:
    """(Re)fill a filter's list, keeping its choice when it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    if not select_data(combo, chosen):
        combo.setCurrentIndex(0)
    combo.blockSignals(False)


class LeadsWidget(QWidget):
    #: The lead under the cursor changed: an int, or None when no lead is selected.
    currentLeadChanged = Signal(object)
    #: The CSR asked to see the booking a lead was captured from (its id).
    bookingRequested = Signal(int)
    #: "Book job…" (B): the lead's id, for the accept wizard.
    bookJobRequested = Signal(int)
    #: An action was queued, held for the CSR's undo: its id and what the undo offer says.
    actionEnqueued = Signal(str, str)

    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        parent: QWidget | None = None,
        *,
        now: Clock = utc_now,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self.model = LeadsModel(bridge.reader, now=now, tz=tz, parent=self)
        self._current: int | None = None
        self._kept: int | None = None  # the lead selected before a reset, to select again
        self._folded: set[int] = set()  # the groups the CSR folded

        with bridge.reader.connect() as connection:
            campaign_choices, unit_choices = campaigns(connection), business_units(connection)
        self.campaign = _filter_combo(
            QCoreApplication.translate("LeadsWidget", ALL_CAMPAIGNS), campaign_choices
        )
        self.campaign.setAccessibleName(self.tr("Campaign filter"))
        self.business_unit = _filter_combo(
            QCoreApplication.translate("LeadsWidget", ALL_BUSINESS_UNITS), unit_choices
        )
        self.business_unit.setAccessibleName(self.tr("Business unit filter"))
        self.source = SourceFilter(bridge)
        self.source.setToolTip(self.tr("Show the leads captured from one source's bookings"))
        self.source.setAccessibleName(self.tr("Source filter"))
        self.without_customer = QCheckBox(self.tr("Without customer"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, phone, email"))
        self.search.setAccessibleName(self.tr("Search leads"))
        self.search.setAccessibleDescription(self.tr("Search the open leads by name, phone or email"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_filter)
        self.search.textEdited.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self._search_done)
        for combo in (self.campaign, self.business_unit, self.source):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.without_customer.toggled.connect(self._apply_filter)

        self.tree = _LeadTree()
        self._setup_tree()
        self.detail = LeadDetailPane(bridge, tasks, self)
        self.detail.bookingRequested.connect(self.bookingRequested)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([900, 500])  # the detail readable from the start, not squeezed

        bar = QHBoxLayout()
        for widget in (self.campaign, self.business_unit, self.source, self.without_customer):
            bar.addWidget(widget)
        bar.addWidget(self.search, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self._build_actions()
        self.detail.set_actions(self._lead_actions)
        self._update_actions()
        bridge.changed.connect(self._on_changes)

    def _setup_tree(self) -> None:
        tree = self.tree
        tree.setAccessibleName(self.tr("Open leads"))
        tree.setAccessibleDescription(
            self.tr("Open leads grouped by when they are due: F follow up, N note, D dismiss, B book a job")
        )
        tree.setModel(self.model)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(True)
        tree.setWordWrap(False)
        header = tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = tree.fontMetrics()
        for column, sample in _WIDTH_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + _CELL_PADDING)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(self._context_menu)
        tree.selectionModel().currentChanged.connect(self._on_current)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        # A group that gains its first lead opens, unless the CSR folded it.
        self.model.rowsInserted.connect(self._unfold)
        self.model.rowsMoved.connect(self._unfold)
        tree.collapsed.connect(lambda index: self._folded.add(index.row()))
        tree.expanded.connect(lambda index: self._folded.discard(index.row()))

    def _build_actions(self) -> None:
        def action(text: str, key: str, slot: object, tip: str) -> QAction:
            made = QAction(text, self)
            made.setShortcut(QKeySequence(key))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.setToolTip(self.tr("{tip} ({key})").format(tip=tip, key=key))
            made.triggered.connect(slot)
            self.addAction(made)  # its key works while the focus is in the view
            return made

        self.follow_up_action = action(
            self.tr("Log &follow-up…"),
            "F",
            self.open_follow_up,
            self.tr("Log a follow-up and set the next one"),
        )
        self.note_action = action(
            self.tr("Add &note…"), "N", self.open_note, self.tr("Add a note to the lead")
        )
        self.dismiss_action = action(
            self.tr("&Dismiss lead…"), "D", self.open_dismiss, self.tr("Dismiss the lead")
        )
        self.book_action = action(
            self.tr("&Book job…"), "B", self._book_job, self.tr("Book a job from the lead")
        )
        self.new_action = action(
            self.tr("New &lead…"), "Ctrl+N", self.open_new_lead, self.tr("Create a lead by hand")
        )
        self._lead_actions = [self.follow_up_action, self.note_action, self.dismiss_action, self.book_action]

    # -- public API ----------------------------------------------------------------------------------
    def actions_for_menu(self) -> list[QAction]:
        """The view's commands, for a menu of the main window (their keys work within the view)."""
        return [*self._lead_actions, self.new_action]

    def shutdown(self) -> None:
        """Stop the view's reads of the cache (before it is closed)."""
        self.model.close()
        self.source.close_reads()

    def focus_tree(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.selected_lead_id() is None:
            for group in range(self.model.rowCount()):
                first = self.model.index(0, 0, self.model.index(group, 0))
                if first.isValid():
                    self.select_lead(self.model.lead_id_at(first))
                    return

    def selected_lead_id(self) -> int | None:
        index = self.tree.currentIndex()
        if not index.isValid() or not self.tree.selectionModel().isSelected(index.siblingAtColumn(0)):
            return None
        return self.model.lead_id_at(index)

    def select_lead(self, lead_id: int | None) -> bool:
        """Select a lead's row and scroll to it; False if it is not on the list."""
        index = self.model.index_of(lead_id) if lead_id is not None else QModelIndex()
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.tree.scrollTo(index)
        return True

    def open_follow_up(self) -> QDialog | None:
        return self._open_for_lead(FollowUpDialog)

    def open_note(self) -> QDialog | None:
        return self._open_for_lead(NoteDialog)

    def open_dismiss(self) -> QDialog | None:
        return self._open_for_lead(DismissLeadDialog)

    def open_new_lead(self) -> QDialog:
        return self._opened(NewLeadDialog(self._bridge, on_enqueued=self.actionEnqueued.emit, parent=self))

    # -- reactions -----------------------------------------------------------------------------------
    def _open_for_lead(
        self, dialog: type[FollowUpDialog] | type[NoteDialog] | type[DismissLeadDialog]
    ) -> QDialog | None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return None
        return self._opened(dialog(self._bridge, lead_id, on_enqueued=self.actionEnqueued.emit, parent=self))

    @staticmethod
    def _opened(dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # never exec() (QT-NOTES trap 2)
        return dialog

    def _book_job(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.bookJobRequested.emit(lead_id)

    def _filter(self) -> LeadFilter:
        return LeadFilter(
            campaign_id=self.campaign.currentData(),
            business_unit_id=self.business_unit.currentData(),
            source=self.source.source(),
            without_customer=self.without_customer.isChecked(),
            search=self.search.text().strip() or None,
        )

    def _apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self._filter())

    def _search_done(self) -> None:
        self._apply_filter()
        self.focus_tree()

    def _on_changes(self, changes: ChangeSet) -> None:
        self.model.on_changes(changes)
        tables = changes.of("reference")
        if tables & {"campaign", "business_unit"}:
            with self._bridge.reader.connect() as connection:
                every_campaign = QCoreApplication.translate("LeadsWidget", ALL_CAMPAIGNS)
                every_unit = QCoreApplication.translate("LeadsWidget", ALL_BUSINESS_UNITS)
                _fill(self.campaign, every_campaign, campaigns(connection))
                _fill(self.business_unit, every_unit, business_units(connection))
        if "campaign" in tables:
            self.model.reload()  # the rows name their campaign
        if "booking_provider_tag" in tables:
            self.source.refresh()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        lead_id = self.model.lead_id_at(current)
        selection = self.tree.selectionModel()
        # The current lead left the list and Qt moved the cursor to a neighbour: select it, so the
        # CSR goes on from there.
        if lead_id is not None and not selection.isSelected(current.siblingAtColumn(0)):
            selection.select(current, _SELECT_ROW)
        self._announce(lead_id)

    def _announce(self, lead_id: int | None) -> None:
        if lead_id != self._current:
            self._current = lead_id
            self.detail.show_lead(lead_id)
            self._update_actions()
            self.currentLeadChanged.emit(lead_id)

    def _update_actions(self) -> None:
        for action in self._lead_actions:
            action.setEnabled(self._current is not None)

    def _before_reset(self) -> None:
        self._kept = self._current

    def _after_reset(self) -> None:
        for group in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(group, QModelIndex(), True)
        self._unfold()
        if not self.select_lead(self._kept):
            self._announce(None)
        self._kept = None

    def _unfold(self) -> None:
        for group in range(self.model.rowCount()):
            if group not in self._folded:
                self.tree.expand(self.model.index(group, 0))

    def _context_menu(self, at: QPoint) -> None:
        index = self.tree.indexAt(at)
        if self.model.lead_id_at(index) is None:
            return
        self.tree.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions(self.actions_for_menu())
        menu.popup(self.tree.viewport().mapToGlobal(at))
