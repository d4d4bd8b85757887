"""Open leads grouped by the CSR's local day, their filters and search, and the lead detail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.address import AddressParts
from csr_console.store.queries.leads import (
    DueLeads,
    LeadFilter,
    LeadGroup,
    due_lead_rows_by_ids,
    due_leads,
    lead_detail,
)
from tests.store import cache_rows as r
from tests.store.cache_rows import T0

NEW_YORK = ZoneInfo("America/New_York")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def groups(due: DueLeads) -> dict[str, list[int]]:
    return {
        "overdue": [row.id for row in due.overdue],
        "today": [row.id for row in due.today],
        "upcoming": [row.id for row in due.upcoming],
        "no_date": [row.id for row in due.no_date],
    }


def test_groups_follow_the_local_day_not_the_utc_day(cache: Engine) -> None:
    # 23:30 on Friday 20 November in New York is already Saturday 04:30 in UTC.
    now = utc(2026, 11, 21, 4, 30)
    with cache.begin() as c:
        r.insert(
            c,
            schema.lead,
            r.lead(1, follow_up_date=utc(2026, 11, 20, 4, 59)),  # Thu 23:59 local: overdue
            r.lead(2, follow_up_date=utc(2026, 11, 20, 5, 0)),  # Fri 00:00 local: today
            r.lead(3, follow_up_date=utc(2026, 11, 21, 4, 0)),  # Fri 23:00, a UTC "today" too
            r.lead(4, follow_up_date=utc(2026, 11, 21, 5, 0)),  # Sat 00:00 local: upcoming
            r.lead(5, follow_up_date=utc(2026, 12, 1)),
            r.lead(6, follow_up_date=None, created_on=T0),
            r.lead(7, follow_up_date=None, created_on=T0 + timedelta(hours=1)),  # newer first
            r.lead(8, follow_up_date=utc(2026, 11, 1)),
            r.lead(9, status="Dismissed", follow_up_date=utc(2026, 11, 1)),
            r.lead(10, status="Converted"),
            r.lead(11, active=False),
        )
    with cache.connect() as c:
        due = due_leads(c, now, NEW_YORK)
        in_utc = due_leads(c, now, UTC)
    assert groups(due) == {"overdue": [8, 1], "today": [2, 3], "upcoming": [4, 5], "no_date": [7, 6]}
    assert groups(in_utc) == {"overdue": [8, 1, 2], "today": [3, 4], "upcoming": [5], "no_date": [7, 6]}
    assert {row.group for row in due.today} == {LeadGroup.TODAY}


def test_the_local_day_is_23_hours_when_clocks_go_forward(cache: Engine) -> None:
    # Sunday 8 March 2026 in New York runs from 05:00 UTC to 04:00 UTC the next day.
    now = utc(2026, 3, 9, 3, 30)  # 23:30 EDT
    with cache.begin() as c:
        r.insert(
            c,
            schema.lead,
            r.lead(1, follow_up_date=utc(2026, 3, 8, 4, 59)),
            r.lead(2, follow_up_date=utc(2026, 3, 8, 5, 0)),
            r.lead(3, follow_up_date=utc(2026, 3, 9, 3, 59)),
            r.lead(4, follow_up_date=utc(2026, 3, 9, 4, 0)),
        )
    with cache.connect() as c:
        assert groups(due_leads(c, now, NEW_YORK)) == {
            "overdue": [1],
            "today": [2, 3],
            "upcoming": [4],
            "no_date": [],
        }


@pytest.fixture
def leads(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(c, schema.campaign, r.named(5, "Radio"))
        r.insert(c, schema.customer, r.customer(100, "Maria Garcia"))
        r.insert(
            c,
            schema.contact,
            r.contact("customer", 1, 100, "MobilePhone", "(917) 555-0111"),
            r.contact("customer", 2, 100, "Email", "maria@example.net"),
        )
        r.insert(c, schema.booking, r.booking(50, source="Thumbtack"), r.booking(51, source="Angi"))
        r.insert(c, schema.booking_contact, r.booking_contact(1, 51, "Email", "tom@booking.example"))
        r.insert(
            c,
            schema.lead,
            r.lead(
                1,
                lead_customer_name="Pat Lee",
                lead_phone="+1 (212) 555-0142",
                lead_email="Pat@Example.com",
                campaign_id=5,
                business_unit_id=6,
                booking_id=50,
            ),
            r.lead(2, customer_id=100, campaign_id=5, business_unit_id=7),
            r.lead(3, lead_customer_name="Tom Booker", booking_id=51, business_unit_id=6),
        )
    return cache


def found(db: Engine, **filters: object) -> list[int]:
    with db.connect() as c:
        due = due_leads(c, T0, UTC, LeadFilter(**filters))  # type: ignore[arg-type]
    return sorted(row.id for row in due.no_date)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [1, 2, 3]),
        ({"campaign_id": 5}, [1, 2]),
        ({"business_unit_id": 6}, [1, 3]),
        ({"source": "Thumbtack"}, [1]),
        ({"without_customer": True}, [1, 3]),
        ({"search": "pat"}, [1]),  # name entered on the lead
        ({"search": "GARCIA"}, [2]),  # the customer's name
        ({"search": "555-0142"}, [1]),  # the lead's phone, by digits
        ({"search": "917 555 0111"}, [2]),  # the customer's phone
        ({"search": "pat@example"}, [1]),  # the lead's email, any case
        ({"search": "maria@"}, [2]),  # the customer's email
        ({"search": "tom@booking"}, [3]),  # the email of the booking it was captured from
        ({"search": "555"}, [1, 2]),
        ({"search": "Radio"}, []),
        ({"campaign_id": 5, "without_customer": True, "search": "pat"}, [1]),
    ],
)
def test_filters_and_search(leads: Engine, filters: dict[str, object], expected: list[int]) -> None:
    assert found(leads, **filters) == expected


def test_row_names_campaign_customer_and_source(leads: Engine) -> None:
    with leads.connect() as c:
        rows = {row.id: row for row in due_leads(c, T0, UTC).no_date}
    assert (rows[1].name, rows[1].phone, rows[1].campaign_name, rows[1].source) == (
        "Pat Lee",
        "+1 (212) 555-0142",
        "Radio",
        "Thumbtack",
    )
    assert (rows[2].name, rows[2].customer_id, rows[2].source) == ("Maria Garcia", 100, None)


def test_rows_by_ids_and_badges(leads: Engine) -> None:
    with leads.begin() as c:
        r.insert(
            c,
            schema.outbox_action,
            r.action(
                "f", 2, "failed", target_kind="lead", kind="follow_up_lead", message="lead is Dismissed"
            ),
            r.action("b", 3, "failed", target_kind="booking"),
        )
    with leads.connect() as c:
        rows = due_lead_rows_by_ids(c, [2, 3, 404], T0, UTC, LeadFilter(business_unit_id=7))
    assert [row.id for row in rows] == [2]
    assert rows[0].badge is not None and (rows[0].badge.state, rows[0].badge.message) == (
        "failed",
        "lead is Dismissed",
    )


def test_lead_detail_joins_its_references(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.campaign, r.named(5, "Radio"))
        r.insert(c, schema.business_unit, r.named(6, "Plumbing"))
        r.insert(c, schema.job_type, r.job_type(7, "Drain Cleaning"))
        r.insert(
            c, schema.call_reason, r.call_reason(8, "Price shopping", is_lead=True), r.call_reason(9, "Spam")
        )
        r.insert(c, schema.customer, r.customer(100, "Maria Garcia"))
        r.insert(c, schema.location, r.location(200, 100, street="4 Elm St", city="Austin", zip="73301"))
        r.insert(c, schema.booking, r.booking(50, source="Angi"))
        r.insert(
            c,
            schema.lead,
            r.lead(
                1,
                status="Dismissed",
                campaign_id=5,
                business_unit_id=6,
                job_type_id=7,
                call_reason_id=8,
                dismissing_reason_id=9,
                customer_id=100,
                location_id=200,
                booking_id=50,
                lead_customer_name="Maria G.",
                lead_street="4 Elm Street",
                lead_zip="73301",
                follow_up_date=T0,
            ),
            r.lead(2),
        )
        r.insert(c, schema.outbox_action, r.action("d", 1, "done", target_kind="lead", kind="dismiss_lead"))
    with cache.connect() as c:
        detail = lead_detail(c, 1)
        bare = lead_detail(c, 2)
        assert lead_detail(c, 3) is None
    assert detail is not None and bare is not None
    assert (detail.campaign_name, detail.business_unit_name, detail.job_type_name) == (
        "Radio",
        "Plumbing",
        "Drain Cleaning",
    )
    assert (detail.call_reason_name, detail.dismissing_reason_name) == ("Price shopping", "Spam")
    assert (detail.customer_name, detail.name, detail.booking_source) == ("Maria Garcia", "Maria G.", "Angi")
    assert detail.address == AddressParts("4 Elm Street", None, None, None, "73301", None)
    assert detail.location_address == AddressParts("4 Elm St", None, "Austin", None, "73301", None)
    assert [a.id for a in detail.actions] == ["d"]
    assert bare.location_address is None and bare.customer_name is None and bare.actions == ()
