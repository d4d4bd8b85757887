"""CRM bookings: the tenant's read-only paths, the booking providers' write paths, booking contacts,
the export feed and booking-provider tags; plus the lifecycle rules other modules call (a job converts
a booking, a lead captured from a booking dismisses it)."""

from __future__ import annotations

from typing import Any

from csr_console.domain.enums import BookingStatus, ContactType, CustomerType, Priority
from csr_console.sandbox.http import ApiError, Body, Ctx, Registry, bad_request, not_found, ok, ok_empty
from csr_console.sandbox.lists import export_records, list_records
from csr_console.sandbox.search_keys import text_key
from csr_console.sandbox.store import Store, record

registry = Registry()

CRM = "/crm/v2/tenant/{tenant}"
PROVIDER = CRM + "/booking-provider/{booking_provider}"

# .NET's DateTime.MinValue: what a non-nullable `start` holds when the customer gave no preferred time.
NO_PREFERRED_TIME = "0001-01-01T00:00:00Z"

PRIORITIES = tuple(p.value for p in Priority)
CONTACT_TYPES = tuple(c.value for c in ContactType)
CUSTOMER_TYPES = tuple(c.value for c in CustomerType)
ADDRESS_PARTS = ("street", "unit", "city", "state", "zip", "country")
# Kept in the stored document but not part of the API's booking.
PRIVATE_FIELDS = ("dismissingMemo",)


def public(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in PRIVATE_FIELDS}


# -- lifecycle rules (also used by jobs, leads, the seed and the simulator) ------------------------------
def create_booking(
    store: Store,
    provider_id: int,
    fields: dict[str, Any],
    contacts: list[dict[str, Any]],
    stamp: str,
    *,
    created_on: str | None = None,
) -> dict[str, Any]:
    """A new booking in status New with its contacts; ``fields`` are CreateBookingRequest's, checked."""
    booking_id = store.next_id()
    doc: dict[str, Any] = {
        "id": booking_id,
        "source": fields["source"],
        "createdOn": created_on or stamp,
        "name": fields["name"],
        "address": fields.get("address"),
        "customerType": fields.get("customerType"),
        "start": fields.get("start") or NO_PREFERRED_TIME,
        "campaignId": fields.get("campaignId"),
        "businessUnitId": fields.get("businessUnitId"),
        "isFirstTimeClient": fields.get("isFirstTimeClient"),
        "uploadedImages": fields.get("uploadedImages") or [],
        "isSendConfirmationEmail": fields.get("isSendConfirmationEmail"),
        "status": BookingStatus.NEW.value,
        "dismissingReasonId": None,
        "jobId": None,
        "externalId": fields["externalId"],
        "priority": fields.get("priority"),
        "jobTypeId": fields.get("jobTypeId"),
        "bookingProviderId": provider_id,
        "modifiedOn": created_on or stamp,
        "summary": fields.get("summary"),
    }
    store.insert(
        "booking", doc, provider_id=provider_id, status=doc["status"], name=doc["name"], terms=_terms(doc)
    )
    for contact in contacts:
        add_booking_contact(store, booking_id, contact, created_on or stamp)
    return doc


def add_booking_contact(store: Store, booking_id: int, contact: dict[str, Any], stamp: str) -> dict[str, Any]:
    doc = {
        "id": store.next_id(),
        "type": contact["type"],
        "value": contact["value"],
        "memo": contact.get("memo") or "",
        "modifiedOn": stamp,
    }
    store.insert("booking_contact", doc, parent_id=booking_id)
    return doc


def booking_or_404(store: Store, booking_id: int, provider_id: int | None = None) -> dict[str, Any]:
    """A booking by id; through a provider's path, another provider's booking does not exist."""
    doc = store.get("booking", booking_id)
    if doc is None or (provider_id is not None and doc["bookingProviderId"] != provider_id):
        raise not_found("Booking", booking_id)
    return doc


def _closed_reason(doc: dict[str, Any]) -> str | None:
    if doc["status"] == BookingStatus.CONVERTED.value:
        job = f" to job {doc['jobId']}" if doc.get("jobId") else ""
        return f"Booking {doc['id']} was already converted{job}."
    if doc["status"] == BookingStatus.DISMISSED.value:
        return f"Booking {doc['id']} was already dismissed."
    return None


