"""Duplicate candidates for a booking: customers sharing a phone, an email, street + zip, or the name."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from csr_console.store import schema
from csr_console.store.queries.address import AddressParts
from csr_console.store.queries.duplicates import MatchKey, duplicate_candidates
from tests.store import cache_rows as r

PHONE, EMAIL, ADDRESS, NAME = MatchKey.PHONE, MatchKey.EMAIL, MatchKey.ADDRESS, MatchKey.NAME


@pytest.fixture
def customers(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(
            c,
            schema.booking,
            r.booking(1, name="  Jane   Doe ", street="12 Main St.", zip="62704", city="Springfield"),
            r.booking(2, name="Nobody Known", street=None, zip=None),
        )
        r.insert(
            c,
            schema.booking_contact,
            r.booking_contact(1, 1, "MobilePhone", "(212) 555-0142"),
            r.booking_contact(2, 1, "Email", "Jane.Doe@Example.com"),
            r.booking_contact(3, 1, "Phone", "n/a"),  # no digits: matches nothing
        )
        r.insert(
            c,
            schema.customer,
            r.customer(10, "Jane Doe", street="1 Elm St", zip="10001"),  # name only
            r.customer(20, "J. Doe", street="9 Oak Ave", zip="62704"),  # phone on the customer
            r.customer(30, "Doe Household", street="500 Pine Rd", zip="62704"),  # email on a location
            r.customer(40, "Jane D", street="12 main st", zip="62704"),  # address on the customer
            r.customer(50, "Smith", street="77 Birch Ln", zip="62704"),  # address on a location
            r.customer(60, "JANE DOE", street="12 Main St", zip="62705"),  # other zip: name only
            r.customer(70, "Jane Doe", active=False),  # deleted
            r.customer(80, "Jane Doe", merged_to_id=10),  # merged into 10
            r.customer(90, "Someone", street="3 Fir Ct", zip="62704"),
            r.customer(100, "No Number"),  # a phone without digits, like the booking's
        )
        r.insert(
            c,
            schema.location,
            r.location(31, 30, "Rental", street="500 Pine Rd", zip="62704"),
            r.location(32, 30, "Home", street="501 Pine Rd", zip="62704"),
            r.location(51, 50, "Main house", street="12, MAIN  st", zip="62704"),
            r.location(52, 50, "Old house", street="12 Main St", zip="62704", active=False),
            r.location(91, 90, "Home", street="12 Main Street", zip="62704"),  # not the same text
        )
        r.insert(
            c,
            schema.contact,
            r.contact("customer", 1, 20, "Phone", "212.555.0142"),
            r.contact("location", 2, 32, "Email", "jane.doe@example.com"),
            r.contact("customer", 3, 90, "Phone", "212-555-0142", active=False),
            r.contact("customer", 4, 100, "Fax", "N/A"),
        )
    return cache


def test_each_key_finds_its_customers(customers: Engine) -> None:
    with customers.connect() as c:
        found = {d.customer_id: d.matched for d in duplicate_candidates(c, 1)}
    assert found == {
        10: {NAME},
        20: {PHONE},
        30: {EMAIL},
        40: {ADDRESS},
        50: {ADDRESS},
        60: {NAME},
    }


def test_candidate_carries_name_address_and_locations_matched_first(customers: Engine) -> None:
    with customers.connect() as c:
        by_id = {d.customer_id: d for d in duplicate_candidates(c, 1)}
    household = by_id[30]
    assert household.name == "Doe Household"
    assert household.address == AddressParts("500 Pine Rd", None, None, None, "62704", None)
    assert [(loc.id, loc.name, loc.matched) for loc in household.locations] == [
        (32, "Home", {EMAIL}),
        (31, "Rental", frozenset()),
    ]
    assert [(loc.id, loc.matched) for loc in by_id[50].locations] == [(51, {ADDRESS})], "inactive left out"
    assert by_id[10].locations == ()


def test_keys_add_up_on_one_customer(customers: Engine) -> None:
    with customers.begin() as c:
        r.insert(c, schema.contact, r.contact("customer", 5, 40, "Email", " JANE.DOE@example.com "))
        r.insert(c, schema.location, r.location(41, 40, street="9 Other Rd", zip="62704"))
        r.insert(c, schema.contact, r.contact("location", 6, 41, "MobilePhone", "+1 (212) 555-0142"))
    with customers.connect() as c:
        (jane,) = [d for d in duplicate_candidates(c, 1) if d.customer_id == 40]
    assert jane.matched == {ADDRESS, EMAIL, PHONE}
    assert [(loc.id, loc.matched) for loc in jane.locations] == [(41, {PHONE})]


def test_nothing_to_match(customers: Engine) -> None:
    with customers.connect() as c:
        assert duplicate_candidates(c, 2) == []
        assert duplicate_candidates(c, 999) == []
