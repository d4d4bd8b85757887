"""How each lead action is carried out: re-read the lead first (no longer open: a conflict), then its
steps, as for bookings (see booking_plans)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from csr_console.api.models.crm import DismissLeadRequest, FollowUpRequest, Lead
from csr_console.domain.enums import LeadStatus
from csr_console.sync.outbox.actions import BookJobFromLead, DismissLead, FollowUpLead
from csr_console.sync.outbox.booking_a_job import BookJobPlan
from csr_console.sync.outbox.entries import StepRecord
from csr_console.sync.outbox.progress import ActionRun, Find, Result
from csr_console.sync.outbox.targets import lead_closed, lead_is_open

FOLLOW_UP = "follow_up"
DISMISS = "dismiss"


async def open_lead(run: ActionRun, lead_id: int) -> Lead:
    """The lead, re-read; TargetClosed if it was converted or dismissed."""
    lead = await run.client.crm.leads.get(lead_id)
    if not lead_is_open(lead):
        raise lead_closed(lead)
    return lead


class FollowUpLeadPlan:
    """One step, `follow_up`. Follow-ups cannot be listed: ours took effect if the lead's next follow-up
    date is ours and the lead changed after the step was marked in flight (its modifiedOn then is noted)."""

    def __init__(self, run: ActionRun, action: FollowUpLead) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {FOLLOW_UP: self._find}

    async def carry_out(self) -> None:
        if self._run.done(FOLLOW_UP):
            return
        action = self._action
        lead = await open_lead(self._run, action.lead_id)
        request = FollowUpRequest(
            follow_up_date=action.follow_up_date, text=action.text, pin_to_top=action.pin_to_top
        )

        async def send() -> Result:
            await self._run.client.crm.leads.follow_up(action.lead_id, request)
            return {}

        await self._run.target_step(
            FOLLOW_UP,
            send,
            find=self._find,
            recheck=partial(open_lead, self._run, action.lead_id),
            note={"lead_modified_on": lead.modified_on.isoformat()},
        )

    async def _find(self, record: StepRecord) -> Result | None:
        lead = await self._run.client.crm.leads.get(self._action.lead_id)
        noted = record.result.get("lead_modified_on")
        changed = noted is None or lead.modified_on > datetime.fromisoformat(noted)
        return {} if changed and _same_time(lead.follow_up_date, self._action.follow_up_date) else None


def _same_time(stored: datetime | None, wanted: datetime) -> bool:
    # The server may keep fewer fractional digits than we sent.
    return stored is not None and abs((stored - wanted).total_seconds()) < 1


class DismissLeadPlan:
    def __init__(self, run: ActionRun, action: DismissLead) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {DISMISS: self._find}

    async def carry_out(self) -> None:
        if self._run.done(DISMISS):
            return
        action = self._action
        await open_lead(self._run, action.lead_id)

        async def send() -> Result:
            await self._run.client.crm.leads.dismiss(
                action.lead_id, DismissLeadRequest(dismissing_reason_id=action.reason_id)
            )
            return {}

        recheck = partial(open_lead, self._run, action.lead_id)
        await self._run.target_step(DISMISS, send, find=self._find, recheck=recheck)

    async def _find(self, _record: StepRecord) -> Result | None:
        lead = await self._run.client.crm.leads.get(self._action.lead_id)
        ours = lead.status is LeadStatus.DISMISSED and lead.dismissing_reason_id == self._action.reason_id
        return {} if ours else None


def book_job_from_lead_plan(run: ActionRun, action: BookJobFromLead) -> BookJobPlan:
    return BookJobPlan(
        run,
        action.customer,
        action.add_contacts,
        action.job,
        recheck=partial(open_lead, run, action.lead_id),
        lead_id=action.lead_id,
    )
