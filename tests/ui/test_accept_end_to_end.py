"""Accepting through the wizard, against a real sandbox: the job exists with `bookingId`, the booking is
Converted, and the customer was created once although the server failed, throttled and dropped answers
after committing. A second console accepting the same booking gets a conflict naming the job, shown on
its queue row, and no second job."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt

from csr_console.api.models.crm import CustomerQuery
from csr_console.domain.enums import BookingStatus
from csr_console.store.queries.outbox import open_badges
from csr_console.store.queries.queue import QueueView
from csr_console.sync.outbox import ActionState, ExistingLocation, NewCustomer, get_action
from csr_console.ui.accept import AcceptWizard
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings
from csr_console.ui.tasks import TaskRegistry
from tests.conftest import connect, new_booking, reference_ids, sync_once, tag
from tests.sync.outbox_helpers import jobs_of_booking, run_until_settled, set_faults
from tests.ui.accept_helpers import badge_cell, make_bridge, run, searched

FAULTS = "error=0.2,throttle=0.1,drop=0.2,retry_after=1"


def _copy(cache: Path, to: Path) -> Path:
    with sqlite3.connect(cache) as source, sqlite3.connect(to) as target:
        source.backup(target)
    return to


def _window(bridge: SyncBridge, qtbot: Any, tmp_path: Path, name: str) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(bridge, TaskRegistry(), settings, training=True)
    qtbot.addWidget(window)
    window.show()
    return window


def _accept_from_the_queue(
    qtbot: Any, window: MainWindow, booking_id: int, ids: dict[str, Any], *, customer_id: int | None = None
) -> None:
    """Select the booking, Accept, take the customer the wizard proposes (new, or `customer_id` found on
    the server), choose the job's type and the first open window, Finish: keys where a CSR uses keys."""
    qtbot.waitUntil(lambda: window.queue.select_booking(booking_id), timeout=15_000)
    qtbot.waitUntil(window.accept_action.isEnabled)
    window.accept_action.trigger()  # A, or Booking › Accept (the key itself: test_main_window)
    qtbot.waitUntil(lambda: window.findChild(AcceptWizard) is not None)
    wizard = window.findChild(AcceptWizard)
    qtbot.waitUntil(lambda: searched(wizard), timeout=20_000)
    choice = wizard.customer_page.choice()
    if customer_id is None:
        assert isinstance(choice, NewCustomer)
    else:
        assert isinstance(choice, ExistingLocation) and choice.customer_id == customer_id
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    job = wizard.job_page
    job.job_type.setCurrentIndex(job.job_type.findData(ids["job_type_id"]))
    job.business_unit.setCurrentIndex(job.business_unit.findData(ids["business_unit_id"]))
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    page = wizard.appointment_page
    qtbot.waitUntil(lambda: page.windows.topLevelItemCount() > 0, timeout=20_000)
    first_free = next(i for i, w in enumerate(page._windows) if w.available)
    page.windows.setCurrentItem(page.windows.topLevelItem(first_free))
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_accept_creates_one_job_and_one_customer_and_a_second_console_gets_a_conflict(
    sandbox_factory: Any, tmp_path: Path, qloop: Any, qtbot: Any
) -> None:
    sandbox = sandbox_factory(rate_limit=0)
    label = tag()

    async def make_booking() -> tuple[int, dict[str, Any]]:
        async with connect(sandbox) as admin, connect(sandbox, sandbox.providers[0]) as partner:
            ids = await reference_ids(admin)
            provider = partner.crm.provider_bookings(int(sandbox.providers[0]["booking_provider"]))
            made = await provider.create(new_booking(label, campaign_id=ids["campaign_id"]))
            return made.id, ids

    booking_id, ids = run(qtbot, make_booking())
    ours = sync_once(sandbox, tmp_path)  # the booking is in both consoles' caches, New
    theirs = _copy(ours, tmp_path / "colleague.db")

    console = make_bridge(sandbox, ours)
    window = _window(console, qtbot, tmp_path, "ours")
    _accept_from_the_queue(qtbot, window, booking_id, ids)
    with console.reader.connect() as c:
        badge = open_badges(c, "booking")[booking_id]
    assert badge.kind == "accept_booking"
    qtbot.keyClicks(window.queue.search, label)
    qtbot.waitUntil(lambda: badge_cell(window, booking_id) == "pending", timeout=15_000)

    async def carry_out_under_faults() -> None:
        async with connect(sandbox) as admin:
            await set_faults(sandbox, admin, FAULTS)
            await run_until_settled(console.service.outbox, console.db)
            await set_faults(sandbox, admin, "")
            # What the faults kept the outbox from fetching afterwards, the feeds bring (as in the app).
            await console.service.feeds.sync_once()

    run(qtbot, carry_out_under_faults(), timeout=250_000)
    done = get_action(console.db, badge.action_id)
    assert done is not None and done.state is ActionState.DONE, done.message if done else None

    async def on_the_server() -> tuple[list[int], str, int, str | None]:
        async with connect(sandbox) as admin:
            jobs = await jobs_of_booking(admin, booking_id)
            summary = (await admin.jpm.jobs.get(jobs[0])).summary
            booking = await admin.crm.bookings.get(booking_id)
            customers = [
                c async for c in admin.crm.customers.items(CustomerQuery(name=f"Test Customer {label}"))
            ]
            return jobs, booking.status, len(customers), summary

    jobs, status, customers, summary = run(qtbot, on_the_server())
    assert summary == f"Water heater leaking ({label})<br>Budget: 500"  # the booking's text, as HTML
    assert jobs == [done.results["job_id"]]
    assert status == BookingStatus.CONVERTED
    assert customers == 1
    window.queue.set_view(QueueView.ACCEPTED)  # converted: the row now names its job
    qtbot.waitUntil(
        lambda: badge_cell(window, booking_id) == f"Job {done.results['job_number']}", timeout=15_000
    )

    colleague = make_bridge(sandbox, theirs)
    their_window = _window(colleague, qtbot, tmp_path, "theirs")
    # The colleague's cache predates the new customer: the wizard's search of ServiceTitan finds it.
    _accept_from_the_queue(qtbot, their_window, booking_id, ids, customer_id=done.results["customer_id"])
    with colleague.reader.connect() as c:
        theirs_badge = open_badges(c, "booking")[booking_id]
    run(qtbot, run_until_settled(colleague.service.outbox, colleague.db), timeout=60_000)
    lost = get_action(colleague.db, theirs_badge.action_id)
    assert lost is not None and lost.state is ActionState.CONFLICT
    number = done.results["job_number"]
    assert lost.message == f"Booking {booking_id} was already converted to job #{number} by someone else."
    assert run(qtbot, _jobs(sandbox, booking_id)) == jobs  # not a second job

    # The conflict brought the booking's new state: Converted, it has left the New view for the others.
    their_window.queue.set_view(QueueView.ACCEPTED)
    qtbot.keyClicks(their_window.queue.search, label)  # among thousands: the CSR searches for it
    qtbot.waitUntil(lambda: "conflict" in badge_cell(their_window, booking_id), timeout=15_000)
    assert f"job #{number}" in badge_cell(their_window, booking_id)
    their_window.queue.select_booking(booking_id)
    qtbot.waitUntil(their_window.reopen_action.isEnabled)
    for shown, bridge in ((window, console), (their_window, colleague)):
        run(qtbot, shown.aclose())
        bridge.db.dispose()


async def _jobs(sandbox: Any, booking_id: int) -> list[int]:
    async with connect(sandbox) as admin:
        return await jobs_of_booking(admin, booking_id)
