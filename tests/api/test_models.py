"""Payload tolerance and strictness: timestamps, year-1 starts, unknown enums, PayloadError, quarantine."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx
import pytest

from csr_console.api import PayloadError, parse_items, parse_model
from csr_console.api.models.common import ExternalData, ExternalDataCreate
from csr_console.api.models.crm import (
    Address,
    Booking,
    BookingContactCreate,
    CreateBookingRequest,
    CreateCustomerRequest,
    Customer,
    Lead,
    NewAddress,
    NewLocation,
    UpdateBookingRequest,
)
from csr_console.api.models.jpm import AppointmentInformation, JobCreateRequest
from csr_console.api.models.scheduling_pro import SourceTracking
from csr_console.domain.enums import BookingStatus, ContactType, CustomerType, Priority

from .helpers import FakeServer, booking, make_client, page, run


def customer(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": 7,
        "active": True,
        "name": "Roe household",
        "type": None,
        "address": {
            "street": None,
            "unit": None,
            "city": "Austin",
            "state": None,
            "zip": None,
            "country": None,
        },
        "customFields": [],
        "balance": 0,
        "taxExempt": False,
        "tagTypeIds": [],
        "doNotMail": False,
        "doNotService": False,
        "nationalAccount": False,
        "createdOn": "2020-01-01T00:00:00Z",
        "createdById": 1,
        "modifiedOn": "2020-01-02T00:00:00.1234567Z",
        "mergedToId": None,
        "externalData": [],
        "someFieldFromTheFuture": {"x": 1},
    }
    doc.update(overrides)
    return doc


def test_seven_fractional_digits_parse_to_aware_utc() -> None:
    b = Booking.model_validate(booking())
    assert b.created_on == datetime(2021, 7, 19, 20, 35, 38, 287600, tzinfo=UTC)
    assert b.created_on.tzinfo is UTC


def test_offsets_and_naive_timestamps_become_utc() -> None:
    b = Booking.model_validate(
        booking(createdOn="2021-07-19T22:35:38+02:00", modifiedOn="2021-07-19T20:35:38")
    )
    assert b.created_on == datetime(2021, 7, 19, 20, 35, 38, tzinfo=UTC)
    assert b.modified_on.tzinfo is UTC


def test_year_one_start_means_no_preferred_time() -> None:
    assert Booking.model_validate(booking(start="0001-01-01T00:00:00Z")).start is None
    assert Booking.model_validate(booking(start="0001-01-01T00:00:00")).start is None
    assert Booking.model_validate(booking(start="2030-01-01T15:00:00Z")).start == datetime(
        2030, 1, 1, 15, tzinfo=UTC
    )


def test_unknown_enum_values_are_kept_as_strings() -> None:
    b = Booking.model_validate(booking(status="OnHold", priority="Critical", customerType="Government"))
    assert b.status == "OnHold" and not isinstance(b.status, BookingStatus)
    assert b.priority == "Critical"
    assert b.customer_type == "Government"
    known = Booking.model_validate(booking())
    assert known.status is BookingStatus.NEW
    assert known.priority is Priority.NORMAL
    assert known.customer_type is CustomerType.RESIDENTIAL


def test_null_address_parts_and_null_customer_type_are_tolerated() -> None:
    c = Customer.model_validate(customer())
    assert c.type is None
    assert c.address is not None and c.address.street is None and c.address.city == "Austin"
    b = Booking.model_validate(booking(address={"street": None, "city": None}, customerType=None))
    assert b.address == Address(street=None, city=None)


def test_unknown_fields_are_ignored() -> None:
    c = Customer.model_validate(customer())
    assert not hasattr(c, "some_field_from_the_future")


def test_malformed_record_raises_payload_error_naming_kind_id_and_field() -> None:
    raw = booking(id=555, createdOn="yesterday-ish")
    with pytest.raises(PayloadError) as info:
        parse_model(Booking, raw, "booking")
    error = info.value
    assert error.kind == "booking"
    assert error.record_id == 555
    assert error.field == "createdOn"
    assert "booking 555" in str(error) and "createdOn" in str(error)


def test_missing_required_field_path_is_nested() -> None:
    raw = customer(id=9, customFields=[{"name": "x"}])
    with pytest.raises(PayloadError) as info:
        parse_model(Customer, raw, "customer")
    assert info.value.field == "customFields[0].typeId"
    assert info.value.record_id == 9


def test_payload_error_is_not_a_validation_error() -> None:
    from pydantic import ValidationError

    with pytest.raises(PayloadError) as info:
        parse_model(Lead, {"id": 1}, "lead")
    assert not isinstance(info.value, ValidationError)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert len(info.value.problems) > 1


def test_parse_items_keeps_the_good_and_quarantines_the_bad() -> None:
    raws = [booking(id=1), booking(id=2, status=None), "garbage", booking(id=3)]
    good, bad = parse_items(Booking, raws, "booking")
    assert [b.id for b in good] == [1, 3]
    assert [r.raw for r in bad] == [raws[1], "garbage"]
    assert bad[0].error.record_id == 2 and bad[0].error.field == "status"
    assert bad[1].error.record_id is None


def test_list_is_strict_by_default_and_lenient_on_request() -> None:
    server = FakeServer(lambda r: httpx.Response(200, json=page([booking(id=1), booking(id=2, name=None)])))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(PayloadError) as info:
                await client.crm.bookings.list()
            assert info.value.record_id == 2 and info.value.field == "name"
            lenient = await client.crm.bookings.list(strict=False)
            assert [b.id for b in lenient.items] == [1]
            assert lenient.rejected[0].raw["id"] == 2

    run(scenario())


def test_malformed_envelope_and_non_json_body() -> None:
    answers = iter(
        [
            httpx.Response(200, json={"page": 1, "data": []}),
            httpx.Response(200, text="<html>maintenance</html>"),
            httpx.Response(200, json={"hasMore": False, "data": []}),
        ]
    )
    server = FakeServer(lambda r: next(answers))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(PayloadError, match="booking page") as info:
                await client.crm.bookings.list()
            assert info.value.field in {"pageSize", "hasMore"}
            with pytest.raises(PayloadError, match="non-JSON"):
                await client.crm.bookings.get(1)
            with pytest.raises(PayloadError, match="continueFrom"):
                await client.crm.bookings.export.fetch()

    run(scenario())


# -- request bodies ------------------------------------------------------------------------------------
def test_request_bodies_use_camel_case_and_drop_nulls() -> None:
    request = CreateBookingRequest(
        source="Angi",
        name="Jane",
        summary="Leak",
        is_first_time_client=True,
        external_id="op-1",
        contacts=[BookingContactCreate(type=ContactType.MOBILE_PHONE, value="5125550100")],
        start=datetime(2030, 1, 1, 15, 30, tzinfo=UTC),
    )
    assert request.to_body() == {
        "source": "Angi",
        "name": "Jane",
        "summary": "Leak",
        "isFirstTimeClient": True,
        "externalId": "op-1",
        "contacts": [{"type": "MobilePhone", "value": "5125550100"}],
        "start": "2030-01-01T15:30:00Z",
    }
    assert UpdateBookingRequest(summary="x").to_body() == {"summary": "x"}


def test_job_create_body() -> None:
    guid = UUID("12345678-1234-5678-1234-567812345678")
    request = JobCreateRequest(
        customer_id=1,
        location_id=2,
        business_unit_id=3,
        job_type_id=4,
        priority=Priority.HIGH,
        campaign_id=5,
        appointments=[
            AppointmentInformation(
                start=datetime(2030, 1, 1, 15, tzinfo=UTC),
                end=datetime(2030, 1, 1, 17, tzinfo=UTC),
                technician_ids=[9],
            )
        ],
        booking_id=77,
        external_data=ExternalDataCreate(
            application_guid=guid, external_data=[ExternalData(key="op", value="a1")]
        ),
    )
    assert request.to_body() == {
        "customerId": 1,
        "locationId": 2,
        "businessUnitId": 3,
        "jobTypeId": 4,
        "priority": "High",
        "campaignId": 5,
        "appointments": [
            {"start": "2030-01-01T15:00:00Z", "end": "2030-01-01T17:00:00Z", "technicianIds": [9]}
        ],
        "bookingId": 77,
        "externalData": {"applicationGuid": str(guid), "externalData": [{"key": "op", "value": "a1"}]},
    }


def test_customer_create_with_locations_and_contacts() -> None:
    address = NewAddress(street="1 Main", city="Austin", state="TX", zip="78701", country="USA")
    request = CreateCustomerRequest(
        name="Roe",
        type=CustomerType.RESIDENTIAL,
        address=address,
        locations=[NewLocation(name="Home", address=address)],
        contacts=[],
    )
    body = request.to_body()
    assert body["locations"][0]["address"]["zip"] == "78701"
    assert body["type"] == "Residential"


def test_irregular_aliases() -> None:
    assert SourceTracking.model_validate({"isRWGSession": True}).is_rwg_session is True
