"""The CSR actions the outbox carries out, as plain frozen dataclasses checked when built.

Each action names its kind (the `outbox_action.kind` column), its target (a booking, a lead, or the
line lead creations wait in) and whether it closes that target: two unfinished closing actions on one
target would contradict each other (accept while a dismiss is pending), so the queue refuses the second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, ClassVar, Protocol

from pydantic import TypeAdapter

from csr_console.domain.enums import ContactType, Priority
from csr_console.sync.outbox.drafts import (
    CustomerChoice,
    JobDraft,
    MissingContacts,
    check_missing_contacts,
    require,
    require_id,
    require_text,
    require_utc,
)
from csr_console.sync.outbox.errors import InvalidAction


class _LeadFields(Protocol):
    """What a lead-creating action has (read-only: the actions are frozen)."""

    @property
    def campaign_id(self) -> int: ...
    @property
    def summary(self) -> str: ...
    @property
    def call_reason_id(self) -> int | None: ...
    @property
    def follow_up_date(self) -> datetime | None: ...
    @property
    def business_unit_id(self) -> int | None: ...
    @property
    def job_type_id(self) -> int | None: ...


def check_lead(lead: _LeadFields) -> None:
    """A lead's create rule (API-NOTES): a campaign, a summary, and a call reason or a follow-up date."""
    require_id(lead.campaign_id, "campaign id")
    require_text(lead.summary, "lead summary")
    require(
        lead.call_reason_id is not None or lead.follow_up_date is not None,
        "a lead needs a call reason or a follow-up date",
    )
    for value, name in (
        (lead.call_reason_id, "call reason id"),
        (lead.business_unit_id, "business unit id"),
        (lead.job_type_id, "job type id"),
    ):
        if value is not None:
            require_id(value, name)
    if lead.follow_up_date is not None:
        require_utc(lead.follow_up_date, "follow-up date")


@dataclass(frozen=True)
class AcceptBooking:
    """Book a job for a booking, for an existing or a new customer (the booking becomes Converted)."""

    KIND: ClassVar[str] = "accept_booking"
    TARGET: ClassVar[str] = "booking"
    CLOSES_TARGET: ClassVar[bool] = True

    booking_id: int
    customer: CustomerChoice
    job: JobDraft
    add_contacts: MissingContacts = field(default_factory=MissingContacts)

    def __post_init__(self) -> None:
        require_id(self.booking_id, "booking id")
        check_missing_contacts(self.customer, self.add_contacts)

    @property
    def target_id(self) -> int:
        return self.booking_id


@dataclass(frozen=True)
class DismissBooking:
    """Dismiss a booking with a call reason and a memo (spam, duplicate, out of area...)."""

    KIND: ClassVar[str] = "dismiss_booking"
    TARGET: ClassVar[str] = "booking"
    CLOSES_TARGET: ClassVar[bool] = True

    booking_id: int
    call_reason_id: int
    memo: str | None = None

    def __post_init__(self) -> None:
        require_id(self.booking_id, "booking id")
        require_id(self.call_reason_id, "call reason id")

    @property
    def target_id(self) -> int:
        return self.booking_id


@dataclass(frozen=True)
class CaptureLead:
    """Keep a booking as a lead (the booking is dismissed and linked to the lead)."""

    KIND: ClassVar[str] = "capture_lead"
    TARGET: ClassVar[str] = "booking"
    CLOSES_TARGET: ClassVar[bool] = True

    booking_id: int
    campaign_id: int
    summary: str
    call_reason_id: int | None = None
    follow_up_date: datetime | None = None
    priority: Priority | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None

    def __post_init__(self) -> None:
        require_id(self.booking_id, "booking id")
        check_lead(self)

    @property
    def target_id(self) -> int:
        return self.booking_id


@dataclass(frozen=True)
class FollowUpLead:
    """Log a follow-up of a lead and set its next follow-up date."""

    KIND: ClassVar[str] = "follow_up_lead"
    TARGET: ClassVar[str] = "lead"
    CLOSES_TARGET: ClassVar[bool] = False

    lead_id: int
    follow_up_date: datetime
    text: str | None = None
    pin_to_top: bool = False

    def __post_init__(self) -> None:
        require_id(self.lead_id, "lead id")
        require_utc(self.follow_up_date, "follow-up date")

    @property
    def target_id(self) -> int:
        return self.lead_id


@dataclass(frozen=True)
class DismissLead:
    """Dismiss a lead with a reason (a call reason)."""

    KIND: ClassVar[str] = "dismiss_lead"
    TARGET: ClassVar[str] = "lead"
    CLOSES_TARGET: ClassVar[bool] = True

    lead_id: int
    reason_id: int

    def __post_init__(self) -> None:
        require_id(self.lead_id, "lead id")
        require_id(self.reason_id, "dismissing reason id")

    @property
    def target_id(self) -> int:
        return self.lead_id


@dataclass(frozen=True)
class AddLeadNote:
    """Add a note to a lead (whatever its status: a note on a closed lead is still history)."""

    KIND: ClassVar[str] = "add_lead_note"
    TARGET: ClassVar[str] = "lead"
    CLOSES_TARGET: ClassVar[bool] = False

    lead_id: int
    text: str
    pin_to_top: bool = False

    def __post_init__(self) -> None:
        require_id(self.lead_id, "lead id")
        require_text(self.text, "note text")

    @property
    def target_id(self) -> int:
        return self.lead_id


