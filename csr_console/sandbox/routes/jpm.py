"""JPM: jobs (booking one converts its booking or lead), their appointments, the jobs export feed and job
types; plus the lifecycle the seed and simulator use to book jobs and create job types."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case

from csr_console.domain.enums import JobStatus, Priority
from csr_console.sandbox.http import ApiError, Body, Ctx, Registry, bad_request, not_found, ok
from csr_console.sandbox.lists import (
    STANDARD_SORT,
    active_filter,
    export_records,
    external_data_filter,
    list_records,
    read_external_data,
    with_external_data,
)
from csr_console.sandbox.routes.crm_bookings import convert_booking
from csr_console.sandbox.search_keys import text_key
from csr_console.sandbox.store import Store, format_time, parse_time, record

registry = Registry()

JPM = "/jpm/v2/tenant/{tenant}"

PRIORITIES = tuple(p.value for p in Priority)
JOB_STATUSES = tuple(s.value for s in JobStatus)
APPOINTMENT_STATUSES = ("Scheduled", "Dispatched", "Working", "Hold", "Done", "Canceled")
# The user the API integration acts as: what `createdById` names on what the API creates.
API_USER_ID = 1_000_001

# Kept on an appointment for dispatch capacity, but not part of the appointment's API shape (technician
# assignments are a dispatch resource).
APPOINTMENT_PRIVATE = ("technicianIds", "businessUnitId")

# `sort=Priority` ranks by urgency, not alphabetically.
_PRIORITY_RANK = case(
    *((record.c.doc.like(f'%"priority":"{p}"%'), rank) for rank, p in enumerate(PRIORITIES)),
    else_=len(PRIORITIES),
)
JOB_SORT = {**STANDARD_SORT, "priority": _PRIORITY_RANK}


def _stamp(value: str | None) -> str | None:
    """Any ISO-8601 instant in the stored fixed-width format (the seed may pass its own)."""
    return format_time(parse_time(value)) if value else None


def _duration_key(seconds: int) -> str:
    """Zero-padded, so duration bounds compare as text in ``record_term``."""
    return f"{seconds:012d}"


# -- job types ------------------------------------------------------------------------------------------
def create_job_type(
    store: Store,
    name: str,
    stamp: str,
    *,
    business_unit_ids: list[int] | tuple[int, ...] = (),
    skills: list[str] | tuple[str, ...] = (),
    priority: str = Priority.NORMAL.value,
    duration_s: int = 7200,
    summary: str = "",
    job_class: str = "Service",
    tag_type_ids: list[int] | tuple[int, ...] = (),
    no_charge: bool = False,
    sold_threshold: float | None = None,
    active: bool = True,
) -> dict[str, Any]:
    """A job type. ``business_unit_ids`` restricts it to those business units (empty: allowed in every
    one); ``skills`` are skill names a technician needs; ``duration_s`` sizes it for capacity."""
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "name": name,
        "businessUnitIds": list(business_unit_ids),
        "skills": list(skills),
        "tagTypeIds": list(tag_type_ids),
        "priority": priority,
        "duration": duration_s,
        "soldThreshold": sold_threshold,
        "class": job_class,
        "summary": summary,
        "noCharge": no_charge,
        "enforceRecurringServiceEventSelection": False,
        "invoiceSignaturesRequired": False,
        "modifiedOn": stamp,
        "createdOn": stamp,
        "externalData": [],
        "active": active,
        "isSmartDispatched": False,
        "defaultEstimateSoldAction": "None",
        "customFieldTypeIds": [],
    }
    terms = [("name", text_key(name)), ("duration", _duration_key(duration_s))]
    store.insert("job_type", doc, name=name, status=priority, active=active, terms=terms)
    return doc


def _job_type_order(ctx: Ctx) -> list[Any] | None:
    """Job types order with ``orderBy``/``orderByDirection`` rather than ``sort``."""
    field = ctx.q_str("orderBy")
    direction = (ctx.q_str("orderByDirection") or "asc").lower()
    if direction not in ("asc", "ascending", "desc", "descending"):
        raise bad_request("orderByDirection", "orderByDirection must be asc/ascending or desc/descending.")
    if field is None:
        return None
    column = STANDARD_SORT.get(field.lower())
    if column is None:
        raise bad_request(
            "orderBy", f"Ordering by '{field}' is not supported; use id, modifiedOn or createdOn."
        )
    if direction.startswith("desc"):
        return [column.desc(), record.c.id.desc()]
    return [column.asc(), record.c.id.asc()]


@registry.route("GET", JPM + "/job-types")
def list_job_types(ctx: Ctx) -> Any:
    where = active_filter(ctx)
    name = ctx.q_str("name")
    if name:
        where.append(ctx.store.term_contains("job_type", "name", text_key(name)))
    min_duration, max_duration = ctx.q_int("minDuration"), ctx.q_int("maxDuration")
    if min_duration is not None or max_duration is not None:
        where.append(
            ctx.store.term_between(
                "job_type",
                "duration",
                _duration_key(min_duration) if min_duration is not None else None,
                _duration_key(max_duration + 1) if max_duration is not None else None,
            )
        )
    priority = ctx.q_enum("priority", PRIORITIES)
    if priority:
        where.append(record.c.status == priority)
    body = list_records(ctx, "job_type", where, order_by=_job_type_order(ctx))
    with_external_data(ctx, "job_type", body["data"])
    return ok(body)


@registry.route("GET", JPM + "/job-types/{id}")
def get_job_type(ctx: Ctx) -> Any:
    job_type_id = ctx.path_int("id")
    doc = ctx.store.get("job_type", job_type_id)
    if doc is None:
        raise not_found("Job type", job_type_id)
    return ok(with_external_data(ctx, "job_type", [doc])[0])


@registry.route("POST", JPM + "/job-types")
def post_job_type(ctx: Ctx) -> Any:
    body = ctx.json_body()
    name = body.str("name", required=True, allow_empty=False, max_len=200)
    values: dict[str, Any] = {
        "business_unit_ids": body.int_list("businessUnitIds") or [],
        "skills": body.str_list("skills") or [],
        "tag_type_ids": body.int_list("tagTypeIds") or [],
        "priority": body.enum("priority", PRIORITIES) or Priority.NORMAL.value,
        "duration_s": body.int("duration"),
        "sold_threshold": body.number("soldThreshold"),
        "job_class": body.str("class"),
        "summary": body.str("summary"),
        "no_charge": body.bool("noCharge"),
    }
    external = read_external_data(body)
    for unit_id in values["business_unit_ids"]:
        if ctx.store.get("business_unit", unit_id) is None:
            body.fail("businessUnitIds", f"Business unit {unit_id} does not exist.")
    body.done()
    doc = create_job_type(ctx.store, name, ctx.stamp, **{k: v for k, v in values.items() if v is not None})
    guid = _apply_external_data(ctx.store, "job_type", doc["id"], external)
    return ok(with_external_data(ctx, "job_type", [doc], guid)[0])


# -- externalData -----------------------------------------------------------------------------------------
def _apply_external_data(
    store: Store, kind: str, record_id: int, external: dict[str, Any] | None
) -> str | None:
    """Store a create request's externalData; the application it names is the one the answer shows."""
    if not external:
        return None
    store.set_external_data(kind, record_id, external["applicationGuid"], external["externalData"])
    return str(external["applicationGuid"])


