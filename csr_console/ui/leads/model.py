"""LeadsModel: open leads as a tree, a parent row per group (Overdue, Today, Upcoming, No date) with the
leads under it, in the query's order.

Every read of the cache runs in a worker thread: the whole list when the model is made, when a filter
changes and when the CSR's day turns (the groups move at midnight), a reset each time; and the leads a
change notification names, applied as row inserts, moves (also from one group to another), updates and
removals, never as a reset, so the selection and the open detail survive a live list.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import UTC, datetime, tzinfo
from enum import IntEnum
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
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

from csr_console.store.queries.leads import (
    EVERY_OPEN_LEAD,
    DueLeads,
    LeadFilter,
    LeadGroup,
    LeadRow,
    due_lead_rows_by_ids,
    due_leads,
)
from csr_console.sync.changes import ChangeSet
from csr_console.sync.outbox import get_action
from csr_console.ui.appearance import Role, colour
from csr_console.ui.leads.clock import Clock, local_zone, ms_until_tomorrow, utc_now
from csr_console.ui.queue.cells import local_time_text, outbox_text, outbox_tooltip
from csr_console.ui.tooltips import plain_tooltip
from csr_console.ui.worker import SerialWorker

AnyIndex = QModelIndex | QPersistentModelIndex

#: The model's custom role: the lead id of a lead's row, whatever the column (None on a group's row).
LEAD_ID_ROLE = Qt.ItemDataRole.UserRole
GROUPS = (LeadGroup.OVERDUE, LeadGroup.TODAY, LeadGroup.UPCOMING, LeadGroup.NO_DATE)
GROUP_TITLES = {
    LeadGroup.OVERDUE: QT_TRANSLATE_NOOP("LeadsModel", "Overdue"),
    LeadGroup.TODAY: QT_TRANSLATE_NOOP("LeadsModel", "Today"),
    LeadGroup.UPCOMING: QT_TRANSLATE_NOOP("LeadsModel", "Upcoming"),
    LeadGroup.NO_DATE: QT_TRANSLATE_NOOP("LeadsModel", "No date"),
}
NO_DATE = QT_TRANSLATE_NOOP("LeadsModel", "No date")
# A group's index carries this internal id; a lead's carries its group's position + 1.
_GROUP_ID = 0
_LAST = datetime.max.replace(tzinfo=UTC)


class Column(IntEnum):
    FOLLOW_UP = 0
    NAME = 1
    PHONE = 2
    SUMMARY = 3
    CAMPAIGN = 4
    SOURCE = 5
    PRIORITY = 6
    BADGE = 7


HEADERS = {
    Column.FOLLOW_UP: QT_TRANSLATE_NOOP("LeadsModel", "Follow-up"),
    Column.NAME: QT_TRANSLATE_NOOP("LeadsModel", "Name"),
    Column.PHONE: QT_TRANSLATE_NOOP("LeadsModel", "Phone"),
    Column.SUMMARY: QT_TRANSLATE_NOOP("LeadsModel", "Summary"),
    Column.CAMPAIGN: QT_TRANSLATE_NOOP("LeadsModel", "Campaign"),
    Column.SOURCE: QT_TRANSLATE_NOOP("LeadsModel", "Source"),
    Column.PRIORITY: QT_TRANSLATE_NOOP("LeadsModel", "Priority"),
    Column.BADGE: QT_TRANSLATE_NOOP("LeadsModel", "Outbox"),
}


def _order(row: LeadRow) -> tuple[bool, datetime, float, int]:
    """The query's order within a group: follow-up date (none last), then newest lead first."""
    return row.follow_up_date is None, row.follow_up_date or _LAST, -row.created_on.timestamp(), -row.id


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


