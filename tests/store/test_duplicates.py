"""Duplicate candidates for a booking: customers found by phone, email, street + zip or name through the
normalisers, scored, best first, with their locations and contacts."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from csr_console.domain.addresses import AddressMatch
from csr_console.store import schema
from csr_console.store.queries.address import AddressParts
from csr_console.store.queries.duplicates import (
    LINKED,
    ContactParts,
    DuplicateCandidate,
    duplicate_candidates,
    lead_duplicate_candidates,
)
from tests.store import cache_rows as r


@pytest.fixture
def customers(cache: Engine) -> Engine:
    with cache.begin() as c:
        r.insert(
            c,
            schema.booking,
            r.booking(
                1, name="  Jane   Doe ", street="12 Main St.", unit="Apt 3", zip="62704", city="Springfield"
            ),
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
            r.customer(40, "Ann Smith", street="12 main street", unit="#3", zip="62704-1234"),  # address
            r.customer(50, "Smith", street="77 Birch Ln", zip="62704"),  # address on a location
            r.customer(60, "DOE, JANE", street="12 Main St", zip="62705"),  # other zip: name only
            r.customer(70, "Jane Doe", active=False),  # deleted
            r.customer(80, "Jane Doe", merged_to_id=10),  # merged into 10
            r.customer(90, "Someone", street="3 Fir Ct", zip="62704"),  # only an inactive phone
            r.customer(100, "No Number"),  # a phone without digits, like the booking's
            r.customer(110, "Bob Doe", type="Residential"),  # the same last name only: not a candidate
        )
        r.insert(
            c,
            schema.location,
            r.location(31, 30, "Rental", street="500 Pine Rd", zip="62704"),
            r.location(32, 30, "Home", street="501 Pine Rd", zip="62704"),
            r.location(51, 50, "Main house", street="12, MAIN  st", zip="62704"),
            r.location(52, 50, "Old house", street="12 Main St", unit="Apt 3", zip="62704", active=False),
            r.location(53, 50, "Merged", street="12 Main St", unit="Apt 3", zip="62704", merged_to_id=51),
        )
        r.insert(
            c,
            schema.contact,
            r.contact("customer", 1, 20, "Phone", "212.555.0142"),
            r.contact("location", 2, 32, "Email", "jane.doe@example.com"),
            r.contact("customer", 3, 90, "Phone", "212-555-0142", active=False),
            r.contact("customer", 4, 100, "Fax", "N/A"),
            r.contact("location", 5, 52, "MobilePhone", "2125550142"),  # on an inactive location
        )
    return cache


def _found(engine: Engine, booking_id: int = 1) -> dict[int, DuplicateCandidate]:
    with engine.connect() as c:
        return {d.customer_id: d for d in duplicate_candidates(c, booking_id)}


def test_each_key_finds_its_customers_and_says_why(customers: Engine) -> None:
    found = _found(customers)
    assert {customer_id: d.score.reasons for customer_id, d in found.items()} == {
        10: ("same name",),
        20: ("same mobile phone", "same last name"),
        30: ("same email",),
        40: ("same street and zip",),
        50: ("same street and zip, one without a unit",),
        60: ("same name",),
    }


def test_candidates_come_best_first(customers: Engine) -> None:
    with customers.connect() as c:
        ranked = [(d.customer_id, d.score.value) for d in duplicate_candidates(c, 1)]
    assert [customer_id for customer_id, _ in ranked] == [
        20,
        30,
        40,
        10,
        50,
        60,
    ]  # ties: the older customer first
    assert [value for _, value in ranked] == sorted((value for _, value in ranked), reverse=True)
    with customers.connect() as c:
        assert [d.customer_id for d in duplicate_candidates(c, 1, limit=2)] == [20, 30]


def test_a_candidate_carries_its_record_locations_and_contacts(customers: Engine) -> None:
    found = _found(customers)
    household = found[30]
    assert (household.name, household.customer_type) == ("Doe Household", None)
    assert household.address == AddressParts("500 Pine Rd", None, None, None, "62704", None)
    assert [(loc.id, loc.name, loc.match) for loc in household.locations] == [
        (32, "Home", AddressMatch.NONE),  # shares the email: before the one that shares nothing
        (31, "Rental", AddressMatch.NONE),
    ]
    assert household.locations[0].contacts == (
        ContactParts("Email", "jane.doe@example.com", "jane.doe@example.com"),
    )
    assert household.best_location == household.locations[0]
    assert found[20].contacts == (ContactParts("Phone", "212.555.0142", "2125550142"),)
    assert found[10].locations == () and found[10].best_location is None


def test_inactive_and_merged_locations_are_left_out_with_their_contacts(customers: Engine) -> None:
    smith = _found(customers)[50]
    assert [(loc.id, loc.match) for loc in smith.locations] == [(51, AddressMatch.UNIT_MISSING)]
    assert "same mobile phone" not in smith.score.reasons  # the phone is on the inactive location


def test_locations_come_best_matching_first(customers: Engine) -> None:
    with customers.begin() as c:
        r.insert(
            c,
            schema.location,
            r.location(41, 40, "Lake house", street="8 Shore Dr", zip="62704"),
            r.location(42, 40, "Home", street="12 Main Street", unit="Apartment 3", zip="62704"),
            r.location(43, 40, "Next door", street="12 Main St", unit="4", zip="62704"),
        )
    smith = _found(customers)[40]
    assert [(loc.id, loc.match) for loc in smith.locations] == [
        (42, AddressMatch.SAME),
        (43, AddressMatch.OTHER_UNIT),
        (41, AddressMatch.NONE),
    ]


def test_a_location_match_counts_for_its_customer_and_evidence_adds_up(customers: Engine) -> None:
    with customers.begin() as c:
        r.insert(c, schema.contact, r.contact("customer", 6, 40, "Email", " JANE.DOE@example.com "))
        r.insert(c, schema.location, r.location(44, 40, street="9 Other Rd", zip="62704"))
        r.insert(c, schema.contact, r.contact("location", 7, 44, "MobilePhone", "+1 (212) 555-0142"))
    ann = _found(customers)[40]
    assert ann.score.reasons == ("same mobile phone", "same email", "same street and zip")
    assert ann.score.value > 0.98
    assert [loc.id for loc in ann.locations] == [44]


def test_names_are_found_through_accents_order_and_nicknames(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(
            c,
            schema.booking,
            r.booking(1, name="Jose Garcia"),
            r.booking(2, name="García, José"),
            r.booking(3, name="Bob O'Brien"),
        )
        r.insert(
            c,
            schema.customer,
            r.customer(10, "José García"),
            r.customer(11, "GARCIA, JOSE"),
            r.customer(12, "Jose Garcia-Lopez"),  # another last name
            r.customer(13, "Josefina Garciaz"),  # not the word
            r.customer(20, "Robert O'Brien"),
            r.customer(21, "Roberta OBrien"),
        )
    assert set(_found(cache, 1)) == {10, 11}
    assert set(_found(cache, 2)) == {10, 11}
    obrien = _found(cache, 3)
    assert list(obrien) == [20]
    assert obrien[20].score.reasons == ("same name but for a nickname (Bob = Robert)",)


def test_a_zip_plus_four_and_a_respelled_street_are_the_same_address(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(
            c, schema.booking, r.booking(1, name="X", street="4400 West Plano Parkway", zip="75093-4411")
        )
        r.insert(
            c,
            schema.customer,
            r.customer(10, "Y", street="4400 W. Plano Pkwy", zip="75093"),
            r.customer(11, "Z", street="4400 W Plano Pkwy", zip="750931234"),
            r.customer(12, "W", street="4401 W Plano Pkwy", zip="75093"),  # another house
            r.customer(13, "V", street="4400 W Plano Pkwy", zip="75094"),  # another zip
        )
    assert set(_found(cache)) == {10, 11}


def test_nothing_to_match(customers: Engine) -> None:
    with customers.connect() as c:
        assert duplicate_candidates(c, 2) == []
        assert duplicate_candidates(c, 999) == []


def test_of_many_namesakes_the_oldest_make_the_list_after_stronger_ones(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.booking, r.booking(1, name="Jane Doe"))
        r.insert(c, schema.booking_contact, r.booking_contact(1, 1, "MobilePhone", "2125550142"))
        r.insert(c, schema.customer, *(r.customer(i, "Jane Doe") for i in range(1, 31)))
        r.insert(c, schema.customer, r.customer(40, "Janie Doe"), r.customer(41, "Doe, Jane"))
        r.insert(c, schema.contact, r.contact("customer", 1, 40, "Phone", "212-555-0142"))
    with cache.connect() as c:
        assert [d.customer_id for d in duplicate_candidates(c, 1, limit=4)] == [40, 1, 2, 3]
        assert len(duplicate_candidates(c, 1)) == 20


def test_a_lead_is_matched_by_what_was_entered_on_it_and_its_own_customer_comes_first(cache: Engine) -> None:
    with cache.begin() as c:
        r.insert(c, schema.customer, r.customer(10, "Quistgaard, Zebulon"), r.customer(20, "Ada Byron"))
        r.insert(c, schema.location, r.location(11, 10, street="12 Quarry Lane", zip="75006"))
        r.insert(c, schema.contact, r.contact("location", 1, 11, "MobilePhone", "214.555.0199"))
        r.insert(
            c,
            schema.lead,
            r.lead(1, lead_customer_name="Zebulon Quistgaard", lead_phone="(214) 555-0199"),
            r.lead(2, lead_customer_name="Zebulon Quistgaard", lead_phone="2145550199", customer_id=20),
            r.lead(3),  # nothing entered, no customer
        )
        [found] = lead_duplicate_candidates(c, 1)
        assert (found.customer_id, found.score.reasons) == (10, ("same phone", "same name"))
        linked, other = lead_duplicate_candidates(c, 2)
        assert (linked.customer_id, linked.score) == (20, LINKED)
        assert other.customer_id == 10
        assert lead_duplicate_candidates(c, 3) == []
        assert lead_duplicate_candidates(c, 999) == []