# -- jobs and appointments: lifecycle ---------------------------------------------------------------------
def check_job_references(store: Store, request: dict[str, Any]) -> None:
    """400 naming each field of a JobCreateRequest whose id does not exist or does not fit: the location
    must be the customer's, the job type allowed in the business unit, the technicians real."""
    body = Body({})
    for name, kind in (
        ("customerId", "customer"),
        ("businessUnitId", "business_unit"),
        ("jobTypeId", "job_type"),
        ("campaignId", "campaign"),
        ("soldById", "technician"),
    ):
        value = request.get(name)
        if value is not None and store.get(kind, value) is None:
            body.fail(name, f"{name} {value} does not exist.")
    location = store.get("location", request["locationId"])
    if location is None:
        body.fail("locationId", f"locationId {request['locationId']} does not exist.")
    elif location.get("customerId") != request["customerId"]:
        body.fail(
            "locationId", f"Location {location['id']} does not belong to customer {request['customerId']}."
        )
    job_type = store.get("job_type", request["jobTypeId"])
    if (
        job_type
        and job_type["businessUnitIds"]
        and request["businessUnitId"] not in job_type["businessUnitIds"]
    ):
        body.fail(
            "jobTypeId",
            f"Job type {job_type['id']} ({job_type['name']}) is not allowed in business unit "
            f"{request['businessUnitId']}.",
        )
    if request.get("projectId") is not None:
        body.fail("projectId", f"projectId {request['projectId']} does not exist.")
    for index, appointment in enumerate(request["appointments"]):
        for technician_id in appointment.get("technicianIds") or []:
            if store.get("technician", technician_id) is None:
                body.fail(
                    f"appointments[{index}].technicianIds", f"Technician {technician_id} does not exist."
                )
    body.done()


