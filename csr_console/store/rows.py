"""API models -> cache rows (plain dicts keyed by column name), one function per record kind.

Attribute access rather than `model_dump`: these run for every record of a 100,000-booking sync.
An export model's `active` flag is taken when present; list models are active by definition.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from csr_console.api.models.common import Address
from csr_console.api.models.crm import (
    Booking,
    BookingContact,
    BookingProviderTag,
    Customer,
    CustomerContact,
    Lead,
    Location,
)
from csr_console.api.models.jbce import CallReason
from csr_console.api.models.jpm import Appointment, Job, JobType
from csr_console.api.models.marketing import Campaign
from csr_console.api.models.scheduling_pro import Scheduler, SchedulerSession
from csr_console.api.models.settings import BusinessUnit, TagType, Technician
from csr_console.domain.contacts import normalized_contact

Row = dict[str, Any]


def _text(value: object) -> str | None:
    """An enum member as its API spelling; an unknown value (kept raw by the models) as given."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


def _active(model: object) -> bool:
    return bool(getattr(model, "active", True))


def _address(address: Address | None) -> Row:
    if address is None:
        return {"street": None, "unit": None, "city": None, "state": None, "zip": None, "country": None}
    return {
        "street": address.street,
        "unit": address.unit,
        "city": address.city,
        "state": address.state,
        "zip": address.zip,
        "country": address.country,
    }


def booking_row(model: Booking, received_at: datetime) -> Row:
    lag = (received_at - model.created_on).total_seconds() * 1000
    return {
        "id": model.id,
        "booking_provider_id": model.booking_provider_id,
        "source": model.source,
        "name": model.name,
        "status": _text(model.status),
        "start": model.start,
        "summary": model.summary,
        "external_id": model.external_id,
        "customer_type": _text(model.customer_type),
        "campaign_id": model.campaign_id,
        "business_unit_id": model.business_unit_id,
        "job_type_id": model.job_type_id,
        "priority": _text(model.priority),
        "is_first_time_client": model.is_first_time_client,
        "is_send_confirmation_email": model.is_send_confirmation_email,
        "uploaded_images": model.uploaded_images,
        "dismissing_reason_id": model.dismissing_reason_id,
        "job_id": model.job_id,
        **_address(model.address),
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": _active(model),
        "received_at": received_at,
        "lag_ms": max(0, round(lag)),
    }


def booking_contact_row(model: BookingContact, booking_id: int) -> Row:
    return {
        "id": model.id,
        "booking_id": booking_id,
        "type": _text(model.type),
        "value": model.value,
        "normalized": normalized_contact(str(_text(model.type)), model.value),
        "memo": model.memo,
        "modified_on": model.modified_on,
    }


def customer_row(model: Customer) -> Row:
    return {
        "id": model.id,
        "name": model.name,
        "type": _text(model.type),
        **_address(model.address),
        "do_not_service": model.do_not_service,
        "merged_to_id": model.merged_to_id,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": model.active,
    }


def location_row(model: Location) -> Row:
    return {
        "id": model.id,
        "customer_id": model.customer_id,
        "name": model.name,
        **_address(model.address),
        "merged_to_id": model.merged_to_id,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": model.active,
    }


def contact_row(owner_kind: str, owner_id: int, model: CustomerContact) -> Row:
    """A customer's or a location's contact (`owner_kind` 'customer' or 'location'), from a list or
    an export (whose `active` flag is taken when present)."""
    return {
        "owner_kind": owner_kind,
        "id": model.id,
        "owner_id": owner_id,
        "type": _text(model.type),
        "value": model.value,
        "normalized": normalized_contact(str(_text(model.type)), model.value),
        "memo": model.memo,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": _active(model),
    }


def lead_row(model: Lead) -> Row:
    return {
        "id": model.id,
        "status": _text(model.status),
        "priority": _text(model.priority),
        "campaign_id": model.campaign_id,
        "customer_id": model.customer_id,
        "location_id": model.location_id,
        "business_unit_id": model.business_unit_id,
        "job_type_id": model.job_type_id,
        "call_reason_id": model.call_reason_id,
        "dismissing_reason_id": model.dismissing_reason_id,
        "booking_id": model.booking_id,
        "follow_up_date": model.follow_up_date,
        "summary": model.summary,
        "created_by_id": model.created_by_id,
        "lead_customer_name": model.lead_customer_name,
        "lead_phone": model.lead_phone,
        "lead_email": model.lead_email,
        "lead_street": model.lead_street,
        "lead_unit": model.lead_unit,
        "lead_city": model.lead_city,
        "lead_state": model.lead_state,
        "lead_zip": model.lead_zip,
        "lead_country": model.lead_country,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": _active(model),
    }


