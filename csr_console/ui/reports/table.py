"""ReportTableModel: a ReportTable in a QTableView, each value written by its column's kind and sorted
by its raw value (in Python: a QSortFilterProxyModel sorts 100,000 rows in seconds, ENV-NOTES.md)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from csr_console.store.queries.report_tables import Cell, Kind, ReportTable
from csr_console.ui.detail.text import yes_no
from csr_console.ui.phrases import shown
from csr_console.ui.queue.cells import age_text

#: The raw value of a cell (what the CSV holds), for tests and for the views that need an id.
RAW_ROLE = Qt.ItemDataRole.UserRole + 1
NO_VALUE = "—"
_NUMBERS = (Kind.ID, Kind.COUNT, Kind.RATE, Kind.SECONDS, Kind.MONEY)

Index = QModelIndex | QPersistentModelIndex


def rate_text(value: float) -> str:
    return f"{value * 100:.1f} %"


def money_text(value: float) -> str:
    return f"${value:,.2f}"


def time_text(moment: datetime, tz: tzinfo) -> str:
    """'2026-03-08 7:45 AM' in `tz`: with the year, since a report's period may span several."""
    local = moment.astimezone(tz)
    return f"{local:%Y-%m-%d} {local.hour % 12 or 12}:{local:%M %p}"


def cell_text(value: Cell, kind: Kind, tz: tzinfo) -> str:
    if value is None:
        return NO_VALUE
    if isinstance(value, datetime):
        return time_text(value, tz)
    if isinstance(value, bool):
        return yes_no(value)
    if kind is Kind.COUNT:
        return f"{value:,}"
    if isinstance(value, float):
        if kind is Kind.RATE:
            return rate_text(value)
        if kind is Kind.SECONDS:
            return age_text(value)
        if kind is Kind.MONEY:
            return money_text(value)
    return str(value)


class ReportTableModel(QAbstractTableModel):
    def __init__(self, tz: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._table = ReportTable((), ())
        self._rows: list[tuple[Cell, ...]] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None  # kept for the next table

    @property
    def table(self) -> ReportTable:
        return self._table

    def set_table(self, table: ReportTable) -> None:
        # A new report replaces every row: a reset is the honest signal.
        self.beginResetModel()
        self._table = table
        self._rows = list(table.rows)
        self.endResetModel()
        if self._sorted is not None:
            self.sort(*self._sorted)

    def shown(self) -> ReportTable:
        """The table in the order shown."""
        return ReportTable(self._table.columns, tuple(self._rows))

    def raw(self, row: int, column: int) -> Cell:
        return self._rows[row][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._table.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            # The title is marked in store/ (domain.words.translatable) and translated here.
            return shown("ReportColumns", self._table.columns[section].title)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        kind = self._table.columns[index.column()].kind
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, kind, self._tz)
        if role == RAW_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By the raw values of `column`, cells without a value last either way; persistent indexes (the
        selection) follow their rows."""
        if not 0 <= column < len(self._table.columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        rows = self._rows
        known = [n for n, row in enumerate(rows) if row[column] is not None]
        unknown = [n for n, row in enumerate(rows) if row[column] is None]

        def value(n: int) -> Any:  # one column's values are of one type, so they compare
            return rows[n][column]

        known.sort(key=value, reverse=order is Qt.SortOrder.DescendingOrder)
        order_now = known + unknown
        moved_to = {old: new for new, old in enumerate(order_now)}
        before = self.persistentIndexList()
        after = [self.index(moved_to[i.row()], i.column()) for i in before]
        self._rows = [self._rows[n] for n in order_now]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


def report_view(model: ReportTableModel, name: str, accessible_name: str) -> QTableView:
    """A read-only, sortable table of whole rows; `name` is its object name, `accessible_name` what a
    screen reader calls it (translated by the caller)."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's own order
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    # Fitted to what a new report holds; Qt measures the first rows only (resizeContentsPrecision).
    model.modelReset.connect(view.resizeColumnsToContents)
    return view
