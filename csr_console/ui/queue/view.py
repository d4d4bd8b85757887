"""QueueWidget: the booking queue on screen — view tabs, search, source filter and the table.

Keyboard-first: J/K and the arrows move, Enter opens, `/` goes to the search, Esc (or Enter, or Down)
in the search comes back to the table with the filter kept. Accept, Dismiss and Capture lead belong
to the main window (its shortcuts, its menus); it hands them over for the context menu.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csr_console.store.queries.queue import QueueView
from csr_console.store.queries.sources import booking_sources
from csr_console.sync.changes import ChangeSet
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.queue.model import Column, QueueModel
from csr_console.ui.worker import SerialWorker

VIEWS: tuple[tuple[QueueView, str], ...] = (
    (QueueView.NEW, QT_TRANSLATE_NOOP("QueueViews", "New")),
    (QueueView.ACCEPTED, QT_TRANSLATE_NOOP("QueueViews", "Accepted / Converted")),
    (QueueView.DISMISSED, QT_TRANSLATE_NOOP("QueueViews", "Dismissed")),
    (QueueView.ALL, QT_TRANSLATE_NOOP("QueueViews", "All")),
)
#: Typing pauses shorter than this are one search: the query runs once the CSR stops typing.
SEARCH_DEBOUNCE_MS = 150
ALL_SOURCES = QT_TRANSLATE_NOOP("SourceFilter", "All sources")
#: Each column's starting width: the text its usual content needs (the CSR can resize).
_WIDTH_SAMPLES = {
    Column.AGE: "88m 88s",
    Column.SOURCE: "[] Reserve with G",
    Column.CUSTOMER: "Keller Williams – Fris",
    Column.PLACE: "Carrollton 75007",
    Column.REQUESTED: "Wed Nov 25, 4:00 PM",
    Column.JOB_TYPE: "Electrical Troubles",
    Column.STATUS: "Dismissed",
}
_CELL_PADDING = 16
#: The queue's vi-style moves, as the arrow keys they stand for.
_MOVES = {Qt.Key.Key_J: Qt.Key.Key_Down, Qt.Key.Key_K: Qt.Key.Key_Up}
_SELECT_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class _QueueTable(QTableView):
    """The table, with the queue's keys: J/K move like Down/Up, Enter opens, `/` searches."""

    opened = Signal(QModelIndex)
    searchRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and key in _MOVES:
            super().keyPressEvent(QKeyEvent(event.type(), _MOVES[key], Qt.KeyboardModifier.NoModifier))
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self.opened.emit(self.currentIndex())
        elif key == Qt.Key.Key_Slash:
            self.searchRequested.emit()
        else:
            super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        """Off: letters are the queue's and the main window's commands, not a jump to a name."""