def convert_booking(store: Store, booking_id: int, job_id: int, stamp: str) -> dict[str, Any]:
    """Sandbox rule: a job booked with ``bookingId`` converts the booking; a second job answers 409."""
    doc = store.get("booking", booking_id)
    if doc is None:
        raise bad_request("bookingId", f"Booking {booking_id} does not exist.")
    reason = _closed_reason(doc)
    if reason:
        raise ApiError(409, reason, {"bookingId": [reason]})
    doc.update(status=BookingStatus.CONVERTED.value, jobId=job_id, modifiedOn=stamp)
    return store.save("booking", doc, touch=False, status=doc["status"])


def dismiss_booking(
    store: Store, booking_id: int, call_reason_id: int | None, memo: str | None, stamp: str
) -> dict[str, Any]:
    """Dismiss a New or Accepted booking with a call reason; a closed booking answers 400 naming why."""
    doc = store.get("booking", booking_id)
    if doc is None:
        raise not_found("Booking", booking_id)
    reason = _closed_reason(doc)
    if reason:
        raise ApiError(400, reason, {"status": [reason]})
    if call_reason_id is not None and store.get("call_reason", call_reason_id) is None:
        raise bad_request("callReasonId", f"Call reason {call_reason_id} does not exist.")
    doc.update(
        status=BookingStatus.DISMISSED.value,
        dismissingReasonId=call_reason_id,
        dismissingMemo=memo,
        modifiedOn=stamp,
    )
    return store.save("booking", doc, touch=False, status=doc["status"])


def _terms(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [("externalId", doc["externalId"])]


# -- request reading --------------------------------------------------------------------------------
def _read_address(body: Body, name: str, *, every_part: bool) -> dict[str, Any] | None:
    address = body.obj(name)
    if address is None:
        return None
    parts: dict[str, Any] = {}
    for part in ADDRESS_PARTS:
        parts[part] = address.str(
            part, required=every_part or part in ("street", "city", "state", "zip", "country")
        )
    return parts


def _read_contact(contact: Body, *, partial: bool = False) -> dict[str, Any]:
    return {
        "type": contact.enum("type", CONTACT_TYPES, required=not partial),
        "value": contact.str("value", required=not partial, allow_empty=False),
        "memo": contact.str("memo"),
    }


def _read_create(body: Body) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    fields = {
        "source": body.str("source", required=True, allow_empty=False),
        "name": body.str("name", required=True, allow_empty=False),
        "address": _read_address(body, "address", every_part=False),
        "customerType": body.enum("customerType", CUSTOMER_TYPES),
        "start": body.time("start"),
        "summary": body.str("summary", required=True, max_len=10000),
        "campaignId": body.int("campaignId"),
        "businessUnitId": body.int("businessUnitId"),
        "jobTypeId": body.int("jobTypeId"),
        "priority": body.enum("priority", PRIORITIES),
        "isFirstTimeClient": body.bool("isFirstTimeClient", required=True),
        "uploadedImages": body.str_list("uploadedImages"),
        "isSendConfirmationEmail": body.bool("isSendConfirmationEmail"),
        "externalId": body.str("externalId", required=True),
    }
    contacts = [_read_contact(c) for c in body.objs("contacts") or []]
    if fields["name"] and not fields["address"] and not contacts:
        body.fail("contacts", "A booking needs an address or at least one phone or email contact.")
    body.done()
    return fields, contacts


def _check_references(store: Store, fields: dict[str, Any], body: Body) -> None:
    for name, kind in (
        ("campaignId", "campaign"),
        ("businessUnitId", "business_unit"),
        ("jobTypeId", "job_type"),
    ):
        value = fields.get(name)
        if value is not None and store.get(kind, value) is None:
            body.fail(name, f"{name} {value} does not exist.")
    body.done()


# -- tenant paths (read-only) -------------------------------------------------------------------------
def _booking_filters(ctx: Ctx) -> list[Any]:
    external_id = ctx.q_str("externalId")
    return [ctx.store.term_equals("booking", "externalId", external_id)] if external_id else []


@registry.route("GET", CRM + "/bookings")
def list_bookings(ctx: Ctx) -> Any:
    return ok(list_records(ctx, "booking", _booking_filters(ctx), shape=public))


@registry.route("GET", CRM + "/bookings/{id}")
def get_booking(ctx: Ctx) -> Any:
    return ok(public(booking_or_404(ctx.store, ctx.path_int("id"))))


@registry.route("GET", CRM + "/bookings/{id}/contacts")
def list_booking_contacts(ctx: Ctx) -> Any:
    booking = booking_or_404(ctx.store, ctx.path_int("id"))
    return ok(list_records(ctx, "booking_contact", [record.c.parent_id == booking["id"]], standard=False))


@registry.route("GET", CRM + "/export/bookings")
def export_bookings(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "booking", shape=public))


