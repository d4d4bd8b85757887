"""The Leads view over a cache synced from the seeded sandbox: the groups are the query's, filters and
search narrow them, changes move rows between groups without losing the selection, outbox badges follow
their actions, and the view's keys open its dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import update

from csr_console.domain.contacts import phone_digits
from csr_console.store import schema
from csr_console.store.queries.leads import DueLeads, LeadFilter, LeadGroup
from csr_console.sync.outbox import FollowUpLead
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads import Column, LeadsWidget
from csr_console.ui.leads.dialogs import DismissLeadDialog, FollowUpDialog, NewLeadDialog, NoteDialog
from csr_console.ui.queue.cells import local_time_text
from tests.ui.leads_helpers import NOW, change_lead, due, settle, shown
from tests.ui.queue_helpers import bridge_over


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


def grouped(due_leads: DueLeads) -> dict[LeadGroup, list[int]]:
    return {
        LeadGroup.OVERDUE: [row.id for row in due_leads.overdue],
        LeadGroup.TODAY: [row.id for row in due_leads.today],
        LeadGroup.UPCOMING: [row.id for row in due_leads.upcoming],
        LeadGroup.NO_DATE: [row.id for row in due_leads.no_date],
    }


def shown_groups(widget: LeadsWidget) -> dict[LeadGroup, list[int]]:
    return {group: widget.model.ids_in(group) for group in LeadGroup}


def cell(widget: LeadsWidget, lead_id: int, column: Column) -> str:
    return str(widget.model.data(widget.model.index_of(lead_id, column)))


def group_title(widget: LeadsWidget, group: LeadGroup) -> str:
    return str(widget.model.data(widget.model.group_index(group)))


def test_the_groups_are_the_querys(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    widget = shown(bridge, qtbot)
    expected = grouped(due(bridge))
    assert shown_groups(widget) == expected
    assert expected[LeadGroup.OVERDUE] and expected[LeadGroup.UPCOMING]  # the seed has both
    assert group_title(widget, LeadGroup.OVERDUE) == f"Overdue ({len(expected[LeadGroup.OVERDUE])})"
    # Other tests of the session may have added leads without a date to the sandbox before this cache.
    assert group_title(widget, LeadGroup.NO_DATE) == f"No date ({len(expected[LeadGroup.NO_DATE])})"
    row = due(bridge).overdue[0]
    assert row.follow_up_date is not None
    assert cell(widget, row.id, Column.FOLLOW_UP) == local_time_text(row.follow_up_date, UTC)
    assert cell(widget, row.id, Column.NAME) == row.name
    assert cell(widget, row.id, Column.CAMPAIGN) == row.campaign_name
    assert cell(widget, row.id, Column.SOURCE) == (row.source or "")
    assert cell(widget, row.id, Column.BADGE) == ""
    # Group rows are folded and unfolded from the keyboard, never selected.
    widget.focus_tree()
    assert widget.selected_lead_id() == expected[LeadGroup.OVERDUE][0]
    qtbot.keyClick(widget.tree, Qt.Key.Key_Up)
    assert widget.tree.currentIndex() == widget.model.group_index(LeadGroup.OVERDUE)
    assert widget.selected_lead_id() is None
    qtbot.keyClick(widget.tree, Qt.Key.Key_Left)
    assert not widget.tree.isExpanded(widget.model.group_index(LeadGroup.OVERDUE))
    qtbot.keyClick(widget.tree, Qt.Key.Key_Down)
    assert widget.tree.currentIndex() == widget.model.group_index(LeadGroup.TODAY)
    qtbot.keyClick(widget.tree, Qt.Key.Key_Down)
    if expected[LeadGroup.TODAY]:
        assert widget.selected_lead_id() == expected[LeadGroup.TODAY][0]
    else:  # nothing due today at this hour: the next group's row
        assert widget.tree.currentIndex() == widget.model.group_index(LeadGroup.UPCOMING)


def test_filters_and_search(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    widget = shown(bridge, qtbot)
    every = [row for rows in grouped_rows(due(bridge)) for row in rows]

    def check(filters: LeadFilter) -> None:
        qtbot.waitUntil(lambda: widget.model.filter == filters)  # a search waits for the typing to pause
        settle(qtbot, widget)
        assert shown_groups(widget) == grouped(due(bridge, filters))

    campaign_id = every[0].campaign_id
    widget.campaign.setCurrentIndex(widget.campaign.findData(campaign_id))
    check(LeadFilter(campaign_id=campaign_id))
    assert 0 < sum(map(len, shown_groups(widget).values())) < len(every)
    widget.campaign.setCurrentIndex(0)

    unit_id = next(row.business_unit_id for row in every if row.business_unit_id is not None)
    widget.business_unit.setCurrentIndex(widget.business_unit.findData(unit_id))
    check(LeadFilter(business_unit_id=unit_id))
    widget.business_unit.setCurrentIndex(0)

    source = next(row.source for row in every if row.source is not None)
    qtbot.waitUntil(lambda: widget.source.findData(source) >= 0)  # the source list is read in a worker
    widget.source.setCurrentIndex(widget.source.findData(source))
    check(LeadFilter(source=source))
    widget.source.setCurrentIndex(0)

    widget.without_customer.setChecked(True)
    check(LeadFilter(without_customer=True))
    assert all(widget.model.lead_row(i).customer_id is None for i in all_ids(widget))  # type: ignore[union-attr]
    widget.without_customer.setChecked(False)
    check(LeadFilter())

    # Search by phone digits, typed with other punctuation than the lead's.
    wanted = next(row for row in every if row.phone and len(phone_digits(row.phone)) == 10)
    digits = phone_digits(wanted.phone or "")
    qtbot.keyClicks(widget.search, f"{digits[:3]}-{digits[3:6]}-{digits[6:]}")
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    check(LeadFilter(search=f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"))
    assert wanted.id in all_ids(widget)
    assert widget.tree.hasFocus() and widget.selected_lead_id() is not None  # Enter goes back to the list

    # By name (typed in Latin-1: QTest cannot type other text).
    named = next(row for row in every if row.name and row.name.isascii() and row.customer_id is None)
    widget.search.clear()
    qtbot.keyClicks(widget.search, named.name or "")
    check(LeadFilter(search=named.name))
    assert named.id in all_ids(widget)


def grouped_rows(due_leads: DueLeads) -> tuple[tuple[Any, ...], ...]:
    return due_leads.overdue, due_leads.today, due_leads.upcoming, due_leads.no_date


def all_ids(widget: LeadsWidget) -> list[int]:
    return [lead_id for ids in shown_groups(widget).values() for lead_id in ids]


def test_a_change_moves_rows_and_keeps_the_selection(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    widget = shown(bridge, qtbot)
    announced: list[object] = []
    widget.currentLeadChanged.connect(announced.append)
    overdue = widget.model.ids_in(LeadGroup.OVERDUE)
    undated = widget.model.ids_in(LeadGroup.NO_DATE)  # none in the seed; other tests may add some
    chosen, other, third = overdue[1], overdue[2], overdue[3]
    assert widget.select_lead(chosen)
    assert announced == [chosen] and widget.detail.lead_id == chosen

    # Another lead moves to "No date", one to "Today", one to the end of "Overdue": rows move, the
    # selection stays.
    change_lead(bridge, other, follow_up_date=None)
    change_lead(bridge, third, follow_up_date=NOW + timedelta(minutes=1))
    last_overdue = datetime.combine(NOW.date(), datetime.min.time(), UTC) - timedelta(seconds=1)
    change_lead(bridge, overdue[0], follow_up_date=last_overdue)
    settle(qtbot, widget)
    assert shown_groups(widget) == grouped(due(bridge))
    assert widget.model.ids_in(LeadGroup.OVERDUE)[-1] == overdue[0]
    assert sorted(widget.model.ids_in(LeadGroup.NO_DATE)) == sorted([*undated, other])
    assert group_title(widget, LeadGroup.NO_DATE) == f"No date ({len(undated) + 1})"
    assert widget.selected_lead_id() == chosen and announced == [chosen]

    # The selected lead itself moves to "Upcoming": it stays selected where it went.
    change_lead(bridge, chosen, follow_up_date=NOW + timedelta(days=3))
    settle(qtbot, widget)
    assert chosen in widget.model.ids_in(LeadGroup.UPCOMING)
    assert widget.selected_lead_id() == chosen and announced == [chosen]
    assert widget.tree.currentIndex().parent() == widget.model.group_index(LeadGroup.UPCOMING)

    # A filter change reloads the list: the lead is selected again if it is still on it.
    widget.without_customer.setChecked(widget.model.lead_row(chosen).customer_id is None)  # type: ignore[union-attr]
    settle(qtbot, widget)
    assert widget.selected_lead_id() == chosen
    widget.without_customer.setChecked(False)
    settle(qtbot, widget)

    # Dismissed (by a colleague): it leaves, and its neighbour is selected.
    with qtbot.waitSignal(widget.currentLeadChanged) as moved:
        change_lead(bridge, chosen, status="Dismissed")
        settle(qtbot, widget)
    assert chosen not in all_ids(widget)
    assert moved.args == [widget.selected_lead_id()] and moved.args[0] is not None


def test_badges_follow_the_outbox(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    widget = shown(bridge, qtbot)
    lead_id = widget.model.ids_in(LeadGroup.OVERDUE)[0]
    action_id = bridge.service.enqueue(FollowUpLead(lead_id, NOW + timedelta(days=1)), "csr:test", hold_s=60)
    settle(qtbot, widget)
    assert cell(widget, lead_id, Column.BADGE) == "pending"
    tooltip = widget.model.data(widget.model.index_of(lead_id, Column.BADGE), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "follow up lead — pending"

    # The runner's own news name the action only: the view finds its lead.
    with bridge.db.begin() as connection:
        connection.execute(
            update(schema.outbox_action)
            .where(schema.outbox_action.c.id == action_id)
            .values(state="failed", message="Lead is Dismissed")
        )
    bridge.service.changes.publish("outbox", [action_id])
    settle(qtbot, widget)
    assert cell(widget, lead_id, Column.BADGE) == "failed: Lead is Dismissed"


def test_keys_open_the_dialogs_and_book_job(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    widget = shown(bridge, qtbot)
    actions = widget.actions_for_menu()
    assert [action.shortcut().toString() for action in actions] == ["F", "N", "D", "B", "Ctrl+N"]
    assert all(a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut for a in actions)
    assert not widget.follow_up_action.isEnabled()  # no lead selected yet
    widget.focus_tree()
    lead_id = widget.selected_lead_id()
    assert lead_id is not None and widget.follow_up_action.isEnabled()

    for key, kind in (
        (Qt.Key.Key_F, FollowUpDialog),
        (Qt.Key.Key_N, NoteDialog),
        (Qt.Key.Key_D, DismissLeadDialog),
    ):
        qtbot.keyClick(widget.tree, key)
        dialog = opened_dialog(widget)
        assert isinstance(dialog, kind) and dialog.lead_id == lead_id
        dialog.reject()
        qtbot.waitUntil(lambda: opened_dialog(widget) is None)

    with qtbot.waitSignal(widget.bookJobRequested) as booking:
        qtbot.keyClick(widget.tree, Qt.Key.Key_B)
    assert booking.args == [lead_id]
    qtbot.keyClick(widget.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = opened_dialog(widget)
    assert isinstance(dialog, NewLeadDialog)
    dialog.reject()
    qtbot.waitUntil(lambda: opened_dialog(widget) is None)

    # In the search box, letters are text.
    widget.search.setFocus()
    qtbot.keyClicks(widget.search, "fnd")
    assert widget.search.text() == "fnd" and opened_dialog(widget) is None


def opened_dialog(widget: LeadsWidget) -> QDialog | None:
    found = [d for d in widget.findChildren(QDialog) if d.isVisible()]
    return found[0] if found else None
