"""QueueModel: the booking queue as a Qt table model over the cache.

Rows come from `queue_rows` for the current view, source, search and sort, a page at a time
(`canFetchMore`/`fetchMore`: the All view can hold 100,000 bookings). Change notifications are
applied as row inserts, moves, updates and removals, never as a reset, so the CSR's selection, scroll
position and open detail survive a live queue. Only a change of view, source, search or sort resets.
Sorting and filtering are the query's (SQL), never a proxy model's per-row callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont
from sqlalchemy import Engine

from csr_console.store.queries.queue import QueueRow, QueueSort, QueueView, queue_rows, queue_rows_by_ids
from csr_console.sync.changes import ChangeSet
from csr_console.ui.queue import cells
from csr_console.ui.queue.marks import mark_icon
from csr_console.ui.queue.ordering import comparator, position

AnyIndex = QModelIndex | QPersistentModelIndex

#: The model's custom role: the booking id of a row, whatever the column.
BOOKING_ID_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_AMBER_S = 120
DEFAULT_RED_S = 300
PAGE_SIZE = 500


class Column(IntEnum):
    AGE = 0
    SOURCE = 1
    CUSTOMER = 2
    PLACE = 3
    REQUESTED = 4
    JOB_TYPE = 5
    STATUS = 6
    BADGE = 7


HEADERS = {
    Column.AGE: "Age",
    Column.SOURCE: "Source",
    Column.CUSTOMER: "Customer",
    Column.PLACE: "City / zip",
    Column.REQUESTED: "Requested",
    Column.JOB_TYPE: "Job type",
    Column.STATUS: "Status",
    Column.BADGE: "Outbox / job",
}
#: The columns the query can sort by; the others keep the current order.
SORTS = {
    Column.AGE: QueueSort.AGE,
    Column.SOURCE: QueueSort.SOURCE,
    Column.CUSTOMER: QueueSort.NAME,
    Column.REQUESTED: QueueSort.START,
    Column.STATUS: QueueSort.STATUS,
}
#: Only a booking still waiting for an answer ages; an answered one's age is history.
_WAITING = "New"
_AMBER = (QColor("#ffc107"), QColor("#000000"))
_RED = (QColor("#d32f2f"), QColor("#ffffff"))
_ATTENTION = QColor("#b35c00")
_PROBLEM = QColor("#c62828")
_QUIET = QColor("#757575")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class QueueModel(QAbstractTableModel):
    def __init__(
        self,
        reader: Engine,
        *,
        view: QueueView = QueueView.NEW,
        page_size: int = PAGE_SIZE,
        now: Callable[[], datetime] = _utc_now,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._page_size = page_size
        self._now = now
        self._tz = tz  # None: the machine's zone
        self._view = view
        self._source: str | None = None
        self._search = ""
        self._sort = QueueSort.AGE
        self._ascending = True
        self._compare = comparator(self._sort, self._ascending)
        self._rows: list[QueueRow] = []
        self._positions: dict[int, int] | None = None  # booking id -> row, rebuilt after a change
        self._exhausted = True  # every row of the query is loaded
        self._amber_s = DEFAULT_AMBER_S
        self._red_s = DEFAULT_RED_S
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.tick)
        self._clock.start()
        self._reload()

    # -- what is shown -------------------------------------------------------------------------
    @property
    def view(self) -> QueueView:
        return self._view

    @property
    def search(self) -> str:
        return self._search

    @property
    def source(self) -> str | None:
        return self._source

    def set_view(self, view: QueueView) -> None:
        if view != self._view:
            self._view = view
            self._reload()

    def set_source(self, source: str | None) -> None:
        if source != self._source:
            self._source = source
            self._reload()

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self._reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORTS.get(Column(column))
        ascending = order == Qt.SortOrder.AscendingOrder
        if sort is None or (sort, ascending) == (self._sort, self._ascending):
            return
        self._sort, self._ascending = sort, ascending
        self._compare = comparator(sort, ascending)
        self._reload()

    def set_age_thresholds(self, amber_s: int, red_s: int) -> None:
        self._amber_s, self._red_s = amber_s, red_s
        self.tick()

    def tick(self) -> None:
        """The age clock: repaint the Age column only (the view redraws just the visible cells)."""
        if self._rows:
            top, bottom = self.index(0, Column.AGE), self.index(len(self._rows) - 1, Column.AGE)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    # -- lookups -------------------------------------------------------------------------------
    def booking_id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, booking_id: int) -> int | None:
        if self._positions is None:
            self._positions = {item.id: row for row, item in enumerate(self._rows)}
        return self._positions.get(booking_id)

    def queue_row(self, row: int) -> QueueRow:
        return self._rows[row]

    # -- Qt's table model ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)] if 0 <= section < len(Column) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == BOOKING_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.SOURCE:
            return mark_icon(row.source)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self._colour(row, column, background=role == Qt.ItemDataRole.BackgroundRole)
        if role == Qt.ItemDataRole.FontRole and column is Column.JOB_TYPE and row.needs_reclassification:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: QueueRow, column: Column) -> str:
        match column:
            case Column.AGE:
                return cells.age_text(cells.age_seconds(row, self._now()))
            case Column.SOURCE:
                return row.source
            case Column.CUSTOMER:
                return row.name
            case Column.PLACE:
                return cells.place_text(row)
            case Column.REQUESTED:
                return cells.requested_text(row, self._tz)
            case Column.JOB_TYPE:
                return cells.job_type_text(row)
            case Column.STATUS:
                return row.status
            case Column.BADGE:
                return cells.badge_text(row)

    def _tooltip(self, row: QueueRow, column: Column) -> str | None:
        match column:
            case Column.AGE:
                return f"Arrived {cells.local_time_text(row.created_on, self._tz)}"
            case Column.JOB_TYPE if row.needs_reclassification:
                return "The source sent no usable job type: pick one before accepting"
            case Column.BADGE:
                return cells.badge_tooltip(row) or None
            case _:
                return self._text(row, column) or None

    def _colour(self, row: QueueRow, column: Column, *, background: bool) -> QColor | None:
        if column is Column.AGE and row.status == _WAITING:
            seconds = cells.age_seconds(row, self._now())
            pair = _RED if seconds >= self._red_s else _AMBER if seconds >= self._amber_s else None
            return None if pair is None else pair[0 if background else 1]
        if background:
            return None
        if column is Column.JOB_TYPE and row.needs_reclassification:
            return _ATTENTION
        if column is Column.BADGE and row.badge is not None:
            return _PROBLEM if row.badge.conflict or row.badge.failed else _QUIET
        return None

    # -- paging --------------------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        # The query has no offset: it reads the loaded prefix again and the new page follows it.
        wanted = len(self._rows) + self._page_size
        answered = self._query(limit=wanted)
        loaded = {row.id for row in self._rows}
        more = [row for row in answered[len(self._rows) :] if row.id not in loaded]
        self._exhausted = len(answered) < wanted
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self._positions = None
            self.endInsertRows()

    def _query(self, *, limit: int) -> list[QueueRow]:
        with self._reader.connect() as connection:
            return queue_rows(
                connection,
                self._view,
                source=self._source,
                search=self._search,
                sort=self._sort,
                ascending=self._ascending,
                limit=limit,
            )

    def _reload(self) -> None:
        rows = self._query(limit=self._page_size)
        self.beginResetModel()
        self._rows = rows
        self._positions = None
        self._exhausted = len(rows) < self._page_size
        self.endResetModel()

    # -- change notifications ------------------------------------------------------------------
    def on_changes(self, changes: ChangeSet) -> None:
        """Apply a ChangeSet from the engine (SyncBridge.changed)."""
        ids = changes.of("booking")
        if ids:
            self.apply_booking_changes(booking_id for booking_id in ids if isinstance(booking_id, int))

    def apply_booking_changes(self, ids: Iterable[int]) -> None:
        """Re-read the changed bookings and insert, update, move or remove their rows."""
        wanted = set(ids)
        with self._reader.connect() as connection:
            fresh = queue_rows_by_ids(
                connection, wanted, view=self._view, source=self._source, search=self._search
            )
        by_id = {row.id: row for row in fresh}
        for booking_id in sorted(wanted):
            row = self.row_of(booking_id)
            current = by_id.get(booking_id)
            if row is None:
                if current is not None:
                    self._insert(current)
            elif current is None:
                self._remove(row)  # it left the view (status moved on, or deleted)
            else:
                self._update(row, current)

    def _beyond_loaded(self, at: int, rows: list[QueueRow]) -> bool:
        """A row that sorts after every loaded row belongs to a page not fetched yet."""
        return at == len(rows) and not self._exhausted

    def _insert(self, item: QueueRow) -> None:
        at = position(self._rows, item, self._compare)
        if self._beyond_loaded(at, self._rows):
            return
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, item)
        self._positions = None
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._positions = None
        self.endRemoveRows()

    def _update(self, row: int, item: QueueRow) -> None:
        others = self._rows[:row] + self._rows[row + 1 :]
        at = position(others, item, self._compare)
        if self._beyond_loaded(at, others):
            self._remove(row)
        elif at == row:
            self._rows[row] = item
            self._changed(row)
        else:
            # A move, not remove + insert: the selection and the current index follow the booking.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), at + 1 if at > row else at)
            self._rows = others
            self._rows.insert(at, item)
            self._positions = None
            self.endMoveRows()
            self._changed(at)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
