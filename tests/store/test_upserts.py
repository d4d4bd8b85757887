"""Bulk upserts: new rows in, newer copies win, older or equal copies change nothing (and say so)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from csr_console.api.models.crm import Booking, BookingContact
from csr_console.store import database, schema
from csr_console.store.rows import booking_contact_row, booking_row
from csr_console.store.upserts import replace_booking_contacts, upsert

CREATED = datetime(2026, 11, 21, 10, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Engine]:
    engine = database.open_cache(tmp_path / "cache.db")
    yield engine
    engine.dispose()


def booking(booking_id: int, modified: datetime, **fields: object) -> Booking:
    raw = {
        "id": booking_id,
        "source": "Angi",
        "createdOn": "2026-11-21T10:00:00.1234567Z",
        "name": fields.pop("name", f"Customer {booking_id}"),
        "start": "0001-01-01T00:00:00Z",
        "status": fields.pop("status", "New"),
        "externalId": None,
        "bookingProviderId": 3,
        "modifiedOn": modified.isoformat(),
        "address": {"street": "1 Main St", "city": None, "state": "TX", "zip": "75001", "country": "USA"},
        **fields,
    }
    return Booking.model_validate(raw)


def store(db: Engine, *models: Booking, at: datetime = CREATED) -> list[object]:
    with db.begin() as connection:
        return upsert(connection, schema.booking, [booking_row(m, at) for m in models])


def stored(db: Engine, booking_id: int) -> dict[str, object]:
    with db.connect() as connection:
        row = connection.execute(select(schema.booking).where(schema.booking.c.id == booking_id)).one()
    return dict(row._mapping)


def test_insert_reports_every_new_id_and_keeps_null_address_parts(db: Engine) -> None:
    assert sorted(store(db, booking(1, CREATED), booking(2, CREATED))) == [1, 2]  # type: ignore[type-var]
    row = stored(db, 1)
    assert row["city"] is None and row["zip"] == "75001"
    assert row["start"] is None, "year 1 means no preferred time"
    assert row["created_on"] == CREATED


def test_newer_copy_wins_older_and_equal_copies_change_nothing(db: Engine) -> None:
    store(db, booking(1, CREATED))
    later = CREATED + timedelta(minutes=3)
    assert store(db, booking(1, later, status="Dismissed")) == [1]
    assert store(db, booking(1, later, status="Dismissed")) == [], "the overlap of a poll is not a change"
    assert store(db, booking(1, CREATED, status="New")) == [], "an out-of-order older page loses"
    row = stored(db, 1)
    assert row["status"] == "Dismissed" and row["modified_on"] == later


def test_sub_microsecond_differences_from_seven_digit_stamps_do_not_flap(db: Engine) -> None:
    first = booking(1, CREATED)
    store(db, first)
    again = Booking.model_validate(
        {**first.model_dump(by_alias=True, mode="json"), "modifiedOn": "2026-11-21T10:00:00.1234569Z"}
    )
    assert store(db, again) == []


def test_delivery_lag_is_set_once_when_first_stored(db: Engine) -> None:
    store(db, booking(1, CREATED), at=CREATED + timedelta(seconds=2))
    store(db, booking(1, CREATED + timedelta(minutes=1), name="Renamed"), at=CREATED + timedelta(hours=1))
    row = stored(db, 1)
    assert row["name"] == "Renamed"
    assert row["lag_ms"] == 2000
    assert row["received_at"] == CREATED + timedelta(seconds=2)


def contact(contact_id: int, value: str, kind: str = "MobilePhone") -> BookingContact:
    return BookingContact.model_validate(
        {"id": contact_id, "type": kind, "value": value, "memo": None, "modifiedOn": "2026-11-21T10:00:00Z"}
    )


def test_booking_contacts_are_replaced_as_a_set(db: Engine) -> None:
    store(db, booking(1, CREATED))
    fetched = CREATED + timedelta(seconds=5)
    rows = [
        booking_contact_row(contact(10, "+1 (212) 555-0142 ext. 7"), 1),
        booking_contact_row(contact(11, "A@B.com ", "Email"), 1),
    ]
    with db.begin() as connection:
        assert replace_booking_contacts(connection, 1, rows, fetched) is True
        assert replace_booking_contacts(connection, 1, rows, fetched) is False
        normalized = (
            connection.execute(
                select(schema.booking_contact.c.normalized).order_by(schema.booking_contact.c.id)
            )
            .scalars()
            .all()
        )
        assert normalized == ["2125550142", "a@b.com"]
        assert replace_booking_contacts(connection, 1, rows[1:], fetched) is True
        remaining = connection.execute(select(schema.booking_contact.c.id)).scalars().all()
        assert remaining == [11]
    assert stored(db, 1)["contacts_synced_at"] == fetched
