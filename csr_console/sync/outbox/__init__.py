"""The durable outbox: CSR actions written to the cache first (visible at once as pending), then carried
out step by step, exactly once, by `OutboxRunner` (DESIGN.md, data flow point 3).

    action_id = enqueue(db, AcceptBooking(...), actor="csr:jane", changes=hub)
    runner.wake()

Exactly once: every step is recorded in flight before its request and done after it; a step whose
outcome is unknown (the runner was killed, the answer never came) is looked up before anything is sent
again. Creates carry `externalData` {csr-op: "<action id>:<step>"} under the app's GUID; leads, follow-ups,
dismissals, contacts, reclassifications, notes and leads made by hand are looked up by what they change
(see each plan).
"""

from csr_console.sync.outbox.actions import (
    ACTION_TYPES,
    AcceptBooking,
    Action,
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
from csr_console.sync.outbox.backoff import Backoff
from csr_console.sync.outbox.drafts import (
    AddressDraft,
    ContactDraft,
    CustomerChoice,
    ExistingLocation,
    JobDraft,
    LocationDraft,
    MissingContacts,
    NewCustomer,
    NewLocationFor,
    VisitDraft,
)
from csr_console.sync.outbox.entries import ActionState, OutboxEntry
from csr_console.sync.outbox.errors import ActionRefused, InvalidAction, OutboxError
from csr_console.sync.outbox.progress import TAG_KEY
from csr_console.sync.outbox.queue import cancel, enqueue, get_action, retry
from csr_console.sync.outbox.runner import OutboxRunner

__all__ = [
    "ACTION_TYPES",
    "TAG_KEY",
    "AcceptBooking",
    "Action",
    "ActionRefused",
    "ActionState",
    "AddLeadNote",
    "AddressDraft",
    "Backoff",
    "BookJobFromLead",
    "CaptureLead",
    "ContactDraft",
    "CreateLead",
    "CustomerChoice",
    "DismissBooking",
    "DismissLead",
    "EditBookingContact",
    "ExistingLocation",
    "FollowUpLead",
    "InvalidAction",
    "JobDraft",
    "LocationDraft",
    "MissingContacts",
    "NewCustomer",
    "NewLocationFor",
    "OutboxEntry",
    "OutboxError",
    "OutboxRunner",
    "ReclassifyBooking",
    "VisitDraft",
    "cancel",
    "enqueue",
    "get_action",
    "retry",
]