class SourceFilter(QComboBox):
    """'All sources' and every source in the cache, read again when the list opens (a new partner
    shows up without a restart). Read in a worker thread: over 100,000 bookings the query takes tens of
    milliseconds, and during a sync it waits for the GIL besides; the open list fills in when it lands."""

    def __init__(self, bridge: SyncBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reader = bridge.reader
        self._reads = SerialWorker("source-reads")
        self.destroyed.connect(self._reads.abandon)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setAccessibleName(self.tr("Source filter"))
        self.addItem(QCoreApplication.translate("SourceFilter", ALL_SOURCES), None)
        self.refresh()

    def source(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def refresh(self) -> None:
        reader = self._reader

        def read() -> list[str]:
            with reader.connect() as connection:
                return booking_sources(connection)

        self._reads.submit(read, self._show, lambda: None)  # a failed read: the list stays as it was

    def close_reads(self) -> None:
        self._reads.close()

    def _show(self, sources: list[str]) -> None:
        if sources == [self.itemData(i) for i in range(1, self.count())]:
            return
        chosen = self.source()
        if chosen is not None and chosen not in sources:  # the filter in force stays on the list
            sources = sorted([*sources, chosen])
        self.blockSignals(True)
        self.clear()
        self.addItem(QCoreApplication.translate("SourceFilter", ALL_SOURCES), None)
        for source in sources:
            self.addItem(source, source)
        self.setCurrentIndex(0 if chosen is None else self.findData(chosen))
        self.blockSignals(False)

    def showPopup(self) -> None:
        self.refresh()
        super().showPopup()


class QueueWidget(QWidget):
    #: The booking under the cursor changed: an int, or None when nothing is selected.
    currentBookingChanged = Signal(object)
    #: The CSR opened a booking (Enter or double-click).
    bookingActivated = Signal(int)
    #: The view shown changed (a tab, or `set_view`): a QueueView.
    viewChanged = Signal(object)

    def __init__(
        self, bridge: SyncBridge, *, model: QueueModel | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model or QueueModel(bridge.reader, parent=self)
        self._current: int | None = None
        self._kept: int | None = None  # the booking selected before a reset, to select again
        self._context_actions: list[QAction] = []

        self._tabs = QTabBar()
        self._tabs.setAccessibleName(self.tr("Queue views"))
        for _, label in VIEWS:
            self._tabs.addTab(QCoreApplication.translate("QueueViews", label))
        self._tabs.setCurrentIndex(self._view_index(self.model.view))
        self._tabs.currentChanged.connect(self._on_tab)

        self._sources = SourceFilter(bridge)
        self._sources.setToolTip(self.tr("Show the bookings of one source"))
        self._sources.currentIndexChanged.connect(lambda _: self.model.set_source(self._sources.source()))

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, phone, email, address  ( / )"))
        self.search.setAccessibleName(self.tr("Search bookings"))
        self.search.setAccessibleDescription(
            self.tr("Filters the queue by name, phone, email or address; Esc or Enter goes back to the list")
        )
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textEdited.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self._search_done)

        self.table = _QueueTable()
        self.table.setAccessibleName(self.tr("Booking queue"))
        self.table.setAccessibleDescription(self.tr("J and K move, Enter opens the booking, / searches"))
        self._setup_table()

        bar = QHBoxLayout()
        bar.addWidget(self._tabs)
        bar.addStretch(1)
        bar.addWidget(self._sources)
        bar.addWidget(self.search, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

        bridge.changed.connect(self._on_changes)

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        table.setSortingEnabled(True)  # the header calls model.sort: the query sorts, no proxy
        table.horizontalHeader().setSortIndicator(Column.AGE, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        metrics = table.fontMetrics()
        for column, sample in _WIDTH_SAMPLES.items():
            table.horizontalHeader().resizeSection(column, metrics.horizontalAdvance(sample) + _CELL_PADDING)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.opened.connect(self._open)
        table.doubleClicked.connect(self._open)
        table.searchRequested.connect(self.focus_search)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._keep_top_after_insert)
        self.model.rowsAboutToBeRemoved.connect(self._keep_top_before_remove)

    # -- public API ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def shutdown(self) -> None:
        """Stop the queue's and the source list's reads of the cache (before it is closed)."""
        self.model.close()
        self._sources.close_reads()

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.select_booking(self.model.booking_id_at(0))

    def selected_booking_id(self) -> int | None:
        index = self.table.currentIndex()
        selected = index.isValid() and self.table.selectionModel().isRowSelected(index.row())
        return self.model.booking_id_at(index.row()) if selected else None

    def select_booking(self, booking_id: int | None) -> bool:
        """Select a booking's row and scroll to it; False if it is not in the loaded rows."""
        row = None if booking_id is None else self.model.row_of(booking_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        self.table.scrollTo(index)
        return True

    def set_view(self, view: QueueView) -> None:
        self._tabs.setCurrentIndex(self._view_index(view))

    def set_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = list(actions)

    def set_age_thresholds(self, amber_s: int, red_s: int) -> None:
        self.model.set_age_thresholds(amber_s, red_s)

    # -- reactions -----------------------------------------------------------------------------
    @staticmethod
    def _view_index(view: QueueView) -> int:
        return [v for v, _ in VIEWS].index(view)

    def _on_tab(self, index: int) -> None:
        view = VIEWS[index][0]
        self.model.set_view(view)
        self.viewChanged.emit(view)

    def _apply_search(self) -> None:
        self._debounce.stop()
        self.model.set_search(self.search.text())

    def _search_done(self) -> None:
        self._apply_search()
        self.focus_table()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Down):
                self._apply_search()
                self.focus_table()
                return True
        return super().eventFilter(watched, event)

    def _on_changes(self, changes: ChangeSet) -> None:
        self.model.on_changes(changes)
        if "booking_provider_tag" in changes.of("reference"):
            self._sources.refresh()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        selection = self.table.selectionModel()
        # The current row's booking was removed and Qt moved the cursor to a neighbour: select it,
        # so the CSR's triage goes on from there.
        if current.isValid() and not selection.isRowSelected(current.row()):
            selection.select(current, _SELECT_ROW)
        self._announce(self.model.booking_id_at(current.row()) if current.isValid() else None)

    def _announce(self, booking_id: int | None) -> None:
        if booking_id != self._current:
            self._current = booking_id
            self.currentBookingChanged.emit(booking_id)

    def _open(self, index: QModelIndex) -> None:
        booking_id = self.model.booking_id_at(index.row())
        if booking_id is not None:
            self.bookingActivated.emit(booking_id)

    def _before_reset(self) -> None:
        self._kept = self.selected_booking_id()

    def _after_reset(self) -> None:
        if not self.select_booking(self._kept):
            self._announce(None)
        self._kept = None

    def _keep_top_after_insert(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Rows inserted above the first visible one must not push the CSR's rows down; at the very
        top the new booking shows (that is the live queue)."""
        bar = self.table.verticalScrollBar()
        if bar.value() > 0 and first <= bar.value():
            count = last - first + 1
            bar.setMaximum(bar.maximum() + count)
            bar.setValue(bar.value() + count)

    def _keep_top_before_remove(self, _parent: QModelIndex, first: int, last: int) -> None:
        bar = self.table.verticalScrollBar()
        if bar.value() > 0 and first < bar.value():
            bar.setValue(bar.value() - (min(last, bar.value() - 1) - first + 1))

    def _context_menu(self, at: QPoint) -> None:
        index = self.table.indexAt(at)
        if not index.isValid() or not self._context_actions:
            return
        self.table.selectionModel().setCurrentIndex(index, _SELECT_ROW)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions(self._context_actions)
        menu.popup(self.table.viewport().mapToGlobal(at))
