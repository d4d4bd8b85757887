"""Booking a job, for a booking (accept) or a lead (book from lead): re-read the target, place the job
(customer, location, missing contacts), then the `job` step, tagged with the action's id; its lookup is
a search of jobs by that tag. A refused job (409: the target closed) is ours if the tag finds it, a
conflict if the target was closed by someone else; then the customer or location this action created
for the job is withdrawn (deactivated), so the race leaves no duplicate customer behind."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from csr_console.api.models.jpm import AppointmentInformation, JobCreateRequest, JobQuery
from csr_console.domain.rich_text import as_html
from csr_console.sync.outbox.drafts import CustomerChoice, JobDraft, MissingContacts
from csr_console.sync.outbox.entries import StepRecord
from csr_console.sync.outbox.errors import TargetClosed
from csr_console.sync.outbox.placement import Placement, Where
from csr_console.sync.outbox.progress import ActionRun, Find, Result

JOB = "job"


class BookJobPlan:
    def __init__(
        self,
        run: ActionRun,
        choice: CustomerChoice,
        missing: MissingContacts,
        draft: JobDraft,
        *,
        recheck: Callable[[], Awaitable[object]],
        booking_id: int | None = None,
        lead_id: int | None = None,
    ) -> None:
        self._run = run
        self._placement = Placement(run, choice, missing)
        self._draft = draft
        self._recheck = recheck
        self._booking_id = booking_id
        self._lead_id = lead_id

    def finders(self) -> dict[str, Find]:
        return {**self._placement.finders(), JOB: self._find}

    async def carry_out(self) -> None:
        if self._run.done(JOB):
            return
        try:
            await self._recheck()
            where = await self._placement.carry_out()
            send = partial(self._create, self._request(where))
            await self._run.target_step(JOB, send, find=self._find, recheck=self._recheck)
        except TargetClosed as closed:
            # Consoles racing for one booking all find it open and place their job; only one books it.
            # Also on a later attempt (the recheck raises first) after a crash mid-withdrawal.
            closed.fresh.extend(await self._placement.withdraw())
            raise

    def _request(self, where: Where) -> JobCreateRequest:
        draft, visit = self._draft, self._draft.visit
        return JobCreateRequest(
            customer_id=where.customer_id,
            location_id=where.location_id,
            business_unit_id=draft.business_unit_id,
            job_type_id=draft.job_type_id,
            priority=draft.priority,
            campaign_id=draft.campaign_id,
            appointments=[
                AppointmentInformation(
                    start=visit.start,
                    end=visit.end,
                    arrival_window_start=visit.arrival_window_start,
                    arrival_window_end=visit.arrival_window_end,
                    technician_ids=list(visit.technician_ids) or None,
                )
            ],
            summary=as_html(draft.summary),  # the API reads it as HTML; the CSR typed text
            tag_type_ids=list(draft.tag_type_ids) or None,
            external_data=self._run.external_data(JOB),
            booking_id=self._booking_id,
            lead_id=self._lead_id,
        )

    async def _create(self, request: JobCreateRequest) -> Result:
        job = await self._run.client.jpm.jobs.create(request)
        return {"job_id": job.id, "job_number": job.job_number}

    async def _find(self, _record: StepRecord) -> Result | None:
        found = await self._run.client.jpm.jobs.list(JobQuery(**self._run.tag_filter(JOB)))
        if not found.items:
            return None
        job = found.items[0]
        return {"job_id": job.id, "job_number": job.job_number}
