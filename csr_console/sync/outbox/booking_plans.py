"""How each booking action is carried out: re-read the booking first (closed by someone else: a
conflict, nothing created), then its steps in order. Every plan names a lookup for each of its steps
(`finders`), used when a step is found in flight or its closing request is refused."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from csr_console.api.models.crm import (
    Booking,
    BookingContactCreate,
    BookingContactUpdate,
    CreateLeadRequest,
    DismissBookingRequest,
    LeadQuery,
    UpdateBookingRequest,
)
from csr_console.domain.contacts import normalized_contact
from csr_console.domain.enums import BookingStatus
from csr_console.sync.outbox.actions import (
    AcceptBooking,
    CaptureLead,
    DismissBooking,
    EditBookingContact,
    ReclassifyBooking,
)
from csr_console.sync.outbox.booking_a_job import BookJobPlan
from csr_console.sync.outbox.entries import StepRecord
from csr_console.sync.outbox.progress import ActionRun, Find, Result
from csr_console.sync.outbox.targets import booking_closed, booking_is_open

DISMISS = "dismiss"
LEAD = "lead"
CONTACT = "contact"
RECLASSIFY = "reclassify"

#: How far before a capture's first send to list leads when looking for it: the server's clock and
#: ours may disagree. Missing it would read as a conflict, never as a second lead: the booking is closed.
LEAD_LOOKBACK = timedelta(hours=1)


async def open_booking(run: ActionRun, booking_id: int) -> Booking:
    """The booking, re-read; TargetClosed if it was converted or dismissed."""
    booking = await run.client.crm.bookings.get(booking_id)
    if not booking_is_open(booking):
        raise await booking_closed(run.client, booking)
    return booking


def accept_booking_plan(run: ActionRun, action: AcceptBooking) -> BookJobPlan:
    return BookJobPlan(
        run,
        action.customer,
        action.add_contacts,
        action.job,
        recheck=partial(open_booking, run, action.booking_id),
        booking_id=action.booking_id,
    )


class DismissBookingPlan:
    def __init__(self, run: ActionRun, action: DismissBooking) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {DISMISS: self._find}

    async def carry_out(self) -> None:
        if self._run.done(DISMISS):
            return
        action = self._action
        booking = await open_booking(self._run, action.booking_id)
        request = DismissBookingRequest(call_reason_id=action.call_reason_id, dismissing_memo=action.memo)
        # The console dismisses through the path of the provider the booking came from (API-NOTES).
        provider = self._run.client.crm.provider_bookings(booking.booking_provider_id)

        async def send() -> Result:
            await provider.dismiss(booking.id, request)
            return {}

        recheck = partial(open_booking, self._run, booking.id)
        await self._run.target_step(DISMISS, send, find=self._find, recheck=recheck)

    async def _find(self, _record: StepRecord) -> Result | None:
        booking = await self._run.client.crm.bookings.get(self._action.booking_id)
        ours = (
            booking.status is BookingStatus.DISMISSED
            and booking.dismissing_reason_id == self._action.call_reason_id
        )
        return {} if ours else None


class CaptureLeadPlan:
    def __init__(self, run: ActionRun, action: CaptureLead) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {LEAD: self._find}

    async def carry_out(self) -> None:
        if self._run.done(LEAD):
            return
        action = self._action
        await open_booking(self._run, action.booking_id)
        request = CreateLeadRequest(
            campaign_id=action.campaign_id,
            summary=action.summary,
            call_reason_id=action.call_reason_id,
            follow_up_date=action.follow_up_date,
            priority=action.priority,
            business_unit_id=action.business_unit_id,
            job_type_id=action.job_type_id,
            booking_id=action.booking_id,
        )

        async def send() -> Result:
            lead = await self._run.client.crm.leads.create(request)
            return {"lead_id": lead.id}

        recheck = partial(open_booking, self._run, action.booking_id)
        await self._run.target_step(LEAD, send, find=self._find, recheck=recheck)

    async def _find(self, record: StepRecord) -> Result | None:
        """Leads carry no externalData: ours is the lead created since the step started that links our
        booking and has our summary. A capture dismisses the booking, so an open booking means none."""
        crm = self._run.client.crm
        booking = await crm.bookings.get(self._action.booking_id)
        if booking.status is not BookingStatus.DISMISSED:
            return None
        since = LeadQuery(created_on_or_after=record.started_at - LEAD_LOOKBACK)
        async for lead in crm.leads.items(since):
            if lead.booking_id == booking.id and lead.summary == self._action.summary:
                return {"lead_id": lead.id}
        return None


class EditBookingContactPlan:
    """One step, `contact`. An add is looked up among the booking's contacts (same type and value); a
    change is the same PATCH again (sending it twice changes nothing more); a delete is done when the
    contact is gone. Contacts are edited whatever the booking's status: nothing to conflict with."""

    def __init__(self, run: ActionRun, action: EditBookingContact) -> None:
        self._run = run
        self._action = action
        self._provider = run.client.crm.provider_bookings(action.provider_id)

    def finders(self) -> dict[str, Find]:
        action = self._action
        if action.delete:
            return {CONTACT: self._find_deleted}
        if action.contact_id is None:
            return {CONTACT: self._find_added}
        return {}

    async def carry_out(self) -> None:
        await self._run.step(CONTACT, self._send)

    async def _send(self) -> Result:
        action = self._action
        if action.delete and action.contact_id is not None:
            await self._provider.delete_contact(action.booking_id, action.contact_id)
            return {"contact_id": action.contact_id, "deleted": True}
        if action.contact_id is not None:
            update = BookingContactUpdate(type=action.type, value=action.value, memo=action.memo)
            await self._provider.update_contact(action.booking_id, action.contact_id, update)
            return {"contact_id": action.contact_id}
        assert action.type is not None and action.value is not None, "checked when the action was built"
        create = BookingContactCreate(type=action.type, value=action.value, memo=action.memo)
        contact = await self._provider.create_contact(action.booking_id, create)
        return {"contact_id": contact.id}

    async def _find_added(self, _record: StepRecord) -> Result | None:
        action = self._action
        assert action.type is not None and action.value is not None, "checked when the action was built"
        wanted = normalized_contact(action.type.value, action.value)
        async for contact in self._provider.contacts(action.booking_id).items():
            kind = str(getattr(contact.type, "value", contact.type))
            if kind == action.type.value and normalized_contact(kind, contact.value) == wanted:
                return {"contact_id": contact.id}
        return None

    async def _find_deleted(self, _record: StepRecord) -> Result | None:
        action = self._action
        ids = {contact.id async for contact in self._provider.contacts(action.booking_id).items()}
        return None if action.contact_id in ids else {"contact_id": action.contact_id, "deleted": True}


