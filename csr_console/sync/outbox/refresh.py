"""Fresh copies of what an action touched (its booking or lead, the job, customer and location with their
contacts), fetched when it ends and written to the cache with its outcome, so the queue shows the result
at once instead of at the next poll. A copy that cannot be fetched is left to the feeds."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from csr_console.api.client import ServiceTitanClient
from csr_console.api.errors import ServiceTitanError
from csr_console.api.models.common import ApiModel
from csr_console.api.models.crm import Booking, BookingContact, Customer, CustomerContact, Lead, Location
from csr_console.api.models.jpm import Job
from csr_console.store import schema
from csr_console.store.rows import (
    booking_contact_row,
    booking_row,
    contact_row,
    customer_row,
    job_row,
    lead_row,
    location_row,
)
from csr_console.store.upserts import replace_booking_contacts, upsert
from csr_console.sync.changes import ChangeSet

log = logging.getLogger(__name__)


@dataclass
class FreshCopies:
    records: list[ApiModel] = field(default_factory=list)
    booking_contacts: dict[int, list[BookingContact]] = field(default_factory=dict)
    owner_contacts: dict[tuple[str, int], list[CustomerContact]] = field(default_factory=dict)

    def write(self, connection: Connection, now: datetime) -> ChangeSet:
        """Upsert every copy (an older copy never overwrites a newer one); answers what to publish."""
        touched: dict[str, set[object]] = {}
        for record in self.records:
            kind, record_id = _write_record(connection, record, now)
            touched.setdefault(kind, set()).add(record_id)
        for booking_id, contacts in self.booking_contacts.items():
            rows = [booking_contact_row(contact, booking_id) for contact in contacts]
            replace_booking_contacts(connection, booking_id, rows, now)
            touched.setdefault("booking", set()).add(booking_id)
        for (owner_kind, owner_id), owned in self.owner_contacts.items():
            contact_rows = [contact_row(owner_kind, owner_id, contact) for contact in owned]
            upsert(connection, schema.contact, contact_rows)
            touched.setdefault(owner_kind, set()).add(owner_id)
        return ChangeSet({kind: frozenset(ids) for kind, ids in touched.items()})


def _write_record(connection: Connection, record: ApiModel, now: datetime) -> tuple[str, int]:
    # Subclasses first: CreatedCustomer is a Customer.
    if isinstance(record, Booking):
        upsert(connection, schema.booking, [booking_row(record, now)])
        return "booking", record.id
    if isinstance(record, Lead):
        upsert(connection, schema.lead, [lead_row(record)])
        return "lead", record.id
    if isinstance(record, Job):
        upsert(connection, schema.job, [job_row(record)])
        return "job", record.id
    if isinstance(record, Customer):
        upsert(connection, schema.customer, [customer_row(record)])
        return "customer", record.id
    if isinstance(record, Location):
        upsert(connection, schema.location, [location_row(record)])
        return "location", record.id
    raise TypeError(f"no cache table for {type(record).__name__}")


async def fetch_fresh(
    client: ServiceTitanClient,
    target_kind: str,
    target_id: int,
    results: dict[str, Any],
    *,
    with_booking_contacts: bool = False,
) -> FreshCopies:
    """Fetch, concurrently, the target and the records named by the action's results."""
    fresh = FreshCopies()
    crm, jobs = client.crm, client.jpm.jobs
    fetches: list[Awaitable[None]] = []

    def add(fetch: Callable[[], Awaitable[ApiModel]]) -> None:
        async def run() -> None:
            fresh.records.append(await fetch())

        fetches.append(run())

    ids = {kind: results.get(f"{kind}_id") for kind in ("lead", "job", "customer", "location")}
    if target_kind == "booking":
        add(lambda: crm.bookings.get(target_id))
    elif target_kind == "lead":  # a lead made by hand ('new_lead') has its id in the results instead
        ids["lead"] = target_id
    if ids["lead"] is not None:
        lead_id = int(ids["lead"])
        add(lambda: crm.leads.get(lead_id))
    if ids["job"] is not None:
        job_id = int(ids["job"])
        add(lambda: jobs.get(job_id))
    if ids["customer"] is not None:
        customer_id = int(ids["customer"])
        add(lambda: crm.customers.get(customer_id))
        fetches.append(_owner_contacts(fresh, "customer", customer_id, client))
    if ids["location"] is not None:
        location_id = int(ids["location"])
        add(lambda: crm.locations.get(location_id))
        fetches.append(_owner_contacts(fresh, "location", location_id, client))
    if with_booking_contacts:
        fetches.append(_booking_contacts(fresh, target_id, client))
    for outcome in await asyncio.gather(*fetches, return_exceptions=True):
        if isinstance(outcome, ServiceTitanError):
            log.info("fresh copy not fetched (the feeds will bring it): %s", outcome)
        elif isinstance(outcome, Exception):
            log.warning("fresh copy not fetched", exc_info=outcome)
    return fresh


async def _owner_contacts(fresh: FreshCopies, owner: str, owner_id: int, client: ServiceTitanClient) -> None:
    listing = (
        client.crm.customers.contacts(owner_id)
        if owner == "customer"
        else client.crm.locations.contacts(owner_id)
    )
    fresh.owner_contacts[(owner, owner_id)] = [contact async for contact in listing.items()]


async def _booking_contacts(fresh: FreshCopies, booking_id: int, client: ServiceTitanClient) -> None:
    listing = client.crm.bookings.contacts(booking_id)
    fresh.booking_contacts[booking_id] = [contact async for contact in listing.items()]
