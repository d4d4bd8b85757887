"""Offline triage, against the real sandbox over loopback and a real synced cache: a console that cannot
reach its server shows the cached queue under the offline banner with the data's age; what the CSR does
offline waits visibly and is sent once the server is back; an action whose booking a colleague closed
meanwhile is listed under View › Problems with the server's words, and each choice there works."""

from __future__ import annotations

import asyncio
import re
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from csr_console.api.models.crm import DismissBookingRequest
from csr_console.store.queries.booking_detail import booking_detail
from csr_console.store.queries.status import OutboxCounts, last_sync_at
from csr_console.sync.connectivity import Connectivity, ConnectivityState
from csr_console.sync.outbox import ActionState, DismissBooking, NewCustomer, enqueue, get_action
from csr_console.ui.accept import AcceptWizard
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.leads.dialogs import NewLeadDialog
from csr_console.ui.main_window import MainWindow
from csr_console.ui.offline_banner import offline_text, shows_offline
from csr_console.ui.problems import ProblemsPanel
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import connect, sync_once
from tests.sync.outbox_helpers import (
    accept_for,
    accept_for_new_customer,
    cache_at,
    harness,
    make_bookings,
    make_customers,
    refs_of,
)
from tests.ui.accept_helpers import badge_cell, make_bridge, run

BANNER_AGE = re.compile(r"^Offline — showing bookings as of (\d\d:\d\d) \((under a minute|\d+ min) old\)\. ")


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class Console:
    """A MainWindow on a bridge, with its sync engine running as in the app; closed in order."""

    def __init__(self, bridge: SyncBridge, qtbot: Any, tmp_path: Path) -> None:
        self.bridge = bridge
        self.qtbot = qtbot
        for cadence in bridge.service.feeds.cadences.values():  # a test's patience, not a CSR's
            cadence.backoff_base_s, cadence.backoff_cap_s = 0.2, 1.0
        settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        self.window = MainWindow(bridge, TaskRegistry(), settings, training=False)
        self.window.show()  # not qtbot.addWidget: it would delete the window before `close` runs
        self._stop = asyncio.Event()
        self._engine: asyncio.Future[None] | None = None

    def start_engine(self) -> None:
        self._engine = asyncio.ensure_future(self.bridge.service.run(self._stop))

    def close(self) -> None:
        self._stop.set()
        if self._engine is not None:
            self.qtbot.waitUntil(self._engine.done, timeout=30_000)
        run(self.qtbot, self.window.aclose())
        self.window.close()
        self.window.deleteLater()
        self.bridge.reader.dispose()
        self.bridge.db.dispose()


@pytest.fixture
def consoles(qtbot: Any, tmp_path: Path, qloop: Any) -> Iterator[list[Console]]:
    made: list[Console] = []
    yield made
    for console in made:
        console.close()


def _open(consoles: list[Console], bridge: SyncBridge, qtbot: Any, tmp_path: Path) -> Console:
    console = Console(bridge, qtbot, tmp_path)
    consoles.append(console)
    return console


# -- the banner's words --------------------------------------------------------------------------------
def test_the_banners_words() -> None:
    now = datetime(2026, 11, 21, 12, 30, tzinfo=UTC)
    synced = now - timedelta(minutes=12)
    kept = "What you do is kept and sent when the connection is back."
    assert offline_text(synced, now, OutboxCounts(3, 0, 0)) == (
        f"Offline — showing bookings as of {synced.astimezone():%H:%M} (12 min old). {kept}"
        " 3 actions waiting to be sent."
    )
    assert offline_text(synced, now, OutboxCounts(1, 1, 1)).endswith(
        "1 action waiting to be sent. 2 need your attention (View › Problems)."
    )
    assert offline_text(None, now, OutboxCounts(0, 0, 0)) == (
        f"Offline — no bookings have been synced yet. {kept}"
    )


def test_when_the_banner_is_up() -> None:
    now = datetime.now(UTC)
    assert not shows_offline(None)  # still connecting
    assert not shows_offline(ConnectivityState(Connectivity.ONLINE, now, None))
    assert shows_offline(ConnectivityState(Connectivity.OFFLINE, now, "cannot reach"))
    # The first call since the start failed and none got through: offline as far as the CSR can tell.
    assert shows_offline(ConnectivityState(Connectivity.DEGRADED, None, "cannot reach"))
    # One failure after good calls: degraded, the status bar says it, no banner.
    assert not shows_offline(ConnectivityState(Connectivity.DEGRADED, now, "HTTP 503"))