class ReclassifyBookingPlan:
    """One step, `reclassify`: the booking PATCHed with the job type (and business unit). The booking is
    re-read first: the documents do not promise that a closed booking's PATCH is refused, and changing
    what a colleague already converted or dismissed would be a silent overwrite. A PATCH sent twice
    changes nothing more, so the lookup only spares a request when the booking already shows ours."""

    def __init__(self, run: ActionRun, action: ReclassifyBooking) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {RECLASSIFY: self._find}

    async def carry_out(self) -> None:
        if self._run.done(RECLASSIFY):
            return
        action = self._action
        await open_booking(self._run, action.booking_id)
        request = UpdateBookingRequest(
            job_type_id=action.job_type_id, business_unit_id=action.business_unit_id
        )
        provider = self._run.client.crm.provider_bookings(action.provider_id)

        async def send() -> Result:
            await provider.update(action.booking_id, request)
            return {}

        recheck = partial(open_booking, self._run, action.booking_id)
        await self._run.target_step(RECLASSIFY, send, find=self._find, recheck=recheck)

    async def _find(self, _record: StepRecord) -> Result | None:
        action = self._action
        booking = await self._run.client.crm.bookings.get(action.booking_id)
        ours = booking.job_type_id == action.job_type_id and (
            action.business_unit_id is None or booking.business_unit_id == action.business_unit_id
        )
        return {} if ours else None
