"""QueueModel: the booking queue as a Qt table model over the cache.

At first the rows come from the queue query (`queue_rows`), a page at a time (`canFetchMore` /
`fetchMore`), so the window paints at once. Meanwhile a worker thread loads every active booking into a
`QueueIndex`; from then on a view, a source, a search or a sort is a pass over it in Python, never a
proxy model's per-row callbacks and never a LIKE scan per keystroke.

Change notifications are read in the worker thread too, and applied on the GUI thread a slice at a time
(a first sync announces 5,000 bookings a page) as row inserts, moves, updates and removals, never as a
reset, so the CSR's selection, scroll position and open detail survive a live queue. Only a change of
view, source, search or sort resets.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, tzinfo
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from sqlalchemy import Engine

from csr_console.store.queries.queue import QueueRow, QueueSort, QueueView, bookings_of_jobs, queue_rows
from csr_console.store.queries.queue_index import (
    QueueEntry,
    QueueFilter,
    QueueIndex,
    queue_entries_by_ids,
    queue_ids_among,
)
from csr_console.store.queries.queue_order import comparator, position
from csr_console.sync.changes import ChangeSet
from csr_console.ui.appearance import Role, colour
from csr_console.ui.queue import cells
from csr_console.ui.queue.marks import mark_icon
from csr_console.ui.tooltips import plain_tooltip
from csr_console.ui.worker import SerialWorker

AnyIndex = QModelIndex | QPersistentModelIndex

#: The model's custom role: the booking id of a row, whatever the column.
BOOKING_ID_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_AMBER_S = 120
DEFAULT_RED_S = 300
PAGE_SIZE = 500
#: The index loads this long after the model is made: the first page paints first, undisturbed.
INDEX_DELAY_MS = 300
#: The GUI thread's time for applying changes before it lets the event loop run again.
SLICE_S = 0.008
#: A change of this many bookings at once (a sync's page) is a bulk change: only the bookings the
#: rows shown need are read, and the index is loaded anew once such changes stop for REINDEX_AFTER_MS.
BULK_READ = 1000
REINDEX_AFTER_MS = 2000


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
    Column.AGE: QT_TRANSLATE_NOOP("QueueColumns", "Age"),
    Column.SOURCE: QT_TRANSLATE_NOOP("QueueColumns", "Source"),
    Column.CUSTOMER: QT_TRANSLATE_NOOP("QueueColumns", "Customer"),
    Column.PLACE: QT_TRANSLATE_NOOP("QueueColumns", "City / zip"),
    Column.REQUESTED: QT_TRANSLATE_NOOP("QueueColumns", "Requested"),
    Column.JOB_TYPE: QT_TRANSLATE_NOOP("QueueColumns", "Job type"),
    Column.STATUS: QT_TRANSLATE_NOOP("QueueColumns", "Status"),
    Column.BADGE: QT_TRANSLATE_NOOP("QueueColumns", "Outbox / job"),
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


def _utc_now() -> datetime:
    return datetime.now(UTC)


class QueueModel(QAbstractTableModel):
    #: The in-memory index is loaded: filters and sorts run in Python from now on.
    indexReady = Signal()
    #: Every change notification received so far has been applied.
    changesApplied = Signal()

    def __init__(
        self,
        reader: Engine,
        *,
        view: QueueView = QueueView.NEW,
        page_size: int = PAGE_SIZE,
        index_delay_ms: int | None = INDEX_DELAY_MS,
        now: Callable[[], datetime] = _utc_now,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`index_delay_ms` None: no index, every filter and sort is a query (and paged)."""
        super().__init__(parent)
        self._reader = reader
        self._page_size = page_size
        self._now = now
        self._tz = tz  # None: the machine's zone
        self._filter = QueueFilter(view)
        self._search = ""
        self._sort = QueueSort.AGE
        self._ascending = True
        self._compare = comparator(self._sort, self._ascending)
        self._rows: list[QueueRow] = []
        self._shown: dict[int, QueueRow] = {}  # booking id -> its row object in _rows
        self._exhausted = True  # every row of the query is loaded
        self._index: QueueIndex | None = None
        self._indexing = index_delay_ms is not None
        self._loading = False
        self._reindex = QTimer(self)
        self._reindex.setSingleShot(True)
        self._reindex.timeout.connect(self._load_index)
        self._worker = SerialWorker("queue-reads")
        self.destroyed.connect(self._worker.abandon)
        self._wanted: set[int] = set()  # changed ids not read yet
        self._wanted_jobs: set[int] = set()  # changed jobs whose bookings are not looked up yet
        self._ready: deque[tuple[int, QueueEntry | None]] = deque()  # read, not applied yet
        self._slicer = QTimer(self)
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._apply_ready)
        self._amber_s = DEFAULT_AMBER_S
        self._red_s = DEFAULT_RED_S
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.tick)
        self._clock.start()
        self._reload()
        if index_delay_ms is not None:
            self._reindex.start(index_delay_ms)

    def close(self) -> None:
        """Stop the clock and the worker (before the cache is closed)."""
        self._clock.stop()
        self._slicer.stop()
        self._reindex.stop()
        self._worker.close()

    # -- what is shown -------------------------------------------------------------------------
    @property
    def view(self) -> QueueView:
        return self._filter.view

    @property
    def search(self) -> str:
        return self._search

    @property
    def source(self) -> str | None:
        return self._filter.source

    @property
    def indexed(self) -> bool:
        return self._index is not None

    @property
    def busy(self) -> bool:
        """The index is loading or due to, or changes are waiting to be read or applied."""
        waiting = self._reindex.isActive() or bool(self._wanted or self._wanted_jobs or self._ready)
        return self._loading or self._worker.busy or waiting

    def set_view(self, view: QueueView) -> None:
        if view != self.view:
            self._refilter(QueueFilter(view, self.source, self._search))

    def set_source(self, source: str | None) -> None:
        if source != self.source:
            self._refilter(QueueFilter(self.view, source, self._search))

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self._refilter(QueueFilter(self.view, self.source, text))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORTS.get(Column(column))
        ascending = order == Qt.SortOrder.AscendingOrder
        if sort is None or (sort, ascending) == (self._sort, self._ascending):
            return
        self._sort, self._ascending = sort, ascending
        self._compare = comparator(sort, ascending)
        if self._index is not None:
            self._index.order_by(sort, ascending)
        self._reload()

    def _refilter(self, wanted: QueueFilter) -> None:
        self._filter = wanted
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
        shown = self._shown.get(booking_id)
        if shown is None:
            return None
        at = position(self._rows, shown, self._compare)
        if at < len(self._rows) and self._rows[at] is shown:
            return at
        return self._rows.index(shown)  # not where the order says: found the slow way

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
            if not 0 <= section < len(Column):
                return None
            return QCoreApplication.translate("QueueColumns", HEADERS[Column(section)])
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
            return plain_tooltip(self._tooltip(row, column))
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
                arrived = cells.local_time_text(row.created_on, self._tz)
                return self.tr("Arrived {time}").format(time=arrived)
            case Column.JOB_TYPE if row.needs_reclassification:
                return self.tr("The source sent no usable job type: pick one before accepting")
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
            return colour(Role.ATTENTION)
        if column is Column.BADGE and row.badge is not None:
            return colour(Role.PROBLEM if row.badge.conflict or row.badge.failed else Role.QUIET)
        return None

    # -- loading -------------------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        # The query has no offset: it reads the loaded prefix again and the new page follows it.
        wanted = len(self._rows) + self._page_size
        answered = self._query(limit=wanted)
        more = [row for row in answered[len(self._rows) :] if row.id not in self._shown]
        self._exhausted = len(answered) < wanted
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self._shown.update((row.id, row) for row in more)
            self.endInsertRows()

    def _query(self, *, limit: int) -> list[QueueRow]:
        with self._reader.connect() as connection:
            return queue_rows(
                connection,
                self.view,
                source=self.source,
                search=self._search,
                sort=self._sort,
                ascending=self._ascending,
                limit=limit,
            )

    def _reload(self) -> None:
        if self._index is not None:
            rows, exhausted = self._index.select(self._filter), True
        else:
            rows = self._query(limit=self._page_size)
            exhausted = len(rows) < self._page_size
        self.beginResetModel()
        self._set_rows(rows)
        self._exhausted = exhausted
        self.endResetModel()

    def _set_rows(self, rows: list[QueueRow]) -> None:
        self._rows = rows
        self._shown = {row.id: row for row in rows}

    def _load_index(self) -> None:
        if self._index is not None or self._loading:
            return
        self._loading = True
        reader, sort, ascending = self._reader, self._sort, self._ascending

        def load() -> QueueIndex:
            with reader.connect() as connection:
                return QueueIndex.load(connection, sort, ascending)

        self._worker.submit(load, self._install_index, self._index_failed)

    def _index_failed(self) -> None:
        self._loading = False  # the queries go on serving the queue (the worker logged why)
        self._after_work()

    def _install_index(self, index: QueueIndex) -> None:
        """Serve the rows from the index, as inserts after the rows already shown when they agree."""
        self._loading = False
        # Changes read before the index was loaded (the worker runs one job at a time) are in it.
        self._ready.clear()
        index.order_by(self._sort, self._ascending)
        self._index = index
        rows = index.select(self._filter)
        shown = len(self._rows)
        if [row.id for row in rows[:shown]] != [row.id for row in self._rows]:
            self._reload()
        else:
            self._set_rows(rows[:shown])
            self._exhausted = True
            if shown:
                self.dataChanged.emit(self.index(0, 0), self.index(shown - 1, len(Column) - 1))
            if len(rows) > shown:
                self.beginInsertRows(QModelIndex(), shown, len(rows) - 1)
                self._set_rows(rows)
                self.endInsertRows()
        self.indexReady.emit()
        self._read_wanted()
        self._after_work()

    # -- change notifications ------------------------------------------------------------------
    def on_changes(self, changes: ChangeSet) -> None:
        """Apply a ChangeSet from the engine (SyncBridge.changed). A changed job is news about the
        booking converted to it (its row shows the job number), found in the worker."""
        self._wanted_jobs.update(job_id for job_id in changes.of("job") if isinstance(job_id, int))
        ids = changes.of("booking")
        self.apply_booking_changes(booking_id for booking_id in ids if isinstance(booking_id, int))

    def apply_booking_changes(self, ids: Iterable[int]) -> None:
        """Re-read the changed bookings (in the worker) and insert, update, move or remove their rows."""
        self._wanted.update(ids)
        self._read_wanted()

    def _read_wanted(self) -> None:
        if self._worker.busy:
            return  # the job in hand reads them next when it is done
        if self._wanted_jobs:
            jobs, self._wanted_jobs, reader = sorted(self._wanted_jobs), set(), self._reader

            def bookings() -> list[int]:
                with reader.connect() as connection:
                    return bookings_of_jobs(connection, jobs)

            self._worker.submit(bookings, self.apply_booking_changes, self._after_work)
            return
        if not self._wanted:
            return
        ids, self._wanted, reader = sorted(self._wanted), set(), self._reader
        if len(ids) >= BULK_READ:
            self._read_bulk(ids)
            return

        def read() -> dict[int, QueueEntry | None]:
            with reader.connect() as connection:
                return queue_entries_by_ids(connection, ids)

        self._worker.submit(read, self._on_read, self._after_work)

    def _read_bulk(self, ids: list[int]) -> None:
        """Thousands of changed bookings (a first sync brings 100,000 in pages of 5,000): read only those
        the view can show, and the ones shown (None: gone from it). Reading every entry for the index
        kept a worker thread busy for most of a sync, which held up the GUI thread and the sync itself;
        the index is put aside (filters and sorts are queries meanwhile) and loaded anew once the changes
        stop."""
        if self._indexing:
            self._index = None
            self._reindex.start(REINDEX_AFTER_MS)
        reader, statuses, source = self._reader, self._filter.statuses, self._filter.source
        shown = self._shown.keys() & set(ids)

        def read() -> dict[int, QueueEntry | None]:
            with reader.connect() as connection:
                found = queue_entries_by_ids(connection, queue_ids_among(connection, ids, statuses, source))
            return {**dict.fromkeys(shown), **found}

        self._worker.submit(read, self._on_read, self._after_work)

    def _on_read(self, entries: dict[int, QueueEntry | None]) -> None:
        if self._index is not None:
            self._index.apply(entries)
        self._ready.extend(entries.items())
        self._apply_ready()
        self._read_wanted()

    def _apply_ready(self) -> None:
        """Apply read changes for one slice of the GUI thread's time; the rest after the event loop ran."""
        deadline = time.perf_counter() + SLICE_S
        while self._ready and time.perf_counter() < deadline:
            self._apply(*self._ready.popleft())
        if self._ready:
            self._slicer.start()
        self._after_work()

    def _after_work(self) -> None:
        if not self.busy:
            self.changesApplied.emit()

    def _apply(self, booking_id: int, entry: QueueEntry | None) -> None:
        """A change to the rows shown (the index took it in as it was read)."""
        current = entry.row if entry is not None and self._filter.admits(entry) else None
        row = self.row_of(booking_id)
        if row is None:
            if current is not None:
                self._insert(current)
        elif current is None:
            self._remove(row)  # it left the view (status moved on, or deleted)
        else:
            self._update(row, current)

    def _beyond_loaded(self, at: int, count: int) -> bool:
        """A row that sorts after every loaded row belongs to a page not fetched yet."""
        return at == count and not self._exhausted

    def _insert(self, item: QueueRow) -> None:
        at = position(self._rows, item, self._compare)
        if self._beyond_loaded(at, len(self._rows)):
            return
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, item)
        self._shown[item.id] = item
        self.endInsertRows()

    def _remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._shown[self._rows.pop(row).id]
        self.endRemoveRows()

    def _update(self, row: int, item: QueueRow) -> None:
        old = self._rows.pop(row)  # where the new copy goes among the others
        at = position(self._rows, item, self._compare)
        self._rows.insert(row, old)
        if self._beyond_loaded(at, len(self._rows) - 1):
            self._remove(row)
        elif at == row:
            self._rows[row] = self._shown[item.id] = item
            self._changed(row)
        else:
            # A move, not remove + insert: the selection and the current index follow the booking.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), at + 1 if at > row else at)
            del self._rows[row]
            self._rows.insert(at, item)
            self._shown[item.id] = item
            self.endMoveRows()
            self._changed(at)

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