# -- (a) an offline start --------------------------------------------------------------------------------
def test_an_unreachable_server_shows_the_cached_queue_under_the_offline_banner(
    sandbox: Any, synced_cache: Path, qtbot: Any, tmp_path: Path, consoles: list[Console]
) -> None:
    bridge = make_bridge(sandbox, synced_cache, base_url=f"http://127.0.0.1:{_closed_port()}")
    console = _open(consoles, bridge, qtbot, tmp_path)
    window = console.window
    assert not window.offline_banner.isVisible()  # nothing known yet: connecting
    console.start_engine()

    qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0, timeout=10_000)  # the cache, at once
    qtbot.waitUntil(window.offline_banner.isVisible, timeout=30_000)
    text = window.offline_banner.text()
    assert window.offline_banner.textFormat() == Qt.TextFormat.PlainText
    with bridge.reader.connect() as c:
        synced = last_sync_at(c)
    assert synced is not None
    shown = BANNER_AGE.match(text)
    assert shown is not None, text
    assert shown.group(1) == f"{synced.astimezone():%H:%M}"
    assert "What you do is kept and sent when the connection is back." in text
    assert "waiting to be sent" not in text  # nothing is
    assert window.queue.model.rowCount() > 0  # still the cached rows under the banner


# -- (b) an action taken offline waits, then goes ---------------------------------------------------------
def test_an_action_taken_offline_waits_visibly_and_is_sent_when_the_server_is_back(
    sandbox_factory: Any, tmp_path: Path, qtbot: Any, consoles: list[Console]
) -> None:
    sandbox = sandbox_factory(rate_limit=0)
    port = int(sandbox.base_url.rsplit(":", 1)[1])

    async def setup() -> tuple[int, int, str]:
        [(booking_id, _)] = await make_bookings(sandbox, 1)
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            name = (await client.crm.bookings.get(booking_id)).name
        return booking_id, refs.dismiss_reason_id, name

    booking_id, reason_id, name = run(qtbot, setup())
    cache = sync_once(sandbox, tmp_path)  # the booking is in the cache, New
    bridge = make_bridge(sandbox, cache)
    sandbox.stop()  # the network goes away
    console = _open(consoles, bridge, qtbot, tmp_path)
    window, banner = console.window, console.window.offline_banner
    console.start_engine()
    qtbot.waitUntil(banner.isVisible, timeout=30_000)

    # The CSR dismisses the booking, offline: the dialog's own call.
    action_id = bridge.service.enqueue(DismissBooking(booking_id, reason_id), bridge.actor)
    qtbot.keyClicks(window.queue.search, name)
    qtbot.waitUntil(lambda: badge_cell(window, booking_id) == "pending", timeout=15_000)
    qtbot.waitUntil(lambda: "1 action waiting to be sent." in banner.text(), timeout=10_000)
    assert banner.isVisible()

    sandbox_factory(db_path=sandbox.db_path, port=port, rate_limit=0)  # back, same port, same data
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=60_000)

    def sent() -> bool:
        entry = get_action(bridge.db, action_id)
        return entry is not None and entry.state is ActionState.DONE

    qtbot.waitUntil(sent, timeout=60_000)
    qtbot.waitUntil(lambda: badge_cell(window, booking_id) != "pending", timeout=15_000)


