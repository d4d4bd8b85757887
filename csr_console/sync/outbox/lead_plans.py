"""How each lead action is carried out: re-read the lead first (no longer open: a conflict), then its
steps, as for bookings (see booking_plans). Notes and leads made by hand carry no externalData: their
plans note, before sending, what already looks like their effect, and a lookup takes only what is new."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from csr_console.api.models.crm import (
    CreateLeadNoteRequest,
    CreateLeadRequest,
    DismissLeadRequest,
    FollowUpRequest,
    Lead,
    LeadQuery,
)
from csr_console.domain.contacts import phone_digits
from csr_console.domain.enums import LeadStatus
from csr_console.sync.outbox.actions import (
    AddLeadNote,
    BookJobFromLead,
    CreateLead,
    DismissLead,
    FollowUpLead,
)
from csr_console.sync.outbox.booking_a_job import BookJobPlan
from csr_console.sync.outbox.booking_plans import LEAD_LOOKBACK
from csr_console.sync.outbox.entries import StepRecord
from csr_console.sync.outbox.progress import ActionRun, Find, Result
from csr_console.sync.outbox.targets import lead_closed, lead_is_open

FOLLOW_UP = "follow_up"
DISMISS = "dismiss"
NOTE = "note"
LEAD = "lead"


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


class AddLeadNotePlan:
    """One step, `note`. A note is only its text, so nothing can tag it: before sending, the ids of the
    lead's notes that already say the same are noted; a lost answer is resolved by listing the notes
    again, and a note saying the same that was not there before is ours. (Were a colleague to add the very
    same words in that moment, it would be taken for ours: the lead still has that note once.) The lead's
    status is not checked: a note on a lead closed meanwhile is still its history."""

    def __init__(self, run: ActionRun, action: AddLeadNote) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {NOTE: self._find}

    async def carry_out(self) -> None:
        if self._run.done(NOTE):
            return
        action = self._action
        before = await self._same_notes()
        request = CreateLeadNoteRequest(text=action.text, pin_to_top=action.pin_to_top)

        async def send() -> Result:
            note = await self._run.client.crm.leads.create_note(action.lead_id, request)
            return {"note_id": note.id}

        await self._run.step(NOTE, send, note={"same_notes_before": sorted(before)})

    async def _find(self, record: StepRecord) -> Result | None:
        new = await self._same_notes() - set(record.result["same_notes_before"])
        return {"note_id": min(new)} if new else None

    async def _same_notes(self) -> set[int]:
        wanted = self._action.text.strip()
        notes = self._run.client.crm.leads.notes(self._action.lead_id)
        return {note.id async for note in notes.items() if note.text.strip() == wanted}


class CreateLeadPlan:
    """One step, `lead`. A lead cannot be tagged: the create request has no externalData, and a marker in
    its summary or a tag would be seen by every user. So it is recognised by what it was created with:
    before sending, the ids of the leads created lately (since `LEAD_LOOKBACK` ago: the server's clock
    may differ from ours) with the same campaign, reason, summary, name, phone and email are noted; a lost
    answer is resolved by listing the leads created since then, and one with the same fields that was not
    there before is ours. Creations run one at a time (CreateLead's target), so it cannot be another of
    ours; a colleague's identical lead created in that moment would be taken for ours, leaving that lead
    once rather than twice. A lead edited (summary, name...) between its creation and the lookup would
    not be recognised and the create sent again: the one way to a second lead, and a narrow one."""

    def __init__(self, run: ActionRun, action: CreateLead) -> None:
        self._run = run
        self._action = action

    def finders(self) -> dict[str, Find]:
        return {LEAD: self._find}

    async def carry_out(self) -> None:
        if self._run.done(LEAD):
            return
        action = self._action
        since = datetime.now(UTC) - LEAD_LOOKBACK
        before = await self._same_leads(since)
        request = CreateLeadRequest(
            campaign_id=action.campaign_id,
            summary=action.summary,
            call_reason_id=action.call_reason_id,
            follow_up_date=action.follow_up_date,
            priority=action.priority,
            business_unit_id=action.business_unit_id,
            job_type_id=action.job_type_id,
            lead_customer_name=action.name,
            lead_phone=action.phone,
            lead_email=action.email,
            lead_street=action.street,
            lead_unit=action.unit,
            lead_city=action.city,
            lead_state=action.state,
            lead_zip=action.zip,
            lead_country=action.country,
        )

        async def send() -> Result:
            lead = await self._run.client.crm.leads.create(request)
            return {"lead_id": lead.id}

        note = {"since": since.isoformat(), "same_leads_before": sorted(before)}
        await self._run.step(LEAD, send, note=note)

    async def _find(self, record: StepRecord) -> Result | None:
        since = datetime.fromisoformat(record.result["since"])
        new = await self._same_leads(since) - set(record.result["same_leads_before"])
        return {"lead_id": min(new)} if new else None

    async def _same_leads(self, since: datetime) -> set[int]:
        leads = self._run.client.crm.leads.items(LeadQuery(created_on_or_after=since))
        return {lead.id async for lead in leads if _made_as(lead, self._action)}


def _made_as(lead: Lead, action: CreateLead) -> bool:
    """The lead has the fields `action` created it with (compared as the server may have tidied them)."""
    return (
        lead.booking_id is None
        and lead.campaign_id == action.campaign_id
        and lead.call_reason_id == action.call_reason_id
        and _text(lead.summary) == _text(action.summary)
        and _text(lead.lead_customer_name) == _text(action.name)
        and phone_digits(lead.lead_phone or "") == phone_digits(action.phone or "")
        and _text(lead.lead_email) == _text(action.email)
    )


def _text(value: str | None) -> str:
    return (value or "").strip().casefold()


def book_job_from_lead_plan(run: ActionRun, action: BookJobFromLead) -> BookJobPlan:
    return BookJobPlan(
        run,
        action.customer,
        action.add_contacts,
        action.job,
        recheck=partial(open_lead, run, action.lead_id),
        lead_id=action.lead_id,
    )
