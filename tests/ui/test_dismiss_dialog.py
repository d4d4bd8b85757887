"""The dismiss / capture-lead dialog and the undo offer: validation, the held action in the outbox,
undo cancelling it, and a refused action leaving the dialog open with what the CSR entered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime
from sqlalchemy import select

from csr_console.store import schema
from csr_console.sync.outbox import ActionState, CaptureLead, DismissBooking, get_action
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.dismiss_dialog import DismissDialog
from csr_console.ui.undo import UNDO_HOLD_S, UndoNotice
from tests.ui.queue_helpers import bridge_over

b = schema.booking.c


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


def _new_booking(bridge: SyncBridge) -> tuple[int, int | None]:
    with bridge.reader.connect() as connection:
        row = connection.execute(
            select(b.id, b.campaign_id).where(b.active, b.status == "New").order_by(b.id).limit(1)
        ).one()
    return row.id, row.campaign_id


def _dialog(
    qtbot: Any, bridge: SyncBridge, booking_id: int, *, lead_mode: bool
) -> tuple[DismissDialog, list]:
    enqueued: list[tuple[str, str]] = []
    dialog = DismissDialog(bridge, booking_id, lead_mode=lead_mode, on_enqueued=lambda *a: enqueued.append(a))
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog, enqueued


def test_dismiss_with_undo(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    booking_id, _ = _new_booking(bridge)
    dialog, enqueued = _dialog(qtbot, bridge, booking_id, lead_mode=False)
    assert not dialog.ok_button.isEnabled()
    assert dialog.reason_problem.text() == "Choose why the booking is dismissed."
    dialog.reason.setCurrentIndex(0)
    dialog.memo.setPlainText("Spam: a robot filled the form")
    assert dialog.ok_button.isEnabled() and not dialog.reason_problem.isVisibleTo(dialog)

    before = datetime.now(UTC)
    with qtbot.waitSignal(dialog.finished):
        dialog.ok_button.click()
    [(action_id, text)] = enqueued
    entry = get_action(bridge.db, action_id)
    assert entry is not None and entry.state is ActionState.PENDING
    assert entry.action == DismissBooking(
        booking_id, dialog.reason.currentData(), "Spam: a robot filled the form"
    )
    assert entry.next_attempt_at is not None
    assert before + timedelta(seconds=UNDO_HOLD_S) <= entry.next_attempt_at
    assert entry.next_attempt_at <= datetime.now(UTC) + timedelta(seconds=UNDO_HOLD_S)
    assert text.startswith("Dismissed ")

    notice = UndoNotice(bridge)
    qtbot.addWidget(notice)
    notice.offer(action_id, text)
    assert notice.isVisibleTo(notice.parentWidget() or notice)
    assert notice.text() in (f"{text} — Undo (10 s)", f"{text} — Undo (9 s)")
    with qtbot.waitSignal(notice.undone) as undone:
        notice.undo()
    assert undone.args == [action_id]
    cancelled = get_action(bridge.db, action_id)
    assert cancelled is not None and cancelled.state is ActionState.CANCELLED
    assert notice.isHidden() and notice.action_id is None


def test_offer_ends_with_the_hold(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    notice = UndoNotice(bridge)
    qtbot.addWidget(notice)
    notice.offer("some-action", "Dismissed Ann", seconds=1)
    assert not notice.isHidden()
    qtbot.waitUntil(notice.isHidden)
    assert notice.action_id is None


def test_keep_as_lead_validation_and_capture(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    booking_id, campaign_id = _new_booking(bridge)
    dialog, enqueued = _dialog(qtbot, bridge, booking_id, lead_mode=True)
    assert dialog.keep_as_lead.isChecked()
    assert not dialog.reason.isEnabled()  # the dismissal's own fields do not apply to a lead
    assert dialog.campaign.currentData() == campaign_id
    assert not dialog.ok_button.isEnabled()
    assert "lead reason or a follow-up date" in dialog.lead_problem.text()

    dialog.follow_up.setChecked(True)
    dialog.follow_up_at.setDateTime(QDateTime.currentDateTime().addDays(-1))
    assert "in the past" in dialog.lead_problem.text() and not dialog.ok_button.isEnabled()
    follow_up = QDateTime.currentDateTime().addDays(2)
    dialog.follow_up_at.setDateTime(follow_up)
    dialog.campaign.setCurrentIndex(-1)
    assert dialog.lead_problem.text() == "A lead needs a campaign." and not dialog.ok_button.isEnabled()
    dialog.campaign.setCurrentIndex(0)
    dialog.lead_summary.setPlainText("  ")
    assert not dialog.ok_button.isEnabled()
    dialog.lead_summary.setPlainText("Wants a quote for a new AC in spring")
    dialog.lead_reason.setCurrentIndex(0)
    assert dialog.ok_button.isEnabled()

    dialog.ok_button.click()
    [(action_id, text)] = enqueued
    entry = get_action(bridge.db, action_id)
    assert entry is not None and entry.state is ActionState.PENDING
    assert entry.action == CaptureLead(
        booking_id,
        dialog.campaign.currentData(),
        "Wants a quote for a new AC in spring",
        call_reason_id=dialog.lead_reason.currentData(),
        follow_up_date=datetime.fromtimestamp(follow_up.toSecsSinceEpoch(), UTC),
    )
    assert text.startswith("Kept ") and text.endswith(" as a lead")


def test_a_refused_action_keeps_the_dialog_open(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    booking_id, _ = _new_booking(bridge)
    first, _ = _dialog(qtbot, bridge, booking_id, lead_mode=False)
    first.reason.setCurrentIndex(0)
    first.ok_button.click()

    second, enqueued = _dialog(qtbot, bridge, booking_id, lead_mode=False)
    second.reason.setCurrentIndex(1)
    second.memo.setPlainText("second try")
    second.ok_button.click()
    assert enqueued == []
    assert second.isVisible() and "already has a pending dismiss booking" in second.refused.text()
    assert second.reason.currentIndex() == 1 and second.memo.toPlainText() == "second try"
