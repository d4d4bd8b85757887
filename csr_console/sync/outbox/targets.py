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
from csr_console.sync.outbox.errors import TargetClosed

_OPEN_BOOKING = (BookingStatus.NEW, BookingStatus.ACCEPTED)


def booking_is_open(booking: Booking) -> bool:
    return booking.status in _OPEN_BOOKING


def lead_is_open(lead: Lead) -> bool:
    return lead.status is LeadStatus.OPEN


async def booking_closed(client: ServiceTitanClient, booking: Booking) -> TargetClosed:
    """The conflict of a booking converted or dismissed elsewhere; for a conversion, its job's number."""
    fresh: list[ApiModel] = [booking]
    if booking.status is BookingStatus.CONVERTED:
        details: dict[str, Any] = {"status": BookingStatus.CONVERTED.value, "job_id": booking.job_id}
        message = f"Booking {booking.id} was already converted"
        if booking.job_id is not None:
            job = await client.jpm.jobs.get(booking.job_id)
            fresh.append(job)
            details["job_number"] = job.job_number
            message += f" to job #{job.job_number}"
        return TargetClosed(message + " by someone else.", details, fresh)
    if booking.status is BookingStatus.DISMISSED:
        details = {
            "status": BookingStatus.DISMISSED.value,
            "dismissing_reason_id": booking.dismissing_reason_id,
        }
        return TargetClosed(f"Booking {booking.id} was already dismissed by someone else.", details, fresh)
    status = str(getattr(booking.status, "value", booking.status))
    return TargetClosed(f"Booking {booking.id} is {status}.", {"status": status}, fresh)


def lead_closed(lead: Lead) -> TargetClosed:
    status = str(getattr(lead.status, "value", lead.status))
    verb = {LeadStatus.CONVERTED.value: "converted to a job", LeadStatus.DISMISSED.value: "dismissed"}
    what = verb.get(status, status)
    details: dict[str, Any] = {"status": status}
    if lead.dismissing_reason_id is not None:
        details["dismissing_reason_id"] = lead.dismissing_reason_id
    return TargetClosed(f"Lead {lead.id} was already {what} by someone else.", details, [lead])
