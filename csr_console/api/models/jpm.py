"""JPM v2 payloads: jobs, appointments, job types."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from csr_console.api.models.common import (
    ActiveFilter,
    ApiModel,
    DateRangeQuery,
    ExternalData,
    ExternalDataCreate,
    ExternalDataFilter,
    OptionalUtcDateTime,
    PriorityValue,
    UtcDateTime,
)
from csr_console.domain.enums import JobStatus, Priority

JobStatusValue = Annotated[JobStatus | str, Field(union_mode="left_to_right")]


class AppointmentInformation(ApiModel):
    """Jpm.V2.AppointmentInformation: one appointment of a new job (UTC)."""

    start: UtcDateTime
    end: UtcDateTime
    arrival_window_start: UtcDateTime | None = None
    arrival_window_end: UtcDateTime | None = None
    technician_ids: list[int] | None = None


class JobCustomField(ApiModel):
    type_id: int
    value: str | None = None


class JobCreateRequest(ApiModel):
    """Jpm.V2.JobCreateRequest. `booking_id` accepts a booking, `lead_id` books from a lead;
    `external_data` tags the create with the outbox action's id (exactly-once)."""

    customer_id: int
    location_id: int
    business_unit_id: int
    job_type_id: int
    priority: Priority
    campaign_id: int
    appointments: list[AppointmentInformation]
    summary: str | None = None
    project_id: int | None = None
    custom_fields: list[JobCustomField] | None = None
    tag_type_ids: list[int] | None = None
    external_data: ExternalDataCreate | None = None
    booking_id: int | None = None
    lead_id: int | None = None
    customer_po: str | None = None
    sold_by_id: int | None = None


class JobGeneratedLeadSource(ApiModel):
    job_id: int | None = None
    employee_id: int | None = None


class JobResponseCustomField(ApiModel):
    type_id: int
    name: str | None = None
    value: str | None = None


class Job(ApiModel):
    """Jpm.V2.JobResponse (the fields the console uses are required; the rest tolerated)."""

    id: int
    job_number: str
    customer_id: int
    location_id: int
    job_status: JobStatusValue
    business_unit_id: int
    job_type_id: int
    priority: PriorityValue
    campaign_id: int
    created_on: UtcDateTime
    created_by_id: int
    modified_on: UtcDateTime
    appointment_count: int | None = None
    first_appointment_id: int | None = None
    last_appointment_id: int | None = None
    project_id: int | None = None
    completed_on: OptionalUtcDateTime = None
    recall_for_id: int | None = None
    warranty_id: int | None = None
    job_generated_lead_source: JobGeneratedLeadSource | None = None
    no_charge: bool | None = None
    notifications_enabled: bool | None = None
    tag_type_ids: list[int] = Field(default_factory=list)
    lead_call_id: int | None = None
    partner_lead_call_id: int | None = None
    booking_id: int | None = None
    sold_by_id: int | None = None
    customer_po: str | None = None
    invoice_id: int | None = None
    membership_id: int | None = None
    total: float | None = None
    summary: str | None = None
    custom_fields: list[JobResponseCustomField] = Field(default_factory=list)
    external_data: list[ExternalData] | None = None


class ExportJob(Job):
    """Jpm.V2.ExportJobsResponse: a job plus `active` (false = deleted)."""

    active: bool


class JobQuery(DateRangeQuery, ExternalDataFilter):
    ids: list[int] | None = Field(default=None, max_length=50)
    number: str | None = None
    booking_id: int | None = None
    job_status: JobStatus | None = None
    customer_id: int | None = None
    location_id: int | None = None
    job_type_id: int | None = None
    campaign_id: int | None = None
    business_unit_id: int | None = None
    sort: str | None = None


class Appointment(ApiModel):
    """Jpm.V2.AppointmentResponse."""

    id: int
    job_id: int
    start: UtcDateTime
    end: UtcDateTime
    status: str
    created_on: UtcDateTime
    modified_on: UtcDateTime
    customer_id: int
    appointment_number: str | None = None
    arrival_window_start: OptionalUtcDateTime = None
    arrival_window_end: OptionalUtcDateTime = None
    special_instructions: str | None = None
    unused: bool | None = None
    created_by_id: int | None = None
    is_confirmed: bool | None = None
    active: bool | None = None


class ExportAppointment(Appointment):
    """Jpm.V2.ExportAppointmentsResponse: the AppointmentResponse's fields; the feed always sets `active`."""

    active: bool


class AppointmentQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    active: ActiveFilter | None = None
    job_id: int | None = None
    number: str | None = None
    status: str | None = None
    starts_on_or_after: UtcDateTime | None = None
    starts_before: UtcDateTime | None = None
    technician_id: int | None = None
    customer_id: int | None = None
    sort: str | None = None


class JobType(ApiModel):
    """Jpm.V2.JobTypeResponse: `business_unit_ids` drives the CSR's job-type/BU pairing."""

    id: int
    name: str
    business_unit_ids: list[int]
    active: bool
    modified_on: UtcDateTime
    created_on: UtcDateTime
    priority: PriorityValue | None = None
    duration: int | None = None
    skills: list[str] = Field(default_factory=list)
    tag_type_ids: list[int] = Field(default_factory=list)
    class_: str | None = Field(default=None, alias="class")
    summary: str | None = None
    no_charge: bool | None = None
    external_data: list[ExternalData] | None = None


class JobTypeQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    name: str | None = None
    active: ActiveFilter | None = None
