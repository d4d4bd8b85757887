"""Reclassifying a booking from the detail pane: the job type said as the queue says it, the Reclassify…
button (keyboard reachable, New bookings only) opening the dialog, "Unknown" never offered, the
business units limited to the job type's, OK queuing a ReclassifyBooking; and, end to end against the
sandbox, the runner carrying it out and the pane showing the new job type."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QToolButton
from sqlalchemy import select, update

from csr_console.api import Environment, ServiceTitanClient
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.outbox import ActionState, ReclassifyBooking, get_action
from csr_console.sync.outbox.refresh import FreshCopies
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail_pane import DetailPane
from csr_console.ui.images import ThumbnailLoader
from csr_console.ui.queue.cells import RECLASSIFY
from csr_console.ui.reclassify_dialog import ReclassifyDialog
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import connect, credentials, new_booking, tag
from tests.ui.queue_helpers import bridge_over

b = schema.booking.c
jt = schema.job_type.c


@pytest.fixture
def bridge(synced_cache: Path) -> Iterator[SyncBridge]:
    with bridge_over(synced_cache) as made:
        yield made


def _pane(qtbot: Any, bridge: SyncBridge, tmp_path: Path) -> DetailPane:
    tasks = TaskRegistry()
    pane = DetailPane(bridge, tasks, thumbnails=ThumbnailLoader(tasks, cache_dir=tmp_path / "thumbs"))
    qtbot.addWidget(pane)
    return pane


def _job_types(bridge: SyncBridge) -> dict[str, tuple[int, tuple[int, ...]]]:
    """Active job types of the cache by name: (id, the business units that book it)."""
    with bridge.reader.connect() as connection:
        rows = connection.execute(select(jt.id, jt.name, jt.business_unit_ids).where(jt.active)).all()
    return {row.name: (row.id, tuple(row.business_unit_ids)) for row in rows}


def _unknown_new_booking(bridge: SyncBridge) -> int:
    """A New booking (contacts cached: these bridges reach no server) given the "Unknown" job type."""
    unknown_id, _ = _job_types(bridge)["Unknown"]
    with bridge.reader.connect() as connection:
        booking_id = connection.execute(
            select(b.id)
            .where(b.active, b.status == "New", b.contacts_synced_at.is_not(None))
            .order_by(b.id)
            .limit(1)
        ).scalar_one()
    with bridge.db.begin() as connection:
        connection.execute(update(schema.booking).where(b.id == booking_id).values(job_type_id=unknown_id))
    bridge.service.changes.publish("booking", [booking_id])
    return int(booking_id)


def _button(pane: DetailPane) -> QToolButton | None:
    return pane.findChild(QToolButton, "reclassify")


def _open_with_the_keyboard(qtbot: Any, pane: DetailPane) -> ReclassifyDialog:
    button = _button(pane)
    assert button is not None
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert button.accessibleName() == "Reclassify the job type" and button.text() == "Reclassify…"
    QTest.keyClick(button, Qt.Key.Key_Space)
    dialog = pane.findChild(ReclassifyDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _items(combo: QComboBox) -> list[tuple[str, int]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def _actions(pane: DetailPane) -> list[QLabel]:
    return pane.findChildren(QLabel, "action")


def test_reclassify_button_opens_the_dialog_and_ok_queues_the_action(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    booking_id = _unknown_new_booking(bridge)
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    job_type = pane.findChild(QLabel, "job-type")
    assert job_type is not None and job_type.text() == RECLASSIFY and job_type.font().bold()
    assert job_type.textFormat() is Qt.TextFormat.PlainText

    dialog = _open_with_the_keyboard(qtbot, pane)
    types = _job_types(bridge)
    offered = _items(dialog.job_type)
    assert "Unknown" not in [name for name, _ in offered]
    assert sorted(name for name, _ in offered) == sorted(name for name in types if name != "Unknown")
    assert dialog.job_type.currentIndex() == -1 and not dialog.business_unit.isEnabled()
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Choose the job type the customer needs."
    assert RECLASSIFY in dialog.now.text()
    assert dialog.note.text() == "The booking's job type is Unknown: reclassify it."

    with bridge.reader.connect() as connection:
        units = dict(
            connection.execute(
                select(schema.business_unit.c.id, schema.business_unit.c.name).where(
                    schema.business_unit.c.active
                )
            ).all()
        )
    # A job type booked by several units offers exactly those; one booked by a single unit picks it.
    several = next(name for name, (_, allowed) in types.items() if name != "Unknown" and len(allowed) > 1)
    single = next(name for name, (_, allowed) in types.items() if name != "Unknown" and len(allowed) == 1)
    dialog.job_type.setCurrentIndex(dialog.job_type.findText(several))
    several_id, allowed = types[several]
    assert sorted(unit_id for _, unit_id in _items(dialog.business_unit)) == sorted(
        u for u in allowed if u in units
    )
    assert all(units[unit_id] == name for name, unit_id in _items(dialog.business_unit))
    assert 1 < dialog.business_unit.count() < len(units)
    dialog.job_type.setCurrentIndex(dialog.job_type.findText(single))
    _, (only_unit,) = types[single]
    assert _items(dialog.business_unit) == [(units[only_unit], only_unit)]
    assert dialog.business_unit.currentData() == only_unit and dialog.ok_button.isEnabled()

    dialog.job_type.setCurrentIndex(dialog.job_type.findText(several))
    if dialog.business_unit.currentIndex() == -1:
        assert dialog.problem.text() == "Choose the business unit that books it."
        assert not dialog.ok_button.isEnabled()
        dialog.business_unit.setCurrentIndex(1)
    chosen_unit = dialog.business_unit.currentData()
    assert chosen_unit in allowed

    with bridge.reader.connect() as connection:
        provider_id = connection.execute(select(b.booking_provider_id).where(b.id == booking_id)).scalar_one()
    with qtbot.waitSignal(dialog.enqueued) as enqueued:
        dialog.ok_button.click()
    [action_id] = enqueued.args
    entry = get_action(bridge.db, action_id)
    assert entry is not None and entry.state is ActionState.PENDING
    assert entry.action == ReclassifyBooking(booking_id, provider_id, several_id, chosen_unit)
    assert entry.next_attempt_at is None  # not held: nothing to undo, it closes nothing
    # The pane heard of the queued action and lists it.
    qtbot.waitUntil(lambda: any("Reclassify booking — pending" in label.text() for label in _actions(pane)))


def test_only_new_bookings_offer_it_and_a_real_job_type_is_shown_plainly(
    qloop: Any, qtbot: Any, bridge: SyncBridge, tmp_path: Path
) -> None:
    with bridge.reader.connect() as connection:
        named = connection.execute(
            select(b.id, jt.name)
            .join(schema.job_type, jt.id == b.job_type_id)
            .where(b.active, b.status == "New", jt.name != "Unknown", b.contacts_synced_at.is_not(None))
            .limit(1)
        ).one()
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(named.id)
    job_type = pane.findChild(QLabel, "job-type")
    assert job_type is not None and job_type.text() == named.name and not job_type.font().bold()
    assert _button(pane) is not None  # a New booking's job type may still be corrected

    # Dismissed meanwhile (as the feeds would bring it): the pane is rebuilt without the button.
    with bridge.db.begin() as connection:
        connection.execute(update(schema.booking).where(b.id == named.id).values(status="Dismissed"))
    bridge.service.changes.publish("booking", [named.id])
    assert _button(pane) is None


def test_an_invalid_action_keeps_the_dialog_open(qloop: Any, qtbot: Any, bridge: SyncBridge) -> None:
    booking_id = _unknown_new_booking(bridge)
    # A cache row no server would send (provider 0): the action refuses to be built.
    with bridge.db.begin() as connection:
        connection.execute(update(schema.booking).where(b.id == booking_id).values(booking_provider_id=0))
    dialog = ReclassifyDialog(bridge, booking_id)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.job_type.setCurrentIndex(0)
    if dialog.business_unit.currentIndex() == -1:
        dialog.business_unit.setCurrentIndex(0)
    chosen = (dialog.job_type.currentIndex(), dialog.business_unit.currentIndex())
    enqueued: list[str] = []
    dialog.enqueued.connect(enqueued.append)
    dialog.ok_button.click()
    assert enqueued == [] and dialog.isVisible()
    assert "booking provider id must be a positive id" in dialog.refused.text()
    assert (dialog.job_type.currentIndex(), dialog.business_unit.currentIndex()) == chosen


def test_end_to_end_the_runner_reclassifies_and_the_pane_shows_it(
    qloop: Any, qtbot: Any, synced_cache: Path, sandbox: Any, tmp_path: Path
) -> None:
    db = open_cache(synced_cache)
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    bridge = SyncBridge(SyncService(client, db), db, actor="csr:test")
    unknown_id, _ = _job_types(bridge)["Unknown"]
    provider = sandbox.providers[0]
    provider_id = int(provider["booking_provider"])

    async def arrive() -> int:
        """A booking sent with "Unknown", in the cache as the feeds would write it."""
        async with connect(sandbox, provider) as partner:
            mine = partner.crm.provider_bookings(provider_id)
            made = await mine.create(new_booking(tag(), job_type_id=unknown_id))
        contacts = [contact async for contact in client.crm.bookings.contacts(made.id).items()]
        with db.begin() as connection:
            FreshCopies([made], {made.id: contacts}).write(connection, datetime.now(UTC))
        return made.id

    arriving = qloop.create_task(arrive())
    qtbot.waitUntil(arriving.done, timeout=20_000)
    booking_id = arriving.result()
    pane = _pane(qtbot, bridge, tmp_path)
    pane.show_booking(booking_id)
    assert pane.findChild(QLabel, "job-type").text() == RECLASSIFY  # type: ignore[union-attr]

    dialog = _open_with_the_keyboard(qtbot, pane)
    dialog.job_type.setCurrentIndex(0)
    if dialog.business_unit.currentIndex() == -1:
        dialog.business_unit.setCurrentIndex(0)
    name, job_type_id = dialog.job_type.currentText(), dialog.job_type.currentData()
    unit_name, unit_id = dialog.business_unit.currentText(), dialog.business_unit.currentData()
    with qtbot.waitSignal(dialog.enqueued) as enqueued:
        dialog.ok_button.click()
    [action_id] = enqueued.args

    running = qloop.create_task(bridge.service.outbox.run_due())
    qtbot.waitUntil(running.done, timeout=30_000)
    assert running.result() == 1
    entry = get_action(db, action_id)
    assert entry is not None and entry.state is ActionState.DONE, entry
    label = pane.findChild(QLabel, "job-type")
    assert label is not None and label.text() == name and not label.font().bold()
    assert pane.findChild(QLabel, "business-unit").text() == unit_name  # type: ignore[union-attr]

    fetching = qloop.create_task(client.crm.bookings.get(booking_id))
    qtbot.waitUntil(fetching.done, timeout=20_000)
    on_server = fetching.result()
    assert (on_server.job_type_id, on_server.business_unit_id) == (job_type_id, unit_id)
    closing = qloop.create_task(client.aclose())
    qtbot.waitUntil(closing.done)
    bridge.reader.dispose()
    db.dispose()
