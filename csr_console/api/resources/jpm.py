"""JPM v2: jobs (booking a job accepts a booking or converts a lead), appointments, job types."""

from __future__ import annotations

from uuid import UUID

from csr_console.api.models.jpm import (
    Appointment,
    AppointmentQuery,
    Job,
    JobCreateRequest,
    JobQuery,
    JobType,
    JobTypeQuery,
)
from csr_console.api.resources.base import Collection, Resource, seg
from csr_console.api.transport import Transport


class Jobs(Collection[Job, JobQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm", "/jobs", Job, "job")

    async def create(self, request: JobCreateRequest) -> Job:
        """Books a job. Tag it with `external_data` so an OutcomeUnknown can be resolved by a lookup
        (`list(JobQuery(external_data_application_guid=..., external_data_key=..., ...))`)."""
        return await self._send("POST", "/jobs", request, Job, "job")

    async def get(self, job_id: int, *, external_data_application_guid: UUID | None = None) -> Job:
        params = (
            {"externalDataApplicationGuid": str(external_data_application_guid)}
            if external_data_application_guid
            else None
        )
        return await self._get(f"/jobs/{seg(job_id)}", Job, "job", params)


class Appointments(Collection[Appointment, AppointmentQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm", "/appointments", Appointment, "appointment")


class JobTypes(Collection[JobType, JobTypeQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm", "/job-types", JobType, "job type")

    async def get(self, job_type_id: int) -> JobType:
        return await self._get(f"/job-types/{seg(job_type_id)}", JobType, "job type")


class Jpm(Resource):
    """`client.jpm`: jobs and what they are made of."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm")
        self.jobs = Jobs(transport)
        self.appointments = Appointments(transport)
        self.job_types = JobTypes(transport)
