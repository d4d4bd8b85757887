"""The booking detail pane's query: reference names, job, dismiss reason, session, lag, outbox actions."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.address import AddressParts
from csr_console.store.queries.booking_detail import BookingContactEntry, booking_detail
from tests.store import cache_rows as r
from tests.store.cache_rows import T0


def session(id: str, booking_id: int | None, created_on: object, **fields: object) -> dict[str, object]:
    return {
        "id": id,
        "scheduler_id": "sch-1",
        "booking_id": booking_id,
        "customer": {"first_name": "Jane", "phone": "2125550142"},
        "created_on": created_on,
        "modified_on": created_on,
        "active": True,
        **fields,
    }


def test_detail_joins_names_contacts_job_session_and_actions(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.campaign, r.named(5, "Spring Promo"))
        r.insert(c, schema.business_unit, r.named(6, "HVAC Service"))
        r.insert(c, schema.job_type, r.job_type(7, "AC Repair"))
        r.insert(c, schema.booking_provider_tag, r.provider_tag(3, "Angi Leads"))
        r.insert(c, schema.job, r.job(70, job_number="J-70", job_status="Completed"))
        r.insert(
            c,
            schema.booking,
            r.booking(
                1,
                status="Converted",
                booking_provider_id=3,
                campaign_id=5,
                business_unit_id=6,
                job_type_id=7,
                job_id=70,
                street="12 Main St",
                unit="2B",
                city="Springfield",
                state="IL",
                zip="62704",
                country="USA",
                summary="AC is blowing warm air\nSystem age: 12 years",
                uploaded_images=["https://img.example/1.jpg"],
                received_at=T0 + timedelta(seconds=42),
                lag_ms=42_000,
            ),
        )
        r.insert(
            c,
            schema.booking_contact,
            r.booking_contact(12, 1, "Email", "jane@example.com"),
            r.booking_contact(11, 1, "Phone", "(212) 555-0142"),
        )
        r.insert(c, schema.scheduler, {**r.named(0, "Main site"), "id": "sch-1"})
        r.insert(
            c,
            schema.scheduler_session,
            session("s-old", 1, T0 - timedelta(hours=2), last_step="zipcode"),
            session(
                "s-new",
                1,
                T0 - timedelta(minutes=5),
                last_step="details",
                session_outcome="abandoned",
                customer_responses=["No cooling", "Upstairs unit"],
                source_tracking={"utm_source": "google", "utm_medium": "cpc"},
            ),
            session("s-other", 2, T0),
        )
        r.insert(
            c,
            schema.outbox_action,
            r.action("old", 1, "done", created_at=T0, finished_at=T0 + timedelta(seconds=3)),
            r.action("new", 1, "conflict", created_at=T0 + timedelta(minutes=1), message="already converted"),
        )
    with cache.connect() as c:
        detail = booking_detail(c, 1)
    assert detail is not None
    assert (
        detail.provider_tag_name,
        detail.campaign_name,
        detail.business_unit_name,
        detail.job_type_name,
    ) == (
        "Angi Leads",
        "Spring Promo",
        "HVAC Service",
        "AC Repair",
    )
    assert (detail.job_id, detail.job_number, detail.job_status) == (70, "J-70", "Completed")
    assert detail.address == AddressParts("12 Main St", "2B", "Springfield", "IL", "62704", "USA")
    assert detail.summary == "AC is blowing warm air\nSystem age: 12 years"
    assert detail.uploaded_images == ("https://img.example/1.jpg",)
    assert (detail.received_at, detail.lag_ms) == (T0 + timedelta(seconds=42), 42_000)
    assert detail.contacts == (
        BookingContactEntry(11, "Phone", "(212) 555-0142", None),
        BookingContactEntry(12, "Email", "jane@example.com", None),
    )
    assert detail.session is not None
    assert (detail.session.id, detail.session.scheduler_name, detail.session.last_step) == (
        "s-new",
        "Main site",
        "details",
    )
    assert detail.session.customer_responses == ("No cooling", "Upstairs unit")
    assert detail.session.source_tracking == {"utm_source": "google", "utm_medium": "cpc"}
    assert detail.session.customer == {"first_name": "Jane", "phone": "2125550142"}
    assert [(a.id, a.state, a.message) for a in detail.actions] == [
        ("new", "conflict", "already converted"),
        ("old", "done", None),
    ]
    assert detail.actions[1].finished_at == T0 + timedelta(seconds=3)
    assert detail.dismissing_reason_name is None


def test_dismissed_booking_names_its_reason_and_tolerates_missing_references(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.call_reason, r.call_reason(9, "Out of service area"))
        r.insert(
            c,
            schema.booking,
            r.booking(2, status="Dismissed", dismissing_reason_id=9, campaign_id=404, job_type_id=None),
            r.booking(3, active=False),
        )
    with cache.connect() as c:
        detail = booking_detail(c, 2)
        assert booking_detail(c, 3) is None, "deleted on the server"
        assert booking_detail(c, 999) is None
    assert detail is not None
    assert (detail.dismissing_reason_id, detail.dismissing_reason_name) == (9, "Out of service area")
    assert (detail.campaign_id, detail.campaign_name) == (404, None), "reference not synced yet"
    assert detail.contacts == () and detail.session is None and detail.actions == ()
    assert detail.address == AddressParts(None, None, None, None, None, None)
    assert detail.uploaded_images == () and detail.job_number is None
