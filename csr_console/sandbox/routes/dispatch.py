"""Dispatch capacity: the arrival windows a CSR can offer, computed from technicians' shifts minus the
appointments already booked, so every job booked makes the next answer smaller."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from csr_console.sandbox.http import Ctx, Registry, ok
from csr_console.sandbox.routes.settings import company_zone
from csr_console.sandbox.search_keys import text_key
from csr_console.sandbox.store import Store, format_time, parse_time, record

registry = Registry()

DISPATCH = "/dispatch/v2/tenant/{tenant}"

# The company's arrival windows, in local wall-clock hours; a window is offered on a day when some
# technician's shift overlaps it.
ARRIVAL_WINDOWS: tuple[tuple[int, int], ...] = ((8, 10), (10, 12), (12, 14), (14, 17))
MAX_SPAN = timedelta(days=31)
# Beyond this share of a window's hours booked, the window exceeds the ideal booking percentage.
IDEAL_BOOKING_SHARE = 0.8
# The hours a window must have left when the request names no job type.
DEFAULT_NEEDED_HOURS = 1.0
ALL_ROWS = 100_000


@dataclass
class _Technician:
    doc: dict[str, Any]
    qualified: bool | None  # has the job type's skills; None when no job type was named

    def working(self, start: datetime, end: datetime, zone: Any) -> tuple[datetime, datetime] | None:
        """The part of [start, end) (aware, UTC) this technician's shifts cover, or None."""
        local = start.astimezone(zone)
        for shift in self.doc.get("shifts") or []:
            if shift["weekday"] != local.weekday():
                continue
            shift_start = _at(local.date(), shift["start"], zone)
            shift_end = _at(local.date(), shift["end"], zone)
            lower, upper = max(start, shift_start), min(end, shift_end)
            if lower < upper:
                return lower, upper
        return None


def _at(day: date, clock: str, zone: Any) -> datetime:
    hours, _, minutes = clock.partition(":")
    return datetime.combine(day, time(int(hours), int(minutes or 0)), tzinfo=zone)


def _hours(start: datetime, end: datetime) -> float:
    return max(0.0, (end - start).total_seconds() / 3600)


