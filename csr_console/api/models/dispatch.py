"""Dispatch v2 payloads: capacity (availability slots for the arrival-window picker)."""

from __future__ import annotations

from pydantic import Field

from csr_console.api.models.common import ApiModel, UtcDateTime


class CapacityRequest(ApiModel):
    """Dispatch.V2.CapacityRequestArgs."""

    starts_on_or_after: UtcDateTime
    ends_on_or_before: UtcDateTime
    skill_based_availability: bool = False
    business_unit_ids: list[int] | None = None
    job_type_id: int | None = None


class CapacityTechnician(ApiModel):
    id: int
    name: str
    status: str
    has_required_skills: bool | None = None


class CapacityAvailability(ApiModel):
    """Dispatch.V2.CapacityResponseAvailability: `start`/`end` are business-local, the *_utc ones UTC."""

    start: UtcDateTime
    end: UtcDateTime
    start_utc: UtcDateTime
    end_utc: UtcDateTime
    business_unit_ids: list[int]
    total_availability: float
    open_availability: float
    is_available: bool
    is_exceeding_ideal_booking_percentage: bool
    technicians: list[CapacityTechnician] = Field(default_factory=list)


class Capacity(ApiModel):
    """Dispatch.V2.CapacityResponse."""

    time_stamp: UtcDateTime
    availabilities: list[CapacityAvailability]
