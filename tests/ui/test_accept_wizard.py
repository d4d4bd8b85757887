"""The accept wizard on real widgets over a synced cache, its engine on the real sandbox: each customer
path, validation, the job-type mapping's prefill (unambiguous, ambiguous, Unknown), capacity windows
(the requested one preselected, a full one refused, the network gone), keyboard-only completion, and a
failed accept reopened with its entries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QWizard

from csr_console.domain.arrival_windows import ArrivalWindow
from csr_console.domain.enums import ContactType, CustomerType
from csr_console.domain.job_type_mapping import MappingEntry
from csr_console.store import schema
from csr_console.store.queries.job_reference import job_types
from csr_console.store.queries.job_type_mapping import replace_mapping
from csr_console.sync.outbox import (
    AcceptBooking,
    ActionState,
    BookJobFromLead,
    ContactDraft,
    ExistingLocation,
    NewCustomer,
    NewLocationFor,
    get_action,
)
from csr_console.ui.accept import load_context, load_lead_context
from csr_console.ui.accept.appointment_page import ANY_TECHNICIAN
from csr_console.ui.accept.wizard import AcceptWizard
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.tasks import TaskRegistry
from tests.store import cache_rows as r
from tests.ui.accept_helpers import (
    FIRST_ID,
    add_booking,
    add_customer,
    make_bridge,
    open_wizard,
    reference,
    run,
    searched,
)

BOOKING, CUSTOMER, LOCATION, SECOND_LOCATION = FIRST_ID + 1, FIRST_ID + 10, FIRST_ID + 11, FIRST_ID + 12
MOBILE, EMAIL = "(214) 555-0199", "Zeb.Quistgaard@Example.com"
HOME = {"street": "12 Quarry Ln", "unit": "Apt 4", "city": "Carrollton", "state": "TX", "zip": "75006"}


@pytest.fixture
def bridge(sandbox: Any, synced_cache: Path, qloop: Any) -> Iterator[SyncBridge]:
    bridge = make_bridge(sandbox, synced_cache)
    yield bridge
    bridge.db.dispose()


@pytest.fixture
def ref(bridge: SyncBridge) -> dict[str, Any]:
    return reference(bridge)


def _known_customer(bridge: SyncBridge) -> None:
    """Zebulon, on file at 12 Quarry Lane #4 (zip+4) and a rental; his mobile on the home location only."""
    add_customer(
        bridge,
        CUSTOMER,
        "Quistgaard, Zebulon",
        street="12 Quarry Lane",
        unit="#4",
        zip="75006-1234",
        locations=(
            (LOCATION, {"street": "12 Quarry Lane", "unit": "#4", "zip": "75006-1234"}),
            (SECOND_LOCATION, {"name": "Rental", "street": "900 Elm St", "zip": "75007"}),
        ),
        contacts=(("location", LOCATION, "MobilePhone", "214.555.0199"),),
    )


def _booking(bridge: SyncBridge, ref: dict[str, Any], booking_id: int = BOOKING, **fields: Any) -> None:
    values: dict[str, Any] = {
        "name": "Zebulon Quistgaard",
        "booking_provider_id": ref["provider_id"],
        "source": ref["source"],
        "job_type_id": ref["job_type"].id,
        "business_unit_id": ref["business_unit_id"],
        "campaign_id": ref["campaign_id"],
        "summary": "AC blowing warm air",
        **HOME,
        **fields,
    }
    contacts = values.pop("contacts", (("MobilePhone", MOBILE), ("Email", EMAIL)))
    add_booking(bridge, booking_id, contacts=contacts, **values)


def _free_window(qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]) -> ArrivalWindow:
    windows = run(
        qtbot,
        bridge.service.arrival_windows(ref["business_unit_id"], ref["job_type"].id, starts=datetime.now(UTC)),
    )
    return next(w for w in windows if w.available)


