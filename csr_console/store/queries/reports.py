"""Supervisor reports over the bookings received (created) in a period [start, end) in UTC: the funnel
per source and per campaign, speed to lead, and what was dismissed, why and by whom. SQL does the
aggregating, except speed to lead's percentiles (see `speed_to_lead`).

Who did what comes from the audit journal, which records the actions taken in this console (its cache):
"per CSR" and "dismissed by" cover those, and a booking handled elsewhere has no CSR.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select

from csr_console.domain.enums import BookingStatus
from csr_console.gil import pause
from csr_console.store.queries.local_time import local_hour
from csr_console.store.schema import booking, call_reason, campaign, job, journal, lead

_ACCEPTED = (BookingStatus.ACCEPTED.value, BookingStatus.CONVERTED.value)
#: Journal actions that dismiss a booking (capturing a lead dismisses it too, API-NOTES.md).
DISMISSING_ACTIONS = ("dismiss_booking", "capture_lead")
#: Journal actions that answer a booking: speed to lead runs to the first of them (editing a contact
#: or reclassifying is work on the booking, not an answer to the customer).
ANSWERING_ACTIONS = ("accept_booking", *DISMISSING_ACTIONS)
#: The speed-to-lead thresholds supervisors watch, in seconds.
FIVE_MINUTES = 300
FIFTEEN_MINUTES = 900
#: The upper ends (inclusive, in seconds) of speed to lead's histogram buckets, after which one open
#: bucket: the 5 and 15 minute thresholds are edges, so the histogram agrees with the shares.
SPEED_BUCKET_EDGES = (60, 120, 300, 600, 900, 1800, 3600, 4 * 3600, 24 * 3600)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# -- the funnel -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Funnel:
    received: int
    accepted: int  # Accepted or Converted
    dismissed: int  # every Dismissed booking, those captured as leads included
    leads: int  # captured as leads (a lead links to the booking)
    revenue: float  # total of the jobs the bookings became

    @property
    def conversion_rate(self) -> float | None:
        """Accepted or converted per booking received; None when none was received."""
        return _rate(self.accepted, self.received)


@dataclass(frozen=True, slots=True)
class SourceFunnel(Funnel):
    source: str


@dataclass(frozen=True, slots=True)
class CampaignFunnel(Funnel):
    campaign_id: int | None  # None: bookings without a campaign
    campaign_name: str | None  # None also when the campaign is not in the cache


def _received(start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(booking.c.created_on >= start, booking.c.created_on < end, booking.c.active)


def _captured_as_lead() -> ColumnElement[bool]:
    """The booking has a lead linked to it (capturing a lead from a booking links the two)."""
    linked = select(lead.c.booking_id).where(lead.c.booking_id.is_not(None), lead.c.active)
    return booking.c.id.in_(linked)


def _funnel(*keys: ColumnElement[Any], start: datetime, end: datetime) -> Select[Any]:
    b = booking.c
    return (
        select(
            *keys,
            func.count().label("received"),
            func.sum(case((b.status.in_(_ACCEPTED), 1), else_=0)).label("accepted"),
            func.sum(case((b.status == BookingStatus.DISMISSED.value, 1), else_=0)).label("dismissed"),
            func.sum(case((_captured_as_lead(), 1), else_=0)).label("leads"),
            func.coalesce(func.sum(job.c.total), 0.0).label("revenue"),
        )
        .select_from(booking)
        .outerjoin(job, and_(job.c.id == b.job_id, job.c.active))
        .where(_received(start, end))
        .group_by(*keys)
    )


def _figures(row: Any) -> dict[str, Any]:
    return {
        "received": row.received,
        "accepted": row.accepted,
        "dismissed": row.dismissed,
        "leads": row.leads,
        "revenue": float(row.revenue),
    }


def funnel_by_source(connection: Connection, start: datetime, end: datetime) -> list[SourceFunnel]:
    """One row per source that sent bookings in the period, by source name."""
    statement = _funnel(booking.c.source, start=start, end=end).order_by(booking.c.source)
    return [SourceFunnel(source=row.source, **_figures(row)) for row in connection.execute(statement)]


def funnel_by_campaign(connection: Connection, start: datetime, end: datetime) -> list[CampaignFunnel]:
    """One row per campaign of the period's bookings, by campaign name (no campaign last)."""
    statement = (
        _funnel(booking.c.campaign_id, campaign.c.name.label("campaign_name"), start=start, end=end)
        .outerjoin(campaign, campaign.c.id == booking.c.campaign_id)
        .order_by(func.lower(campaign.c.name).asc().nulls_last(), booking.c.campaign_id.asc().nulls_last())
    )
    return [
        CampaignFunnel(campaign_id=row.campaign_id, campaign_name=row.campaign_name, **_figures(row))
        for row in connection.execute(statement)
    ]


