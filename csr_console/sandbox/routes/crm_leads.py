"""CRM leads: captured on their own or from a booking (which dismisses the booking), followed up, noted,
dismissed, or converted by booking a job; their filters and export feed. ``lead`` records have
parent_id = the customer (if any) and status = the lead's status."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, not_, or_, select
from sqlalchemy.sql.elements import ColumnElement

from csr_console.domain.enums import BookingStatus, ContactType, LeadStatus, Priority
from csr_console.sandbox.http import ApiError, Body, Ctx, Registry, bad_request, not_found, ok, ok_empty
from csr_console.sandbox.lists import export_records, list_records, phone_ids
from csr_console.sandbox.routes.crm_bookings import dismiss_booking
from csr_console.sandbox.routes.crm_notes import add_note, list_notes, read_note
from csr_console.sandbox.routes.jpm import API_USER_ID
from csr_console.sandbox.search_keys import phone_key, text_key, zip_key
from csr_console.sandbox.store import Store, record, record_term

registry = Registry()

CRM = "/crm/v2/tenant/{tenant}"

PRIORITIES = tuple(p.value for p in Priority)
LEAD_STATUSES = tuple(s.value for s in LeadStatus)
# The lead's own copy of who and where, filled from its booking when the request leaves them out.
LEAD_DETAILS = ("leadCustomerName", "leadPhone", "leadEmail")
LEAD_ADDRESS = {
    "leadStreet": "street",
    "leadUnit": "unit",
    "leadCity": "city",
    "leadState": "state",
    "leadZip": "zip",
    "leadCountry": "country",
}
# The capture source of leads submitted through the lead form.
FORM_CAPTURE_SOURCE = "Form"
# The customer of a lead, for the filters on its customer's address and dates.
_CUSTOMER = record.alias("lead_customer")
_REFERENCES = (
    ("campaignId", "campaign"),
    ("customerId", "customer"),
    ("businessUnitId", "business_unit"),
    ("jobTypeId", "job_type"),
    ("callReasonId", "call_reason"),
)


# -- lifecycle --------------------------------------------------------------------------------------------
def check_lead_references(store: Store, request: dict[str, Any]) -> None:
    """400 naming each field of a LeadCreateRequest whose id does not exist or does not fit: the location
    must be the customer's, the booking New or Accepted."""
    body = Body({})
    for name, kind in _REFERENCES:
        value = request.get(name)
        if value is not None and store.get(kind, value) is None:
            body.fail(name, f"{name} {value} does not exist.")
    location_id = request.get("locationId")
    if location_id is not None:
        location = store.get("location", location_id)
        if location is None:
            body.fail("locationId", f"locationId {location_id} does not exist.")
        elif request.get("customerId") not in (None, location["customerId"]):
            body.fail(
                "locationId", f"Location {location_id} does not belong to customer {request['customerId']}."
            )
    booking_id = request.get("bookingId")
    if booking_id is not None:
        booking = store.get("booking", booking_id)
        if booking is None:
            body.fail("bookingId", f"bookingId {booking_id} does not exist.")
        elif booking["status"] not in (BookingStatus.NEW.value, BookingStatus.ACCEPTED.value):
            body.fail(
                "bookingId",
                f"Booking {booking_id} is {booking['status']}: only a new or accepted one can become a lead.",
            )
    body.done()