def create_job(
    store: Store, request: dict[str, Any], stamp: str, *, created_on: str | None = None
) -> dict[str, Any]:
    """Book a job from a JobCreateRequest-shaped dict whose fields are already checked (types, and ids with
    ``check_job_references``): customerId, locationId, businessUnitId, jobTypeId, campaignId, priority,
    appointments ``[{start, end, arrivalWindowStart, arrivalWindowEnd, technicianIds}]``, and optionally
    summary, tagTypeIds, bookingId, leadId, customerPo, soldById, partnerLeadCallId, noCharge,
    jobGeneratedLeadSource, customFields, and
    ``externalData: {applicationGuid, externalData: [{key, value}]}``.

    A ``bookingId`` converts the booking and a ``leadId`` the lead; either raises ApiError (409 for a booking
    already converted or dismissed) before anything is written. The answer shows the request's application's
    externalData. ``created_on`` back-dates a job for the seed's history.
    """
    job_id = store.next_id()
    when = created_on or stamp
    if request.get("bookingId") is not None:
        convert_booking(store, request["bookingId"], job_id, when)
    if request.get("leadId") is not None:
        # Imported here: crm_leads imports this module.
        from csr_console.sandbox.routes.crm_leads import convert_lead

        convert_lead(store, request["leadId"], job_id, when)
    job_type = store.get("job_type", request["jobTypeId"]) or {}
    job_number = str(job_id)
    appointments = [
        _create_appointment(store, job_id, job_number, index, info, request, when)
        for index, info in enumerate(request["appointments"], start=1)
    ]
    no_charge = request.get("noCharge")
    doc: dict[str, Any] = {
        "id": job_id,
        "jobNumber": job_number,
        "projectId": request.get("projectId"),
        "customerId": request["customerId"],
        "locationId": request["locationId"],
        "jobStatus": JobStatus.SCHEDULED.value,
        "completedOn": None,
        "businessUnitId": request["businessUnitId"],
        "jobTypeId": request["jobTypeId"],
        "priority": request["priority"],
        "campaignId": request["campaignId"],
        "appointmentCount": len(appointments),
        "firstAppointmentId": appointments[0]["id"],
        "lastAppointmentId": appointments[-1]["id"],
        "recallForId": None,
        "warrantyId": None,
        "jobGeneratedLeadSource": request.get("jobGeneratedLeadSource"),
        "noCharge": no_charge if no_charge is not None else bool(job_type.get("noCharge")),
        "notificationsEnabled": True,
        "createdOn": when,
        "createdById": API_USER_ID,
        "modifiedOn": when,
        "tagTypeIds": list(request.get("tagTypeIds") or []),
        "leadCallId": None,
        "partnerLeadCallId": request.get("partnerLeadCallId"),
        "bookingId": request.get("bookingId"),
        "soldById": request.get("soldById"),
        "customerPo": request.get("customerPo") or "",
        "invoiceId": store.next_id(),
        "membershipId": None,
        "total": 0.0,
        "createdFromEstimateId": None,
        "estimateIds": [],
        "equipmentIds": [],
        "isAutoDispatched": False,
        "summary": request.get("summary"),
        "customFields": [
            {"typeId": f["typeId"], "name": f"Custom field {f['typeId']}", "value": f.get("value") or ""}
            for f in request.get("customFields") or []
        ],
        "externalData": [],
        "summaryOfWork": None,
    }
    store.insert("job", doc, status=doc["jobStatus"], terms=_job_terms(doc, appointments))
    external = request.get("externalData")
    if external:
        store.set_external_data("job", job_id, external["applicationGuid"], external["externalData"])
        doc["externalData"] = [dict(i) for i in external["externalData"]]
    return doc


