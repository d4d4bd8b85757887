"""Helpers of the Leads view's tests: the view over a synced cache at a fixed time, and lead rows changed
in the cache with a change notification, as the sync engine would."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update

from csr_console.store import schema
from csr_console.store.queries.leads import DueLeads, LeadFilter, due_leads
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads import LeadsWidget
from csr_console.ui.tasks import TaskRegistry

#: The view's clock in these tests: the groups never move while one runs.
NOW = datetime.now(UTC)

ld = schema.lead.c


def shown(bridge: SyncBridge, qtbot: Any, tasks: TaskRegistry | None = None) -> LeadsWidget:
    widget = LeadsWidget(bridge, tasks or TaskRegistry(), now=lambda: NOW, tz=UTC)
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    with qtbot.waitSignal(widget.model.loaded), qtbot.waitActive(widget):  # focus needs an active window
        widget.show()
        widget.activateWindow()
    return widget


def settle(qtbot: Any, widget: LeadsWidget) -> None:
    qtbot.waitUntil(lambda: not widget.model.busy, timeout=10_000)


def due(bridge: SyncBridge, filters: LeadFilter = LeadFilter(), at: datetime = NOW) -> DueLeads:  # noqa: B008
    with bridge.reader.connect() as connection:
        return due_leads(connection, at, UTC, filters)


def change_lead(bridge: SyncBridge, lead_id: int, **values: Any) -> None:
    """Change a lead in the cache and announce it, as a feed would."""
    with bridge.db.begin() as connection:
        connection.execute(update(schema.lead).where(ld.id == lead_id).values(**values))
    bridge.service.changes.publish("lead", [lead_id])
