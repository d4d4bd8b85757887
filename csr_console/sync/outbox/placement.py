"""Where a job goes: the customer and location chosen for it, created when new (tagged with the action's
id through externalData), and the contacts the CSR found missing added to existing ones.

Steps: `customer` (a new customer with its location and contacts, one call), `location` (a new location
of an existing customer), `customer_contact.N` / `location_contact.N` (one missing contact each).
Lookups: customers and locations by their tag; a contact by its owner's contacts (same type and value),
which is also checked before adding one, so a contact someone else added meanwhile is not doubled.

When the job is then refused because someone else booked the target first, the customer or location this
action created would be a duplicate of the one the winner used: `withdraw` deactivates them (the API
deletes neither) in the steps `withdraw.location` and `withdraw.customer`. A PATCH of `active` is
idempotent, so these steps need no lookup: one left in flight is simply sent again. Contacts added to
existing records stay: they are true of the customer whoever booked the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial

from csr_console.api.models.common import ApiModel
from csr_console.api.models.crm import (
    CreateCustomerRequest,
    CreateLocationRequest,
    CustomerContact,
    CustomerQuery,
    LocationQuery,
    NewAddress,
    NewContact,
    NewLocation,
    UpdateCustomerRequest,
    UpdateLocationRequest,
)
from csr_console.domain.contacts import normalized_contact
from csr_console.sync.outbox.backoff import is_refusal
from csr_console.sync.outbox.drafts import (
    AddressDraft,
    ContactDraft,
    CustomerChoice,
    ExistingLocation,
    LocationDraft,
    MissingContacts,
    NewCustomer,
    NewLocationFor,
)
from csr_console.sync.outbox.progress import ActionRun, Find, Result, Send

log = logging.getLogger(__name__)

CUSTOMER = "customer"
LOCATION = "location"
WITHDRAW_LOCATION = "withdraw.location"
WITHDRAW_CUSTOMER = "withdraw.customer"


@dataclass(frozen=True)
class Where:
    customer_id: int
    location_id: int


def _address(draft: AddressDraft) -> NewAddress:
    return NewAddress(
        street=draft.street,
        unit=draft.unit,
        city=draft.city,
        state=draft.state,
        zip=draft.zip,
        country=draft.country,
    )


def _contacts(drafts: tuple[ContactDraft, ...]) -> list[NewContact] | None:
    return [NewContact(type=c.type, value=c.value, memo=c.memo) for c in drafts] or None


class Placement:
    def __init__(self, run: ActionRun, choice: CustomerChoice, missing: MissingContacts) -> None:
        self._run = run
        self._choice = choice
        # The results name the job's customer and location whether they were chosen or created.
        if isinstance(choice, ExistingLocation):
            run.results.update(customer_id=choice.customer_id, location_id=choice.location_id)
        elif isinstance(choice, NewLocationFor):
            run.results.update(customer_id=choice.customer_id)
        # Contacts are only ever added to records that existed when the action was queued (checked then).
        self._missing = [
            (f"{owner}_contact.{index}", owner, owner_id, draft)
            for owner, owner_id, drafts in (
                (
                    "customer",
                    None if isinstance(choice, NewCustomer) else choice.customer_id,
                    missing.customer,
                ),
                (
                    "location",
                    choice.location_id if isinstance(choice, ExistingLocation) else None,
                    missing.location,
                ),
            )
            for index, draft in enumerate(drafts)
            if owner_id is not None
        ]

    def finders(self) -> dict[str, Find]:
        found: dict[str, Find] = {CUSTOMER: self._find_customer, LOCATION: self._find_location}
        for step, owner, owner_id, draft in self._missing:
            found[step] = partial(self._find_contact, step, owner, owner_id, draft)
        return found

    async def carry_out(self) -> Where:
        choice = self._choice
        if isinstance(choice, ExistingLocation):
            where = Where(choice.customer_id, choice.location_id)
        elif isinstance(choice, NewLocationFor):
            result = await self._run.step(
                LOCATION, partial(self._create_location, choice.customer_id, choice.location)
            )
            where = Where(choice.customer_id, result["location_id"])
        else:
            result = await self._run.step(CUSTOMER, partial(self._create_customer, choice))
            where = Where(result["customer_id"], result["location_id"])
        for step, owner, owner_id, draft in self._missing:
            await self._run.step(
                step,
                partial(self._add_contact, step, owner, owner_id, draft),
                look_first=partial(self._find_contact, step, owner, owner_id, draft),
            )
        return where

    async def withdraw(self) -> list[ApiModel]:
        """Deactivate the customer and location this action created (none if it created none); answers
        the records as deactivated, for the cache. A refusal is logged and the rest goes on: the job
        was not booked either way, and the conflict the caller raises says so."""
        created_location = self._run.result_of(LOCATION) or self._run.result_of(CUSTOMER)
        created_customer = self._run.result_of(CUSTOMER)
        withdrawn: list[ApiModel] = []
        if created_location is not None:
            location_id = created_location["location_id"]
            await self._withdraw_step(
                WITHDRAW_LOCATION, partial(self._deactivate_location, location_id, withdrawn)
            )
        if created_customer is not None:
            customer_id = created_customer["customer_id"]
            await self._withdraw_step(
                WITHDRAW_CUSTOMER, partial(self._deactivate_customer, customer_id, withdrawn)
            )
        return withdrawn

    async def _withdraw_step(self, step: str, send: Send) -> None:
        try:
            await self._run.step(step, send)
        except Exception as error:
            if not is_refusal(error):
                raise  # not sent or no answer: the action is tried again and withdraws then
            log.warning("action %s: %s refused: %s", self._run.action_id, step, error)

    async def _deactivate_location(self, location_id: int, withdrawn: list[ApiModel]) -> Result:
        locations = self._run.client.crm.locations
        withdrawn.append(await locations.update(location_id, UpdateLocationRequest(active=False)))
        return {}

    async def _deactivate_customer(self, customer_id: int, withdrawn: list[ApiModel]) -> Result:
        customers = self._run.client.crm.customers
        withdrawn.append(await customers.update(customer_id, UpdateCustomerRequest(active=False)))
        return {}

    # -- sends ---------------------------------------------------------------------------------------
    async def _create_customer(self, draft: NewCustomer) -> Result:
        tagged = self._run.external_data(CUSTOMER)
        location = NewLocation(
            name=draft.location.name,
            address=_address(draft.location.address),
            contacts=_contacts(draft.location.contacts),
            external_data=tagged,
        )
        created = await self._run.client.crm.customers.create(
            CreateCustomerRequest(
                name=draft.name,
                type=draft.type,
                address=_address(draft.address),
                contacts=_contacts(draft.contacts),
                locations=[location],
                external_data=tagged,
            )
        )
        return {"customer_id": created.id, "location_id": created.locations[0].id}

    async def _create_location(self, customer_id: int, draft: LocationDraft) -> Result:
        created = await self._run.client.crm.locations.create(
            CreateLocationRequest(
                customer_id=customer_id,
                name=draft.name,
                address=_address(draft.address),
                contacts=_contacts(draft.contacts),
                external_data=self._run.external_data(LOCATION),
            )
        )
        return {"location_id": created.id}

    async def _add_contact(self, step: str, owner: str, owner_id: int, draft: ContactDraft) -> Result:
        request = NewContact(type=draft.type, value=draft.value, memo=draft.memo)
        crm = self._run.client.crm
        if owner == "customer":
            contact = await crm.customers.create_contact(owner_id, request)
        else:
            contact = await crm.locations.create_contact(owner_id, request)
        return {step: contact.id}

    # -- lookups -------------------------------------------------------------------------------------
    async def _find_customer(self, _record: object) -> Result | None:
        crm = self._run.client.crm
        customers = await crm.customers.list(CustomerQuery(**self._run.tag_filter(CUSTOMER)))
        if not customers.items:
            return None
        customer_id = customers.items[0].id
        # Created in the same call as the customer, its location is the customer's only one.
        locations = await crm.locations.list(LocationQuery(customer_id=customer_id))
        return {"customer_id": customer_id, "location_id": locations.items[0].id}

    async def _find_location(self, _record: object) -> Result | None:
        found = await self._run.client.crm.locations.list(LocationQuery(**self._run.tag_filter(LOCATION)))
        return {"location_id": found.items[0].id} if found.items else None

    async def _find_contact(
        self, step: str, owner: str, owner_id: int, draft: ContactDraft, _record: object
    ) -> Result | None:
        crm = self._run.client.crm
        listing = (
            crm.customers.contacts(owner_id) if owner == "customer" else crm.locations.contacts(owner_id)
        )
        wanted = _key(draft)
        async for contact in listing.items():
            if _key_of(contact) == wanted:
                return {step: contact.id}
        return None


def _key(draft: ContactDraft) -> str:
    return f"{draft.type.value}:{normalized_contact(draft.type.value, draft.value)}"


def _key_of(contact: CustomerContact) -> str:
    kind = str(getattr(contact.type, "value", contact.type))
    return f"{kind}:{normalized_contact(kind, contact.value)}"
