"""Scheduling Pro in the cache, for the supervisors' report: the schedulers with how their sessions of a
period [start, end) in UTC ended, and the sessions themselves, with where each stopped, what it became
and where its visitor came from.

`sessionOutcome` is free text (API-NOTES.md), so a session's outcome is read from it loosely: one that
mentions "abandon" was abandoned; any other outcome, or a session that reached the Booked step,
completed; a session with neither is still unfinished (the visitor may come back).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, Text, and_, case, cast, func, or_, select

from csr_console.domain.words import translatable
from csr_console.gil import pause
from csr_console.store.queries.report_tables import Column, Kind, ReportTable, stacked
from csr_console.store.schema import job, scheduler, scheduler_session

#: The last milestone of a session that booked (the performance endpoint's `booked`).
BOOKED_STEP = "Booked"


class SessionOutcome(StrEnum):
    COMPLETED = "Completed"
    ABANDONED = "Abandoned"
    UNFINISHED = "Unfinished"


def _outcome() -> ColumnElement[str]:
    s = scheduler_session.c
    said = func.trim(func.coalesce(s.session_outcome, ""))
    return case(
        (func.lower(said).contains("abandon"), SessionOutcome.ABANDONED.value),
        (or_(said != "", s.last_step == BOOKED_STEP), SessionOutcome.COMPLETED.value),
        else_=SessionOutcome.UNFINISHED.value,
    )


def _created_in(start: datetime, end: datetime) -> ColumnElement[bool]:
    s = scheduler_session.c
    return and_(s.created_on >= start, s.created_on < end, s.active)


# -- schedulers -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SchedulerSummary:
    id: str
    name: str
    company_name: str | None
    status: str | None
    is_default: bool
    sessions: int  # created in the period
    completed: int
    abandoned: int

    @property
    def unfinished(self) -> int:
        return self.sessions - self.completed - self.abandoned


def scheduler_summaries(connection: Connection, start: datetime, end: datetime) -> list[SchedulerSummary]:
    """Every scheduler in the cache, the default first then by name, with its sessions of the period
    counted by outcome (a scheduler without any has zeros)."""
    c, s = scheduler.c, scheduler_session.c
    outcome = _outcome()
    statement = (
        select(
            c.id,
            c.name,
            c.company_name,
            c.status,
            c.is_default,
            func.count(s.id).label("sessions"),
            func.coalesce(func.sum(case((outcome == SessionOutcome.COMPLETED.value, 1))), 0).label(
                "completed"
            ),
            func.coalesce(func.sum(case((outcome == SessionOutcome.ABANDONED.value, 1))), 0).label(
                "abandoned"
            ),
        )
        .select_from(scheduler)
        .outerjoin(scheduler_session, and_(s.scheduler_id == c.id, _created_in(start, end)))
        .where(c.active)
        .group_by(c.id)
        .order_by(func.coalesce(c.is_default, False).desc(), func.lower(c.name), c.id)
    )
    return [
        SchedulerSummary(
            id=row.id,
            name=row.name,
            company_name=row.company_name,
            status=row.status,
            is_default=bool(row.is_default),
            sessions=row.sessions,
            completed=row.completed,
            abandoned=row.abandoned,
        )
        for row in connection.execute(statement)
    ]


# -- sessions ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SessionRow:
    id: str
    scheduler_id: str
    created_on: datetime
    outcome: SessionOutcome
    session_outcome: str | None  # as the server wrote it
    last_step: str | None  # None: loaded but never opened
    customer_name: str | None  # as the visitor typed it; None before the Customer step
    job_id: int | None
    job_number: str | None  # None also when the job is not in the cache
    booking_id: int | None
    lead_id: int | None
    # Attribution: the campaign the session is credited to, and the visitor's UTM tags.
    campaign_name: str | None
    utm_source: str | None
    utm_medium: str | None
    utm_campaign: str | None
    landing_page_url: str | None


def _json_text(column: ColumnElement[Any], key: str) -> ColumnElement[str | None]:
    """One field of a JSON column as text, None when absent or empty, read by SQLite: decoding whole
    documents in Python took three times as long. Stored with the models' field names (store.rows)."""
    return func.nullif(cast(func.json_extract(column, f"$.{key}"), Text), "")


def _customer_name() -> ColumnElement[str | None]:
    customer = scheduler_session.c.customer
    first = func.coalesce(_json_text(customer, "first_name"), "")
    last = func.coalesce(_json_text(customer, "last_name"), "")
    return func.nullif(func.trim(first.concat(" ").concat(last)), "")


