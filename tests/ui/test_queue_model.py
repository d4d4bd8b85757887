"""QueueModel over the cache: Qt's model contract, paging, live changes applied as inserts, moves,
updates and removals (never a reset), sorting and filtering by the query and then by the in-memory
index, and the age clock's colours.

Tests that hold for both ways the model serves rows run twice: `query` (the index never loads: every
filter and sort is a query, paged) and `index` (the index has loaded)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QTextDocument

from csr_console.store import schema
from csr_console.store.queries.queue import QueueRow, QueueSort, QueueView, queue_rows
from csr_console.store.queries.queue_order import comparator, position
from csr_console.store.upserts import upsert
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.queue import Column, QueueModel
from csr_console.ui.queue.cells import NO_PREFERRED_TIME, RECLASSIFY
from tests.store.cache_rows import T0, job, job_type
from tests.ui.queue_helpers import aged, bridge_over, later, settle, write_and_settle, write_bookings

NOW = T0


@pytest.fixture
def bridge(tmp_path: Path, qapp: Any) -> Iterator[SyncBridge]:
    with bridge_over(tmp_path / "cache.db") as made:
        yield made


@pytest.fixture(params=["query", "index"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def model_of(bridge: SyncBridge, qtbot: Any, mode: str = "query", **kwargs: Any) -> QueueModel:
    """A model listening to the bridge; in `index` mode, once its index has loaded."""
    model = QueueModel(
        bridge.reader, now=lambda: NOW, index_delay_ms=0 if mode == "index" else None, **kwargs
    )
    bridge.changed.connect(model.on_changes)
    if mode == "index":
        with qtbot.waitSignal(model.indexReady):
            pass
    return model


def ids(model: QueueModel) -> list[int]:
    return [model.queue_row(row).id for row in range(model.rowCount())]


def text(model: QueueModel, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_model_contract_with_live_changes_and_paging(
    bridge: SyncBridge, qtbot: Any, qtmodeltester: Any, mode: str
) -> None:
    write_bookings(bridge, *(aged(i, minutes=i) for i in range(1, 31)))
    model = model_of(bridge, qtbot, mode, view=QueueView.NEW, page_size=10)
    qtmodeltester.check(model)  # the tester keeps watching every signal below (and fetches pages)
    assert ids(model)[:10] == list(range(1, 11))
    write_and_settle(bridge, qtbot, model, aged(31, minutes=0.5), aged(32, minutes=100))
    assert ids(model)[:2] == [31, 1]
    write_and_settle(bridge, qtbot, model, later(aged(5, minutes=5), status="Dismissed"))
    assert 5 not in ids(model)
    write_and_settle(
        bridge,
        qtbot,
        model,
        later(aged(7, minutes=7), name="Zed"),
        later(aged(9, minutes=9), status="Converted"),
    )
    assert 9 not in ids(model) and text(model, ids(model).index(7), Column.CUSTOMER) == "Zed"


def test_model_contract_through_resets(bridge: SyncBridge, qtbot: Any, qtmodeltester: Any, mode: str) -> None:
    # Every row fits one page here: Qt's tester fetches more from inside the modelReset signal,
    # before its own bookkeeping of the reset has ended, and reports its own fetch as an error.
    write_bookings(bridge, *(aged(i, minutes=i, name=f"N{i % 7}") for i in range(1, 31)))
    model = model_of(bridge, qtbot, mode, view=QueueView.ALL)
    qtmodeltester.check(model)
    model.sort(Column.CUSTOMER, Qt.SortOrder.DescendingOrder)
    model.set_search("N3")
    model.set_view(QueueView.NEW)
    assert ids(model) == [3, 10, 17, 24]  # one name: newest first


def test_pages_follow_one_another_without_repeats(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, *(aged(i, minutes=i) for i in range(1, 26)))
    model = model_of(bridge, qtbot, view=QueueView.ALL, page_size=10)
    assert ids(model) == list(range(1, 11))
    write_and_settle(
        bridge, qtbot, model, aged(26, minutes=5.5)
    )  # sorts among the loaded rows: inserted at once
    write_and_settle(bridge, qtbot, model, aged(27, minutes=24.5))  # after them: left to its page
    assert ids(model) == [1, 2, 3, 4, 5, 26, 6, 7, 8, 9, 10]
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())
    assert ids(model) == [1, 2, 3, 4, 5, 26, *range(6, 25), 27, 25]
    model.sort(Column.CUSTOMER, Qt.SortOrder.DescendingOrder)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    with bridge.reader.connect() as connection:
        everything = queue_rows(connection, QueueView.ALL, sort=QueueSort.NAME, ascending=False)
    assert ids(model) == [row.id for row in everything]


def test_model_contract_on_synced_data(synced_cache: Path, qapp: Any, qtmodeltester: Any) -> None:
    with bridge_over(synced_cache) as bridge:
        for view in QueueView:
            model = QueueModel(bridge.reader, view=view, page_size=100)
            qtmodeltester.check(model)
            assert model.rowCount() > 0, view


def test_a_new_booking_is_inserted_not_reset(bridge: SyncBridge, qtbot: Any, mode: str) -> None:
    write_bookings(bridge, aged(1, 10), aged(2, 20), aged(3, 30))
    model = model_of(bridge, qtbot, mode)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        write_bookings(bridge, aged(4, 15))
    assert inserted.args[1:] == [1, 1]
    assert ids(model) == [1, 4, 2, 3] and not resets


def test_an_update_in_place_is_data_changed(bridge: SyncBridge, qtbot: Any, mode: str) -> None:
    first = aged(1, 10, name="Ann Lee")
    write_bookings(bridge, first, aged(2, 20))
    model = model_of(bridge, qtbot, mode)
    with qtbot.waitSignal(model.dataChanged) as changed:
        write_bookings(bridge, later(first, name="Ann Leigh"))
    assert changed.args[0].row() == 0 and changed.args[1].column() == len(Column) - 1
    assert text(model, 0, Column.CUSTOMER) == "Ann Leigh"


def test_a_renamed_booking_moves_in_a_name_sort(bridge: SyncBridge, qtbot: Any, mode: str) -> None:
    anna = aged(1, 10, name="Anna")
    write_bookings(bridge, anna, aged(2, 20, name="Bob"), aged(3, 30, name="Carl"))
    model = model_of(bridge, qtbot, mode)
    model.sort(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(model.rowsMoved):
        write_bookings(bridge, later(anna, name="Zoe"))
    assert ids(model) == [2, 3, 1]


def test_a_booking_that_leaves_the_view_is_removed(bridge: SyncBridge, qtbot: Any, mode: str) -> None:
    waiting = aged(2, 20)
    write_bookings(bridge, aged(1, 10), waiting)
    model = model_of(bridge, qtbot, mode, view=QueueView.NEW)
    with qtbot.waitSignal(model.rowsRemoved):
        write_bookings(bridge, later(waiting, status="Converted"))
    assert ids(model) == [1]
    model.set_view(QueueView.ACCEPTED)
    assert ids(model) == [2]


def test_search_and_source_filter(bridge: SyncBridge, qtbot: Any, mode: str) -> None:
    write_bookings(
        bridge,
        aged(1, 10, name="Maria Garcia", source="Angi", city="Austin"),
        aged(2, 20, name="John Smith", source="Thumbtack", city="Denver"),
        aged(3, 30, name="Mary Smith", source="Angi", zip="80202"),
    )
    model = model_of(bridge, qtbot, mode)
    model.set_search("smith")
    assert ids(model) == [2, 3]
    model.set_source("Angi")
    assert ids(model) == [3]
    model.set_search("")
    assert ids(model) == [1, 3]
    # A live change is filtered the same way: a Thumbtack booking does not show under Angi.
    write_and_settle(bridge, qtbot, model, aged(4, 1, source="Thumbtack"), aged(5, 2, source="Angi"))
    assert ids(model) == [5, 1, 3]


def test_sorting_by_requested_time_puts_no_preferred_time_last(
    bridge: SyncBridge, qtbot: Any, mode: str
) -> None:
    write_bookings(
        bridge,
        aged(1, 10, start=T0 + timedelta(days=2)),
        aged(2, 20, start=None),
        aged(3, 30, start=T0 + timedelta(days=1)),
    )
    model = model_of(bridge, qtbot, mode)
    for order, expected in (
        (Qt.SortOrder.AscendingOrder, [3, 1, 2]),
        (Qt.SortOrder.DescendingOrder, [1, 3, 2]),
    ):
        model.sort(Column.REQUESTED, order)
        assert ids(model) == expected
    assert text(model, 2, Column.REQUESTED) == NO_PREFERRED_TIME


def test_python_order_matches_the_query(bridge: SyncBridge) -> None:
    """Live inserts are placed by queue_order.comparator: it must agree with the SQL on every sort."""
    rng = random.Random(3)
    names = ["anna", "Anna", "Émile", "émile", "Zoë", "bob", "Bob", "carl"]
    rows = [
        aged(
            i,
            minutes=rng.choice([5, 10, 10, 30]),
            name=rng.choice(names),
            source=rng.choice(["Angi", "Thumbtack", "The Home Depot"]),
            status=rng.choice(["New", "Dismissed", "Converted"]),
            start=rng.choice([None, T0 + timedelta(hours=rng.randint(1, 5))]),
        )
        for i in range(1, 80)
    ]
    write_bookings(bridge, *rows)
    with bridge.reader.connect() as connection:
        for sort in QueueSort:
            for ascending in (True, False):
                expected = queue_rows(connection, QueueView.ALL, sort=sort, ascending=ascending)
                placed: list[QueueRow] = []
                compare = comparator(sort, ascending)
                for row in sorted(expected, key=lambda r: r.id):
                    placed.insert(position(placed, row, compare), row)
                assert [r.id for r in placed] == [r.id for r in expected], (sort, ascending)


def test_age_colours_flip_at_the_thresholds(bridge: SyncBridge) -> None:
    clock = [NOW]
    write_bookings(bridge, aged(1, 0), aged(2, 1, status="Dismissed"))
    model = QueueModel(bridge.reader, view=QueueView.ALL, now=lambda: clock[0], index_delay_ms=None)
    background = Qt.ItemDataRole.BackgroundRole

    def colour(row: int) -> str | None:
        value = text(model, row, Column.AGE, background)
        return value.name() if isinstance(value, QColor) else None

    assert colour(0) is None
    clock[0] = NOW + timedelta(seconds=119)
    assert colour(0) is None and text(model, 0, Column.AGE) == "1m 59s"
    clock[0] = NOW + timedelta(seconds=120)
    amber = colour(0)
    assert amber is not None
    clock[0] = NOW + timedelta(seconds=300)
    red = colour(0)
    assert red is not None and red != amber
    assert colour(1) is None  # an answered booking's age is history, not an alarm
    model.set_age_thresholds(amber_s=400, red_s=600)
    assert colour(0) is None


def test_the_clock_repaints_the_age_column_only(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, aged(1, 1), aged(2, 2))
    model = model_of(bridge, qtbot)
    with qtbot.waitSignal(model.dataChanged, timeout=3000) as ticked:
        pass  # the model's own one-second timer
    top, bottom = ticked.args[0], ticked.args[1]
    assert (top.row(), top.column(), bottom.row(), bottom.column()) == (0, Column.AGE, 1, Column.AGE)


def test_cells_say_what_a_csr_needs(bridge: SyncBridge, qtbot: Any) -> None:
    with bridge.db.begin() as connection:
        connection.execute(schema.job_type.insert(), [job_type(1, "AC Repair"), job_type(2, "Unknown")])
    write_bookings(
        bridge,
        aged(1, 1, job_type_id=1, city="Austin", zip="78701"),
        aged(2, 2, job_type_id=2),
        aged(3, 3, job_type_id=None),
    )
    model = model_of(bridge, qtbot)
    assert text(model, 0, Column.JOB_TYPE) == "AC Repair"
    assert text(model, 0, Column.PLACE) == "Austin 78701"
    assert text(model, 1, Column.JOB_TYPE) == RECLASSIFY == text(model, 2, Column.JOB_TYPE)
    assert text(model, 1, Column.JOB_TYPE, Qt.ItemDataRole.FontRole).bold()
    assert text(model, 0, Column.SOURCE) == "Angi"
    assert not text(model, 0, Column.SOURCE, Qt.ItemDataRole.DecorationRole).isNull()


def test_a_job_arriving_after_its_booking_puts_its_number_on_the_row(
    bridge: SyncBridge, qtbot: Any, mode: str
) -> None:
    """The booking came Converted with its job id; the job itself came in a later page (another feed)."""
    write_bookings(bridge, aged(1, 5, status="Converted", job_id=77), aged(2, 6, job_id=None))
    model = model_of(bridge, qtbot, mode)
    model.set_view(QueueView.ALL)
    settle(qtbot, model)
    assert ids(model) == [1, 2]
    assert text(model, 0, Column.BADGE) == ""  # the job is not in the cache yet
    with bridge.db.begin() as connection:
        changed = upsert(connection, schema.job, [job(77)])
    with qtbot.waitSignal(model.dataChanged):
        bridge.service.changes.publish("job", changed)
    settle(qtbot, model)
    assert text(model, 0, Column.BADGE) == "Job 1077"
    assert text(model, 1, Column.BADGE) == ""


def test_tooltips_show_markup_as_the_characters_typed(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(bridge, aged(1, 1, name="<b>Bob</b> & <i>Ann</i>"), aged(2, 2, name="Plain Name"))
    model = model_of(bridge, qtbot)
    tip = text(model, 0, Column.CUSTOMER, Qt.ItemDataRole.ToolTipRole)
    shown = QTextDocument()
    shown.setHtml(tip)  # as a tooltip renders text that looks like markup
    assert shown.toPlainText() == "<b>Bob</b> & <i>Ann</i>"
    assert text(model, 1, Column.CUSTOMER, Qt.ItemDataRole.ToolTipRole) == "Plain Name"


def test_the_index_finds_names_whatever_their_letters_case(bridge: SyncBridge, qtbot: Any) -> None:
    write_bookings(
        bridge, aged(1, 1, name="Trần Thị Mai"), aged(2, 2, name="Émile Shah"), aged(3, 3, name="Zoë")
    )
    model = model_of(bridge, qtbot, "index", view=QueueView.ALL)
    for typed, expected in (("TRẦN", [1]), ("émile", [2]), ("ZOË", [3]), ("thị mai", [1])):
        model.set_search(typed)
        assert ids(model) == expected, typed


def test_a_bulk_change_reads_what_the_view_shows_and_loads_the_index_anew(
    bridge: SyncBridge, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync's page of thousands: the rows shown change as for a few, without reading every entry,
    and the index, put aside meanwhile, is loaded again once the changes stop."""
    monkeypatch.setattr("csr_console.ui.queue.model.BULK_READ", 5)
    monkeypatch.setattr("csr_console.ui.queue.model.REINDEX_AFTER_MS", 50)
    write_bookings(bridge, *(aged(i, minutes=i) for i in range(1, 4)))
    model = model_of(bridge, qtbot, "index", view=QueueView.NEW)
    loads: list[bool] = []
    model.indexReady.connect(lambda: loads.append(True))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    bulk = [aged(i, minutes=i + 0.5, status="New" if i % 3 == 0 else "Dismissed") for i in range(4, 14)]
    write_bookings(bridge, later(aged(2, minutes=2), status="Dismissed"), *bulk)
    qtbot.waitUntil(lambda: not model.indexed, timeout=5000)  # put aside while the changes come in
    settle(qtbot, model)
    with bridge.reader.connect() as connection:
        assert ids(model) == [row.id for row in queue_rows(connection, QueueView.NEW)] == [1, 3, 6, 9, 12]
        everything = [row.id for row in queue_rows(connection, QueueView.ALL)]
    assert model.indexed and loads == [True] and not resets
    model.set_view(QueueView.ALL)
    assert ids(model) == everything
