"""The Leads view's dialogs: what each refuses to queue, the action it queues (held for the undo, times
in UTC), and a refused action said in the dialog, which stays open with what the CSR entered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from csr_console.domain.enums import Priority
from csr_console.store import schema
from csr_console.sync.outbox import (
    ActionState,
    AddLeadNote,
    CreateLead,
    DismissLead,
    FollowUpLead,
    OutboxEntry,
    get_action,
)
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads.dialogs import DismissLeadDialog, FollowUpDialog, NewLeadDialog, NoteDialog
from csr_console.ui.undo import UNDO_HOLD_S
from tests.ui.queue_helpers import bridge_over

ld = schema.lead.c


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


def open_lead(bridge: SyncBridge) -> tuple[int, str]:
    with bridge.reader.connect() as connection:
        row = connection.execute(
            select(ld.id, ld.lead_customer_name)
            .where(ld.status == "Open", ld.lead_customer_name.is_not(None))
            .order_by(ld.id)
            .limit(1)
        ).one()
    return row.id, row.lead_customer_name


class Queued:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def __call__(self, action_id: str, text: str) -> None:
        self.calls.append((action_id, text))


def opened(qtbot: Any, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def ok(qtbot: Any, dialog: Any, bridge: SyncBridge, queued: Queued) -> OutboxEntry:
    """Press OK; the action queued, pending and held for the undo."""
    before = datetime.now(UTC)
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    [(action_id, _)] = queued.calls
    entry = get_action(bridge.db, action_id)
    assert entry is not None and entry.state is ActionState.PENDING
    assert entry.next_attempt_at is not None
    assert before + timedelta(seconds=UNDO_HOLD_S) <= entry.next_attempt_at
    return entry


def local(days: int, hour: int) -> QDateTime:
    moment = QDateTime.currentDateTime().addDays(days)
    moment.setTime(QTime(hour, 0))
    return moment


def utc_of(moment: QDateTime) -> datetime:
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)


def test_follow_up(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    lead_id, name = open_lead(bridge)
    queued = Queued()
    dialog = opened(qtbot, FollowUpDialog(bridge, lead_id, on_enqueued=queued))
    assert isinstance(dialog, FollowUpDialog)
    assert dialog.windowTitle() == f"Follow up {name}"
    assert dialog.ok_button.isEnabled()  # tomorrow morning, to start with
    dialog.when.setDateTime(local(-1, 9))
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "The next follow-up must be in the future."
    when = local(2, 14)
    dialog.when.setDateTime(when)
    qtbot.keyClicks(dialog.text, "Left a voicemail, call back Thursday")
    dialog.pin.setChecked(True)
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisibleTo(dialog)
    entry = ok(qtbot, dialog, bridge, queued)
    assert entry.action == FollowUpLead(lead_id, utc_of(when), "Left a voicemail, call back Thursday", True)
    assert queued.calls[0][1] == f"Follow-up logged for {name}"


def test_note(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    lead_id, name = open_lead(bridge)
    queued = Queued()
    dialog = opened(qtbot, NoteDialog(bridge, lead_id, on_enqueued=queued))
    assert isinstance(dialog, NoteDialog)
    assert not dialog.ok_button.isEnabled() and dialog.problem.text() == "Write the note."
    dialog.text.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.text.setPlainText("  Prefers text messages <b>only</b>  ")
    entry = ok(qtbot, dialog, bridge, queued)
    assert entry.action == AddLeadNote(lead_id, "Prefers text messages <b>only</b>", False)
    assert queued.calls[0][1] == f"Note added to {name}"


def test_dismiss_and_a_refused_second_dismiss(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    lead_id, name = open_lead(bridge)
    queued = Queued()
    dialog = opened(qtbot, DismissLeadDialog(bridge, lead_id, on_enqueued=queued))
    assert isinstance(dialog, DismissLeadDialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Choose why the lead is dismissed."
    dialog.reason.setCurrentIndex(0)
    reason_id = dialog.reason.currentData()
    entry = ok(qtbot, dialog, bridge, queued)
    assert entry.action == DismissLead(lead_id, reason_id)
    assert queued.calls[0][1] == f"Dismissed {name}"

    again = Queued()
    second = opened(qtbot, DismissLeadDialog(bridge, lead_id, on_enqueued=again))
    assert isinstance(second, DismissLeadDialog)
    second.reason.setCurrentIndex(1)
    second.ok_button.click()
    assert second.isVisible() and again.calls == []
    assert "already has a pending dismiss lead" in second.refused.text()
    assert second.reason.currentIndex() == 1  # what the CSR entered is kept


def test_a_lead_gone_from_the_cache(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    dialog = opened(qtbot, NoteDialog(bridge, 999_999_999, on_enqueued=Queued()))
    assert isinstance(dialog, NoteDialog)
    dialog.text.setPlainText("anything")
    assert not dialog.ok_button.isEnabled()
    assert "no longer in the cache" in dialog.problem.text()


def test_new_lead(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    queued = Queued()
    dialog = opened(qtbot, NewLeadDialog(bridge, on_enqueued=queued))
    assert isinstance(dialog, NewLeadDialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == (
        "A lead needs a campaign. Say what the lead is about. Choose a lead reason or a follow-up date."
    )
    dialog.campaign.setCurrentIndex(0)
    qtbot.keyClicks(dialog.summary, "Wants a quote for a new furnace")
    assert dialog.problem.text() == "Choose a lead reason or a follow-up date."
    dialog.follow_up.setChecked(True)
    dialog.follow_up_at.setDateTime(local(-1, 9))
    assert dialog.problem.text() == "The follow-up date is in the past."
    when = local(1, 10)
    dialog.follow_up_at.setDateTime(when)
    assert dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.phone, "555-01")
    qtbot.keyClicks(dialog.email, "ann.example.com")
    assert dialog.problem.text() == (
        "The phone number is too short. The email address is not one (name@example.com)."
    )
    dialog.phone.setText("(512) 555-0177")
    dialog.email.setText("ann@example.com")
    qtbot.keyClicks(dialog.name, "Ann Lee")
    dialog.priority.setCurrentIndex(dialog.priority.findData(Priority.HIGH))

    # The business units follow the job type chosen.
    every_unit = dialog.business_unit.count()
    narrow = next(t for t in dialog._job_types if 0 < len(t.business_unit_ids) < every_unit - 1)
    dialog.job_type.setCurrentIndex(dialog.job_type.findData(narrow.id))
    offered = [dialog.business_unit.itemData(i) for i in range(1, dialog.business_unit.count())]
    assert set(offered) == set(narrow.business_unit_ids) & {u.id for u in dialog._units}
    dialog.business_unit.setCurrentIndex(1)
    campaign_id, unit_id = dialog.campaign.currentData(), dialog.business_unit.currentData()

    entry = ok(qtbot, dialog, bridge, queued)
    assert entry.action == CreateLead(
        campaign_id=campaign_id,
        summary="Wants a quote for a new furnace",
        follow_up_date=utc_of(when),
        priority=Priority.HIGH,
        business_unit_id=unit_id,
        job_type_id=narrow.id,
        name="Ann Lee",
        phone="(512) 555-0177",
        email="ann@example.com",
    )  # no address given: not even the default country goes
    assert (entry.target_kind, entry.target_id) == ("new_lead", 0)
    assert queued.calls[0][1] == "New lead for Ann Lee"


def test_new_lead_with_a_reason_and_an_address(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    queued = Queued()
    dialog = opened(qtbot, NewLeadDialog(bridge, on_enqueued=queued))
    assert isinstance(dialog, NewLeadDialog)
    dialog.campaign.setCurrentIndex(1)
    dialog.summary.setPlainText("Walk-in: water heater")
    dialog.reason.setCurrentIndex(1)  # the first lead reason (0 is "None")
    dialog.address.fields["street"].setText("12 Oak St")
    dialog.address.fields["city"].setText("Austin")
    entry = ok(qtbot, dialog, bridge, queued)
    action = entry.action
    assert isinstance(action, CreateLead)
    assert action.call_reason_id == dialog.reason.currentData() and action.follow_up_date is None
    assert (action.street, action.city, action.state, action.country) == ("12 Oak St", "Austin", None, "USA")
    assert action.business_unit_id is None and action.job_type_id is None and action.name is None
    assert queued.calls[0][1] == "New lead"