# -- speed to lead ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SpeedFigures:
    """From a booking's creation to its first action. Percentiles are nearest-rank over the bookings
    whose first action is known; shares are of those bookings too."""

    received: int
    measured: int  # first action known: in the journal, or the job's creation
    p50_seconds: float | None
    p90_seconds: float | None
    within_5_min: float | None  # share of the measured
    within_15_min: float | None


@dataclass(frozen=True, slots=True)
class SourceSpeed(SpeedFigures):
    source: str


@dataclass(frozen=True, slots=True)
class HourSpeed(SpeedFigures):
    hour: int  # local hour of day the bookings were received, 0-23


@dataclass(frozen=True, slots=True)
class CsrSpeed(SpeedFigures):
    """The bookings whose first answer this CSR gave (all of them measured)."""

    csr: str


@dataclass(frozen=True, slots=True)
class SpeedBucket:
    """Measured bookings answered after more than `above` seconds and at most `up_to` (None: no limit)."""

    above: float | None  # None: from 0 included
    up_to: float | None
    count: int


@dataclass(frozen=True, slots=True)
class SpeedToLead:
    overall: SpeedFigures
    by_source: tuple[SourceSpeed, ...]  # by source name
    by_hour: tuple[HourSpeed, ...]  # hours that received bookings, in order
    by_csr: tuple[CsrSpeed, ...]  # by name; only bookings the journal saw answered
    histogram: tuple[SpeedBucket, ...]  # every bucket of SPEED_BUCKET_EDGES, empty ones too


def _responses(start: datetime, end: datetime, tz: tzinfo) -> Select[Any]:
    """Per booking of the period: its source, local hour of receipt, seconds to its first answer (None:
    not known) and who gave it (None: not in the journal). The first answer is the earliest successful
    journal entry of an answering action on it; a booking converted outside this console has none, and
    its job's creation stands in."""
    j = journal.c
    first_done = (
        # SQLite gives a bare column (the actor) from the row that holds the group's min(): the first
        # answer's author without a window function.
        select(j.target_id, func.min(j.at).label("first_at"), j.actor)
        .where(
            j.target_kind == "booking",
            j.result == "done",
            j.action.in_(ANSWERING_ACTIONS),
            j.at >= start,
        )
        .group_by(j.target_id)
        .subquery()
    )
    answered_at = func.coalesce(first_done.c.first_at, job.c.created_on)
    days = func.julianday(answered_at) - func.julianday(booking.c.created_on)
    # Rounded to the millisecond: julianday's float arithmetic would put 5:00 a hair either side.
    seconds = func.max(0.0, func.round(days * 86_400.0, 3))
    return (
        select(
            booking.c.source,
            local_hour(booking.c.created_on, tz, start, end).label("hour"),
            seconds.label("seconds"),
            first_done.c.actor,
        )
        .select_from(booking)
        .outerjoin(first_done, first_done.c.target_id == booking.c.id)
        .outerjoin(job, job.c.id == booking.c.job_id)
        .where(_received(start, end))
    )