# -- (c) conflicts, listed with their choices ---------------------------------------------------------------
def test_bookings_closed_by_a_colleague_meanwhile_are_listed_as_problems_with_choices(
    sandbox_factory: Any, tmp_path: Path, qtbot: Any, consoles: list[Console]
) -> None:
    sandbox = sandbox_factory(rate_limit=0)

    async def setup() -> tuple[Any, list[tuple[int, int]], tuple[int, int]]:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            bookings = await make_bookings(sandbox, 2)
            [customer] = await make_customers(client, 1)
        return refs, bookings, customer

    refs, [(converted_id, _), (dismissed_id, provider_id)], (customer_id, location_id) = run(qtbot, setup())
    cache = sync_once(sandbox, tmp_path)
    bridge = make_bridge(sandbox, cache)
    console = _open(consoles, bridge, qtbot, tmp_path)
    window = console.window
    # Our accepts wait in the outbox (queued while offline, say)...
    accept = accept_for_new_customer(converted_id, refs)
    ours = bridge.service.enqueue(accept, bridge.actor)
    dismissed_ours = bridge.service.enqueue(accept_for_new_customer(dismissed_id, refs), bridge.actor)

    async def colleague_closes_both() -> dict[str, Any]:
        # ...while a colleague books a job for one booking and dismisses the other.
        async with connect(sandbox) as colleague:
            await colleague.crm.provider_bookings(provider_id).dismiss(
                dismissed_id,
                DismissBookingRequest(call_reason_id=refs.dismiss_reason_id, dismissing_memo="dup"),
            )
            their_db = cache_at(tmp_path / "colleague.db")
            theirs = enqueue(their_db, accept_for(converted_id, refs, customer_id, location_id), "csr:bo")
            await harness(colleague, their_db).runner.run_due()
            done = get_action(their_db, theirs)
            their_db.dispose()
        assert done is not None and done.state is ActionState.DONE
        await bridge.service.outbox.run_due()  # then ours are carried out
        return done.results

    their_job = run(qtbot, colleague_closes_both(), timeout=60_000)
    converted_message = (
        f"Booking {converted_id} was already converted to job #{their_job['job_number']} by someone else."
    )
    dismissed_message = f"Booking {dismissed_id} was already dismissed by someone else."
    for action_id in (ours, dismissed_ours):
        entry = get_action(bridge.db, action_id)
        assert entry is not None and entry.state is ActionState.CONFLICT

    # The status bar's outbox counts open the list.
    assert not window.problems_dock.isVisible()
    qtbot.waitUntil(lambda: "2 conflicts" in window.status.outbox_label.text(), timeout=10_000)
    qtbot.mouseClick(window.status.outbox_label, Qt.MouseButton.LeftButton)
    assert window.problems_dock.isVisible()
    panel: ProblemsPanel = window.problems
    model = panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    names = {}
    with bridge.reader.connect() as c:
        for booking_id in (converted_id, dismissed_id):
            detail = booking_detail(c, booking_id)
            assert detail is not None
            names[booking_id] = detail.name

    def row_texts(row: int) -> list[str]:
        return [str(model.index(row, column).data()) for column in range(model.columnCount())]

    assert row_texts(0)[1:] == [names[converted_id], "Accept booking", "Conflict", converted_message]
    assert row_texts(1)[1:] == [names[dismissed_id], "Accept booking", "Conflict", dismissed_message]

    # Reopen as lead: the new-lead form, filled from the booking.
    assert panel.select(ours)
    assert panel.lead_action.isEnabled() and panel.retry_action.isEnabled()
    assert panel.retry_action.text() == "Retry with changes…"
    panel.lead_action.trigger()
    [dialog] = [d for d in window.findChildren(NewLeadDialog) if d.isVisible()]
    assert dialog.windowTitle() == f"Re-open {names[converted_id]} as a lead"
    assert dialog.name.text() == names[converted_id]
    dialog.reject()  # not queued: the conflict stays listed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert model.rowCount() == 2

    # Retry with changes: the wizard, on the booking, with what was entered.
    assert panel.select(ours)
    panel.retry_action.trigger()
    [wizard] = [w for w in window.findChildren(AcceptWizard) if w.isVisible()]
    assert wizard.context.request.id == converted_id
    choice = wizard.customer_page.choice()
    assert isinstance(choice, NewCustomer) and isinstance(accept.customer, NewCustomer)
    assert choice.name == accept.customer.name
    assert wizard.job_page.job_type.currentData() == accept.job.job_type_id
    wizard.reject()

    # Discard: the action is cancelled and leaves the list; nothing else does.
    assert panel.select(dismissed_ours)
    panel.discard_action.trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    cancelled = get_action(bridge.db, dismissed_ours)
    assert cancelled is not None and cancelled.state is ActionState.CANCELLED
    assert model.problem_at(0) is not None and model.problem_at(0).action_id == ours  # type: ignore[union-attr]
    still = get_action(bridge.db, ours)
    assert still is not None and still.state is ActionState.CONFLICT
