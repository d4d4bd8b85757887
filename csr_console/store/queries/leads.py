"""Open leads to follow up, grouped by the CSR's calendar (Overdue, Today, Upcoming, No date), and one
lead for the detail pane."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Select, select

from csr_console.domain.enums import LeadStatus
from csr_console.store.queries.address import AddressParts, address_columns, address_from
from csr_console.store.queries.ids import id_chunks
from csr_console.store.queries.outbox import (
    ActionSummary,
    OutboxBadge,
    action_history,
    open_badges,
)
from csr_console.store.queries.search import SearchTerm
from csr_console.store.schema import (
    booking,
    booking_contact,
    business_unit,
    call_reason,
    campaign,
    contact,
    customer,
    job_type,
    lead,
    location,
)


class LeadGroup(StrEnum):
    OVERDUE = "overdue"  # follow-up due before today
    TODAY = "today"
    UPCOMING = "upcoming"
    NO_DATE = "no_date"


@dataclass(frozen=True, slots=True)
class LeadFilter:
    campaign_id: int | None = None
    business_unit_id: int | None = None
    source: str | None = None  # the source of the booking the lead was captured from
    without_customer: bool = False
    search: str | None = None  # name, phone (by digits) or email


EVERY_OPEN_LEAD = LeadFilter()


@dataclass(frozen=True, slots=True)
class LeadRow:
    id: int
    group: LeadGroup
    follow_up_date: datetime | None
    name: str | None  # as entered on the lead, else its customer's
    phone: str | None
    email: str | None
    summary: str | None
    priority: str | None
    campaign_id: int | None
    campaign_name: str | None
    business_unit_id: int | None
    customer_id: int | None
    booking_id: int | None
    source: str | None  # of the booking it was captured from
    created_on: datetime
    badge: OutboxBadge | None


@dataclass(frozen=True, slots=True)
class DueLeads:
    """Each group sorted by follow-up date (oldest first), then newest lead first."""

    overdue: tuple[LeadRow, ...]
    today: tuple[LeadRow, ...]
    upcoming: tuple[LeadRow, ...]
    no_date: tuple[LeadRow, ...]


def _day_bounds(now: datetime, tz: tzinfo) -> tuple[datetime, datetime]:
    """The start of the CSR's local today and tomorrow (23 or 25 hours apart on a DST change day)."""
    today = now.astimezone(tz).date()
    return (
        datetime.combine(today, time(), tzinfo=tz),
        datetime.combine(today + timedelta(days=1), time(), tzinfo=tz),
    )


def _group(follow_up: datetime | None, today: datetime, tomorrow: datetime) -> LeadGroup:
    if follow_up is None:
        return LeadGroup.NO_DATE
    if follow_up < today:
        return LeadGroup.OVERDUE
    if follow_up < tomorrow:
        return LeadGroup.TODAY
    return LeadGroup.UPCOMING


def _select(filters: LeadFilter) -> Select[Any]:
    ld = lead.c
    statement = (
        select(
            ld.id,
            ld.follow_up_date,
            customer.c.name.label("customer_name"),
            ld.lead_customer_name,
            ld.lead_phone,
            ld.lead_email,
            ld.summary,
            ld.priority,
            ld.campaign_id,
            campaign.c.name.label("campaign_name"),
            ld.business_unit_id,
            ld.customer_id,
            ld.booking_id,
            booking.c.source,
            ld.created_on,
        )
        .select_from(lead)
        .outerjoin(customer, customer.c.id == ld.customer_id)
        .outerjoin(campaign, campaign.c.id == ld.campaign_id)
        .outerjoin(booking, booking.c.id == ld.booking_id)
        .where(ld.status == LeadStatus.OPEN.value, ld.active)
    )
    if filters.campaign_id is not None:
        statement = statement.where(ld.campaign_id == filters.campaign_id)
    if filters.business_unit_id is not None:
        statement = statement.where(ld.business_unit_id == filters.business_unit_id)
    if filters.source is not None:
        statement = statement.where(booking.c.source == filters.source)
    if filters.without_customer:
        statement = statement.where(ld.customer_id.is_(None))
    term = SearchTerm.parse(filters.search)
    if term is not None:
        # The lead's own fields, and the contacts of the customer or booking it is linked to.
        # Looked up per lead (open leads are far fewer than contacts), through the owner indexes.
        customer_match = select(contact.c.id).where(
            contact.c.owner_kind == "customer",
            contact.c.owner_id == ld.customer_id,
            contact.c.active,
            term.in_contact(contact.c.type, contact.c.normalized),
        )
        booking_match = select(booking_contact.c.id).where(
            booking_contact.c.booking_id == ld.booking_id,
            term.in_contact(booking_contact.c.type, booking_contact.c.normalized),
        )
        statement = statement.where(
            term.in_text(ld.lead_customer_name, customer.c.name, ld.lead_email)
            | term.in_phone_text(ld.lead_phone)
            | customer_match.exists()
            | booking_match.exists()
        )
    return statement.order_by(ld.follow_up_date.asc().nulls_last(), ld.created_on.desc(), ld.id.desc())