def create_lead(
    store: Store,
    request: dict[str, Any],
    stamp: str,
    created_by_id: int,
    *,
    created_on: str | None = None,
    capture_source: str | None = None,
) -> dict[str, Any]:
    """An Open lead from a LeadCreateRequest-shaped dict (checked, ids with ``check_lead_references``):
    campaignId, summary, a callReasonId or a followUpDate, and optionally customerId, locationId,
    businessUnitId, jobTypeId, priority (default Normal), tagTypeIds, bookingId and the lead's own
    leadCustomerName, leadPhone, leadEmail, leadStreet, leadUnit, leadCity, leadState, leadZip, leadCountry.

    With a bookingId the booking is dismissed with the lead's callReasonId and linked to the lead, and the
    lead's name, phone, email and address default to the booking's (whose parts may be null). A location
    without a customerId names its customer. ``created_on`` back-dates the lead for the seed's history;
    ``capture_source`` is how it was captured (e.g. "Form"), null for the API.
    """
    lead_id = store.next_id()
    when = created_on or stamp
    customer_id = request.get("customerId")
    if customer_id is None and request.get("locationId") is not None:
        customer_id = (store.get("location", request["locationId"]) or {}).get("customerId")
    details = {name: request.get(name) for name in (*LEAD_DETAILS, *LEAD_ADDRESS)}
    booking_id = request.get("bookingId")
    if booking_id is not None:
        for name, value in _booking_details(store, booking_id).items():
            if details.get(name) is None:
                details[name] = value
        dismiss_booking(store, booking_id, request.get("callReasonId"), f"Captured as lead {lead_id}.", stamp)
    doc: dict[str, Any] = {
        "id": lead_id,
        "status": LeadStatus.OPEN.value,
        "priority": request.get("priority") or Priority.NORMAL.value,
        "customerId": customer_id,
        "locationId": request.get("locationId"),
        "businessUnitId": request.get("businessUnitId"),
        "jobTypeId": request.get("jobTypeId"),
        "campaignId": request["campaignId"],
        "followUpDate": request.get("followUpDate"),
        "createdById": created_by_id,
        "createdOn": when,
        "modifiedOn": when,
        "tagTypeIds": list(request.get("tagTypeIds") or []),
        "dismissingReasonId": None,
        "summary": request["summary"],
        "callReasonId": request.get("callReasonId"),
        "callId": None,
        "bookingId": booking_id,
        "manualCallId": None,
        "leadUrl": None,
        **details,
        "captureSource": capture_source,
    }
    _save(store, doc, insert=True)
    return doc


def follow_up_lead(
    store: Store, lead_id: int, follow_up_date: str, text: str | None, pin_to_top: bool, stamp: str
) -> dict[str, Any]:
    """Log a follow-up of an Open lead (a ``lead_follow_up`` record) and make ``follow_up_date`` its next
    follow-up; answers FollowUpResponse. A lead that is not Open answers 400 naming its status."""
    lead = lead_or_404(store, lead_id)
    _require_open(lead, "followed up")
    answer = {"leadId": lead_id, "followUpDate": follow_up_date, "text": text, "pinToTop": pin_to_top}
    store.insert(
        "lead_follow_up",
        {"id": store.next_id(), **answer, "createdOn": stamp, "modifiedOn": stamp},
        parent_id=lead_id,
    )
    lead.update(followUpDate=follow_up_date, modifiedOn=stamp)
    _save(store, lead)
    return answer


def dismiss_lead(store: Store, lead_id: int, dismissing_reason_id: int, stamp: str) -> dict[str, Any]:
    """Dismiss an Open lead with a call reason; a lead that is not Open, or an unknown reason, answers 400."""
    lead = lead_or_404(store, lead_id)
    if store.get("call_reason", dismissing_reason_id) is None:
        raise bad_request("dismissingReasonId", f"Call reason {dismissing_reason_id} does not exist.")
    _require_open(lead, "dismissed")
    lead.update(status=LeadStatus.DISMISSED.value, dismissingReasonId=dismissing_reason_id, modifiedOn=stamp)
    return _save(store, lead)


def convert_lead(store: Store, lead_id: int, job_id: int, stamp: str) -> dict[str, Any]:
    """Sandbox rule: a job booked with ``leadId`` converts the lead. An unknown lead answers 400 naming
    leadId; a lead that is not Open answers 409 naming its status. ``job_id`` is the job being booked."""
    lead = store.get("lead", lead_id)
    if lead is None:
        raise bad_request("leadId", f"Lead {lead_id} does not exist.")
    if lead["status"] != LeadStatus.OPEN.value:
        reason = f"Lead {lead_id} is {lead['status']}: only an open lead can be booked as job {job_id}."
        raise ApiError(409, reason, {"leadId": [reason]})
    lead.update(status=LeadStatus.CONVERTED.value, modifiedOn=stamp)
    return _save(store, lead)


def add_lead_note(
    store: Store,
    lead_id: int,
    text: str,
    stamp: str,
    *,
    pinned: bool = False,
    created_by_id: int = API_USER_ID,
) -> dict[str, Any]:
    """A note on a lead; answers NoteResponse."""
    return add_note(store, "lead_note", lead_id, text, stamp, pinned=pinned, created_by_id=created_by_id)


def lead_or_404(store: Store, lead_id: int) -> dict[str, Any]:
    doc = store.get("lead", lead_id)
    if doc is None:
        raise not_found("Lead", lead_id)
    return doc


def _require_open(lead: dict[str, Any], action: str) -> None:
    if lead["status"] != LeadStatus.OPEN.value:
        reason = f"Lead {lead['id']} is {lead['status']}: only an open lead can be {action}."
        raise ApiError(400, reason, {"status": [reason]})