def sessions(
    connection: Connection, start: datetime, end: datetime, scheduler_id: str | None = None
) -> list[SessionRow]:
    """The sessions created in the period, of one scheduler (None: of every scheduler), newest first."""
    s = scheduler_session.c
    conditions = [_created_in(start, end)]
    if scheduler_id is not None:
        conditions.append(s.scheduler_id == scheduler_id)
    statement = (
        select(  # in SessionRow's order
            s.id,
            s.scheduler_id,
            s.created_on,
            _outcome(),
            s.session_outcome,
            s.last_step,
            _customer_name(),
            s.job_id,
            job.c.job_number,
            s.booking_id,
            s.lead_id,
            s.campaign_name,
            _json_text(s.source_tracking, "utm_source"),
            _json_text(s.source_tracking, "utm_medium"),
            _json_text(s.source_tracking, "utm_campaign"),
            _json_text(s.source_tracking, "landing_page_url"),
        )
        .outerjoin(job, job.c.id == s.job_id)
        .where(*conditions)
        .order_by(s.created_on.desc(), s.id)
    )
    rows = []
    # Unpacked, not read by name: at 30,000 sessions the Row's named access alone took 200 ms.
    for session_id, of, created_on, outcome, *rest in connection.execute(statement):
        pause()  # a year of sessions is tens of thousands of rows
        rows.append(SessionRow(session_id, of, created_on, SessionOutcome(outcome), *rest))
    return rows


# -- as report tables (shown and exported alike) ----------------------------------------------------
SCHEDULER_COLUMNS = (
    Column(translatable("ReportColumns", "Scheduler")),
    Column(translatable("ReportColumns", "Status")),
    Column(translatable("ReportColumns", "Default"), Kind.FLAG),
    Column(translatable("ReportColumns", "Sessions"), Kind.COUNT),
    Column(translatable("ReportColumns", "Completed"), Kind.COUNT),
    Column(translatable("ReportColumns", "Abandoned"), Kind.COUNT),
    Column(translatable("ReportColumns", "Unfinished"), Kind.COUNT),
    Column(translatable("ReportColumns", "ID")),
)
SESSION_COLUMNS = (
    Column(translatable("ReportColumns", "Started"), Kind.TIME),
    Column(translatable("ReportColumns", "Customer")),
    Column(translatable("ReportColumns", "Outcome")),
    Column(translatable("ReportColumns", "Outcome as sent")),
    Column(translatable("ReportColumns", "Last step")),
    Column(translatable("ReportColumns", "Job"), Kind.ID),
    Column(translatable("ReportColumns", "Job number")),
    Column(translatable("ReportColumns", "Booking"), Kind.ID),
    Column(translatable("ReportColumns", "Lead"), Kind.ID),
    Column(translatable("ReportColumns", "Campaign")),
    Column(translatable("ReportColumns", "UTM source")),
    Column(translatable("ReportColumns", "UTM medium")),
    Column(translatable("ReportColumns", "UTM campaign")),
    Column(translatable("ReportColumns", "Landing page")),
    Column(translatable("ReportColumns", "Session")),
)


def schedulers_table(summaries: Sequence[SchedulerSummary]) -> ReportTable:
    rows = tuple(
        (s.name, s.status, s.is_default, s.sessions, s.completed, s.abandoned, s.unfinished, s.id)
        for s in summaries
    )
    return ReportTable(SCHEDULER_COLUMNS, rows)


def sessions_table(rows: Sequence[SessionRow]) -> ReportTable:
    return ReportTable(
        SESSION_COLUMNS,
        tuple(
            (
                s.created_on,
                s.customer_name,
                s.outcome.value,
                s.session_outcome,
                s.last_step,
                s.job_id,
                s.job_number,
                s.booking_id,
                s.lead_id,
                s.campaign_name,
                s.utm_source,
                s.utm_medium,
                s.utm_campaign,
                s.landing_page_url,
                s.id,
            )
            for s in rows
        ),
    )


@dataclass(frozen=True, slots=True)
class SchedulingProTables:
    """The Scheduling Pro report's cache part, as its view shows it."""

    schedulers: ReportTable
    names: dict[str, str]  # scheduler id -> name, in the table's order
    sessions: dict[str, ReportTable]  # each scheduler's sessions, by scheduler id
    export: ReportTable | None  # every scheduler's sessions, one row each; None without schedulers


def scheduling_pro_tables(connection: Connection, start: datetime, end: datetime) -> SchedulingProTables:
    """What the report's view computes in its worker thread: the schedulers and every session of the
    period, as tables."""
    summaries = scheduler_summaries(connection, start, end)
    by_scheduler: dict[str, list[SessionRow]] = defaultdict(list)
    for row in sessions(connection, start, end):
        by_scheduler[row.scheduler_id].append(row)
    tables = {s.id: sessions_table(by_scheduler[s.id]) for s in summaries}
    parts = [(s.name, tables[s.id]) for s in summaries]
    return SchedulingProTables(
        schedulers=schedulers_table(summaries),
        names={s.id: s.name for s in summaries},
        sessions=tables,
        export=stacked(
            translatable("ReportColumns", "Scheduler"), translatable("ReportColumns", "Started"), parts
        )
        if parts
        else None,
    )