class LeadsModel(QAbstractItemModel):
    #: A whole list was read and shown (the first one, or after a filter change or midnight).
    loaded = Signal()
    #: Every read asked for so far has been applied.
    changesApplied = Signal()

    def __init__(
        self,
        reader: Engine,
        *,
        now: Clock = utc_now,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reader = reader
        self._now = now
        self.tz = tz or local_zone()
        self._filter = EVERY_OPEN_LEAD
        self._groups: dict[LeadGroup, list[LeadRow]] = {group: [] for group in GROUPS}
        self._shown: dict[int, LeadRow] = {}
        self._worker = SerialWorker("lead-reads")
        self.destroyed.connect(self._worker.abandon)
        # Reads made for an older list are dropped: the newer list's read saw what they saw.
        self._generation = 0
        self._reloading = False
        self._wanted_leads: set[int] = set()
        self._wanted_actions: set[str] = set()
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.reload)
        self.reload()

    def close(self) -> None:
        """Stop the clock and the reads (before the cache is closed)."""
        self._midnight.stop()
        self._worker.close()

    # -- what is shown -------------------------------------------------------------------------------
    @property
    def filter(self) -> LeadFilter:
        return self._filter

    @property
    def busy(self) -> bool:
        """A list or changed leads are being read, or wait to be."""
        wanted = bool(self._wanted_leads or self._wanted_actions)
        return self._reloading or wanted or self._worker.busy

    def set_filter(self, wanted: LeadFilter) -> None:
        if wanted != self._filter:
            self._filter = wanted
            self.reload()

    def reload(self) -> None:
        """Read the whole list again (in the worker); it replaces the rows when it lands."""
        self._generation += 1
        self._reloading = True
        generation, reader, filters, now, tz = (
            self._generation,
            self._reader,
            self._filter,
            self._now(),
            self.tz,
        )

        def read() -> DueLeads:
            with reader.connect() as connection:
                return due_leads(connection, now, tz, filters)

        self._worker.submit(read, partial(self._install, generation), self._read_failed)
        self._midnight.start(ms_until_tomorrow(now, tz))

    # -- lookups -------------------------------------------------------------------------------------
    def lead_id_at(self, index: AnyIndex) -> int | None:
        row = self._lead_row(index)
        return row.id if row is not None else None

    def lead_row(self, lead_id: int) -> LeadRow | None:
        return self._shown.get(lead_id)

    def index_of(self, lead_id: int, column: int = 0) -> QModelIndex:
        row = self._shown.get(lead_id)
        if row is None:
            return QModelIndex()
        return self.createIndex(self._position(row), column, GROUPS.index(row.group) + 1)

    def group_index(self, group: LeadGroup) -> QModelIndex:
        return self.createIndex(GROUPS.index(group), 0, _GROUP_ID)

    def ids_in(self, group: LeadGroup) -> list[int]:
        return [row.id for row in self._groups[group]]

    def _lead_row(self, index: AnyIndex) -> LeadRow | None:
        if not index.isValid() or index.internalId() == _GROUP_ID:
            return None
        rows = self._groups[GROUPS[index.internalId() - 1]]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def _position(self, row: LeadRow) -> int:
        return bisect_left(self._groups[row.group], _order(row), key=_order)

    # -- Qt's item model -----------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP_ID)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex | None = None) -> Any:
        if child is None:
            return super().parent()  # QObject.parent()
        if not child.isValid() or child.internalId() == _GROUP_ID:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP_ID)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        if not parent.isValid():
            return len(GROUPS)
        if parent.internalId() == _GROUP_ID and parent.column() == 0:
            return len(self._groups[GROUPS[parent.row()]])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if not 0 <= section < len(Column):
                return None
            return QCoreApplication.translate("LeadsModel", HEADERS[Column(section)])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP_ID:
            return Qt.ItemFlag.ItemIsEnabled  # the cursor may rest on it (to fold it), never selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP_ID:
            return self._group_data(GROUPS[index.row()], index.column(), role)
        row = self._lead_row(index)
        if row is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == LEAD_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(row, column))
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        return None

    def _group_data(self, group: LeadGroup, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            title = QCoreApplication.translate("LeadsModel", GROUP_TITLES[group])
            return self.tr("{group} ({count})").format(group=title, count=len(self._groups[group]))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and group is LeadGroup.OVERDUE and self._groups[group]:
            return colour(Role.PROBLEM)
        return None

    def _text(self, row: LeadRow, column: Column) -> str:
        match column:
            case Column.FOLLOW_UP:
                if row.follow_up_date is None:
                    return QCoreApplication.translate("LeadsModel", NO_DATE)
                return local_time_text(row.follow_up_date, self.tz)
            case Column.NAME:
                return row.name or ""
            case Column.PHONE:
                return row.phone or ""
            case Column.SUMMARY:
                return _one_line(row.summary)
            case Column.CAMPAIGN:
                # A campaign the reference feed has not brought yet: its id until it does.
                if row.campaign_name or not row.campaign_id:
                    return row.campaign_name or ""
                return self.tr("Campaign {id}").format(id=row.campaign_id)
            case Column.SOURCE:
                return row.source or ""
            case Column.PRIORITY:
                return row.priority or ""
            case Column.BADGE:
                return outbox_text(row.badge) if row.badge is not None else ""

    def _tooltip(self, row: LeadRow, column: Column) -> str | None:
        match column:
            case Column.SUMMARY:
                return row.summary or None
            case Column.BADGE:
                return outbox_tooltip(row.badge) if row.badge is not None else None
            case _:
                return self._text(row, column) or None

    def _colour(self, row: LeadRow, column: Column) -> QColor | None:
        if column is Column.FOLLOW_UP and row.group is LeadGroup.OVERDUE:
            return colour(Role.PROBLEM)
        if column is Column.BADGE and row.badge is not None:
            return colour(Role.PROBLEM if row.badge.conflict or row.badge.failed else Role.QUIET)
        return None

    # -- whole lists ---------------------------------------------------------------------------------
    def _install(self, generation: int, due: DueLeads) -> None:
        if generation != self._generation:
            return  # a newer list is on its way
        self._reloading = False
        self.beginResetModel()
        self._groups = {
            LeadGroup.OVERDUE: list(due.overdue),
            LeadGroup.TODAY: list(due.today),
            LeadGroup.UPCOMING: list(due.upcoming),
            LeadGroup.NO_DATE: list(due.no_date),
        }
        self._shown = {row.id: row for rows in self._groups.values() for row in rows}
        self.endResetModel()
        self.loaded.emit()
        self._read_wanted()
        self._after_work()

    def _read_failed(self) -> None:
        self._reloading = False  # the rows shown stay (the worker logged why)
        self._read_wanted()
        self._after_work()

    def _after_work(self) -> None:
        if not self.busy:
            self.changesApplied.emit()

    # -- change notifications ------------------------------------------------------------------------
    def on_changes(self, changes: ChangeSet) -> None:
        """Apply a ChangeSet from the engine (SyncBridge.changed): its leads, and the leads of its outbox
        actions (an action changing state changes its lead's badge)."""
        leads = {lead_id for lead_id in changes.of("lead") if isinstance(lead_id, int)}
        actions = {action_id for action_id in changes.of("outbox") if isinstance(action_id, str)}
        if leads or actions:
            self._wanted_leads |= leads
            self._wanted_actions |= actions
            self._read_wanted()

    def _read_wanted(self) -> None:
        if not (self._wanted_leads or self._wanted_actions) or self._worker.busy:
            return  # the job in hand reads them next, when it is done
        leads, actions = self._wanted_leads, self._wanted_actions
        self._wanted_leads, self._wanted_actions = set(), set()
        generation, reader, filters, now, tz = (
            self._generation,
            self._reader,
            self._filter,
            self._now(),
            self.tz,
        )

        def read() -> tuple[set[int], list[LeadRow]]:
            ids = set(leads)
            for action_id in actions:
                entry = get_action(reader, action_id)
                if entry is not None and entry.target_kind == "lead":
                    ids.add(entry.target_id)
            if not ids:
                return ids, []  # actions on bookings only
            with reader.connect() as connection:
                return ids, due_lead_rows_by_ids(connection, ids, now, tz, filters)

        self._worker.submit(read, partial(self._on_read, generation), self._read_failed)

    def _on_read(self, generation: int, read: tuple[set[int], list[LeadRow]]) -> None:
        if generation == self._generation:
            ids, rows = read
            found = {row.id: row for row in rows}
            for lead_id in sorted(ids):
                self._apply(lead_id, found.get(lead_id))
        self._read_wanted()
        self._after_work()

    def _apply(self, lead_id: int, row: LeadRow | None) -> None:
        old = self._shown.get(lead_id)
        if old is None:
            if row is not None:
                self._insert(row)
        elif row is None:
            self._remove(old)  # no longer open, or no longer matches the filters
        else:
            self._update(old, row)

    def _insert(self, row: LeadRow) -> None:
        at = self._position(row)
        self.beginInsertRows(self.group_index(row.group), at, at)
        self._groups[row.group].insert(at, row)
        self._shown[row.id] = row
        self.endInsertRows()
        self._count_changed(row.group)

    def _remove(self, old: LeadRow) -> None:
        at = self._position(old)
        self.beginRemoveRows(self.group_index(old.group), at, at)
        del self._groups[old.group][at]
        del self._shown[old.id]
        self.endRemoveRows()
        self._count_changed(old.group)

    def _update(self, old: LeadRow, row: LeadRow) -> None:
        source, target = self._groups[old.group], self._groups[row.group]
        at = self._position(old)
        del source[at]  # where the new copy goes among the others
        to = self._position(row)
        source.insert(at, old)
        if old.group is row.group and to == at:
            source[at] = self._shown[row.id] = row
            self._row_changed(row)
            return
        # A move, not remove + insert: the selection and the current index follow the lead.
        same = old.group is row.group
        destination = to + 1 if same and to > at else to
        self.beginMoveRows(self.group_index(old.group), at, at, self.group_index(row.group), destination)
        del source[at]
        target.insert(to, row)
        self._shown[row.id] = row
        self.endMoveRows()
        self._row_changed(row)
        if not same:
            self._count_changed(old.group)
            self._count_changed(row.group)

    def _row_changed(self, row: LeadRow) -> None:
        self.dataChanged.emit(self.index_of(row.id, 0), self.index_of(row.id, len(Column) - 1))

    def _count_changed(self, group: LeadGroup) -> None:
        index = self.group_index(group)
        self.dataChanged.emit(index, index)