def _create_appointment(
    store: Store,
    job_id: int,
    job_number: str,
    index: int,
    info: dict[str, Any],
    request: dict[str, Any],
    stamp: str,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "jobId": job_id,
        "appointmentNumber": f"{job_number}-{index}",
        "start": _stamp(info["start"]),
        "end": _stamp(info["end"]),
        "arrivalWindowStart": _stamp(info.get("arrivalWindowStart")),
        "arrivalWindowEnd": _stamp(info.get("arrivalWindowEnd")),
        "status": "Scheduled",
        "specialInstructions": None,
        "createdOn": stamp,
        "modifiedOn": stamp,
        "customerId": request["customerId"],
        "unused": False,
        "createdById": API_USER_ID,
        "isConfirmed": False,
        "active": True,
        "appointmentSummaries": [],
        "technicianIds": list(info.get("technicianIds") or []),
        "businessUnitId": request["businessUnitId"],
    }
    terms = [
        ("number", doc["appointmentNumber"]),
        ("start", doc["start"]),
        ("end", doc["end"]),
        ("customerId", str(doc["customerId"])),
        ("businessUnitId", str(doc["businessUnitId"])),
        *(("technicianId", str(t)) for t in doc["technicianIds"]),
    ]
    if request.get("projectId") is not None:
        terms.append(("projectId", str(request["projectId"])))
    store.insert("appointment", doc, parent_id=job_id, status=doc["status"], terms=terms)
    return doc


