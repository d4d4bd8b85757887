"""Bookings and customers written into a synced cache for accept-wizard tests, with names and numbers no
seeded record has, and the wizard opened on them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from csr_console.api import Environment, ServiceTitanClient
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.store.queries.job_reference import job_types
from csr_console.sync.service import SyncService
from csr_console.ui.accept import AcceptWizard, load_context
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.main_window import MainWindow
from csr_console.ui.queue.model import Column
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import credentials
from tests.store import cache_rows as r

FIRST_ID = 9_000_000


def make_bridge(sandbox: Any, cache: Path, *, base_url: str | None = None) -> SyncBridge:
    """A bridge on the cache whose engine talks to the sandbox (or to `base_url`: a dead port)."""
    db = open_cache(cache)
    url = base_url or sandbox.base_url
    client = ServiceTitanClient(credentials(sandbox), Environment.custom(url, f"{url}/connect/token"))
    return SyncBridge(SyncService(client, db), db, actor="csr:test")


def reference(bridge: SyncBridge) -> dict[str, Any]:
    """A real job type with a single business unit, a campaign and a provider tag from the synced cache."""
    with bridge.reader.connect() as c:
        job_type = next(t for t in job_types(c) if len(t.business_unit_ids) == 1 and not t.unknown)
        unknown = next(t for t in job_types(c) if t.unknown)
        campaign_id = c.execute(select(schema.campaign.c.id).limit(1)).scalar_one()
        tag = c.execute(
            select(schema.booking_provider_tag.c.id, schema.booking_provider_tag.c.tag_name).where(
                schema.booking_provider_tag.c.tag_name == "Angi"
            )
        ).one()
    return {
        "job_type": job_type,
        "unknown": unknown,
        "business_unit_id": job_type.business_unit_ids[0],
        "campaign_id": campaign_id,
        "provider_id": tag.id,
        "source": tag.tag_name,
    }


def add_booking(
    bridge: SyncBridge,
    booking_id: int,
    *,
    contacts: tuple[tuple[str, str], ...] = (),
    **fields: Any,
) -> None:
    now = datetime.now(UTC)
    with bridge.db.begin() as c:
        r.insert(c, schema.booking, r.booking(booking_id, created_on=now, contacts_synced_at=now, **fields))
        r.insert(
            c,
            schema.booking_contact,
            *(
                r.booking_contact(booking_id * 10 + n, booking_id, type_, value)
                for n, (type_, value) in enumerate(contacts)
            ),
        )


def add_customer(
    bridge: SyncBridge,
    customer_id: int,
    name: str,
    *,
    locations: tuple[tuple[int, dict[str, Any]], ...],
    contacts: tuple[tuple[str, int, str, str], ...] = (),
    **fields: Any,
) -> None:
    """A customer, its locations (id, address fields) and contacts (owner kind, owner id, type, value)."""
    with bridge.db.begin() as c:
        r.insert(c, schema.customer, r.customer(customer_id, name, **fields))
        r.insert(
            c, schema.location, *(r.location(loc_id, customer_id, **address) for loc_id, address in locations)
        )
        r.insert(
            c,
            schema.contact,
            *(
                r.contact(kind, customer_id * 10 + n, owner, type_, value)
                for n, (kind, owner, type_, value) in enumerate(contacts)
            ),
        )


def open_wizard(
    bridge: SyncBridge, qtbot: Any, booking_id: int, **kwargs: Any
) -> tuple[AcceptWizard, list[str]]:
    """The wizard on a booking, opened as the main window opens it; the ids it enqueues are collected."""
    enqueued: list[str] = []
    with bridge.reader.connect() as c:
        context = load_context(c, booking_id)
    assert context is not None
    wizard = AcceptWizard(
        bridge,
        TaskRegistry(),
        context,
        on_enqueued=lambda action_id, _text: enqueued.append(action_id),
        **kwargs,
    )
    qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    return wizard, enqueued


def searched(wizard: AcceptWizard) -> bool:
    """The search of ServiceTitan for more candidates has ended (found some or said why not)."""
    text = wizard.customer_page.search_state.text()
    return bool(text) and not text.startswith("Searching")


def run(qtbot: Any, coroutine: Any, timeout: int = 20_000) -> Any:
    """A coroutine run to its end on the test's qasync loop, Qt events served meanwhile."""
    task = asyncio.ensure_future(coroutine)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


def badge_cell(window: MainWindow, booking_id: int) -> str:
    """The queue's outbox / job cell of a booking ("" when its row is not shown)."""
    model = window.queue.model
    for row in range(model.rowCount()):
        if model.booking_id_at(row) == booking_id:
            return str(model.data(model.index(row, Column.BADGE)) or "")
    return ""
