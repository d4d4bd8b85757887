"""Re-reading the booking or lead an action works on, and naming what closed it when someone else did.

An action's own earlier effect is recognised before these are used (its in-flight steps are looked up
first), so a closed target found here was closed by someone else: a conflict, never a second job.
"""

from __future__ import annotations

from typing import Any

from csr_console.api.client import ServiceTitanClient
from csr_console.api.models.common import ApiModel
from csr_console.api.models.crm import Booking, Lead
from csr_console.domain.enums import BookingStatus, LeadStatus
from csr_console.domain.words import Phrase, translatable
from csr_console.sync.outbox.errors import TargetClosed

_OPEN_BOOKING = (BookingStatus.NEW, BookingStatus.ACCEPTED)
#: What closed a booking or a lead, as the queue, the lead list and the Problems list say it (translated
#: there: domain.words).
_CONVERTED_TO_JOB = translatable(
    "OutboxMessages", "Booking {booking} was already converted to job #{job} by someone else."
)
_CONVERTED = translatable("OutboxMessages", "Booking {booking} was already converted by someone else.")
_DISMISSED = translatable("OutboxMessages", "Booking {booking} was already dismissed by someone else.")
_BOOKING_IS = translatable("OutboxMessages", "Booking {booking} is {status}.")
_LEAD_CONVERTED = translatable(
    "OutboxMessages", "Lead {lead} was already converted to a job by someone else."
)
_LEAD_DISMISSED = translatable("OutboxMessages", "Lead {lead} was already dismissed by someone else.")
_LEAD_IS = translatable("OutboxMessages", "Lead {lead} is {status}.")


def booking_is_open(booking: Booking) -> bool:
    return booking.status in _OPEN_BOOKING


def lead_is_open(lead: Lead) -> bool:
    return lead.status is LeadStatus.OPEN


async def booking_closed(client: ServiceTitanClient, booking: Booking) -> TargetClosed:
    """The conflict of a booking converted or dismissed elsewhere; for a conversion, its job's number."""
    fresh: list[ApiModel] = [booking]
    if booking.status is BookingStatus.CONVERTED:
        details: dict[str, Any] = {"status": BookingStatus.CONVERTED.value, "job_id": booking.job_id}
        message = Phrase(_CONVERTED, booking=str(booking.id))
        if booking.job_id is not None:
            job = await client.jpm.jobs.get(booking.job_id)
            fresh.append(job)
            details["job_number"] = job.job_number
            message = Phrase(_CONVERTED_TO_JOB, booking=str(booking.id), job=str(job.job_number))
        return TargetClosed(message, details, fresh)
    if booking.status is BookingStatus.DISMISSED:
        details = {
            "status": BookingStatus.DISMISSED.value,
            "dismissing_reason_id": booking.dismissing_reason_id,
        }
        return TargetClosed(Phrase(_DISMISSED, booking=str(booking.id)), details, fresh)
    status = str(getattr(booking.status, "value", booking.status))
    return TargetClosed(
        Phrase(_BOOKING_IS, booking=str(booking.id), status=status), {"status": status}, fresh
    )


def lead_closed(lead: Lead) -> TargetClosed:
    status = str(getattr(lead.status, "value", lead.status))
    template = {LeadStatus.CONVERTED.value: _LEAD_CONVERTED, LeadStatus.DISMISSED.value: _LEAD_DISMISSED}
    message = Phrase(template.get(status, _LEAD_IS), lead=str(lead.id), status=status)
    details: dict[str, Any] = {"status": status}
    if lead.dismissing_reason_id is not None:
        details["dismissing_reason_id"] = lead.dismissing_reason_id
    return TargetClosed(message, details, [lead])