def _overlap(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> float:
    return _hours(max(a_start, b_start), min(a_end, b_end))


def _windows(start: datetime, end: datetime, zone: Any) -> list[tuple[datetime, datetime]]:
    """Every arrival window lying wholly in [start, end], as aware UTC datetimes."""
    found = []
    day = start.astimezone(zone).date()
    while day <= end.astimezone(zone).date():
        for first, last in ARRIVAL_WINDOWS:
            window_start = datetime.combine(day, time(first), tzinfo=zone)
            window_end = datetime.combine(day, time(last), tzinfo=zone)
            if window_start >= start and window_end <= end:
                found.append((window_start, window_end))
        day += timedelta(days=1)
    return found


def _booked(store: Store, units: list[int], start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Live appointments of the business units overlapping [start, end)."""
    where = [
        record.c.active.is_(True),
        record.c.status != "Canceled",
        store.term_in("appointment", "businessUnitId", [str(u) for u in units]),
        store.term_between("appointment", "start", None, format_time(end)),
        store.term_between("appointment", "end", format_time(start), None),
    ]
    return store.query("appointment", where, page_size=ALL_ROWS).docs


def capacity(
    store: Store,
    start: datetime,
    end: datetime,
    units: list[int],
    job_type: dict[str, Any] | None,
    skill_based: bool,
) -> list[dict[str, Any]]:
    """The availability of each arrival window in [start, end] for the business units: the hours the
    working technicians can give it, minus the hours appointments already take."""
    zone = company_zone(store)
    required = {text_key(s) for s in (job_type or {}).get("skills") or []}
    technicians = [
        _Technician(doc, required <= {text_key(s["name"]) for s in doc["skills"] or []} if job_type else None)
        for doc in store.query(
            "technician",
            [record.c.parent_id.in_(units), record.c.active.is_(True)],
            page_size=ALL_ROWS,
        ).docs
    ]
    counted = {t.doc["id"] for t in technicians if t.qualified is not False or not skill_based}
    # Appointment spans per assigned technician; unassigned ones draw on the business units' pool.
    by_technician: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    unassigned: list[tuple[datetime, datetime]] = []
    for appointment in _booked(store, units, start, end):
        span = (parse_time(appointment["start"]), parse_time(appointment["end"]))
        for technician_id in appointment["technicianIds"]:
            by_technician[technician_id].append(span)
        if not appointment["technicianIds"]:
            unassigned.append(span)
    duration_h = (job_type or {}).get("duration", 0) / 3600 or DEFAULT_NEEDED_HOURS
    answers = []
    for window_start, window_end in _windows(start, end, zone):
        total = 0.0
        free_by_tech: dict[int, float] = {}
        for technician in technicians:
            span = technician.working(window_start, window_end, zone)
            if span is None:
                continue
            busy = sum(_overlap(*booked, *span) for booked in by_technician[technician.doc["id"]])
            free_by_tech[technician.doc["id"]] = max(0.0, _hours(*span) - busy)
            if technician.doc["id"] in counted:
                total += _hours(*span)
        if not free_by_tech:
            continue
        counted_free = sum(free for tech_id, free in free_by_tech.items() if tech_id in counted)
        pooled = sum(_overlap(*booked, window_start, window_end) for booked in unassigned)
        open_hours = max(0.0, counted_free - pooled)
        needed = min(duration_h, _hours(window_start, window_end))
        working = [t for t in technicians if t.doc["id"] in free_by_tech]
        answers.append(
            {
                "start": window_start.isoformat(),
                "end": window_end.isoformat(),
                "startUtc": format_time(window_start),
                "endUtc": format_time(window_end),
                "businessUnitIds": sorted({t.doc["businessUnitId"] for t in working}),
                "totalAvailability": round(total, 2),
                "openAvailability": round(open_hours, 2),
                "technicians": [
                    {
                        "id": t.doc["id"],
                        "name": t.doc["name"],
                        "status": "Available" if free_by_tech[t.doc["id"]] > 0 else "Unavailable",
                        "hasRequiredSkills": t.qualified,
                    }
                    for t in working
                ],
                "isAvailable": open_hours + 1e-9 >= needed,
                "isExceedingIdealBookingPercentage": total > 0
                and (total - open_hours) / total > IDEAL_BOOKING_SHARE,
            }
        )
    return answers


@registry.route("POST", DISPATCH + "/capacity")
def post_capacity(ctx: Ctx) -> Any:
    body = ctx.json_body()
    starts = body.time("startsOnOrAfter", required=True)
    ends = body.time("endsOnOrBefore", required=True)
    unit_ids = body.int_list("businessUnitIds")
    job_type_id = body.int("jobTypeId")
    skill_based = body.bool("skillBasedAvailability", required=True)
    if starts and ends and ends <= starts:
        body.fail("endsOnOrBefore", "endsOnOrBefore must be after startsOnOrAfter.")
    elif starts and ends and parse_time(ends) - parse_time(starts) > MAX_SPAN:
        body.fail("endsOnOrBefore", f"The time frame may span at most {MAX_SPAN.days} days.")
    for unit_id in unit_ids or []:
        if ctx.store.get("business_unit", unit_id) is None:
            body.fail("businessUnitIds", f"Business unit {unit_id} does not exist.")
    job_type = ctx.store.get("job_type", job_type_id) if job_type_id is not None else None
    if job_type_id is not None and job_type is None:
        body.fail("jobTypeId", f"Job type {job_type_id} does not exist.")
    body.done()
    units = unit_ids or [
        doc["id"]
        for doc in ctx.store.query("business_unit", [record.c.active.is_(True)], page_size=ALL_ROWS).docs
    ]
    if job_type and job_type["businessUnitIds"]:
        units = [u for u in units if u in job_type["businessUnitIds"]]
    availabilities = capacity(ctx.store, parse_time(starts), parse_time(ends), units, job_type, skill_based)
    return ok({"timeStamp": ctx.stamp, "availabilities": availabilities})
