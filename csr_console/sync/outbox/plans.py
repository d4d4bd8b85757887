"""Which plan carries out which action."""

from __future__ import annotations

from typing import Protocol, assert_never

from csr_console.sync.outbox.actions import (
    AcceptBooking,
    AddLeadNote,
    BookJobFromLead,
    CaptureLead,
    CreateLead,
    DismissBooking,
    DismissLead,
    EditBookingContact,
    FollowUpLead,
    ReclassifyBooking,
)
from csr_console.sync.outbox.booking_plans import (
    CaptureLeadPlan,
    DismissBookingPlan,
    EditBookingContactPlan,
    ReclassifyBookingPlan,
    accept_booking_plan,
)
from csr_console.sync.outbox.lead_plans import (
    AddLeadNotePlan,
    CreateLeadPlan,
    DismissLeadPlan,
    FollowUpLeadPlan,
    book_job_from_lead_plan,
)
from csr_console.sync.outbox.progress import ActionRun, Find


class Plan(Protocol):
    def finders(self) -> dict[str, Find]:
        """The lookup of each step, by step name: how to tell whether an in-flight step took effect."""
        ...

    async def carry_out(self) -> None:
        """Run the steps not done yet; raises TargetClosed on a conflict, the client's errors otherwise."""
        ...


def plan_for(run: ActionRun) -> Plan:
    action = run.entry.action
    if isinstance(action, AcceptBooking):
        return accept_booking_plan(run, action)
    if isinstance(action, DismissBooking):
        return DismissBookingPlan(run, action)
    if isinstance(action, CaptureLead):
        return CaptureLeadPlan(run, action)
    if isinstance(action, EditBookingContact):
        return EditBookingContactPlan(run, action)
    if isinstance(action, ReclassifyBooking):
        return ReclassifyBookingPlan(run, action)
    if isinstance(action, FollowUpLead):
        return FollowUpLeadPlan(run, action)
    if isinstance(action, DismissLead):
        return DismissLeadPlan(run, action)
    if isinstance(action, AddLeadNote):
        return AddLeadNotePlan(run, action)
    if isinstance(action, CreateLead):
        return CreateLeadPlan(run, action)
    if isinstance(action, BookJobFromLead):
        return book_job_from_lead_plan(run, action)
    assert_never(action)
