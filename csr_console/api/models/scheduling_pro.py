"""Scheduling Pro v2 payloads: schedulers, their sessions and performance. Ids are strings here."""

from __future__ import annotations

from pydantic import Field

from csr_console.api.models.common import Address, ApiModel, DateRangeQuery, OptionalUtcDateTime, UtcDateTime


class Scheduler(ApiModel):
    """SchedulingPro.V2.SchedulerResponse."""

    id: str
    name: str
    company_name: str
    created_on: UtcDateTime
    modified_on: UtcDateTime
    scheduler_status: str
    is_default: bool
    mode: str
    quick_launch_link: str | None = None
    # dataApiKey is deliberately not modelled: it is a credential and has no use in the console.


class SessionCustomer(ApiModel):
    """SchedulingPro.V2.Customer: what the visitor typed (device details are not modelled)."""

    is_new_customer: bool
    is_new_location: bool
    address: Address | None = None
    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    location_id: int | None = None


class SourceTracking(ApiModel):
    """SchedulingPro.V2.SourceTracking: marketing attribution of a session."""

    is_rwg_session: bool | None = Field(default=None, alias="isRWGSession")
    campaign_id: str | None = None
    landing_page_url: str | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    booked_from: str | None = None
    marketing_source: str | None = None


class SchedulerSession(ApiModel):
    """SchedulingPro.V2.SchedulerSessionResponse."""

    id: str
    created_on: UtcDateTime
    modified_on: UtcDateTime
    last_checkin_date: UtcDateTime
    customer: SessionCustomer
    source_tracking: SourceTracking | None
    session_outcome: str | None = None
    scheduler_id: str | None = None
    job_id: int | None = None
    booking_id: int | None = None
    lead_id: int | None = None
    timeslot_start: OptionalUtcDateTime = None
    timeslot_end: OptionalUtcDateTime = None
    category: str | None = None
    job_type_id: int | None = None
    business_unit_id: int | None = None
    zone_id: int | None = None
    customer_responses: list[str] | None = None
    notes: str | None = None
    last_step: str | None = None
    campaign_name: str | None = None
    external_id: str | None = None


class SchedulerSessionQuery(DateRangeQuery):
    pass


class SchedulerQuery(DateRangeQuery):
    pass


class MilestoneFrequencyCount(ApiModel):
    opened: int
    zipcode: int
    interacted: int
    issue: int
    schedule: int
    customer: int
    details: int
    booked: int
    abandoned: int


class SchedulerPerformance(ApiModel):
    """SchedulingPro.V2.SchedulerPerformanceResponse."""

    id: str
    scheduler_name: str
    brand_name: str
    scheduler_completion_rate: float
    opened_completion_rate: float
    total_customer_contacts_captured: int
    total_jobs_created: int
    total_bookings_created: int
    total_abandoned_sessions_sent_to_bookings: int
    total_abandoned_sessions_sent_to_leads: int
    total_bookings_recovered_from_abandoned_sessions: int
    total_jobs_recovered_from_abandoned_sessions: int
    total_sessions: int
    milestone_frequency_count: MilestoneFrequencyCount
    total_bookings_recovered_from_abandoned_sessions_recovery_link: int | None = None
    total_jobs_recovered_from_abandoned_sessions_recovery_link: int | None = None
    total_bookings_recovered_from_abandoned_sessions_ai_agent: int | None = None
    total_jobs_recovered_from_abandoned_sessions_ai_agent: int | None = None
    total_membership_interest: int | None = None
