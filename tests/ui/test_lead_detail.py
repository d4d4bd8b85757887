"""The lead's detail pane: its fields as plain text, the booking it came from, notes fetched from the
server (and fetched again when the lead changes), notes and follow-ups still in the outbox, and a fetch
that fails said plainly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton
from sqlalchemy import select

from csr_console.api import Environment, ServiceTitanClient
from csr_console.api.models.crm import CreateLeadNoteRequest
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.outbox import AddLeadNote, FollowUpLead
from csr_console.sync.service import SyncService
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.text import local_time
from csr_console.ui.leads import LeadDetailPane
from csr_console.ui.leads.detail import FETCHING_NOTES
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import credentials
from tests.ui.leads_helpers import change_lead
from tests.ui.queue_helpers import bridge_over

ld = schema.lead.c


@pytest.fixture
def online(
    qloop: Any, qtbot: Any, synced_cache: Path, sandbox: Any
) -> Iterator[tuple[SyncBridge, ServiceTitanClient]]:
    """A bridge whose client reaches the session's sandbox (the one the cache was synced from)."""
    db = open_cache(synced_cache)
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(sandbox.base_url, sandbox.token_url))
    bridge = SyncBridge(SyncService(client, db), db, actor="csr:test")
    yield bridge, client
    closing = qloop.create_task(client.aclose())
    qtbot.waitUntil(closing.done)
    bridge.reader.dispose()
    db.dispose()


def pane_for(qtbot: Any, bridge: SyncBridge) -> LeadDetailPane:
    pane = LeadDetailPane(bridge, TaskRegistry())
    qtbot.addWidget(pane)
    return pane


def captured_lead(bridge: SyncBridge) -> int:
    """An open lead captured from a booking, with a customer."""
    with bridge.reader.connect() as connection:
        found = connection.execute(
            select(ld.id)
            .where(ld.status == "Open", ld.booking_id.is_not(None), ld.customer_id.is_not(None))
            .order_by(ld.id)
            .limit(1)
        ).scalar_one()
    return int(found)


def texts(pane: LeadDetailPane, name: str) -> list[str]:
    return [label.text() for label in pane.findChildren(QLabel, name)]


def run(qloop: Any, qtbot: Any, coroutine: Any) -> Any:
    task = qloop.create_task(coroutine)
    qtbot.waitUntil(task.done, timeout=20_000)
    return task.result()


def test_fields_notes_and_what_waits_in_the_outbox(
    qloop: Any, qtbot: Any, online: tuple[SyncBridge, ServiceTitanClient]
) -> None:
    bridge, client = online
    lead_id = captured_lead(bridge)
    leads = client.crm.leads
    run(qloop, qtbot, leads.create_note(lead_id, CreateLeadNoteRequest(text="Called once, no answer")))
    run(
        qloop,
        qtbot,
        leads.create_note(lead_id, CreateLeadNoteRequest(text="<b>Gate code</b> 1234", pin_to_top=True)),
    )
    markup = "<i>Ann</i> <script>x()</script>"
    change_lead(bridge, lead_id, lead_customer_name=markup, summary="<b>Leak</b> under sink")

    pane = pane_for(qtbot, bridge)
    pane.show_lead(lead_id)
    detail = pane.detail
    assert detail is not None and detail.booking_id is not None
    assert texts(pane, "notes-state") == [FETCHING_NOTES]
    qtbot.waitUntil(lambda: bool(texts(pane, "note")), timeout=20_000)
    assert texts(pane, "note")[:2] == ["<b>Gate code</b> 1234", "Called once, no answer"]  # pinned first
    assert texts(pane, "name") == [markup]
    assert texts(pane, "summary") == ["<b>Leak</b> under sink"]
    assert texts(pane, "customer") == [f"{detail.customer_name} (#{detail.customer_id})"]
    assert texts(pane, "booking") == [f"Booking {detail.booking_id} from {detail.booking_source}"]
    assert detail.follow_up_date is not None
    assert texts(pane, "follow-up") == [local_time(detail.follow_up_date)]
    labels = pane.findChildren(QLabel)
    assert labels and all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)

    button = pane.findChild(QToolButton, "show-booking")
    assert button is not None
    with qtbot.waitSignal(pane.bookingRequested) as asked:
        button.click()
    assert asked.args == [detail.booking_id]

    # What this console queued shows at once, before it reaches the server.
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    bridge.service.enqueue(FollowUpLead(lead_id, when, "Wants a Saturday visit"), "csr:test", hold_s=60)
    bridge.service.enqueue(AddLeadNote(lead_id, "Dog in the yard"), "csr:test", hold_s=60)
    assert texts(pane, "queued-note") == ["Dog in the yard"]
    assert texts(pane, "follow-up-entry") == [f"Next follow-up {local_time(when)}"]
    assert texts(pane, "follow-up-text") == ["Wants a Saturday visit"]
    assert len(texts(pane, "action")) == 2  # the outbox's own list of the lead's actions

    # A change of the lead fetches its notes again (a colleague's note, or ours done).
    run(qloop, qtbot, leads.create_note(lead_id, CreateLeadNoteRequest(text="Colleague: sent a quote")))
    change_lead(bridge, lead_id, priority="High")
    qtbot.waitUntil(lambda: "Colleague: sent a quote" in texts(pane, "note"), timeout=20_000)
    assert texts(pane, "priority") == ["High"]


def test_notes_that_cannot_be_fetched_say_why(qloop: Any, qtbot: Any, synced_cache: Path) -> None:
    with bridge_over(synced_cache) as bridge:  # its client reaches no server
        pane = pane_for(qtbot, bridge)
        pane.show_lead(captured_lead(bridge))
        qtbot.waitUntil(lambda: not pane.fetching_notes, timeout=20_000)
        [said] = texts(pane, "notes-state")
        assert said.startswith("Notes could not be fetched: ")
        pane.show_lead(None)
        assert texts(pane, "message") == ["Select a lead to see its details."]
