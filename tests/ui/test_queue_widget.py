"""QueueWidget with real widgets: live inserts keep the selection and the scroll position, keyboard
triage (J/K, Enter, /, Esc), search and source filters, and header sorting through the query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from csr_console.store.queries.queue import QueueView, queue_rows
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.queue import Column, QueueWidget
from csr_console.ui.queue.view import ALL_SOURCES
from tests.ui.queue_helpers import aged, bridge_over, later, write_and_settle, write_bookings


@pytest.fixture
def bridge(tmp_path: Path, qapp: Any) -> Iterator[SyncBridge]:
    with bridge_over(tmp_path / "cache.db") as made:
        yield made


def shown(bridge: SyncBridge, qtbot: Any) -> QueueWidget:
    widget = QueueWidget(bridge)
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    with qtbot.waitSignal(widget.model.indexReady), qtbot.waitActive(widget):  # focus needs an active window
        widget.show()
        widget.activateWindow()
    return widget


def top_booking(widget: QueueWidget) -> int | None:
    return widget.model.booking_id_at(widget.table.rowAt(0))


def test_live_insert_keeps_selection_and_scroll_position(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, *(aged(i, minutes=i) for i in range(1, 61)))
    widget = shown(bridge, qtbot)
    announced: list[object] = []
    widget.currentBookingChanged.connect(announced.append)
    assert widget.select_booking(30)
    widget.table.verticalScrollBar().setValue(25)
    assert top_booking(widget) == 26 and announced == [30]

    write_and_settle(bridge, qtbot, widget.model, aged(100, minutes=0.5), aged(101, minutes=29.5))
    assert widget.model.row_of(100) == 0 and widget.model.row_of(101) == 30
    assert widget.selected_booking_id() == 30
    assert top_booking(widget) == 26
    assert announced == [30]  # the detail pane is not told to change

    widget.table.verticalScrollBar().setValue(0)
    write_and_settle(bridge, qtbot, widget.model, aged(102, minutes=0.1))
    assert top_booking(widget) == 102  # at the top of the queue the new booking shows


def test_an_update_moves_no_selection(bridge: SyncBridge, qtbot: Any) -> None:
    chosen = aged(2, 2, name="Bea")
    write_bookings(bridge, aged(1, 1, name="Al"), chosen, aged(3, 3, name="Cy"))
    widget = shown(bridge, qtbot)
    widget.table.horizontalHeader().setSortIndicator(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    widget.select_booking(2)
    write_and_settle(
        bridge, qtbot, widget.model, later(chosen, name="Zed")
    )  # moves to the end of a name sort
    assert widget.model.row_of(2) == 2 and widget.selected_booking_id() == 2
    write_and_settle(bridge, qtbot, widget.model, later(aged(1, 1, name="Al"), city="Austin"))
    assert widget.selected_booking_id() == 2


def test_the_selected_booking_leaving_the_view_selects_its_neighbour(bridge: SyncBridge, qtbot: Any) -> None:
    chosen = aged(2, 2)
    write_bookings(bridge, aged(1, 1), chosen, aged(3, 3))
    widget = shown(bridge, qtbot)
    widget.select_booking(2)
    with qtbot.waitSignal(widget.currentBookingChanged) as moved:
        write_and_settle(bridge, qtbot, widget.model, later(chosen, status="Dismissed"))
    assert widget.model.row_of(2) is None
    assert moved.args == [widget.selected_booking_id()] and moved.args[0] in (1, 3)


def test_keyboard_triage(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, *(aged(i, minutes=i, name=f"Customer {i}") for i in range(1, 6)))
    widget = shown(bridge, qtbot)
    widget.focus_table()
    assert widget.selected_booking_id() == 1
    for key, expected in ((Qt.Key.Key_J, 2), (Qt.Key.Key_J, 3), (Qt.Key.Key_K, 2), (Qt.Key.Key_Down, 3)):
        qtbot.keyClick(widget.table, key)
        assert widget.selected_booking_id() == expected
    with qtbot.waitSignal(widget.bookingActivated) as opened:
        qtbot.keyClick(widget.table, Qt.Key.Key_Return)
    assert opened.args == [3]

    qtbot.keyClick(widget.table, Qt.Key.Key_Slash)
    assert widget.search.hasFocus()
    qtbot.keyClicks(widget.search, "Customer 4")
    qtbot.waitUntil(lambda: widget.model.search == "Customer 4")
    assert widget.model.rowCount() == 1
    qtbot.keyClick(widget.search, Qt.Key.Key_Escape)
    assert widget.table.hasFocus() and widget.search.text() == "Customer 4"  # the filter stays
    assert widget.selected_booking_id() == 4


def test_views_and_double_click(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, aged(1, 1), aged(2, 2, status="Dismissed"), aged(3, 3, status="Converted"))
    widget = shown(bridge, qtbot)
    for view, expected in ((QueueView.DISMISSED, [2]), (QueueView.ACCEPTED, [3]), (QueueView.ALL, [1, 2, 3])):
        widget.set_view(view)
        assert [widget.model.booking_id_at(r) for r in range(widget.model.rowCount())] == expected
    rect = widget.table.visualRect(widget.model.index(1, Column.CUSTOMER))
    qtbot.mouseClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(widget.bookingActivated) as opened:
        qtbot.mouseDClick(widget.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [2]


def test_context_menu_offers_the_main_windows_actions(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, aged(1, 1), aged(2, 2))
    widget = shown(bridge, qtbot)
    dismiss = QAction("Dismiss…", widget)
    widget.set_context_actions([dismiss])
    rect = widget.table.visualRect(widget.model.index(1, Column.CUSTOMER))
    widget.table.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: widget.findChild(QMenu) is not None)
    assert widget.selected_booking_id() == 2  # the right-clicked booking is the one acted on
    menu = widget.findChild(QMenu)
    assert menu.actions() == [dismiss]
    menu.close()


def test_search_and_source_filter_on_synced_data(synced_cache: Path, qapp: Any, qtbot: Any) -> None:
    with bridge_over(synced_cache) as bridge:
        widget = shown(bridge, qtbot)
        widget.set_view(QueueView.ALL)
        with bridge.reader.connect() as connection:
            # QTest types Latin-1 only (it aborts the process on "Trần Thị Mai"): an ASCII name is typed.
            sample = [row for row in queue_rows(connection, QueueView.ALL, limit=200) if row.name.isascii()][
                -1
            ]
            by_source = queue_rows(connection, QueueView.ALL, source=sample.source)
        combo = widget._sources
        assert combo.itemText(0) == ALL_SOURCES
        qtbot.waitUntil(lambda: combo.findText(sample.source) > 0)  # read in a worker thread
        combo.setCurrentIndex(combo.findText(sample.source))
        while widget.model.canFetchMore(widget.table.rootIndex()):
            widget.model.fetchMore(widget.table.rootIndex())
        assert widget.model.rowCount() == len(by_source)
        others = [combo.itemText(i) for i in range(1, combo.count()) if combo.itemText(i) != sample.source]
        combo._show(others)  # the chosen source's bookings are gone from the cache: the filter stays shown
        assert combo.source() == sample.source and combo.currentText() == sample.source
        qtbot.keyClicks(widget.search, sample.name)
        qtbot.keyClick(widget.search, Qt.Key.Key_Return)
        rows = [widget.model.queue_row(r) for r in range(widget.model.rowCount())]
        assert sample.id in [row.id for row in rows]
        assert all(row.source == sample.source and sample.name.lower() in row.name.lower() for row in rows)
        assert widget.table.hasFocus()