def _nearest_rank(ordered: list[float], percent: int) -> float | None:
    """The smallest value with at least `percent` % of the values at or below it."""
    if not ordered:
        return None
    return ordered[-(-len(ordered) * percent // 100) - 1]  # rank ceil(n × percent / 100), in integers


def _speed_figures(responses: list[float | None]) -> dict[str, Any]:
    measured = sorted(seconds for seconds in responses if seconds is not None)
    return {
        "received": len(responses),
        "measured": len(measured),
        "p50_seconds": _nearest_rank(measured, 50),
        "p90_seconds": _nearest_rank(measured, 90),
        "within_5_min": _rate(bisect_right(measured, FIVE_MINUTES), len(measured)),
        "within_15_min": _rate(bisect_right(measured, FIFTEEN_MINUTES), len(measured)),
    }


def _histogram(responses: list[float | None]) -> tuple[SpeedBucket, ...]:
    measured = sorted(seconds for seconds in responses if seconds is not None)
    # Each bucket's upper end is included: count the values at or below each edge.
    at_or_below = [0, *(bisect_right(measured, edge) for edge in SPEED_BUCKET_EDGES), len(measured)]
    bounds = [None, *SPEED_BUCKET_EDGES, None]
    return tuple(
        SpeedBucket(above=bounds[i], up_to=bounds[i + 1], count=at_or_below[i + 1] - at_or_below[i])
        for i in range(len(bounds) - 1)
    )


def speed_to_lead(connection: Connection, start: datetime, end: datetime, tz: tzinfo) -> SpeedToLead:
    """Speed to lead overall, per source, per local hour of day (in `tz`) of receipt, per CSR who gave
    the first answer, and as a histogram.

    SQL answers each booking's response time in one pass; the percentiles are taken here, because
    SQLite has no percentile aggregate and ranking with window functions, once per grouping, took
    three times as long as this whole function at 100,000 bookings."""
    by_source: dict[str, list[float | None]] = defaultdict(list)
    by_hour: dict[int, list[float | None]] = defaultdict(list)
    by_csr: dict[str, list[float | None]] = defaultdict(list)
    every: list[float | None] = []
    # Fetched at once, then grouped: the SQL runs at full speed, and only the loop over a year's
    # bookings rests for the GUI thread (pausing while rows are still fetched doubled the time).
    for source, hour, seconds, actor in connection.execute(_responses(start, end, tz)).all():
        pause()
        by_source[source].append(seconds)
        by_hour[hour].append(seconds)
        if actor is not None:
            by_csr[actor].append(seconds)
        every.append(seconds)
    return SpeedToLead(
        overall=SpeedFigures(**_speed_figures(every)),
        by_source=tuple(SourceSpeed(source=k, **_speed_figures(v)) for k, v in sorted(by_source.items())),
        by_hour=tuple(HourSpeed(hour=k, **_speed_figures(v)) for k, v in sorted(by_hour.items())),
        by_csr=tuple(CsrSpeed(csr=k, **_speed_figures(v)) for k, v in sorted(by_csr.items())),
        histogram=_histogram(every),
    )


# -- dismissed bookings -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DismissedBooking:
    id: int
    created_on: datetime
    source: str
    name: str
    reason_id: int | None
    reason_name: str | None
    captured_as_lead: bool
    dismissed_by: str | None  # the journal's actor; None when dismissed outside this console
    dismissed_at: datetime | None  # likewise


#: `DismissedFilter.dismissed_by` for the bookings the journal does not know (dismissed elsewhere).
OUTSIDE_CONSOLE = ""


@dataclass(frozen=True, slots=True)
class DismissedFilter:
    """Which of a period's dismissed bookings a supervisor looks at; None: any. Applied to the rows
    already read (a year's are a few tens of thousands), so changing it answers at once."""

    source: str | None = None
    reason_id: int | None = None
    dismissed_by: str | None = None  # an actor, or OUTSIDE_CONSOLE

    def apply(self, rows: Iterable[DismissedBooking]) -> list[DismissedBooking]:
        who = None if self.dismissed_by == OUTSIDE_CONSOLE else self.dismissed_by
        return [
            row
            for row in rows
            if (self.source is None or row.source == self.source)
            and (self.reason_id is None or row.reason_id == self.reason_id)
            and (self.dismissed_by is None or row.dismissed_by == who)
        ]


def dismissed_bookings(connection: Connection, start: datetime, end: datetime) -> list[DismissedBooking]:
    """The period's dismissed bookings, newest first, with the reason and who dismissed each."""
    j = journal.c
    dismissals = (
        select(
            j.target_id,
            j.actor,
            j.at,
            func.row_number()
            .over(partition_by=j.target_id, order_by=(j.at.desc(), j.id.desc()))
            .label("rank"),
        )
        .where(
            j.target_kind == "booking", j.result == "done", j.action.in_(DISMISSING_ACTIONS), j.at >= start
        )
        .subquery()
    )
    latest = select(dismissals).where(dismissals.c.rank == 1).subquery()
    b = booking.c
    statement = (
        select(
            b.id,
            b.created_on,
            b.source,
            b.name,
            b.dismissing_reason_id,
            call_reason.c.name.label("reason_name"),
            _captured_as_lead().label("captured_as_lead"),
            latest.c.actor,
            latest.c.at,
        )
        .outerjoin(call_reason, call_reason.c.id == b.dismissing_reason_id)
        .outerjoin(latest, latest.c.target_id == b.id)
        .where(_received(start, end), b.status == BookingStatus.DISMISSED.value)
        .order_by(b.created_on.desc(), b.id.desc())
    )
    return [
        DismissedBooking(
            id=row.id,
            created_on=row.created_on,
            source=row.source,
            name=row.name,
            reason_id=row.dismissing_reason_id,
            reason_name=row.reason_name,
            captured_as_lead=bool(row.captured_as_lead),
            dismissed_by=row.actor,
            dismissed_at=row.at,
        )
        for row in connection.execute(statement)
    ]