def _job_terms(doc: dict[str, Any], appointments: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The job's search keys, including its appointments' (status, start, technicians) so job filters on
    appointments need no join."""
    single = (
        "jobNumber",
        "customerId",
        "locationId",
        "businessUnitId",
        "jobTypeId",
        "campaignId",
        "bookingId",
        "projectId",
        "invoiceId",
        "soldById",
        "priority",
        "completedOn",
    )
    terms = [(name, str(doc[name])) for name in single if doc.get(name) is not None]
    terms += [("tagTypeId", str(t)) for t in doc["tagTypeIds"]]
    terms.append(("firstAppointmentStart", appointments[0]["start"]))
    for appointment in appointments:
        terms.append(("appointmentStatus", appointment["status"]))
        terms.append(("appointmentStart", appointment["start"]))
        terms += [("technicianId", str(t)) for t in appointment["technicianIds"]]
    return terms


# What a job's status makes of its appointments.
_APPOINTMENT_STATUS_FOR = {
    JobStatus.SCHEDULED.value: "Scheduled",
    JobStatus.DISPATCHED.value: "Dispatched",
    JobStatus.IN_PROGRESS.value: "Working",
    JobStatus.HOLD.value: "Hold",
    JobStatus.COMPLETED.value: "Done",
    JobStatus.CANCELED.value: "Canceled",
}


def set_job_status(store: Store, job_id: int, status: str, stamp: str) -> dict[str, Any]:
    """Move a job (and its appointments) along: Completed sets ``completedOn`` and the appointments Done,
    Canceled frees their capacity. For the seed's history and the simulator; ``status`` is a JobStatus."""
    doc = store.get("job", job_id)
    if doc is None:
        raise ValueError(f"job {job_id} does not exist")
    appointment_status = _APPOINTMENT_STATUS_FOR[status]
    appointments = store.children("appointment", job_id)
    for appointment in appointments:
        appointment.update(status=appointment_status, modifiedOn=stamp)
        store.save("appointment", appointment, touch=False, status=appointment_status)
    doc.update(
        jobStatus=status,
        completedOn=stamp if status == JobStatus.COMPLETED.value else None,
        modifiedOn=stamp,
    )
    return store.save("job", doc, touch=False, status=status, terms=_job_terms(doc, appointments))


def appointment_answer(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in APPOINTMENT_PRIVATE}


# -- jobs: requests -------------------------------------------------------------------------------------
def _read_appointment(item: Body) -> dict[str, Any]:
    appointment = {
        "start": item.time("start", required=True),
        "end": item.time("end", required=True),
        "arrivalWindowStart": item.time("arrivalWindowStart"),
        "arrivalWindowEnd": item.time("arrivalWindowEnd"),
        "technicianIds": item.int_list("technicianIds") or [],
    }
    if appointment["start"] and appointment["end"] and appointment["end"] <= appointment["start"]:
        item.fail("end", "The appointment must end after it starts.")
    window_start, window_end = appointment["arrivalWindowStart"], appointment["arrivalWindowEnd"]
    if window_start and window_end and window_end <= window_start:
        item.fail("arrivalWindowEnd", "The arrival window must end after it starts.")
    return appointment


def _read_job_create(body: Body) -> dict[str, Any]:
    """A JobCreateRequest; a missing campaignId is left for the caller to answer 422 (as the real API does,
    after the rest of the request passed)."""
    request: dict[str, Any] = {
        "customerId": body.int("customerId", required=True),
        "locationId": body.int("locationId", required=True),
        "projectId": body.int("projectId"),
        "businessUnitId": body.int("businessUnitId", required=True),
        "jobTypeId": body.int("jobTypeId", required=True),
        "priority": body.enum("priority", PRIORITIES, required=True),
        "campaignId": body.int("campaignId"),
        "summary": body.str("summary", max_len=10000),
        "tagTypeIds": body.int_list("tagTypeIds") or [],
        "customerPo": body.str("customerPo", max_len=200),
        "soldById": body.int("soldById"),
        "partnerLeadCallId": body.int("partnerLeadCallId"),
        "leadId": body.int("leadId"),
        "bookingId": body.int("bookingId"),
        "noCharge": body.bool("noCharge"),
        "invoiceSignatureIsRequired": body.bool("invoiceSignatureIsRequired"),
        "externalData": read_external_data(body),
    }
    source = body.obj("jobGeneratedLeadSource")
    request["jobGeneratedLeadSource"] = (
        {"jobId": source.int("jobId"), "employeeId": source.int("employeeId")} if source else None
    )
    request["customFields"] = [
        {"typeId": field.int("typeId", required=True), "value": field.str("value")}
        for field in body.objs("customFields") or []
    ]
    items = body.objs("appointments", required=True)
    request["appointments"] = [_read_appointment(item) for item in items or []]
    if items is not None and not items:
        body.fail("appointments", "At least one appointment is required.")
    body.done()
    return request


# -- jobs: operations -----------------------------------------------------------------------------------
@registry.route("POST", JPM + "/jobs")
def post_job(ctx: Ctx) -> Any:
    body = ctx.json_body()
    request = _read_job_create(body)
    if request["campaignId"] is None:
        raise ApiError(
            422, "The campaign is required.", {"campaignId": ["The campaignId field is required."]}
        )
    check_job_references(ctx.store, request)
    return ok(create_job(ctx.store, request, ctx.stamp))


def _job_or_404(store: Store, job_id: int) -> dict[str, Any]:
    doc = store.get("job", job_id)
    if doc is None:
        raise not_found("Job", job_id)
    return doc


@registry.route("GET", JPM + "/jobs/{id}")
def get_job(ctx: Ctx) -> Any:
    doc = _job_or_404(ctx.store, ctx.path_int("id"))
    return ok(with_external_data(ctx, "job", [doc])[0])


def _id_list(ctx: Ctx, name: str) -> list[str] | None:
    ids = ctx.q_ids(name)
    return [str(i) for i in ids] if ids is not None else None


def _job_filters(ctx: Ctx) -> list[Any]:
    store = ctx.store
    where: list[Any] = []
    for param, term in (
        ("projectId", "projectId"),
        ("bookingId", "bookingId"),
        ("customerId", "customerId"),
        ("locationId", "locationId"),
        ("soldById", "soldById"),
        ("jobTypeId", "jobTypeId"),
        ("campaignId", "campaignId"),
        ("businessUnitId", "businessUnitId"),
        ("invoiceId", "invoiceId"),
        ("technicianId", "technicianId"),
        ("createdFromEstimateId", "createdFromEstimateId"),
    ):
        value = ctx.q_int(param)
        if value is not None:
            where.append(store.term_equals("job", term, str(value)))
    number = ctx.q_str("number")
    if number:
        where.append(store.term_equals("job", "jobNumber", number))
    status = ctx.q_enum("jobStatus", JOB_STATUSES)
    if status:
        where.append(record.c.status == status)
    appointment_status = ctx.q_enum("appointmentStatus", APPOINTMENT_STATUSES)
    if appointment_status:
        where.append(store.term_equals("job", "appointmentStatus", appointment_status))
    priority = ctx.q_enum("priority", PRIORITIES)
    if priority:
        where.append(store.term_equals("job", "priority", priority))
    for param, term in (
        ("tagTypeIds", "tagTypeId"),
        ("estimateIds", "estimateId"),
        ("equipmentIds", "equipmentId"),
    ):
        values = _id_list(ctx, param)
        if values is not None:
            where.append(store.term_in("job", term, values))
    for lower, upper, term in (
        ("firstAppointmentStartsOnOrAfter", "firstAppointmentStartsBefore", "firstAppointmentStart"),
        ("appointmentStartsOnOrAfter", "appointmentStartsBefore", "appointmentStart"),
        ("completedOnOrAfter", "completedBefore", "completedOn"),
    ):
        low, high = ctx.q_time(lower), ctx.q_time(upper)
        if low is not None or high is not None:
            where.append(store.term_between("job", term, low, high))
    if ctx.q_bool("hasUnusedAppointments"):
        # No appointment is ever unused here: the sandbox does not cancel or reschedule visits.
        where.append(store.term_equals("job", "unusedAppointment", "true"))
    where += external_data_filter(ctx, "job")
    return where


@registry.route("GET", JPM + "/jobs")
def list_jobs(ctx: Ctx) -> Any:
    body = list_records(ctx, "job", _job_filters(ctx), sort_fields=JOB_SORT)
    with_external_data(ctx, "job", body["data"])
    return ok(body)


@registry.route("GET", JPM + "/export/jobs")
def export_jobs(ctx: Ctx) -> Any:
    body = export_records(ctx, "job")
    with_external_data(ctx, "job", body["data"])
    return ok(body)


# -- appointments -----------------------------------------------------------------------------------------
@registry.route("GET", JPM + "/appointments")
def list_appointments(ctx: Ctx) -> Any:
    store = ctx.store
    where = active_filter(ctx)
    job_id = ctx.q_int("jobId")
    if job_id is not None:
        where.append(record.c.parent_id == job_id)
    project_id = ctx.q_int("projectId")
    if project_id is not None:
        where.append(store.term_equals("appointment", "projectId", str(project_id)))
    number = ctx.q_str("number")
    if number:
        where.append(store.term_equals("appointment", "number", number))
    status = ctx.q_enum("status", APPOINTMENT_STATUSES)
    if status:
        where.append(record.c.status == status)
    starts_on_or_after, starts_before = ctx.q_time("startsOnOrAfter"), ctx.q_time("startsBefore")
    if starts_on_or_after is not None or starts_before is not None:
        where.append(store.term_between("appointment", "start", starts_on_or_after, starts_before))
    for param in ("technicianId", "customerId"):
        value = ctx.q_int(param)
        if value is not None:
            where.append(store.term_equals("appointment", param, str(value)))
    if ctx.q_bool("unused"):
        where.append(store.term_equals("appointment", "unused", "true"))
    return ok(list_records(ctx, "appointment", where, shape=appointment_answer))


@registry.route("GET", JPM + "/export/appointments")
def export_appointments(ctx: Ctx) -> Any:
    # Export feeds flag inactive rows rather than hide them, unless `active` is asked for explicitly.
    where = active_filter(ctx) if ctx.q_str("active") else []
    return ok(export_records(ctx, "appointment", where, shape=appointment_answer))


@registry.route("GET", JPM + "/appointments/{id}")
def get_appointment(ctx: Ctx) -> Any:
    appointment_id = ctx.path_int("id")
    doc = ctx.store.get("appointment", appointment_id)
    if doc is None:
        raise not_found("Appointment", appointment_id)
    return ok(appointment_answer(doc))
