"""One booking for the detail pane: its contacts, the names of what it refers to, the job it became,
the Scheduling Pro session behind it, its delivery lag, and its outbox actions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from csr_console.store.queries.address import AddressParts, address_from
from csr_console.store.queries.outbox import ActionSummary, action_history
from csr_console.store.schema import (
    booking,
    booking_contact,
    booking_provider_tag,
    business_unit,
    call_reason,
    campaign,
    job,
    job_type,
    scheduler,
    scheduler_session,
)


@dataclass(frozen=True, slots=True)
class BookingContactEntry:
    id: int
    type: str
    value: str
    memo: str | None


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """The Scheduling Pro session that produced the booking: where the customer stopped, what they
    entered and answered, and where they came from."""

    id: str
    scheduler_id: str
    scheduler_name: str | None
    last_step: str | None
    session_outcome: str | None
    customer: Mapping[str, Any]  # what the customer entered: names, phone, email, address...
    customer_responses: tuple[str, ...]
    source_tracking: Mapping[str, Any] | None  # attribution: campaign, UTM source/medium/campaign...
    campaign_name: str | None
    category: str | None
    timeslot_start: datetime | None
    timeslot_end: datetime | None
    notes: str | None
    created_on: datetime
    last_checkin_date: datetime | None


@dataclass(frozen=True, slots=True)
class BookingDetail:
    id: int
    status: str
    source: str
    booking_provider_id: int
    provider_tag_name: str | None
    name: str
    address: AddressParts
    start: datetime | None  # None: no preferred time
    summary: str | None  # raw: the partner's extra details are parsed by domain code
    external_id: str | None
    customer_type: str | None
    priority: str | None
    is_first_time_client: bool | None
    is_send_confirmation_email: bool | None
    uploaded_images: tuple[str, ...]  # image URLs the customer attached
    campaign_id: int | None
    campaign_name: str | None
    business_unit_id: int | None
    business_unit_name: str | None
    job_type_id: int | None
    job_type_name: str | None
    job_id: int | None
    job_number: str | None  # None until the job is in the cache
    job_status: str | None
    dismissing_reason_id: int | None
    dismissing_reason_name: str | None
    created_on: datetime
    modified_on: datetime
    received_at: datetime  # when this cache first stored it
    lag_ms: int  # created_on -> received_at: how late the booking reached the console
    contacts: tuple[BookingContactEntry, ...]
    contacts_synced_at: datetime | None  # None: never fetched (ask the engine when the CSR opens it)
    session: SessionSummary | None
    actions: tuple[ActionSummary, ...]  # newest first


def _session(connection: Connection, booking_id: int) -> SessionSummary | None:
    """The latest session linked to the booking (a customer may come back and finish a second one)."""
    s = scheduler_session.c
    row = connection.execute(
        select(scheduler_session, scheduler.c.name.label("scheduler_name"))
        .outerjoin(scheduler, scheduler.c.id == s.scheduler_id)
        .where(s.booking_id == booking_id)
        .order_by(s.created_on.desc(), s.id)
        .limit(1)
    ).one_or_none()
    if row is None:
        return None
    return SessionSummary(
        id=row.id,
        scheduler_id=row.scheduler_id,
        scheduler_name=row.scheduler_name,
        last_step=row.last_step,
        session_outcome=row.session_outcome,
        customer=row.customer or {},
        customer_responses=tuple(row.customer_responses or ()),
        source_tracking=row.source_tracking,
        campaign_name=row.campaign_name,
        category=row.category,
        timeslot_start=row.timeslot_start,
        timeslot_end=row.timeslot_end,
        notes=row.notes,
        created_on=row.created_on,
        last_checkin_date=row.last_checkin_date,
    )


def _contacts(connection: Connection, booking_id: int) -> tuple[BookingContactEntry, ...]:
    c = booking_contact.c
    rows = connection.execute(
        select(c.id, c.type, c.value, c.memo).where(c.booking_id == booking_id).order_by(c.id)
    )
    return tuple(BookingContactEntry(id=r.id, type=r.type, value=r.value, memo=r.memo) for r in rows)


def booking_detail(connection: Connection, booking_id: int) -> BookingDetail | None:
    """None when the cache has no such booking (or the server deleted it)."""
    b = booking.c
    row = connection.execute(
        select(
            booking,
            booking_provider_tag.c.tag_name.label("provider_tag_name"),
            campaign.c.name.label("campaign_name"),
            business_unit.c.name.label("business_unit_name"),
            job_type.c.name.label("job_type_name"),
            job.c.job_number,
            job.c.job_status,
            call_reason.c.name.label("dismissing_reason_name"),
        )
        .outerjoin(booking_provider_tag, booking_provider_tag.c.id == b.booking_provider_id)
        .outerjoin(campaign, campaign.c.id == b.campaign_id)
        .outerjoin(business_unit, business_unit.c.id == b.business_unit_id)
        .outerjoin(job_type, job_type.c.id == b.job_type_id)
        .outerjoin(job, job.c.id == b.job_id)
        .outerjoin(call_reason, call_reason.c.id == b.dismissing_reason_id)
        .where(b.id == booking_id, b.active)
    ).one_or_none()
    if row is None:
        return None
    return BookingDetail(
        id=row.id,
        status=row.status,
        source=row.source,
        booking_provider_id=row.booking_provider_id,
        provider_tag_name=row.provider_tag_name,
        name=row.name,
        address=address_from(row),
        start=row.start,
        summary=row.summary,
        external_id=row.external_id,
        customer_type=row.customer_type,
        priority=row.priority,
        is_first_time_client=row.is_first_time_client,
        is_send_confirmation_email=row.is_send_confirmation_email,
        uploaded_images=tuple(row.uploaded_images or ()),
        campaign_id=row.campaign_id,
        campaign_name=row.campaign_name,
        business_unit_id=row.business_unit_id,
        business_unit_name=row.business_unit_name,
        job_type_id=row.job_type_id,
        job_type_name=row.job_type_name,
        job_id=row.job_id,
        job_number=row.job_number,
        job_status=row.job_status,
        dismissing_reason_id=row.dismissing_reason_id,
        dismissing_reason_name=row.dismissing_reason_name,
        created_on=row.created_on,
        modified_on=row.modified_on,
        received_at=row.received_at,
        lag_ms=row.lag_ms,
        contacts=_contacts(connection, booking_id),
        contacts_synced_at=row.contacts_synced_at,
        session=_session(connection, booking_id),
        actions=action_history(connection, "booking", booking_id),
    )


def booking_status(connection: Connection, booking_id: int) -> str | None:
    """The booking's status alone (what the menus need to enable Accept); None when not in the cache."""
    return connection.execute(select(booking.c.status).where(booking.c.id == booking_id)).scalar_one_or_none()