def _booking_details(store: Store, booking_id: int) -> dict[str, Any]:
    """A booking's name, first phone, first email and address parts, as a lead's fields (nulls kept)."""
    booking = store.get("booking", booking_id) or {}
    contacts = store.children("booking_contact", booking_id)
    phones = [c["value"] for c in contacts if c["type"] in (ContactType.PHONE, ContactType.MOBILE_PHONE)]
    emails = [c["value"] for c in contacts if c["type"] == ContactType.EMAIL]
    address = booking.get("address") or {}
    return {
        "leadCustomerName": booking.get("name"),
        "leadPhone": phones[0] if phones else None,
        "leadEmail": emails[0] if emails else None,
        **{field: address.get(part) for field, part in LEAD_ADDRESS.items()},
    }


def _save(store: Store, doc: dict[str, Any], *, insert: bool = False) -> dict[str, Any]:
    terms = [
        ("name", text_key(doc["leadCustomerName"])),
        ("phone", phone_key(doc["leadPhone"])),
        ("captureSource", text_key(doc["captureSource"])),
    ]
    columns = {"parent_id": doc["customerId"], "status": doc["status"], "name": doc["leadCustomerName"]}
    if insert:
        return store.insert("lead", doc, terms=terms, **columns)
    return store.save("lead", doc, touch=False, terms=terms, **columns)


# -- request reading --------------------------------------------------------------------------------------
def read_create_lead(body: Body) -> dict[str, Any]:
    """LeadCreateRequest, field by field; 400 with every problem found."""
    request: dict[str, Any] = {
        "campaignId": body.int("campaignId", required=True),
        "summary": body.str("summary", required=True, allow_empty=False, max_len=10000),
        "callReasonId": body.int("callReasonId"),
        "followUpDate": body.time("followUpDate"),
        "customerId": body.int("customerId"),
        "locationId": body.int("locationId"),
        "businessUnitId": body.int("businessUnitId"),
        "jobTypeId": body.int("jobTypeId"),
        "priority": body.enum("priority", PRIORITIES),
        "tagTypeIds": body.int_list("tagTypeIds"),
        "bookingId": body.int("bookingId"),
        **{name: body.str(name, max_len=255) for name in (*LEAD_DETAILS, *LEAD_ADDRESS)},
    }
    if body.data.get("callReasonId") is None and body.data.get("followUpDate") is None:
        body.fail("callReasonId", "A lead needs a callReasonId or a followUpDate.")
        body.fail("followUpDate", "A lead needs a callReasonId or a followUpDate.")
    body.done()
    return request


def _read_update(body: Body) -> dict[str, Any]:
    """LeadUpdateRequest: each field sent must have a value."""
    changes: dict[str, Any] = {}
    for name in ("campaignId", "businessUnitId", "jobTypeId"):
        if body.has(name):
            changes[name] = body.int(name, required=True)
    if body.has("priority"):
        changes["priority"] = body.enum("priority", PRIORITIES, required=True)
    if body.has("summary"):
        changes["summary"] = body.str("summary", required=True, allow_empty=False, max_len=10000)
    for name in (*LEAD_DETAILS, *LEAD_ADDRESS):
        if body.has(name):
            changes[name] = body.str(name, required=True, max_len=255)
    body.done()
    return changes


