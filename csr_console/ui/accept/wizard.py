"""The accept wizard: a booking (or a lead) becomes a job — customer, job, appointment, review — committed
only on Finish, as one action in the outbox (new records and the job with `bookingId` or `leadId`, exactly
once).

Opened with `open()`, never `exec()` (QT-NOTES trap 2). Finish enqueues and closes at once: the queue row
shows the action pending, then the job number. A refused action (another closing action already waits on
the booking) is said on the review page, which stays open with everything entered. A failed or conflicting
accept can be reopened here with its entries (`previous`); Finish then replaces it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget, QWizard

from csr_console.api import ServiceTitanError
from csr_console.domain.arrival_windows import ArrivalWindow
from csr_console.domain.enums import ContactType
from csr_console.sync import outbox
from csr_console.sync.outbox import AcceptBooking, ActionRefused, BookJobFromLead, InvalidAction
from csr_console.sync.outbox.drafts import ContactDraft, ExistingLocation, NewCustomer, NewLocationFor
from csr_console.ui.accept.appointment_page import AppointmentPage
from csr_console.ui.accept.context import AcceptContext, refreshed_candidates
from csr_console.ui.accept.customer_page import CustomerPage, customer_type_word
from csr_console.ui.accept.job_page import JobPage
from csr_console.ui.accept.review_page import ReviewPage
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.detail.text import one_line_address
from csr_console.ui.forms import show_problem
from csr_console.ui.phrases import said
from csr_console.ui.tasks import TaskRegistry
from csr_console.ui.words import contact_word, priority_word

#: (action id, what the status bar says).
EnqueuedCallback = Callable[[str, str], None]
SEARCHING = QT_TRANSLATE_NOOP("AcceptWizard", "Searching ServiceTitan for more matches…")
SEARCHED = QT_TRANSLATE_NOOP("AcceptWizard", "Also searched ServiceTitan by phone, email, name and address.")
OFFLINE = QT_TRANSLATE_NOOP(
    "AcceptWizard", "ServiceTitan could not be searched ({error}): these are the matches in the cache."
)


def _contacts_text(contacts: tuple[ContactDraft, ...]) -> str:
    return ", ".join(f"{c.value} ({contact_word(ContactType(c.type)).lower()})" for c in contacts)


class AcceptWizard(QWizard):
    def __init__(
        self,
        bridge: SyncBridge,
        tasks: TaskRegistry,
        context: AcceptContext,
        *,
        on_enqueued: EnqueuedCallback,
        previous: tuple[str, AcceptBooking | BookJobFromLead] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._tasks = tasks
        self._on_enqueued = on_enqueued
        self._previous = previous
        self.context = context
        booking = context.request
        if booking.kind == "booking":
            self.setWindowTitle(self.tr("Accept {name}").format(name=booking.name))
        else:
            self.setWindowTitle(self.tr("Book a job for {name}").format(name=booking.name))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(820, 680)

        self.customer_page = CustomerPage(context)
        self.job_page = JobPage(context)
        self.appointment_page = AppointmentPage(
            booking.start, context.technicians, self._fetch_windows, self._spawn, self._job_for_capacity
        )
        self.review_page = ReviewPage(self.describe)
        for page in (self.customer_page, self.job_page, self.appointment_page, self.review_page):
            self.addPage(page)
        if previous is not None:
            self._restore(previous[1])
        elif booking.customer_id is not None:  # a lead linked to its customer already: that one
            self.customer_page.select_customer(booking.customer_id, booking.location_id)
        self._running: set[asyncio.Task[Any]] = set()
        self.finished.connect(self._stop_running)
        self._spawn(self._search_server(), f"duplicate search for {booking.kind} {booking.id}")

    def _spawn(self, coroutine: Coroutine[Any, Any, None], name: str) -> None:
        task = self._tasks.spawn(coroutine, name=name)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _stop_running(self) -> None:
        """Closed (Finish or Cancel): what it still awaits would fill widgets about to be deleted."""
        for task in list(self._running):
            task.cancel()

    # -- what the pages ask of the engine ------------------------------------------------------------
    async def _fetch_windows(self, unit_id: int, job_type_id: int, starts: datetime) -> list[ArrivalWindow]:
        return await self._bridge.service.arrival_windows(unit_id, job_type_id, starts=starts)

    def _job_for_capacity(self) -> tuple[int | None, int | None, timedelta | None]:
        job_type = self.job_page.chosen_job_type()
        length = timedelta(seconds=job_type.duration_s) if job_type and job_type.duration_s else None
        return self.job_page.business_unit.currentData(), self.job_page.job_type.currentData(), length

    async def _search_server(self) -> None:
        """Customers ServiceTitan has and the cache may not yet: searched while the CSR reads the page."""
        self.customer_page.search_state.setText(QCoreApplication.translate("AcceptWizard", SEARCHING))
        try:
            request = self.context.request
            if request.kind == "booking":
                await self._bridge.service.search_duplicates(request.id)
            else:
                await self._bridge.service.search_lead_duplicates(request.id)
        except ServiceTitanError as error:
            offline = QCoreApplication.translate("AcceptWizard", OFFLINE)
            self.customer_page.search_state.setText(offline.format(error=error))
            return
        with self._bridge.reader.connect() as connection:
            self.context = refreshed_candidates(connection, self.context)
        self.customer_page.set_candidates(self.context, QCoreApplication.translate("AcceptWizard", SEARCHED))

    # -- the action ------------------------------------------------------------------------------------
    def action(self) -> AcceptBooking | BookJobFromLead:
        """The action the pages describe (raises InvalidAction when something is still missing)."""
        customer = self.customer_page.choice()
        job = self.job_page.draft(self.appointment_page.visit())
        extra = self.customer_page.contacts_to_add()
        request = self.context.request
        if request.kind == "lead":
            return BookJobFromLead(lead_id=request.id, customer=customer, job=job, add_contacts=extra)
        return AcceptBooking(booking_id=request.id, customer=customer, job=job, add_contacts=extra)

    def describe(self) -> str:
        try:
            action = self.action()
        except InvalidAction as problem:
            return self.tr("Not complete: {problem}").format(problem=problem)
        request = self.context.request
        if request.kind == "lead":
            heading = self.tr("Lead: {name} ({source})")
        else:
            heading = self.tr("Booking: {name} ({source})")
        lines = [heading.format(name=request.name, source=request.source), ""]
        choice = action.customer
        candidate = self.customer_page.candidate()
        none = self.tr("none")
        if isinstance(choice, NewCustomer):
            lines += [
                self.tr("New customer: {name} ({type})").format(
                    name=choice.name, type=customer_type_word(choice.type)
                ),
                self.tr("  Address: {address}").format(address=one_line_address(choice.address)),
                self.tr("  Location: {location}").format(location=choice.location.name),
                self.tr("  Contacts: {contacts}").format(
                    contacts=_contacts_text(choice.location.contacts) or none
                ),
            ]
        else:
            lines.append(
                self.tr("Existing customer: {customer}").format(
                    customer=candidate.name if candidate else choice.customer_id
                )
            )
            if isinstance(choice, NewLocationFor):
                lines.append(
                    self.tr("  New location: {name}, {address}").format(
                        name=choice.location.name, address=one_line_address(choice.location.address)
                    )
                )
            elif isinstance(choice, ExistingLocation):
                lines.append(
                    self.tr("  Location: {location}").format(
                        location=self.customer_page.location.currentText()
                    )
                )
            if action.add_contacts.customer:
                lines.append(
                    self.tr("  Add to the customer: {contacts}").format(
                        contacts=_contacts_text(action.add_contacts.customer)
                    )
                )
            if action.add_contacts.location:
                lines.append(
                    self.tr("  Add to the location: {contacts}").format(
                        contacts=_contacts_text(action.add_contacts.location)
                    )
                )
        job, page = action.job, self.job_page
        tags = ", ".join(self.context.name_of(self.context.tag_types, t) for t in job.tag_type_ids) or none
        lines += [
            "",
            self.tr("Job: {job_type}").format(job_type=page.job_type.currentText()),
            self.tr("  Business unit: {unit}").format(unit=page.business_unit.currentText()),
            self.tr("  Campaign: {campaign}").format(campaign=page.campaign.currentText()),
            self.tr("  Priority: {priority}").format(priority=priority_word(job.priority)),
            self.tr("  Tags: {tags}").format(tags=tags),
            self.tr("  Summary: {summary}").format(summary=(job.summary or "—").replace("\n", "\n    ")),
            "",
            self.tr("Appointment: {appointment}").format(appointment=self.appointment_page.describe()),
        ]
        return "\n".join(lines)

    def accept(self) -> None:
        try:
            action = self.action()
            if self._previous is not None:  # the failed attempt this one replaces
                outbox.cancel(
                    self._bridge.db,
                    self._previous[0],
                    self._bridge.actor,
                    changes=self._bridge.service.changes,
                )
                self._previous = None
            action_id = self._bridge.service.enqueue(action, self._bridge.actor)
        except (ActionRefused, InvalidAction) as refused:
            # The wizard stays open with everything entered.
            show_problem(self.review_page.refused, said(refused, "OutboxMessages"))
            return
        super().accept()
        name = self.context.request.name
        if self.context.request.kind == "booking":
            status = self.tr("Accepting {name}").format(name=name)
        else:
            status = self.tr("Booking a job for {name}").format(name=name)
        self._on_enqueued(action_id, status)

    def _restore(self, previous: AcceptBooking | BookJobFromLead) -> None:
        if not self.customer_page.restore(previous.customer, previous.add_contacts):
            show_problem(
                self.customer_page.problem,
                self.tr("The customer chosen before is not among the matches any more: choose again."),
            )
        self.job_page.restore(previous.job)
        self.appointment_page.restore(previous.job.visit)