def job_row(model: Job) -> Row:
    return {
        "id": model.id,
        "job_number": model.job_number,
        "customer_id": model.customer_id,
        "location_id": model.location_id,
        "job_status": _text(model.job_status),
        "business_unit_id": model.business_unit_id,
        "job_type_id": model.job_type_id,
        "campaign_id": model.campaign_id,
        "priority": _text(model.priority),
        "booking_id": model.booking_id,
        "summary": model.summary,
        "total": model.total,
        "completed_on": model.completed_on,
        "first_appointment_id": model.first_appointment_id,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": _active(model),
    }


def appointment_row(model: Appointment) -> Row:
    return {
        "id": model.id,
        "job_id": model.job_id,
        "customer_id": model.customer_id,
        "appointment_number": model.appointment_number,
        "status": model.status,
        "start": model.start,
        "end": model.end,
        "arrival_window_start": model.arrival_window_start,
        "arrival_window_end": model.arrival_window_end,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": model.active if model.active is not None else True,
    }


def _stamps(model: Any) -> Row:
    return {"created_on": model.created_on, "modified_on": model.modified_on, "active": model.active}


def business_unit_row(model: BusinessUnit) -> Row:
    return {"id": model.id, "name": model.name, "official_name": model.official_name, **_stamps(model)}


def job_type_row(model: JobType) -> Row:
    return {
        "id": model.id,
        "name": model.name,
        "business_unit_ids": model.business_unit_ids,
        "priority": _text(model.priority),
        "duration": model.duration,
        **_stamps(model),
    }


def campaign_row(model: Campaign) -> Row:
    return {
        "id": model.id,
        "name": model.name,
        "category": model.category.name if model.category else None,
        "source": model.source,
        "medium": model.medium,
        **_stamps(model),
    }


def call_reason_row(model: CallReason) -> Row:
    return {"id": model.id, "name": model.name, "is_lead": model.is_lead, **_stamps(model)}


def booking_provider_tag_row(model: BookingProviderTag) -> Row:
    return {
        "id": model.id,
        "tag_name": model.tag_name,
        "description": model.description,
        "type": model.type,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": model.active if model.active is not None else True,
    }


def technician_row(model: Technician) -> Row:
    return {"id": model.id, "name": model.name, "business_unit_id": model.business_unit_id, **_stamps(model)}


def tag_type_row(model: TagType) -> Row:
    return {
        "id": model.id,
        "name": model.name,
        "code": model.code,
        "color": model.color,
        "importance": _text(model.importance),
        **_stamps(model),
    }


def scheduler_row(model: Scheduler) -> Row:
    return {
        "id": model.id,
        "name": model.name,
        "company_name": model.company_name,
        "status": model.scheduler_status,
        "is_default": model.is_default,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": True,
    }


def scheduler_session_row(model: SchedulerSession, scheduler_id: str) -> Row:
    return {
        "id": model.id,
        "scheduler_id": model.scheduler_id or scheduler_id,
        "booking_id": model.booking_id,
        "lead_id": model.lead_id,
        "job_id": model.job_id,
        "last_step": model.last_step,
        "session_outcome": model.session_outcome,
        "campaign_name": model.campaign_name,
        "category": model.category,
        "job_type_id": model.job_type_id,
        "business_unit_id": model.business_unit_id,
        "timeslot_start": model.timeslot_start,
        "timeslot_end": model.timeslot_end,
        "customer": model.customer.model_dump(mode="json", exclude_none=True),
        "customer_responses": model.customer_responses,
        "source_tracking": (
            model.source_tracking.model_dump(mode="json", exclude_none=True)
            if model.source_tracking
            else None
        ),
        "notes": model.notes,
        "last_checkin_date": model.last_checkin_date,
        "created_on": model.created_on,
        "modified_on": model.modified_on,
        "active": True,
    }