# -- leads ----------------------------------------------------------------------------------------------
def _lead_filters(ctx: Ctx) -> list[ColumnElement[bool]]:
    store = ctx.store
    where: list[ColumnElement[bool]] = []
    customer_id = ctx.q_int("customerId")
    if customer_id is not None:
        where.append(record.c.parent_id == customer_id)
    status = ctx.q_enum("status", LEAD_STATUSES)
    if status:
        where.append(record.c.status == status)
    without_customer = ctx.q_bool("withoutCustomer")
    if without_customer is not None:
        where.append(record.c.parent_id.is_(None) if without_customer else record.c.parent_id.is_not(None))
    is_prospect = ctx.q_bool("isProspect")
    if is_prospect is not None:
        # A prospect's customer has no job yet (or there is no customer).
        with_jobs = select(record_term.c.value).where(
            record_term.c.kind == "job", record_term.c.field == "customerId"
        )
        has_job = cast(record.c.parent_id, String).in_(with_jobs)
        where.append(or_(record.c.parent_id.is_(None), not_(has_job)) if is_prospect else has_job)
    customer_where: list[ColumnElement[bool]] = []
    for name, part in (("customerCity", "city"), ("customerState", "state"), ("customerZip", "zip")):
        raw = ctx.q_str(name)
        if raw is not None:
            value = zip_key(raw) if part == "zip" else text_key(raw)
            customer_where.append(_CUSTOMER.c.id.in_(store.term_ids("customer", part, value)))
    for name, column, lower in (
        ("customerCreatedOnOrAfter", _CUSTOMER.c.created_on, True),
        ("customerCreatedBefore", _CUSTOMER.c.created_on, False),
        ("customerModifiedOnOrAfter", _CUSTOMER.c.modified_on, True),
    ):
        bound = ctx.q_time(name)
        if bound is not None:
            customer_where.append(column >= bound if lower else column < bound)
    if customer_where:
        customers = select(_CUSTOMER.c.id).where(_CUSTOMER.c.kind == "customer", *customer_where)
        where.append(record.c.parent_id.in_(customers))
    name = ctx.q_str("leadCustomerName")
    if name:
        where.append(store.term_contains("lead", "name", text_key(name)))
    phone = ctx.q_str("leadPhone")
    if phone:
        where.append(record.c.id.in_(phone_ids("lead", phone)))
    from_form = ctx.q_bool("isCaptureSourceForm")
    if from_form is not None:
        form = store.term_equals("lead", "captureSource", text_key(FORM_CAPTURE_SOURCE))
        where.append(form if from_form else not_(form))
    return where


def _lead_url(ctx: Ctx, doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "leadUrl": f"{ctx.sandbox.base_url}/leads/{doc['id']}"}


@registry.route("GET", CRM + "/leads")
def list_leads(ctx: Ctx) -> Any:
    where = _lead_filters(ctx)
    shape = (lambda doc: _lead_url(ctx, doc)) if ctx.q_bool("genPermUrl") else None
    return ok(list_records(ctx, "lead", where, shape=shape))


@registry.route("GET", CRM + "/leads/{id}")
def get_lead(ctx: Ctx) -> Any:
    return ok(lead_or_404(ctx.store, ctx.path_int("id")))


@registry.route("POST", CRM + "/leads")
def post_lead(ctx: Ctx) -> Any:
    request = read_create_lead(ctx.json_body())
    check_lead_references(ctx.store, request)
    return ok(create_lead(ctx.store, request, ctx.stamp, API_USER_ID))


@registry.route("PATCH", CRM + "/leads/{id}")
def patch_lead(ctx: Ctx) -> Any:
    store = ctx.store
    lead = lead_or_404(store, ctx.path_int("id"))
    body = ctx.json_body()
    changes = _read_update(body)
    for name, kind in _REFERENCES:
        if changes.get(name) is not None and store.get(kind, changes[name]) is None:
            body.fail(name, f"{name} {changes[name]} does not exist.")
    body.done()
    lead.update(changes, modifiedOn=ctx.stamp)
    return ok(_save(store, lead))


@registry.route("POST", CRM + "/leads/{id}/follow-up")
def post_follow_up(ctx: Ctx) -> Any:
    lead = lead_or_404(ctx.store, ctx.path_int("id"))
    body = ctx.json_body()
    follow_up_date = body.time("followUpDate", required=True)
    text = body.str("text", max_len=10000)
    pin_to_top = bool(body.bool("pinToTop"))
    body.done()
    return ok(follow_up_lead(ctx.store, lead["id"], follow_up_date, text, pin_to_top, ctx.stamp))


@registry.route("GET", CRM + "/leads/{id}/notes")
def list_lead_notes(ctx: Ctx) -> Any:
    lead = lead_or_404(ctx.store, ctx.path_int("id"))
    return ok(list_notes(ctx, "lead_note", lead["id"]))


@registry.route("POST", CRM + "/leads/{id}/notes")
def post_lead_note(ctx: Ctx) -> Any:
    lead = lead_or_404(ctx.store, ctx.path_int("id"))
    body = ctx.json_body()
    text, pinned = read_note(body)
    body.done()
    return ok(add_lead_note(ctx.store, lead["id"], text, ctx.stamp, pinned=pinned))


@registry.route("POST", CRM + "/leads/{id}/dismiss")
def post_dismiss_lead(ctx: Ctx) -> Any:
    lead = lead_or_404(ctx.store, ctx.path_int("id"))
    body = ctx.json_body()
    reason_id = body.int("dismissingReasonId", required=True)
    body.done()
    dismiss_lead(ctx.store, lead["id"], reason_id, ctx.stamp)
    return ok_empty()


@registry.route("GET", CRM + "/export/leads")
def export_leads(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "lead"))
