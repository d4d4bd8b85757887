"""The records around the queue, through their export feeds: leads, jobs and their appointments,
customers, locations and both kinds of contacts. Deleted or deactivated ones arrive `active: false`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from csr_console.api.models.crm import ExportCustomerContact, ExportLocationContact
from csr_console.store import schema
from csr_console.store.rows import (
    Row,
    appointment_row,
    contact_row,
    customer_row,
    job_row,
    lead_row,
    location_row,
)
from csr_console.sync.feeds.base import Feed, FeedContext, Sink
from csr_console.sync.feeds.export import ExportPoller

M = TypeVar("M")


def untimed(row: Callable[[M], Row]) -> Callable[[M, datetime], Row]:
    """A row function that has no use for the time of receipt (only bookings record it)."""
    return lambda model, _received_at: row(model)


def _column_of_changed(column: str) -> Callable[[list[Any], list[Row]], Iterable[object]]:
    """Publish another column of the changed rows: a changed appointment is news about its job, a changed
    contact about its customer or location."""

    def notify(changed: list[Any], rows: list[Row]) -> Iterable[object]:
        keys = set(changed)
        return {row[column] for row in rows if _key(row) in keys}

    return notify


def _key(row: Row) -> object:
    # The contact table's primary key is (owner_kind, id); the others' is id.
    return (row["owner_kind"], row["id"]) if "owner_kind" in row else row["id"]


def _customer_contact(model: ExportCustomerContact, _received_at: datetime) -> Row:
    return contact_row("customer", model.customer_id, model)


def _location_contact(model: ExportLocationContact, _received_at: datetime) -> Row:
    return contact_row("location", model.location_id, model)


def record_feeds(ctx: FeedContext) -> list[Feed]:
    crm, jpm = ctx.client.crm, ctx.client.jpm
    owner = _column_of_changed("owner_id")
    return [
        ExportPoller(ctx, "leads", crm.leads.export, Sink(schema.lead, untimed(lead_row), "lead")),
        ExportPoller(ctx, "jobs", jpm.jobs.export, Sink(schema.job, untimed(job_row), "job")),
        ExportPoller(
            ctx,
            "appointments",
            jpm.appointments.export,
            Sink(schema.appointment, untimed(appointment_row), "job", _column_of_changed("job_id")),
        ),
        ExportPoller(
            ctx, "customers", crm.customers.export, Sink(schema.customer, untimed(customer_row), "customer")
        ),
        ExportPoller(
            ctx, "locations", crm.locations.export, Sink(schema.location, untimed(location_row), "location")
        ),
        ExportPoller(
            ctx,
            "customer_contacts",
            crm.customers.contacts_export,
            Sink(schema.contact, _customer_contact, "customer", owner),
        ),
        ExportPoller(
            ctx,
            "location_contacts",
            crm.locations.contacts_export,
            Sink(schema.contact, _location_contact, "location", owner),
        ),
    ]