#: Where lead creations wait: a lead made by hand has no id to be its target until it exists.
NEW_LEAD_TARGET = "new_lead"


@dataclass(frozen=True)
class CreateLead:
    """Create a lead by hand (a phone call, a walk-in), not from a booking.

    Every creation has the same target, so they run one at a time, in order: two of ours are never in
    flight at once, and the lookup of one (lead_plans.CreateLeadPlan) cannot take the other's lead.
    """

    KIND: ClassVar[str] = "create_lead"
    TARGET: ClassVar[str] = NEW_LEAD_TARGET
    CLOSES_TARGET: ClassVar[bool] = False

    campaign_id: int
    summary: str
    call_reason_id: int | None = None
    follow_up_date: datetime | None = None
    priority: Priority | None = None
    business_unit_id: int | None = None
    job_type_id: int | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    street: str | None = None
    unit: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None

    def __post_init__(self) -> None:
        check_lead(self)

    @property
    def target_id(self) -> int:
        return 0  # the one line all creations wait in (see the class)


@dataclass(frozen=True)
class BookJobFromLead:
    """Book a job from a lead, for an existing or a new customer (the lead becomes Converted)."""

    KIND: ClassVar[str] = "book_job_from_lead"
    TARGET: ClassVar[str] = "lead"
    CLOSES_TARGET: ClassVar[bool] = True

    lead_id: int
    customer: CustomerChoice
    job: JobDraft
    add_contacts: MissingContacts = field(default_factory=MissingContacts)

    def __post_init__(self) -> None:
        require_id(self.lead_id, "lead id")
        check_missing_contacts(self.customer, self.add_contacts)

    @property
    def target_id(self) -> int:
        return self.lead_id


@dataclass(frozen=True)
class EditBookingContact:
    """Add, change or delete one contact of a booking, through its booking provider's path.

    `contact_id` None adds a contact (`type` and `value` required); with `delete` it removes that
    contact; otherwise it changes the fields given.
    """

    KIND: ClassVar[str] = "edit_booking_contact"
    TARGET: ClassVar[str] = "booking"
    CLOSES_TARGET: ClassVar[bool] = False

    booking_id: int
    provider_id: int
    contact_id: int | None = None
    type: ContactType | None = None
    value: str | None = None
    memo: str | None = None
    delete: bool = False

    def __post_init__(self) -> None:
        require_id(self.booking_id, "booking id")
        require_id(self.provider_id, "booking provider id")
        if self.contact_id is not None:
            require_id(self.contact_id, "contact id")
        if self.value is not None:
            require_text(self.value, "contact value")
        if self.delete:
            require(self.contact_id is not None, "deleting a contact needs its id")
        elif self.contact_id is None:
            require(
                self.type is not None and self.value is not None, "a new contact needs a type and a value"
            )
        else:
            changes = (self.type, self.value, self.memo)
            require(any(c is not None for c in changes), "a contact change needs a type, value or memo")

    @property
    def target_id(self) -> int:
        return self.booking_id


@dataclass(frozen=True)
class ReclassifyBooking:
    """Give a booking a real job type (it came with none, or "Unknown") and, optionally, the business
    unit that goes with it, through its booking provider's path."""

    KIND: ClassVar[str] = "reclassify_booking"
    TARGET: ClassVar[str] = "booking"
    CLOSES_TARGET: ClassVar[bool] = False

    booking_id: int
    provider_id: int
    job_type_id: int
    business_unit_id: int | None = None

    def __post_init__(self) -> None:
        require_id(self.booking_id, "booking id")
        require_id(self.provider_id, "booking provider id")
        require_id(self.job_type_id, "job type id")
        if self.business_unit_id is not None:
            require_id(self.business_unit_id, "business unit id")

    @property
    def target_id(self) -> int:
        return self.booking_id


Action = (
    AcceptBooking
    | DismissBooking
    | CaptureLead
    | FollowUpLead
    | DismissLead
    | AddLeadNote
    | CreateLead
    | BookJobFromLead
    | EditBookingContact
    | ReclassifyBooking
)

ACTION_TYPES: dict[str, type[Action]] = {
    cls.KIND: cls
    for cls in (
        AcceptBooking,
        DismissBooking,
        CaptureLead,
        FollowUpLead,
        DismissLead,
        AddLeadNote,
        CreateLead,
        BookJobFromLead,
        EditBookingContact,
        ReclassifyBooking,
    )
}

#: Kinds that close their target: at most one of them may be unfinished per target.
CLOSING_KINDS = frozenset(kind for kind, cls in ACTION_TYPES.items() if cls.CLOSES_TARGET)


@cache
def _adapter(kind: str) -> TypeAdapter[Any]:
    return TypeAdapter(ACTION_TYPES[kind])


def to_payload(action: Action) -> dict[str, Any]:
    """The action as JSON-ready data for `outbox_action.payload` (times as ISO-8601 UTC)."""
    if type(action).KIND not in ACTION_TYPES:
        raise InvalidAction(f"not an outbox action: {type(action).__name__}")
    payload: dict[str, Any] = _adapter(action.KIND).dump_python(action, mode="json")
    return payload


def from_payload(kind: str, payload: dict[str, Any]) -> Action:
    """The action stored as `payload` under `kind` (checked again, as when it was built)."""
    if kind not in ACTION_TYPES:
        raise InvalidAction(f"unknown action kind {kind!r}")
    action: Action = _adapter(kind).validate_python(payload)
    return action
