"""Scheduling Pro: the company's online schedulers, the sessions customers leave in them (booked, or
abandoned and sent on as bookings or leads) and each scheduler's performance over a period, computed
from those sessions. Scheduler and session ids are strings (GUIDs)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from csr_console.sandbox.http import Ctx, Registry, bad_request, not_found, ok
from csr_console.sandbox.lists import list_records
from csr_console.sandbox.store import Store, format_time, parse_time, record

registry = Registry()

SCHEDULING_PRO = "/schedulingpro/v2/tenant/{tenant}"

# The milestones a session passes, in order; `lastStep` names the last one reached (None: the scheduler
# was loaded but never opened).
STEPS = ("Opened", "Zipcode", "Interacted", "Issue", "Schedule", "Customer", "Details", "Booked")
# `sessionOutcome` is free text; these are the outcomes the sandbox writes. An outcome starting with
# "Abandoned" counts as an abandoned session.
OUTCOME_BOOKED = "Job Booked"
OUTCOME_BOOKING_REQUESTED = "Booking Request Submitted"
OUTCOME_ABANDONED = "Abandoned"
# `sourceTracking.bookedFrom` of a session a customer resumed after an abandoned-session follow-up.
RECOVERED_BY_LINK = "RecoveryLink"
RECOVERED_BY_AI_AGENT = "AiAgent"
ALL_SESSIONS = 1_000_000

_ADDRESS = ("street", "unit", "city", "state", "zip", "country")
_DEVICE = (
    "browserName",
    "browserVersion",
    "cpuArchitecture",
    "deviceModel",
    "deviceType",
    "deviceVendor",
    "engineName",
    "engineVersion",
    "ipAddress",
    "isBot",
    "osName",
    "osVersion",
    "userAgent",
)
_SOURCE_TRACKING = (
    "isRWGSession",
    "campaignId",
    "landingPageUrl",
    "gclid",
    "fbclid",
    "msclkid",
    "utmSource",
    "utmMedium",
    "utmCampaign",
    "utmAdgroup",
    "utmTerm",
    "utmContent",
    "googleAnalyticsClientId",
    "bookedFrom",
    "sourcedFromMarketingPro",
    "gbraid",
    "wbraid",
    "marketingSource",
)
# Session fields a lifecycle caller may set (besides `customer` and `sourceTracking`, merged part by part).
SESSION_FIELDS = (
    "sessionOutcome",
    "jobId",
    "bookingId",
    "leadId",
    "gbpName",
    "timeslotStart",
    "timeslotEnd",
    "category",
    "jobTypeId",
    "businessUnitId",
    "zoneId",
    "customerResponses",
    "notes",
    "mobileNotificationOptIn",
    "blockerType",
    "blockerToBookAdditionalData",
    "lastStep",
    "dispatchFeeQuoted",
    "isLocationTakeover",
    "customOptIn",
    "marketingOptIn",
    "membershipInterest",
    "paymentInfoCaptured",
    "externalId",
    "recurringServiceId",
    "campaignName",
    "linearNavigationEnabled",
    "aiModeEnabled",
    "previousSessionId",
)


# -- lifecycle (used by the seed and the simulator) -----------------------------------------------------
def create_scheduler(
    store: Store,
    name: str,
    company_name: str,
    stamp: str,
    *,
    mode: str = "Standard",
    is_default: bool = False,
    status: str = "Active",
    scheduler_id: str | None = None,
) -> dict[str, Any]:
    """A scheduler; ``mode`` is "Standard" (online booking) or "Call_Center". ``scheduler_id`` fixes the
    GUID (a random one otherwise)."""
    guid = scheduler_id or str(uuid.uuid4())
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"scheduler:{guid}").hex
    doc = {
        "id": guid,
        "name": name,
        "companyName": company_name,
        "createdOn": stamp,
        "modifiedOn": stamp,
        "schedulerStatus": status,
        "dataApiKey": key,
        "isDefault": is_default,
        "mode": mode,
        "quickLaunchLink": f"https://scheduling-pro.sandbox.invalid/launch/{key}",
    }
    store.insert("scheduler", doc, record_id=store.next_id(), name=name, terms=[("guid", guid.lower())])
    return doc


def create_session(
    store: Store,
    scheduler_id: str,
    fields: dict[str, Any],
    stamp: str,
    *,
    session_id: str | None = None,
    created_on: str | None = None,
) -> dict[str, Any]:
    """A session of the scheduler with GUID ``scheduler_id``. ``fields`` uses the API's names: any of
    SESSION_FIELDS (``lastStep`` one of STEPS or None; ``sessionOutcome`` e.g. OUTCOME_ABANDONED),
    ``customer`` (firstName, lastName, email, phone, id, locationId, isNewCustomer, isNewLocation,
    ``address: {street, unit, city, state, zip, country}``, device details) and ``sourceTracking``
    (utmSource, utmCampaign, gclid, campaignId, bookedFrom, ...). ``created_on`` back-dates it."""
    scheduler_key = _record_id(store, "scheduler", scheduler_id)
    if scheduler_key is None:
        raise ValueError(f"scheduler {scheduler_id} does not exist")
    when = created_on or stamp
    doc: dict[str, Any] = {
        "id": session_id or str(uuid.uuid4()),
        "createdOn": when,
        "modifiedOn": when,
        "lastCheckinDate": when,
        "schedulerId": scheduler_id,
        **dict.fromkeys(SESSION_FIELDS),
        "customer": {
            "isNewCustomer": True,
            "id": None,
            "firstName": None,
            "lastName": None,
            "email": None,
            "phone": None,
            "locationId": None,
            "isNewLocation": True,
            "address": dict.fromkeys(_ADDRESS),
            **dict.fromkeys(_DEVICE),
        },
        "sourceTracking": dict.fromkeys(_SOURCE_TRACKING),
        "customerResponses": [],
        "lastStep": STEPS[0],
    }
    _apply(doc, fields)
    store.insert(
        "scheduler_session",
        doc,
        record_id=store.next_id(),
        parent_id=scheduler_key,
        status=doc["sessionOutcome"],
        terms=[("guid", doc["id"].lower())],
    )
    return doc


def update_session(store: Store, session_id: str, changes: dict[str, Any], stamp: str) -> dict[str, Any]:
    """Change a session (same names as ``create_session``'s ``fields``), e.g. mark it abandoned and link
    the booking it was sent on as: ``{"sessionOutcome": OUTCOME_ABANDONED, "bookingId": 123}``."""
    key = _record_id(store, "scheduler_session", session_id)
    doc = store.get("scheduler_session", key) if key is not None else None
    if key is None or doc is None:
        raise ValueError(f"scheduler session {session_id} does not exist")
    _apply(doc, changes)
    doc["modifiedOn"] = doc["lastCheckinDate"] = stamp
    return store.save("scheduler_session", doc, touch=False, record_id=key, status=doc["sessionOutcome"])


def _apply(doc: dict[str, Any], fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "customer":
            address = {**doc["customer"]["address"], **(value.get("address") or {})}
            doc["customer"] = {**doc["customer"], **value, "address": address}
        elif name == "sourceTracking":
            doc["sourceTracking"] = {**doc["sourceTracking"], **value}
        elif name in SESSION_FIELDS:
            doc[name] = value
        else:
            raise ValueError(f"{name} is not a scheduler session field")
    if doc["lastStep"] is not None and doc["lastStep"] not in STEPS:
        raise ValueError(f"lastStep {doc['lastStep']!r} is not one of {', '.join(STEPS)}")
    for name in ("timeslotStart", "timeslotEnd"):
        if doc[name]:
            doc[name] = format_time(parse_time(doc[name]))


def _record_id(store: Store, kind: str, guid: str) -> int | None:
    """The record id behind a string API id."""
    found = store.conn.execute(
        select(record.c.id).where(record.c.kind == kind, store.term_equals(kind, "guid", guid.lower()))
    ).scalar()
    return int(found) if found is not None else None


def _scheduler_or_404(ctx: Ctx) -> tuple[int, dict[str, Any]]:
    guid = ctx.path["id"]
    key = _record_id(ctx.store, "scheduler", guid)
    doc = ctx.store.get("scheduler", key) if key is not None else None
    if key is None or doc is None:
        raise not_found("Scheduler", guid)
    return key, doc


# -- performance ------------------------------------------------------------------------------------------
def _abandoned(session: dict[str, Any]) -> bool:
    return (session["sessionOutcome"] or "").lower().startswith(OUTCOME_ABANDONED.lower())


def _reached(session: dict[str, Any]) -> int:
    """How many milestones the session passed (Opened is the first)."""
    step = session["lastStep"]
    return STEPS.index(step) + 1 if step in STEPS else 0


def performance(scheduler: dict[str, Any], sessions: list[dict[str, Any]]) -> dict[str, Any]:
    """SchedulerPerformanceResponse over these sessions. Rates are fractions (0–1): booked sessions over
    all sessions, and over the sessions that were opened."""
    milestones = {step.lower(): sum(_reached(s) > i for s in sessions) for i, step in enumerate(STEPS)}
    milestones["abandoned"] = sum(map(_abandoned, sessions))
    booked, opened = milestones["booked"], milestones["opened"]
    completed = [s for s in sessions if not _abandoned(s)]
    abandoned = [s for s in sessions if _abandoned(s)]

    def recovered(channel: str, link: str) -> int:
        return sum(
            1
            for s in completed
            if s["previousSessionId"] and s["sourceTracking"]["bookedFrom"] == channel and s[link] is not None
        )

    def texted(ai_agent: bool) -> int:
        return sum(1 for s in abandoned if s["customer"]["phone"] and bool(s["aiModeEnabled"]) == ai_agent)

    by_link = {link: recovered(RECOVERED_BY_LINK, link) for link in ("bookingId", "jobId")}
    by_agent = {link: recovered(RECOVERED_BY_AI_AGENT, link) for link in ("bookingId", "jobId")}
    return {
        "id": scheduler["id"],
        "schedulerName": scheduler["name"],
        "brandName": scheduler["companyName"],
        "schedulerCompletionRate": round(booked / len(sessions), 4) if sessions else 0.0,
        "openedCompletionRate": round(booked / opened, 4) if opened else 0.0,
        "totalCustomerContactsCaptured": sum(
            1 for s in sessions if s["customer"]["phone"] or s["customer"]["email"]
        ),
        "totalJobsCreated": sum(1 for s in sessions if s["jobId"] is not None),
        "totalBookingsCreated": sum(1 for s in completed if s["bookingId"] is not None),
        "totalAbandonedSessionsSentToBookings": sum(1 for s in abandoned if s["bookingId"] is not None),
        "totalAbandonedSessionsSentToLeads": sum(1 for s in abandoned if s["leadId"] is not None),
        "totalBookingsRecoveredFromAbandonedSessionsRecoveryLink": by_link["bookingId"],
        "totalJobsRecoveredFromAbandonedSessionsRecoveryLink": by_link["jobId"],
        "totalBookingsRecoveredFromAbandonedSessionsAiAgent": by_agent["bookingId"],
        "totalJobsRecoveredFromAbandonedSessionsAiAgent": by_agent["jobId"],
        "totalSmsSentToRecoverAbandonedSessionRecoveryLink": texted(ai_agent=False),
        "totalSmsSentToRecoverAbandonedSessionAiAgent": texted(ai_agent=True),
        "totalBookingsRecoveredFromAbandonedSessions": by_link["bookingId"] + by_agent["bookingId"],
        "totalJobsRecoveredFromAbandonedSessions": by_link["jobId"] + by_agent["jobId"],
        "totalMembershipInterest": sum(
            1 for s in sessions if (s["membershipInterest"] or "").lower() not in ("", "no", "none")
        ),
        "totalSessions": len(sessions),
        "milestoneFrequencyCount": milestones,
    }


# -- operations -------------------------------------------------------------------------------------------
@registry.route("GET", SCHEDULING_PRO + "/schedulers")
def list_schedulers(ctx: Ctx) -> Any:
    return ok(list_records(ctx, "scheduler"))


@registry.route("GET", SCHEDULING_PRO + "/schedulers/{id}/sessions")
def list_sessions(ctx: Ctx) -> Any:
    key, _ = _scheduler_or_404(ctx)
    return ok(list_records(ctx, "scheduler_session", [record.c.parent_id == key]))


@registry.route("GET", SCHEDULING_PRO + "/schedulers/{id}/performance")
def get_performance(ctx: Ctx) -> Any:
    key, scheduler = _scheduler_or_404(ctx)
    since, before = ctx.q_time("sessionCreatedOnOrAfter"), ctx.q_time("sessionCreatedBefore")
    for name, value in (("sessionCreatedOnOrAfter", since), ("sessionCreatedBefore", before)):
        if value is None:
            raise bad_request(name, f"The {name} parameter is required.")
    where = [record.c.parent_id == key, record.c.created_on >= since, record.c.created_on < before]
    sessions = ctx.store.query("scheduler_session", where, page_size=ALL_SESSIONS).docs
    return ok(performance(scheduler, sessions))
