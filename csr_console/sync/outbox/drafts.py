"""The parts of a CSR action that describe records to create: contacts, addresses, locations, the
customer chosen for a job, and the job itself.

Each part checks itself when built, so an action that reaches the outbox can always be carried out as
far as the console can tell; what only the server knows (ids that do not exist) is its answer to give.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from csr_console.domain.enums import ContactType, CustomerType, Priority
from csr_console.sync.outbox.errors import InvalidAction


def require(condition: bool, problem: str) -> None:
    if not condition:
        raise InvalidAction(problem)


def require_id(value: int, name: str) -> None:
    require(isinstance(value, int) and value > 0, f"{name} must be a positive id, not {value!r}")


def require_text(value: str, name: str) -> None:
    require(isinstance(value, str) and bool(value.strip()), f"{name} must not be empty")


def require_utc(value: datetime, name: str) -> None:
    # A naive time would be read in whatever zone the runner happens to be in: the API wants UTC.
    require(isinstance(value, datetime) and value.tzinfo is not None, f"{name} must be an aware UTC time")


@dataclass(frozen=True)
class ContactDraft:
    """A phone, mobile, email or fax to add, with an optional memo ("cell", "office")."""

    type: ContactType
    value: str
    memo: str | None = None

    def __post_init__(self) -> None:
        require(
            isinstance(self.type, ContactType),
            f"contact type must be one of {[t.value for t in ContactType]}",
        )
        require_text(self.value, "contact value")


@dataclass(frozen=True)
class AddressDraft:
    """A service or billing address; the API requires every part but the unit."""

    street: str
    city: str
    state: str
    zip: str
    country: str
    unit: str | None = None

    def __post_init__(self) -> None:
        for name in ("street", "city", "state", "zip", "country"):
            require_text(getattr(self, name), f"address {name}")


@dataclass(frozen=True)
class LocationDraft:
    """A new service location: its name (e.g. "Home"), address and contacts."""

    name: str
    address: AddressDraft
    contacts: tuple[ContactDraft, ...] = ()

    def __post_init__(self) -> None:
        require_text(self.name, "location name")


# -- whose job: the customer and location chosen in the accept dialog --------------------------------
@dataclass(frozen=True)
class ExistingLocation:
    """A customer and one of its locations, both already in ServiceTitan."""

    customer_id: int
    location_id: int
    choice: Literal["existing_location"] = "existing_location"

    def __post_init__(self) -> None:
        require_id(self.customer_id, "customer id")
        require_id(self.location_id, "location id")


@dataclass(frozen=True)
class NewLocationFor:
    """An existing customer at a new location (a second home, a rental)."""

    customer_id: int
    location: LocationDraft
    choice: Literal["new_location"] = "new_location"

    def __post_init__(self) -> None:
        require_id(self.customer_id, "customer id")


@dataclass(frozen=True)
class NewCustomer:
    """A customer new to the company, created with its first location and contacts in one call."""

    name: str
    type: CustomerType
    address: AddressDraft
    location: LocationDraft
    contacts: tuple[ContactDraft, ...] = ()
    choice: Literal["new_customer"] = "new_customer"

    def __post_init__(self) -> None:
        require_text(self.name, "customer name")
        require(isinstance(self.type, CustomerType), "customer type must be Residential or Commercial")


CustomerChoice = Annotated[ExistingLocation | NewLocationFor | NewCustomer, Field(discriminator="choice")]


@dataclass(frozen=True)
class MissingContacts:
    """Contacts the CSR found missing on an existing customer or location (the booking's new phone)."""

    customer: tuple[ContactDraft, ...] = ()
    location: tuple[ContactDraft, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.customer or self.location)


def check_missing_contacts(
    customer: ExistingLocation | NewLocationFor | NewCustomer, extra: MissingContacts
) -> None:
    """Contacts are added only to records that already exist: a new one gets them in its create."""
    if isinstance(customer, NewCustomer):
        require(not extra, "a new customer's contacts belong in the customer, not in contacts to add")
    if isinstance(customer, NewLocationFor):
        require(
            not extra.location, "a new location's contacts belong in the location, not in contacts to add"
        )


# -- the job ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VisitDraft:
    """The first appointment: when the technicians are booked and the window promised to the customer."""

    start: datetime
    end: datetime
    arrival_window_start: datetime | None = None
    arrival_window_end: datetime | None = None
    technician_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        require_utc(self.start, "appointment start")
        require_utc(self.end, "appointment end")
        require(self.end > self.start, "the appointment must end after it starts")
        window = (self.arrival_window_start, self.arrival_window_end)
        require((window[0] is None) == (window[1] is None), "an arrival window needs a start and an end")
        if window[0] is not None and window[1] is not None:
            require_utc(window[0], "arrival window start")
            require_utc(window[1], "arrival window end")
            require(window[1] > window[0], "the arrival window must end after it starts")
        for technician_id in self.technician_ids:
            require_id(technician_id, "technician id")


@dataclass(frozen=True)
class JobDraft:
    """What the CSR picked for the job: type, business unit, campaign, priority, summary, tags, visit."""

    job_type_id: int
    business_unit_id: int
    campaign_id: int
    priority: Priority
    visit: VisitDraft
    summary: str | None = None
    tag_type_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        require_id(self.job_type_id, "job type id")
        require_id(self.business_unit_id, "business unit id")
        require_id(self.campaign_id, "campaign id")
        require(isinstance(self.priority, Priority), f"priority must be one of {[p.value for p in Priority]}")
        for tag_type_id in self.tag_type_ids:
            require_id(tag_type_id, "tag type id")