def _qt(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _press_enter(qtbot: Any, wizard: AcceptWizard) -> None:
    qtbot.keyClick(wizard.focusWidget() or wizard, Qt.Key.Key_Return)


def _entry(bridge: SyncBridge, enqueued: list[str]) -> AcceptBooking:
    assert len(enqueued) == 1
    entry = get_action(bridge.db, enqueued[0])
    assert entry is not None and isinstance(entry.action, AcceptBooking)
    return entry.action


def _to_review_and_finish(
    qtbot: Any, bridge: SyncBridge, wizard: AcceptWizard, enqueued: list[str], review: str = ""
) -> AcceptBooking:
    """Next through the job, the first window with room, the review (which must say `review`), Finish."""
    wizard.next()
    wizard.next()
    _choose_first_window(qtbot, wizard)
    wizard.next()
    assert review in wizard.review_page.text.text()
    wizard.accept()
    return _entry(bridge, enqueued)


# -- customers ---------------------------------------------------------------------------------------
def test_a_found_customer_takes_enter_on_each_page(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    window = _free_window(qtbot, bridge, ref)
    _booking(bridge, ref, start=window.start + timedelta(minutes=30))
    wizard, enqueued = open_wizard(bridge, qtbot, BOOKING)
    page = wizard.customer_page
    top = page.candidate()
    assert top is not None and top.customer_id == CUSTOMER
    assert "same mobile phone" in top.score.reasons
    assert page.reasons.text() == f"Why: {'; '.join(top.score.reasons)}."
    assert page.use_existing.isChecked() and page.location.currentData() == LOCATION
    # The email is missing on both records, the mobile only on the customer: each is offered.
    offered = [box.text() for box, _ in (*page.add_to_customer, *page.add_to_location)]
    assert offered == [
        f"Add {MOBILE} (mobile) to the customer",
        f"Add {EMAIL} (email) to the customer",
        f"Add {EMAIL} (email) to the location",
    ]
    qtbot.waitUntil(lambda: searched(wizard), timeout=15_000)

    _press_enter(qtbot, wizard)  # customer
    assert wizard.currentPage() is wizard.job_page
    _press_enter(qtbot, wizard)  # job: the booking's own job type, unit and campaign
    assert wizard.currentPage() is wizard.appointment_page
    qtbot.waitUntil(lambda: wizard.appointment_page.chosen_window() is not None, timeout=15_000)
    assert wizard.appointment_page.chosen_window() == window  # the requested time's window
    _press_enter(qtbot, wizard)  # appointment
    assert wizard.currentPage() is wizard.review_page
    assert "Existing customer: Quistgaard, Zebulon" in wizard.review_page.text.text()
    _press_enter(qtbot, wizard)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible())

    action = _entry(bridge, enqueued)
    assert action.customer == ExistingLocation(CUSTOMER, LOCATION)
    assert action.add_contacts.customer == (
        ContactDraft(ContactType.MOBILE_PHONE, MOBILE),
        ContactDraft(ContactType.EMAIL, EMAIL),
    )
    assert action.add_contacts.location == (ContactDraft(ContactType.EMAIL, EMAIL),)
    job = action.job
    assert (job.job_type_id, job.business_unit_id, job.campaign_id) == (
        ref["job_type"].id,
        ref["business_unit_id"],
        ref["campaign_id"],
    )
    assert (job.visit.arrival_window_start, job.visit.arrival_window_end) == (window.start, window.end)
    assert job.visit.start == window.start and job.visit.end >= window.end
    assert job.summary == "AC blowing warm air"


def test_a_found_customer_at_a_new_address_gets_a_new_location(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    _booking(bridge, ref, street="4410 Belt Line Rd", unit=None, zip="75001", city="Addison")
    wizard, enqueued = open_wizard(bridge, qtbot, BOOKING)
    page = wizard.customer_page
    assert page.candidate() is not None and page.candidate().customer_id == CUSTOMER  # type: ignore[union-attr]
    assert page.new_location_box.isVisibleTo(page)  # no location has this address: a new one
    assert page.location_address.value("street") == "4410 Belt Line Rd"
    assert not page.add_to_location  # a new location gets no "contacts to add"
    page.location_name.setText("Office")

    action = _to_review_and_finish(qtbot, bridge, wizard, enqueued)
    assert isinstance(action.customer, NewLocationFor)
    assert action.customer.customer_id == CUSTOMER
    assert action.customer.location.name == "Office"
    assert action.customer.location.address.street == "4410 Belt Line Rd"
    assert action.customer.location.address.zip == "75001"


def test_the_csr_may_pick_another_location_of_the_customer(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    _booking(bridge, ref)
    wizard, enqueued = open_wizard(bridge, qtbot, BOOKING)
    page = wizard.customer_page
    page.location.setCurrentIndex(page.location.findData(SECOND_LOCATION))
    assert [box.text() for box, _ in page.add_to_location] == [
        f"Add {MOBILE} (mobile) to the location",
        f"Add {EMAIL} (email) to the location",
    ]
    page.add_to_location[0][0].setChecked(False)  # the CSR declines one
    action = _to_review_and_finish(qtbot, bridge, wizard, enqueued)
    assert action.customer == ExistingLocation(CUSTOMER, SECOND_LOCATION)
    assert action.add_contacts.location == (ContactDraft(ContactType.EMAIL, EMAIL),)


def test_a_new_customer_is_prefilled_from_the_booking(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _booking(bridge, ref, name="Ysolde Vantongeren", contacts=(("MobilePhone", "(469) 555-0123"),))
    wizard, enqueued = open_wizard(bridge, qtbot, BOOKING)
    page = wizard.customer_page
    assert page.use_new.isChecked() and page.customer_name.text() == "Ysolde Vantongeren"
    assert page.customer_address.value("zip") == "75006" and page.customer_address.value("country") == "USA"
    page.customer_type.setCurrentIndex(page.customer_type.findData(CustomerType.COMMERCIAL))
    action = _to_review_and_finish(
        qtbot, bridge, wizard, enqueued, review="New customer: Ysolde Vantongeren (Commercial)"
    )
    assert isinstance(action.customer, NewCustomer)
    assert action.customer.name == "Ysolde Vantongeren"
    assert action.customer.type is CustomerType.COMMERCIAL
    assert action.customer.address.street == "12 Quarry Ln" and action.customer.address.unit == "Apt 4"
    assert action.customer.location.contacts == (ContactDraft(ContactType.MOBILE_PHONE, "(469) 555-0123"),)
    assert not action.add_contacts


def test_invalid_entries_are_named_and_block_next(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _booking(bridge, ref, name="Ysolde Vantongeren", street=None, city=None, zip=None, state=None)
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    page = wizard.customer_page
    assert not page.isComplete()
    assert "The customer's address needs a street, city, state, zip." in page.problem.text()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()

    for part, value in (("street", "5 Oak Ct"), ("city", "Plano"), ("state", "TX"), ("zip", "7502")):
        page.customer_address.fields[part].setText(value)
    assert page.problem.text() == "The customer's zip must be 5 digits, or ZIP+4 (75006-1234)."
    page.customer_address.fields["zip"].setText("75024")
    page.customer_name.setText("  ")
    assert page.problem.text() == "The customer needs a name."
    page.customer_name.setText("Ysolde Vantongeren")
    page.customer_contacts.add(ContactType.EMAIL, "ysolde at example")
    assert page.problem.text() == "'ysolde at example' is not an email address."
    assert not next_button.isEnabled()
    page.customer_contacts._rows[-1][2].setText("ysolde@example.com")
    assert page.isComplete() and next_button.isEnabled() and not page.problem.isVisible()

    wizard.next()
    job = wizard.job_page
    job.campaign.setCurrentIndex(-1)
    assert "A job needs a campaign" in job.problem.text() and not job.isComplete()


# -- the job-type mapping ----------------------------------------------------------------------------
def _mapping_booking(bridge: SyncBridge, ref: dict[str, Any], standard: str) -> None:
    _booking(
        bridge,
        ref,
        name="Ysolde Vantongeren",
        job_type_id=None,
        business_unit_id=None,
        summary=f"Something is wrong\n\nAngi Lead ID: 12345\nTask: {standard}",
    )


def _two_job_types(bridge: SyncBridge, ref: dict[str, Any]) -> tuple[Any, Any]:
    with bridge.reader.connect() as c:
        several = [t for t in job_types(c) if len(t.business_unit_ids) > 1 and not t.unknown]
    return ref["job_type"], several[0]


def test_an_unambiguous_mapping_prefills_type_and_unit(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    single, _ = _two_job_types(bridge, ref)
    with bridge.db.begin() as c:
        replace_mapping(c, [MappingEntry("Angi", "Zap the widget", (single.id,), ())])
    _mapping_booking(bridge, ref, "Zap the widget")
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    wizard.next()
    job = wizard.job_page
    assert job.job_type.currentData() == single.id
    assert job.business_unit.currentData() == single.business_unit_ids[0]
    assert job.mapping_note.isVisibleTo(job) and job.mapping_note.text()
    assert job.isComplete()


def test_an_ambiguous_mapping_leaves_the_choice_to_the_csr(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    single, several = _two_job_types(bridge, ref)
    with bridge.db.begin() as c:
        replace_mapping(
            c,
            [
                MappingEntry("Angi", "Two kinds", (single.id, several.id), ()),
                MappingEntry("Angi", "Many units", (several.id,), several.business_unit_ids),
            ],
        )
    _mapping_booking(bridge, ref, "Two kinds")
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    wizard.next()
    job = wizard.job_page
    assert job.job_type.currentData() is None and job.business_unit.currentData() is None
    assert "Choose the job type." in job.problem.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # Choosing the type narrows the units to those that may book it.
    job.job_type.setCurrentIndex(job.job_type.findData(several.id))
    units = {job.business_unit.itemData(i) for i in range(job.business_unit.count())}
    assert units == set(several.business_unit_ids) and job.business_unit.currentData() is None
    wizard.close()

    with bridge.db.begin() as c:
        c.execute(
            schema.booking.update()
            .where(schema.booking.c.id == BOOKING)
            .values(summary="Help\n\nTask: Many units")
        )
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    wizard.next()
    job = wizard.job_page
    assert job.job_type.currentData() == several.id  # one job type...
    assert job.business_unit.currentData() is None  # ...that several units may book: the CSR picks
    assert job.problem.text() == "Choose the business unit."


def test_unknown_must_be_reclassified(qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]) -> None:
    _booking(bridge, ref, job_type_id=ref["unknown"].id, business_unit_id=None)
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    wizard.next()
    job = wizard.job_page
    names = [job.job_type.itemText(i) for i in range(job.job_type.count())]
    assert ref["unknown"].name not in names
    assert job.job_type.currentData() is None
    assert "Unknown" in job.mapping_note.text()


# -- appointment -------------------------------------------------------------------------------------
def _choose_first_window(qtbot: Any, wizard: AcceptWizard) -> ArrivalWindow:
    page = wizard.appointment_page
    qtbot.waitUntil(lambda: page.windows.topLevelItemCount() > 0, timeout=15_000)
    for index, window in enumerate(page._windows):
        if window.available:
            page.windows.setCurrentItem(page.windows.topLevelItem(index))
            return window
    raise AssertionError("no window has room")


def test_capacity_windows_show_room_and_full_ones_cannot_be_chosen(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _booking(bridge, ref, start=None)
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    wizard.next()
    wizard.next()
    page = wizard.appointment_page
    qtbot.waitUntil(lambda: page.windows.topLevelItemCount() > 0, timeout=15_000)
    assert page.chosen_window() is None  # no requested time: the CSR picks
    assert page.problem.text() == "Choose an arrival window, or enter another time."
    horizon = datetime.now(UTC) + timedelta(days=7, hours=1)
    assert all(datetime.now(UTC) - timedelta(hours=1) <= w.start <= horizon for w in page._windows)
    for index, window in enumerate(page._windows):
        item = page.windows.topLevelItem(index)
        assert item.text(0).startswith(f"{window.start.astimezone():%a %d %b}")  # local time
        assert bool(item.flags() & Qt.ItemFlag.ItemIsEnabled) == window.available
        assert item.text(1) == "full" or item.text(1).endswith("h open") or "busy" in item.text(1)
    window = _choose_first_window(qtbot, wizard)
    technicians = [page.technician.itemText(i) for i in range(page.technician.count())]
    assert technicians[0] == ANY_TECHNICIAN
    assert set(technicians[1:]) == {t.name for t in window.technicians if t.available}
    page.technician.setCurrentIndex(1)
    visit = page.visit()
    assert visit.technician_ids == (page.technician.currentData(),)
    assert visit.start.tzinfo is not None and visit.start.utcoffset() == timedelta(0)  # sent UTC


def test_a_full_requested_window_is_not_preselected(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _booking(bridge, ref, start=datetime.now(UTC) - timedelta(days=1))  # a time already gone
    wizard, _ = open_wizard(bridge, qtbot, BOOKING)
    wizard.next()
    wizard.next()
    page = wizard.appointment_page
    qtbot.waitUntil(lambda: page.windows.topLevelItemCount() > 0, timeout=15_000)
    assert page.chosen_window() is None


def test_without_the_network_the_window_is_entered_by_hand(
    qtbot: Any, sandbox: Any, synced_cache: Path, qloop: Any, ref: dict[str, Any]
) -> None:
    offline = make_bridge(sandbox, synced_cache, base_url="http://127.0.0.1:9")  # nothing listens there
    try:
        _booking(offline, ref, start=None)
        wizard, enqueued = open_wizard(offline, qtbot, BOOKING)
        qtbot.waitUntil(lambda: searched(wizard), timeout=15_000)
        assert "could not be searched" in wizard.customer_page.search_state.text()
        wizard.next()
        wizard.next()
        page = wizard.appointment_page
        qtbot.waitUntil(page.manual.isChecked, timeout=15_000)
        assert "could not be fetched" in page.state.text()
        tomorrow = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
        page.manual_start.setDateTime(_qt(tomorrow))
        page.manual_end.setDateTime(_qt(tomorrow - timedelta(hours=1)))
        assert page.problem.text() == "The arrival window must end after it starts."
        page.manual_end.setDateTime(_qt(tomorrow + timedelta(hours=2)))
        assert page.isComplete()
        wizard.next()
        wizard.accept()  # queued offline: the outbox sends it when the network is back
        visit = _entry(offline, enqueued).job.visit
        assert (visit.arrival_window_start, visit.arrival_window_end) == (
            tomorrow,
            tomorrow + timedelta(hours=2),
        )
    finally:
        offline.db.dispose()


# -- a failed accept, reopened -----------------------------------------------------------------------
def test_a_failed_accept_reopens_with_its_entries_and_replaces_it(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    _booking(bridge, ref)
    wizard, enqueued = open_wizard(bridge, qtbot, BOOKING)
    wizard.customer_page.location.setCurrentIndex(wizard.customer_page.location.findData(SECOND_LOCATION))
    wizard.next()
    wizard.job_page.summary.setPlainText("Bring the ladder")
    wizard.next()
    window = _choose_first_window(qtbot, wizard)
    wizard.next()
    wizard.accept()
    first = _entry(bridge, enqueued)
    with bridge.db.begin() as c:  # as the runner records a failure
        c.execute(schema.outbox_action.update().values(state="failed", message="Job type is inactive."))

    again, enqueued_again = open_wizard(bridge, qtbot, BOOKING, previous=(enqueued[0], first))
    assert again.customer_page.location.currentData() == SECOND_LOCATION
    assert again.job_page.summary.toPlainText() == "Bring the ladder"
    again.next()
    again.next()
    qtbot.waitUntil(lambda: again.appointment_page.chosen_window() is not None, timeout=15_000)
    assert again.appointment_page.chosen_window() == window
    again.next()
    again.accept()
    assert not again.isVisible()
    replaced = get_action(bridge.db, enqueued[0])
    assert replaced is not None and replaced.state is ActionState.CANCELLED
    second = _entry(bridge, enqueued_again)
    assert second == first


def test_closing_at_once_stops_what_the_wizard_still_awaits(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    _booking(bridge, ref)
    tasks = TaskRegistry()
    failures: list[str] = []
    tasks.on_failure(lambda name, error: failures.append(f"{name}: {error}"))
    with bridge.reader.connect() as c:
        context = load_context(c, BOOKING)
    assert context is not None
    wizard = AcceptWizard(bridge, tasks, context, on_enqueued=lambda *_: None)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    assert tasks.running == 1  # the search of ServiceTitan
    wizard.reject()
    qtbot.waitUntil(lambda: tasks.running == 0, timeout=10_000)
    qtbot.wait(200)
    assert failures == []


# -- booking a job from a lead -----------------------------------------------------------------------
def test_a_job_is_booked_from_a_lead_for_the_customer_its_phone_finds(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    lead_id = FIRST_ID + 50
    with bridge.db.begin() as c:
        r.insert(
            c,
            schema.lead,
            r.lead(
                lead_id,
                lead_customer_name="Zebulon Quistgaard",
                lead_phone="214 555 0199",
                summary="Wants the AC looked at before summer",
                campaign_id=ref["campaign_id"],
                job_type_id=ref["job_type"].id,
                business_unit_id=ref["business_unit_id"],
                priority="High",
            ),
        )
        context = load_lead_context(c, lead_id)
    assert context is not None
    wizard = AcceptWizard(bridge, TaskRegistry(), context, on_enqueued=lambda *_: None)
    qtbot.addWidget(wizard)
    wizard.open()
    assert wizard.windowTitle() == "Book a job for Zebulon Quistgaard"
    page = wizard.customer_page
    assert page.booking_line.text().startswith("The lead: Zebulon Quistgaard")
    top = page.candidate()
    assert top is not None and top.customer_id == CUSTOMER and page.use_existing.isChecked()
    assert page.reasons.text() == "Why: same phone; same name."
    wizard.next()
    assert wizard.job_page.priority.currentText() == "High"
    wizard.next()
    _choose_first_window(qtbot, wizard)
    wizard.next()
    assert wizard.review_page.text.text().startswith("Lead: Zebulon Quistgaard")
    action = wizard.action()
    assert isinstance(action, BookJobFromLead) and action.lead_id == lead_id
    assert action.customer == ExistingLocation(CUSTOMER, LOCATION)
    assert action.job.summary == "Wants the AC looked at before summer"


def test_a_lead_linked_to_a_customer_starts_with_that_customer(
    qtbot: Any, bridge: SyncBridge, ref: dict[str, Any]
) -> None:
    _known_customer(bridge)
    lead_id = FIRST_ID + 51
    with bridge.db.begin() as c:
        r.insert(
            c,
            schema.lead,
            r.lead(
                lead_id,
                customer_id=CUSTOMER,
                location_id=SECOND_LOCATION,
                summary="Rental needs a tune-up",
                campaign_id=ref["campaign_id"],
            ),
        )
        context = load_lead_context(c, lead_id)
    assert context is not None
    wizard = AcceptWizard(bridge, TaskRegistry(), context, on_enqueued=lambda *_: None)
    qtbot.addWidget(wizard)
    wizard.open()
    page = wizard.customer_page
    assert page.candidate() is not None and page.candidate().customer_id == CUSTOMER  # type: ignore[union-attr]
    assert page.location.currentData() == SECOND_LOCATION
    assert page.reasons.text() == "Why: the lead's own customer."