def _row(row: Any, today: datetime, tomorrow: datetime, badges: dict[int, OutboxBadge]) -> LeadRow:
    return LeadRow(
        id=row.id,
        group=_group(row.follow_up_date, today, tomorrow),
        follow_up_date=row.follow_up_date,
        name=row.lead_customer_name or row.customer_name,
        phone=row.lead_phone,
        email=row.lead_email,
        summary=row.summary,
        priority=row.priority,
        campaign_id=row.campaign_id,
        campaign_name=row.campaign_name,
        business_unit_id=row.business_unit_id,
        customer_id=row.customer_id,
        booking_id=row.booking_id,
        source=row.source,
        created_on=row.created_on,
        badge=badges.get(row.id),
    )


def due_leads(
    connection: Connection, now: datetime, tz: tzinfo, filters: LeadFilter = EVERY_OPEN_LEAD
) -> DueLeads:
    """Open leads grouped by their follow-up date against the CSR's local day at `now` in `tz`."""
    today, tomorrow = _day_bounds(now, tz)
    badges = open_badges(connection, "lead")
    rows = [_row(row, today, tomorrow, badges) for row in connection.execute(_select(filters))]
    grouped = {group: tuple(r for r in rows if r.group is group) for group in LeadGroup}
    return DueLeads(
        overdue=grouped[LeadGroup.OVERDUE],
        today=grouped[LeadGroup.TODAY],
        upcoming=grouped[LeadGroup.UPCOMING],
        no_date=grouped[LeadGroup.NO_DATE],
    )


def due_lead_rows_by_ids(
    connection: Connection,
    ids: Iterable[int],
    now: datetime,
    tz: tzinfo,
    filters: LeadFilter = EVERY_OPEN_LEAD,
) -> list[LeadRow]:
    """The rows of changed leads, to apply a change notification as row moves and updates; an id not
    answered no longer belongs on the list (no longer open, or filtered out)."""
    today, tomorrow = _day_bounds(now, tz)
    badges = open_badges(connection, "lead")
    statement = _select(filters)
    return [
        _row(row, today, tomorrow, badges)
        for chunk in id_chunks(ids)
        for row in connection.execute(statement.where(lead.c.id.in_(chunk)))
    ]


@dataclass(frozen=True, slots=True)
class LeadDetail:
    id: int
    status: str
    priority: str | None
    summary: str | None
    follow_up_date: datetime | None
    name: str | None  # as entered on the lead
    phone: str | None
    email: str | None
    address: AddressParts  # as entered on the lead
    customer_id: int | None
    customer_name: str | None
    location_id: int | None
    location_address: AddressParts | None
    campaign_id: int | None
    campaign_name: str | None
    business_unit_id: int | None
    business_unit_name: str | None
    job_type_id: int | None
    job_type_name: str | None
    call_reason_id: int | None
    call_reason_name: str | None
    dismissing_reason_id: int | None
    dismissing_reason_name: str | None
    booking_id: int | None
    booking_source: str | None
    created_by_id: int | None
    created_on: datetime
    modified_on: datetime
    actions: tuple[ActionSummary, ...]  # newest first


def lead_detail(connection: Connection, lead_id: int) -> LeadDetail | None:
    """None when the cache has no such lead (or the server deleted it)."""
    ld = lead.c
    reason = call_reason.alias("reason")
    dismissal = call_reason.alias("dismissal")
    row = connection.execute(
        select(
            lead,
            customer.c.name.label("customer_name"),
            location.c.id.label("location_row_id"),
            *address_columns(location, "location_"),
            campaign.c.name.label("campaign_name"),
            business_unit.c.name.label("business_unit_name"),
            job_type.c.name.label("job_type_name"),
            reason.c.name.label("call_reason_name"),
            dismissal.c.name.label("dismissing_reason_name"),
            booking.c.source.label("booking_source"),
        )
        .outerjoin(customer, customer.c.id == ld.customer_id)
        .outerjoin(location, location.c.id == ld.location_id)
        .outerjoin(campaign, campaign.c.id == ld.campaign_id)
        .outerjoin(business_unit, business_unit.c.id == ld.business_unit_id)
        .outerjoin(job_type, job_type.c.id == ld.job_type_id)
        .outerjoin(reason, reason.c.id == ld.call_reason_id)
        .outerjoin(dismissal, dismissal.c.id == ld.dismissing_reason_id)
        .outerjoin(booking, booking.c.id == ld.booking_id)
        .where(ld.id == lead_id, ld.active)
    ).one_or_none()
    if row is None:
        return None
    return LeadDetail(
        id=row.id,
        status=row.status,
        priority=row.priority,
        summary=row.summary,
        follow_up_date=row.follow_up_date,
        name=row.lead_customer_name,
        phone=row.lead_phone,
        email=row.lead_email,
        address=address_from(row, "lead_"),
        customer_id=row.customer_id,
        customer_name=row.customer_name,
        location_id=row.location_id,
        location_address=address_from(row, "location_") if row.location_row_id is not None else None,
        campaign_id=row.campaign_id,
        campaign_name=row.campaign_name,
        business_unit_id=row.business_unit_id,
        business_unit_name=row.business_unit_name,
        job_type_id=row.job_type_id,
        job_type_name=row.job_type_name,
        call_reason_id=row.call_reason_id,
        call_reason_name=row.call_reason_name,
        dismissing_reason_id=row.dismissing_reason_id,
        dismissing_reason_name=row.dismissing_reason_name,
        booking_id=row.booking_id,
        booking_source=row.booking_source,
        created_by_id=row.created_by_id,
        created_on=row.created_on,
        modified_on=row.modified_on,
        actions=action_history(connection, "lead", lead_id),
    )
