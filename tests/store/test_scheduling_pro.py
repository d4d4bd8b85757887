"""Scheduling Pro queries on a real cache: the schedulers with their sessions of a period counted by
outcome, and the sessions themselves. Each session below states its outcome as the test reads it; the
counts are worked out from that table, not by the query's own rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.scheduling_pro import (
    SchedulerSummary,
    SessionOutcome,
    scheduler_summaries,
    sessions,
)
from tests.store import cache_rows as r

START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 8, tzinfo=UTC)
DEFAULT, OTHER, IDLE = "b3fa7aa7-0000-0000-0000-000000000001", "5fec898f-0000-0000-0000-000000000002", "idle"

COMPLETED, ABANDONED, UNFINISHED = (
    SessionOutcome.COMPLETED,
    SessionOutcome.ABANDONED,
    SessionOutcome.UNFINISHED,
)
# (id, scheduler, created, sessionOutcome, lastStep, the outcome this test expects; None: outside the period)
SESSIONS: list[tuple[str, str, datetime, str | None, str | None, SessionOutcome | None]] = [
    ("s1", DEFAULT, START, "Job Booked", "Booked", COMPLETED),  # the start is in
    ("s2", DEFAULT, START + timedelta(days=1), "Abandoned", "Customer", ABANDONED),
    ("s3", DEFAULT, START + timedelta(days=2), "  abandoned: no timeslot", "Schedule", ABANDONED),
    ("s4", DEFAULT, START + timedelta(days=3), None, "Booked", COMPLETED),  # booked, no outcome written
    ("s5", DEFAULT, START + timedelta(days=3, hours=1), None, "Issue", UNFINISHED),
    ("s6", DEFAULT, START + timedelta(days=4), "   ", None, UNFINISHED),  # blank is no outcome
    ("s7", OTHER, START + timedelta(days=5), "Booking Request Submitted", "Details", COMPLETED),
    ("s8", OTHER, START + timedelta(days=6), "Session ABANDONED", "Opened", ABANDONED),
    ("s9", DEFAULT, END, "Job Booked", "Booked", None),  # the end is out
    ("s10", OTHER, START - timedelta(seconds=1), "Abandoned", "Zipcode", None),
]


def _scheduler(id: str, name: str, is_default: bool) -> dict[str, Any]:
    return {
        "id": id,
        "name": name,
        "company_name": "Bluebonnet",
        "status": "Active",
        "is_default": is_default,
        "created_on": r.T0,
        "modified_on": r.T0,
        "active": True,
    }


def _session(
    id: str, scheduler_id: str, created: datetime, outcome: str | None, step: str | None, **fields: Any
) -> dict[str, Any]:
    return {
        "id": id,
        "scheduler_id": scheduler_id,
        "session_outcome": outcome,
        "last_step": step,
        "created_on": created,
        "modified_on": created,
        "active": True,
        **fields,
    }


@pytest.fixture
def cache_with_sessions(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(
            c,
            schema.scheduler,
            _scheduler(OTHER, "Google Business Profile", False),
            _scheduler(DEFAULT, "Website scheduler", True),
            _scheduler(IDLE, "Anniversary promo", False),
        )
        for id, scheduler_id, created, outcome, step, _ in SESSIONS:
            r.insert(c, schema.scheduler_session, _session(id, scheduler_id, created, outcome, step))
        # Deleted on the server: never counted.
        deleted = _session("gone", DEFAULT, START + timedelta(hours=5), "Job Booked", "Booked", active=False)
        r.insert(c, schema.scheduler_session, deleted)
    return cache


def _expected(scheduler_id: str) -> tuple[int, int, int]:
    mine = [outcome for _, s, _, _, _, outcome in SESSIONS if s == scheduler_id and outcome is not None]
    return len(mine), mine.count(COMPLETED), mine.count(ABANDONED)


def test_schedulers_default_first_then_by_name_with_their_sessions_counted(
    cache_with_sessions: Engine,
) -> None:
    with cache_with_sessions.connect() as c:
        found = scheduler_summaries(c, START, END)
    assert [s.id for s in found] == [DEFAULT, IDLE, OTHER]  # Anniversary < Google
    for summary in found:
        assert (summary.sessions, summary.completed, summary.abandoned) == _expected(summary.id)
    default = found[0]
    assert default == SchedulerSummary(
        DEFAULT, "Website scheduler", "Bluebonnet", "Active", True, sessions=6, completed=2, abandoned=2
    )
    assert default.unfinished == 2
    assert found[1].sessions == 0 and found[1].unfinished == 0


def test_sessions_of_one_scheduler_newest_first_with_their_outcomes(cache_with_sessions: Engine) -> None:
    with cache_with_sessions.connect() as c:
        default = sessions(c, START, END, DEFAULT)
        every = sessions(c, START, END)
    in_period = [row for row in SESSIONS if row[5] is not None]
    expected = sorted((row for row in in_period if row[1] == DEFAULT), key=lambda row: row[2], reverse=True)
    assert [(s.id, s.outcome, s.session_outcome, s.last_step) for s in default] == [
        (id, outcome, said, step) for id, _, _, said, step, outcome in expected
    ]
    assert {s.id for s in every} == {row[0] for row in in_period}
    assert [s.created_on for s in every] == sorted((s.created_on for s in every), reverse=True)


def test_a_session_names_its_visitor_what_it_became_and_where_it_came_from(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.scheduler, _scheduler(DEFAULT, "Website scheduler", True))
        r.insert(c, schema.job, r.job(41, job_number="J-41"))
        tracking = {
            "utm_source": "google",
            "utm_medium": "cpc",
            "utm_campaign": "Spring AC",
            "landing_page_url": "https://example.com/ac",
            "campaign_id": "7",
        }
        customer = {"first_name": "Ana", "last_name": "Lefèvre", "is_new_customer": True}
        booked = _session(
            "a", DEFAULT, START, "Job Booked", "Booked",
            job_id=41, campaign_name="Google Ads", source_tracking=tracking, customer=customer,
        )  # fmt: skip
        early = _session(
            "b", DEFAULT, START + timedelta(hours=1), "Abandoned", "Zipcode",
            customer={"address": {"zip": "75067"}}, source_tracking=None, booking_id=None,
        )  # fmt: skip
        sent_on = _session(
            "c", DEFAULT, START + timedelta(hours=2), "Abandoned", "Details",
            job_id=99, booking_id=512, lead_id=None, customer={"first_name": "Bo"},
            source_tracking={"utm_source": ""},
        )  # fmt: skip
        r.insert(c, schema.scheduler_session, booked, early, sent_on)
    with cache.connect() as c:
        c_row, b_row, a_row = sessions(c, START, END, DEFAULT)
    assert (a_row.customer_name, a_row.job_id, a_row.job_number, a_row.campaign_name) == (
        "Ana Lefèvre",
        41,
        "J-41",
        "Google Ads",
    )
    assert (a_row.utm_source, a_row.utm_medium, a_row.utm_campaign, a_row.landing_page_url) == (
        "google",
        "cpc",
        "Spring AC",
        "https://example.com/ac",
    )
    assert b_row.customer_name is None and b_row.utm_source is None and b_row.campaign_name is None
    # A job the cache does not hold has no number; an empty UTM tag is no tag.
    assert (c_row.customer_name, c_row.job_id, c_row.job_number, c_row.booking_id) == ("Bo", 99, None, 512)
    assert c_row.utm_source is None
