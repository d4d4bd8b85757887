"""Dispatch capacity for the accept wizard's appointment step: the arrival windows of the coming days for
a business unit and job type, with how much room each still has."""

from __future__ import annotations

from datetime import datetime, timedelta

from csr_console.api import ServiceTitanClient
from csr_console.api.models.dispatch import CapacityAvailability, CapacityRequest
from csr_console.domain.arrival_windows import ArrivalWindow, TechnicianAvailability

#: How far ahead the wizard offers windows.
HORIZON = timedelta(days=7)


def _window(availability: CapacityAvailability) -> ArrivalWindow:
    return ArrivalWindow(
        start=availability.start_utc,
        end=availability.end_utc,
        open_hours=availability.open_availability,
        total_hours=availability.total_availability,
        available=availability.is_available,
        over_ideal=availability.is_exceeding_ideal_booking_percentage,
        technicians=tuple(
            TechnicianAvailability(t.id, t.name, t.status == "Available") for t in availability.technicians
        ),
    )


async def arrival_windows(
    client: ServiceTitanClient,
    business_unit_id: int,
    job_type_id: int,
    *,
    starts: datetime,
    horizon: timedelta = HORIZON,
) -> list[ArrivalWindow]:
    """Windows starting at or after `starts` (aware) over `horizon`, earliest first."""
    answer = await client.dispatch.capacity(
        CapacityRequest(
            starts_on_or_after=starts,
            ends_on_or_before=starts + horizon,
            business_unit_ids=[business_unit_id],
            job_type_id=job_type_id,
            skill_based_availability=True,
        )
    )
    return sorted((_window(a) for a in answer.availabilities), key=lambda w: w.start)
