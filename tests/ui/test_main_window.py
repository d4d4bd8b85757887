"""The main window: training banner, menus and shortcuts, Accept only for an open booking, dismiss from
the queue, and the status bar's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTabBar
from sqlalchemy import select

from csr_console.store import schema
from csr_console.store.queries.queue import QueueView
from csr_console.sync.connectivity import Connectivity, ConnectivityState
from csr_console.ui.accept import AcceptWizard
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads import LEAD_ID_ROLE
from csr_console.ui.leads.dialogs import DismissLeadDialog
from csr_console.ui.main_window import TRAINING_BANNER, MainWindow
from csr_console.ui.status_bar import connectivity_text
from tests.store.cache_rows import booking
from tests.ui.queue_helpers import write_bookings
from tests.ui.window_helpers import shown_window


@pytest.fixture
def window(bridge: SyncBridge, qtbot: Any, tmp_path: Path) -> MainWindow:
    return shown_window(bridge, qtbot, tmp_path, training=True)


def test_training_mode_is_bannered(window: MainWindow) -> None:
    assert window.banner is not None
    assert window.banner.isVisible()
    assert window.banner.text() == TRAINING_BANNER
    assert "training" in window.windowTitle().lower()


def test_a_real_tenant_has_no_banner(bridge: SyncBridge, qtbot: Any, tmp_path: Path) -> None:
    window = shown_window(bridge, qtbot, tmp_path, training=False)
    assert window.banner is None
    assert "training" not in window.windowTitle().lower()


def test_accept_needs_a_selected_open_booking(window: MainWindow, qtbot: Any) -> None:
    assert not window.accept_action.isEnabled()  # nothing selected
    assert window.accept_action in window.booking_actions  # the context menu shows it too
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
    window.queue.table.selectRow(0)  # the New view: an open booking
    qtbot.waitUntil(window.accept_action.isEnabled)


def _menu_texts(window: MainWindow) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        found[menu_action.text().replace("&", "")] = [
            (a.text().replace("&", ""), a.shortcut().toString())
            for a in menu.actions()
            if not a.isSeparator()
        ]
    return found


def test_every_action_is_in_a_menu_with_its_shortcut(window: MainWindow) -> None:
    menus = _menu_texts(window)
    assert ("Quit", "Ctrl+Q") in menus["File"]
    assert any(text == "Settings…" for text, _ in menus["File"])
    assert menus["Booking"] == [
        ("Open", "Return"),
        ("Accept…", "A"),
        ("Dismiss…", "D"),
        ("Capture lead…", "L"),
        ("Reclassify job type…", "C"),
        ("Retry failed action", ""),
        ("Reopen accept with its entries…", ""),
        ("Cancel action", ""),
    ]
    assert menus["Leads"] == [
        ("Log follow-up…", "F"),
        ("Add note…", "N"),
        ("Dismiss lead…", "D"),
        ("Book job…", "B"),
        ("New lead…", "Ctrl+N"),
    ]
    assert menus["View"] == [
        ("Bookings", "Ctrl+1"),
        ("Leads", "Ctrl+2"),
        ("Reports", "Ctrl+3"),
        ("New", "Alt+1"),
        ("Accepted  Converted", "Alt+2"),
        ("Dismissed", "Alt+3"),
        ("All", "Alt+4"),
        ("Search", "/"),
        ("Back to queue", "Esc"),
        ("Problems", "Ctrl+Shift+P"),
    ]


def test_view_shortcuts_switch_the_queue(window: MainWindow) -> None:
    window.view_actions[QueueView.DISMISSED].trigger()
    assert window.queue.model.view is QueueView.DISMISSED
    assert window.view_actions[QueueView.DISMISSED].isChecked()
    assert not window.view_actions[QueueView.NEW].isChecked()


def test_the_view_menu_follows_the_queues_tabs(window: MainWindow, qtbot: Any) -> None:
    tabs = window.queue.findChild(QTabBar)
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(3).center())  # "All"
    assert window.queue.model.view is QueueView.ALL
    assert window.view_actions[QueueView.ALL].isChecked()
    assert not window.view_actions[QueueView.NEW].isChecked()


def test_a_opens_the_accept_wizard_for_the_selected_booking(window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
    window.queue.focus_table()
    booking_id = window.queue.selected_booking_id()
    assert booking_id is not None
    qtbot.waitUntil(window.accept_action.isEnabled)

    qtbot.keyClick(window.queue.table, Qt.Key.Key_A)

    [wizard] = [w for w in window.findChildren(AcceptWizard) if w.isVisible()]
    assert wizard.context.request.id == booking_id
    assert wizard.currentPage() is wizard.customer_page
    wizard.reject()


def test_each_page_has_its_own_keys(window: MainWindow, qtbot: Any) -> None:
    """D dismisses the selected booking on the Bookings page and the selected lead on the Leads page."""
    window.page_actions[1].trigger()  # Ctrl+2
    assert window.workspace.currentWidget() is window.leads
    model = window.leads.model

    def groups_with_leads() -> list[int]:  # the four groups are rows from the start; leads load later
        return [row for row in range(model.rowCount()) if model.rowCount(model.index(row, 0)) > 0]

    qtbot.waitUntil(lambda: bool(groups_with_leads()), timeout=10_000)
    first_group = groups_with_leads()[0]
    lead_id = model.index(0, 0, model.index(first_group, 0)).data(LEAD_ID_ROLE)
    assert window.leads.select_lead(lead_id)
    window.leads.focus_tree()

    qtbot.keyClick(window.leads.tree, Qt.Key.Key_D)

    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert [type(d) for d in dialogs] == [DismissLeadDialog]
    dialogs[0].reject()
    window.page_actions[0].trigger()  # Ctrl+1
    assert window.workspace.currentWidget() is window.splitter


def test_d_opens_the_dismiss_dialog_for_the_selected_booking(window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0)
    window.queue.focus_table()
    booking_id = window.queue.selected_booking_id()
    assert booking_id is not None
    assert window.dismiss_action.isEnabled()

    qtbot.keyClick(window.queue.table, Qt.Key.Key_D)

    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert len(dialogs) == 1
    assert dialogs[0]._booking_id == booking_id


def test_nothing_selected_leaves_the_booking_actions_off(window: MainWindow) -> None:
    window.queue.select_booking(None)
    window.queue.table.clearSelection()
    window._update_booking_actions()
    assert not window.dismiss_action.isEnabled()
    assert window.open_dismiss(lead_mode=False) is None


def test_quit_and_close_ask_the_app_to_shut_down(window: MainWindow, qtbot: Any) -> None:
    with qtbot.waitSignal(window.quitRequested):
        window.quit_action.trigger()
    with qtbot.waitSignal(window.quitRequested):
        window.close()


def test_the_status_bar_shows_the_outbox_and_the_lag(window: MainWindow, qtbot: Any) -> None:
    assert window.status.outbox_label.text().startswith("Outbox: ")
    assert window.status.lag_label.text().startswith("Lag")
    assert window.status.connection_label.textFormat() == Qt.TextFormat.PlainText
    # A booking that arrives now, 2.3 s after it was made, is the delivery lag shown (within a second).
    write_bookings(window.bridge, booking(990_000_001, created_on=datetime.now(UTC), lag_ms=2300))
    qtbot.waitUntil(lambda: window.status.lag_label.text() == "Lag 2.3 s", timeout=5000)


def test_connectivity_words() -> None:
    now = datetime(2026, 11, 21, 12, 3, 41, tzinfo=UTC)
    synced = now - timedelta(minutes=3)
    local = synced.astimezone()
    online = ConnectivityState(Connectivity.ONLINE, now, None)
    offline = ConnectivityState(Connectivity.OFFLINE, synced, "cannot reach the server")
    degraded = ConnectivityState(Connectivity.DEGRADED, synced, "HTTP 503")
    assert connectivity_text(online, None, now) == f"Online · synced {now.astimezone():%H:%M:%S}"
    assert (
        connectivity_text(offline, None, now) == f"Offline — showing the cache from {local:%H:%M} (3 min old)"
    )
    assert connectivity_text(degraded, None, now) == f"Degraded — HTTP 503 · synced {local:%H:%M:%S}"
    assert connectivity_text(None, synced, now).startswith("Connecting… showing the cache from")
    assert connectivity_text(None, None, now) == "Connecting…"


def test_the_cadence_settings_reach_the_engine(window: MainWindow) -> None:
    queue = window.bridge.service.feeds.cadences["queue"]
    assert (queue.active_s, queue.idle_s) == (
        window.settings.cadence_active_s,
        window.settings.cadence_idle_s,
    )
    window.settings.cadence_active_s = 4.0
    window.settings.cadence_idle_s = 45.0
    assert (queue.active_s, queue.idle_s) == (4.0, 45.0)


def test_a_dismissed_booking_without_a_campaign_reopens_in_the_new_lead_form(
    window: MainWindow, bridge: SyncBridge
) -> None:
    b = schema.booking.c
    with bridge.reader.connect() as connection:
        row = connection.execute(
            select(b.id, b.name, b.street).where(b.status == "Dismissed", b.campaign_id.is_(None)).limit(1)
        ).one()
    dialog = window.reopen_as_lead(row.id)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == f"Re-open {row.name} as a lead"
    assert dialog.name.text() == row.name
    assert dialog.address.value("street") == (row.street or "")
    assert "A lead needs a campaign." in dialog.problems()  # the one thing the CSR must add
    dialog.reject()