# -- booking-provider paths -------------------------------------------------------------------------
def _provider(ctx: Ctx) -> int:
    provider_id = ctx.path_int("booking_provider")
    if ctx.store.get("booking_provider_tag", provider_id) is None:
        raise not_found("Booking provider", provider_id)
    return provider_id


@registry.route("GET", PROVIDER + "/bookings", provider_scope=True)
def provider_list_bookings(ctx: Ctx) -> Any:
    provider_id = _provider(ctx)
    where = [record.c.provider_id == provider_id, *_booking_filters(ctx)]
    return ok(list_records(ctx, "booking", where, shape=public))


@registry.route("POST", PROVIDER + "/bookings", provider_scope=True)
def provider_create_booking(ctx: Ctx) -> Any:
    provider_id = _provider(ctx)
    body = ctx.json_body()
    fields, contacts = _read_create(body)
    _check_references(ctx.store, fields, body)
    return ok(public(create_booking(ctx.store, provider_id, fields, contacts, ctx.stamp)))


@registry.route("GET", PROVIDER + "/bookings/{id}", provider_scope=True)
def provider_get_booking(ctx: Ctx) -> Any:
    return ok(public(booking_or_404(ctx.store, ctx.path_int("id"), _provider(ctx))))


@registry.route("PATCH", PROVIDER + "/bookings/{id}", provider_scope=True)
def provider_update_booking(ctx: Ctx) -> Any:
    doc = booking_or_404(ctx.store, ctx.path_int("id"), _provider(ctx))
    body = ctx.json_body()
    changes: dict[str, Any] = {}
    for name in ("source", "name", "summary", "externalId"):
        if body.has(name):
            changes[name] = body.str(name, required=True, allow_empty=name == "summary")
    for name in ("campaignId", "businessUnitId", "jobTypeId"):
        if body.has(name):
            changes[name] = body.int(name, required=True)
    if body.has("address"):
        changes["address"] = _read_address(body, "address", every_part=True)
    if body.has("customerType"):
        changes["customerType"] = body.enum("customerType", CUSTOMER_TYPES, required=True)
    if body.has("priority"):
        changes["priority"] = body.enum("priority", PRIORITIES, required=True)
    if body.has("start"):
        changes["start"] = body.time("start", required=True)
    if body.has("isFirstTimeClient"):
        changes["isFirstTimeClient"] = body.bool("isFirstTimeClient", required=True)
    if body.has("uploadedImages"):
        changes["uploadedImages"] = body.str_list("uploadedImages", required=True)
    if body.has("status"):
        body.fail(
            "status", "A booking's status cannot be changed here: book a job, capture a lead or dismiss it."
        )
    body.done()
    _check_references(ctx.store, changes, body)
    reason = _closed_reason(doc)
    if reason:
        raise ApiError(409, reason, {"status": [reason]})
    doc.update(changes)
    saved = ctx.store.save("booking", doc, name=doc["name"], terms=_terms(doc))
    return ok(public(saved))


@registry.route("POST", PROVIDER + "/bookings/{id}/dismiss", provider_scope=True)
def provider_dismiss_booking(ctx: Ctx) -> Any:
    booking = booking_or_404(ctx.store, ctx.path_int("id"), _provider(ctx))
    body = ctx.json_body() if ctx.body is not None else Body({})
    reason_id = body.int("callReasonId")
    memo = body.str("dismissingMemo", max_len=4000)
    body.done()
    dismiss_booking(ctx.store, booking["id"], reason_id, memo, ctx.stamp)
    return ok_empty()


@registry.route("GET", PROVIDER + "/bookings/{id}/contacts", provider_scope=True)
def provider_list_booking_contacts(ctx: Ctx) -> Any:
    booking = booking_or_404(ctx.store, ctx.path_int("id"), _provider(ctx))
    return ok(list_records(ctx, "booking_contact", [record.c.parent_id == booking["id"]], standard=False))


