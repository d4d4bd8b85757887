"""JPM v2: jobs (booking a job accepts a booking or converts a lead), appointments, job types."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from uuid import UUID

from csr_console.api.models.common import ActiveFilter, ExportBatch
from csr_console.api.models.jpm import (
    Appointment,
    AppointmentQuery,
    ExportAppointment,
    ExportJob,
    Job,
    JobCreateRequest,
    JobQuery,
    JobType,
    JobTypeQuery,
)
from csr_console.api.resources.base import Collection, ExportFeed, Resource, seg
from csr_console.api.transport import Transport


class Jobs(Collection[Job, JobQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm", "/jobs", Job, "job")
        self.export = ExportFeed(transport, "jpm", "/export/jobs", ExportJob, "job")

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


class AppointmentsExport(ExportFeed[ExportAppointment]):
    """`/export/appointments`, which also takes `active`: without it every row comes, flagged.

    Keep the same `active` for the whole life of a saved cursor.
    """

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm", "/export/appointments", ExportAppointment, "appointment")

    async def fetch(
        self,
        from_: str | datetime | None = None,
        *,
        include_recent_changes: bool = True,
        strict: bool = True,
        active: ActiveFilter | None = None,
    ) -> ExportBatch[ExportAppointment]:
        return await self._fetch(from_, include_recent_changes, strict, _active(active))

    def batches(
        self,
        from_: str | datetime | None = None,
        *,
        include_recent_changes: bool = True,
        strict: bool = True,
        active: ActiveFilter | None = None,
    ) -> AsyncIterator[ExportBatch[ExportAppointment]]:
        return self._batches(from_, include_recent_changes, strict, _active(active))


def _active(active: ActiveFilter | None) -> dict[str, str]:
    return {} if active is None else {"active": active.value}


class Appointments(Collection[Appointment, AppointmentQuery]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "jpm", "/appointments", Appointment, "appointment")
        self.export = AppointmentsExport(transport)


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
