"""The job-type mapping in the console: seeded from the sandbox when the real console connects to one,
and the settings dialog's tab on a real cache (synced from the sandbox, which seeded its mapping): the
seeded entries shown by name, edits, additions and removals written on OK and read back, and a mapping
that cannot be saved keeping the dialog open."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QListWidget, QTableWidget, QTableWidgetItem

from csr_console.domain.job_type_mapping import MappingEntry
from csr_console.store.queries.job_reference import job_types
from csr_console.store.queries.job_type_mapping import mapping_entries, replace_mapping
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.credentials_store import SessionSecrets
from csr_console.ui.job_type_mapping_editor import JobTypeMappingEditor
from csr_console.ui.settings import Settings
from csr_console.ui.settings_dialog import SettingsDialog
from csr_console.ui.tasks import TaskRegistry
from tests.ui.queue_helpers import bridge_over

REPAIR = ("Angi", "Repair central air conditioning")


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


def _dialog(qtbot: Any, tmp_path: Path, bridge: SyncBridge | None) -> SettingsDialog:
    settings = Settings(QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat))
    dialog = SettingsDialog(
        settings, TaskRegistry(), session=SessionSecrets(), profiles_path=tmp_path / "p.json", bridge=bridge
    )
    qtbot.addWidget(dialog)
    dialog.open()
    if dialog.mapping_editor is not None:
        dialog.tabs.setCurrentWidget(dialog.mapping_editor)
    return dialog


def _editor(dialog: SettingsDialog) -> JobTypeMappingEditor:
    assert dialog.mapping_editor is not None
    return dialog.mapping_editor


def _stored(bridge: SyncBridge) -> dict[tuple[str, str], MappingEntry]:
    with bridge.reader.connect() as connection:
        return {(e.source, e.standard_job_type): e for e in mapping_entries(connection)}


def _job_type_ids(bridge: SyncBridge) -> dict[str, int]:
    with bridge.reader.connect() as connection:
        return {t.name: t.id for t in job_types(connection)}


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def _row_texts(table: QTableWidget, row: int) -> list[str]:
    return [_item(table, row, column).text() for column in range(table.columnCount())]


def _row_of(table: QTableWidget, key: tuple[str, str]) -> int:
    return next(r for r in range(table.rowCount()) if tuple(_row_texts(table, r)[:2]) == key)


def _click_row(qtbot: Any, table: QTableWidget, row: int) -> None:
    item = _item(table, row, 0)
    table.scrollToItem(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(item).center())
    assert table.currentRow() == row


def _tick(items: QListWidget, name: str, checked: bool = True) -> None:
    [item] = items.findItems(name, Qt.MatchFlag.MatchExactly)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _ok(qtbot: Any, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_the_seeded_mapping_is_shown_and_an_edit_saved(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, bridge: SyncBridge
) -> None:
    seeded = _stored(bridge)
    assert REPAIR in seeded, "the sync runner seeds the mapping from the sandbox"
    dialog = _dialog(qtbot, tmp_path, bridge)
    editor = _editor(dialog)
    table = editor.table
    assert table.rowCount() == len(seeded)
    row = _row_of(table, REPAIR)
    assert _row_texts(table, row) == [*REPAIR, "AC Repair", "HVAC Service"]
    assert _row_texts(table, _row_of(table, ("The Home Depot", "HVAC Installation")))[2:] == [
        "New AC Install, System Replacement Estimate",
        "HVAC Install",
    ]

    # The CSR's company books this task as a tune-up too: the mapping becomes ambiguous.
    _click_row(qtbot, table, row)
    assert editor.standard_edit.text() == REPAIR[1]
    assert "Unknown" not in [editor.job_type_list.item(i).text() for i in range(editor.job_type_list.count())]
    _tick(editor.job_type_list, "AC Tune-Up")
    assert _row_texts(table, row)[2] == "AC Repair, AC Tune-Up"
    with qtbot.waitSignal(dialog.finished):
        _ok(qtbot, dialog)

    ids = _job_type_ids(bridge)
    stored = _stored(bridge)
    assert sorted(stored[REPAIR].job_type_ids) == sorted((ids["AC Repair"], ids["AC Tune-Up"]))
    assert {k: v for k, v in stored.items() if k != REPAIR} == {
        k: v for k, v in seeded.items() if k != REPAIR
    }

    # A new dialog reads the saved mapping back.
    again = _editor(_dialog(qtbot, tmp_path, bridge))
    assert _row_texts(again.table, _row_of(again.table, REPAIR))[2] == "AC Repair, AC Tune-Up"


def test_entries_are_added_and_removed_and_unknown_ids_kept(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, bridge: SyncBridge
) -> None:
    with bridge.db.begin() as connection:
        replace_mapping(
            connection,
            [
                MappingEntry(*REPAIR, (_job_type_ids(bridge)["AC Repair"],), ()),
                MappingEntry("Thumbtack", "Retired work", (999_999,), ()),
            ],
        )
    dialog = _dialog(qtbot, tmp_path, bridge)
    editor = _editor(dialog)
    table = editor.table
    retired = _row_of(table, ("Thumbtack", "Retired work"))
    assert _row_texts(table, retired)[2] == "job type 999999 (not in the cache)"

    _click_row(qtbot, table, _row_of(table, REPAIR))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 3 and table.currentRow() == 2
    assert editor.source_combo.currentText() == "Angi"  # the selected entry's source
    qtbot.keyClicks(editor.standard_edit, "Install a hot tub")
    _tick(editor.job_type_list, "Generator Install")
    _tick(editor.job_type_list, "Panel Upgrade")
    _tick(editor.unit_list, "Electrical Install")
    assert _row_texts(table, 2) == [
        "Angi",
        "Install a hot tub",
        "Generator Install, Panel Upgrade",
        "Electrical Install",
    ]

    _click_row(qtbot, table, _row_of(table, REPAIR))
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert table.rowCount() == 2
    with qtbot.waitSignal(dialog.finished):
        _ok(qtbot, dialog)

    ids = _job_type_ids(bridge)
    stored = _stored(bridge)
    assert set(stored) == {("Thumbtack", "Retired work"), ("Angi", "Install a hot tub")}
    assert stored["Thumbtack", "Retired work"].job_type_ids == (999_999,)
    added = stored["Angi", "Install a hot tub"]
    assert sorted(added.job_type_ids) == sorted((ids["Generator Install"], ids["Panel Upgrade"]))
    assert len(added.business_unit_ids) == 1


def test_a_mapping_that_cannot_be_saved_keeps_the_dialog_open(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path, bridge: SyncBridge
) -> None:
    seeded = _stored(bridge)
    dialog = _dialog(qtbot, tmp_path, bridge)
    editor = _editor(dialog)
    _click_row(qtbot, editor.table, _row_of(editor.table, REPAIR))
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert editor.problem.text() == "Each entry needs a source and a standard job type."
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.tabs.currentWidget() is editor
    assert editor.problem.text().startswith("The job-type mapping was not saved: Each entry needs")

    qtbot.keyClicks(editor.standard_edit, "repair central AIR conditioning")
    assert editor.problem.text() == "Angi's 'repair central AIR conditioning' is in the mapping twice."
    _ok(qtbot, dialog)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert _stored(bridge) == seeded


def test_without_a_cache_there_is_no_mapping_tab(
    qloop: asyncio.AbstractEventLoop, qtbot: Any, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, tmp_path, None)
    assert dialog.mapping_editor is None
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["Profiles", "Queue and alerts"]


def _mapping_rows(cache: Path) -> int:
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM job_type_mapping").fetchone()[0])
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def test_the_console_connected_to_a_sandbox_seeds_its_mapping(sandbox: Any, tmp_path: Path) -> None:
    line = tmp_path / "sandbox.json"
    line.write_text(json.dumps(sandbox.announcement) + "\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "csr_console", "--connect", str(line)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    cache = tmp_path / "data" / "csr-console" / "cache" / f"sandbox-{sandbox.tenant}.db"
    deadline = time.monotonic() + 60
    while _mapping_rows(cache) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    try:
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert _mapping_rows(cache) > 0, err
    assert process.returncode == 0 and "Traceback" not in err, err