@registry.route("POST", PROVIDER + "/bookings/{id}/contacts", provider_scope=True)
def provider_create_booking_contact(ctx: Ctx) -> Any:
    booking = booking_or_404(ctx.store, ctx.path_int("id"), _provider(ctx))
    body = ctx.json_body()
    contact = _read_contact(body)
    body.done()
    return ok(add_booking_contact(ctx.store, booking["id"], contact, ctx.stamp))


def _booking_contact_or_404(ctx: Ctx) -> dict[str, Any]:
    booking = booking_or_404(ctx.store, ctx.path_int("id"), _provider(ctx))
    contact_id = ctx.path_int("contactId")
    row = ctx.store.get_row("booking_contact", contact_id)
    if row is None or row.parent_id != booking["id"]:
        raise not_found("Booking contact", contact_id)
    return ctx.store.get("booking_contact", contact_id) or {}


@registry.route("PATCH", PROVIDER + "/bookings/{id}/contacts/{contactId}", provider_scope=True)
def provider_update_booking_contact(ctx: Ctx) -> Any:
    doc = _booking_contact_or_404(ctx)
    body = ctx.json_body()
    changes = {k: v for k, v in _read_contact(body, partial=True).items() if body.has(k)}
    body.done()
    doc.update(changes)
    if doc.get("memo") is None:
        doc["memo"] = ""
    saved = ctx.store.save("booking_contact", doc)
    # The answer's schema is the update request's: type, value, memo.
    return ok({"type": saved["type"], "value": saved["value"], "memo": saved["memo"]})


@registry.route("DELETE", PROVIDER + "/bookings/{id}/contacts/{contactId}", provider_scope=True)
def provider_delete_booking_contact(ctx: Ctx) -> Any:
    doc = _booking_contact_or_404(ctx)
    ctx.store.remove("booking_contact", doc["id"])
    return ok_empty()


# -- booking-provider tags --------------------------------------------------------------------------
def create_provider_tag(store: Store, name: str, description: str, stamp: str) -> dict[str, Any]:
    doc = {
        "id": store.next_id(),
        "tagName": name,
        "description": description,
        "type": "V2Api",
        "createdOn": stamp,
        "modifiedOn": stamp,
        "active": True,
    }
    store.insert("booking_provider_tag", doc, name=name, terms=[("tagName", text_key(name))])
    return doc


def _tag_answer(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "active"}


@registry.route("GET", CRM + "/booking-provider-tags")
def list_provider_tags(ctx: Ctx) -> Any:
    name = ctx.q_str("name")
    where = [ctx.store.term_contains("booking_provider_tag", "tagName", text_key(name))] if name else []
    return ok(list_records(ctx, "booking_provider_tag", where))


@registry.route("GET", CRM + "/booking-provider-tags/{id}")
def get_provider_tag(ctx: Ctx) -> Any:
    tag_id = ctx.path_int("id")
    doc = ctx.store.get("booking_provider_tag", tag_id)
    if doc is None:
        raise not_found("Booking provider tag", tag_id)
    return ok(_tag_answer(doc))


@registry.route("POST", CRM + "/booking-provider-tags")
def post_provider_tag(ctx: Ctx) -> Any:
    body = ctx.json_body()
    name = body.str("tagName", required=True, allow_empty=False, max_len=200)
    description = body.str("description", required=True)
    body.done()
    if ctx.store.count(
        "booking_provider_tag", ctx.store.term_equals("booking_provider_tag", "tagName", text_key(name))
    ):
        raise ApiError(
            409, f"A booking provider tag named '{name}' already exists.", {"tagName": ["Already exists."]}
        )
    return ok(_tag_answer(create_provider_tag(ctx.store, name, description, ctx.stamp)))


@registry.route("PATCH", CRM + "/booking-provider-tags/{id}")
def patch_provider_tag(ctx: Ctx) -> Any:
    tag_id = ctx.path_int("id")
    doc = ctx.store.get("booking_provider_tag", tag_id)
    if doc is None:
        raise not_found("Booking provider tag", tag_id)
    body = ctx.json_body()
    if body.has("tagName"):
        doc["tagName"] = body.str("tagName", required=True, allow_empty=False, max_len=200)
    if body.has("description"):
        doc["description"] = body.str("description", required=True)
    body.done()
    saved = ctx.store.save(
        "booking_provider_tag", doc, name=doc["tagName"], terms=[("tagName", text_key(doc["tagName"]))]
    )
    return ok(_tag_answer(saved))
