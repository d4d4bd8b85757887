"""Phones and emails as they are searched and matched (csr_console.domain.contacts)."""

from __future__ import annotations

import pytest

from csr_console.domain.contacts import lacking_contacts, normalized_contact, phone_digits


@pytest.mark.parametrize(
    "written",
    [
        "(214) 555-0142",
        "214-555-0142",
        "214.555.0142",
        "2145550142",
        "+1 214 555 0142",
        "+12145550142",
        "1-214-555-0142",
        "(214)555-0142",
        "214-555-0142 x12",
        "214-555-0142 ext. 12",
        "(214) 555-0142 extension 7",
        "214 555 0142 #3",
    ],
)
def test_a_north_american_phone_is_its_ten_digits(written: str) -> None:
    assert phone_digits(written) == "2145550142"


def test_other_numbers_keep_all_their_digits() -> None:
    assert phone_digits("+44 20 7946 0958") == "442079460958"
    assert phone_digits("555-0142") == "5550142"


@pytest.mark.parametrize(
    ("contact_type", "value", "normalized"),
    [
        ("MobilePhone", "(214) 555-0142", "2145550142"),
        ("Phone", "+1 214 555 0142 x9", "2145550142"),
        ("Email", "  Maria.Garcia@Example.COM ", "maria.garcia@example.com"),
        ("Email", "maria+hvac@example.com", "maria+hvac@example.com"),  # a plus-tag is another address
    ],
)
def test_contacts_normalize_by_type(contact_type: str, value: str, normalized: str) -> None:
    assert normalized_contact(contact_type, value) == normalized


def test_lacking_contacts_are_the_wanted_numbers_and_emails_not_had() -> None:
    wanted = [
        ("MobilePhone", "(214) 555-0142"),  # had as a landline: the same number
        ("Phone", "972.555.0199"),
        ("Email", "Maria.Garcia@Example.com"),  # had, in other case
        ("Email", "maria@work.example"),
        ("Phone", "972-555-0199"),  # the same number twice: offered once
        ("Phone", "n/a"),  # nothing to add
    ]
    have = [("Phone", "+1 214 555 0142"), ("Email", "maria.garcia@example.com"), ("Fax", "9725550100")]
    assert lacking_contacts(wanted, have) == (("Phone", "972.555.0199"), ("Email", "maria@work.example"))


def test_a_number_and_an_email_never_stand_for_each_other() -> None:
    assert lacking_contacts([("Email", "2145550142")], [("Phone", "214-555-0142")]) == (
        ("Email", "2145550142"),
    )
    assert lacking_contacts([], [("Phone", "214-555-0142")]) == ()
    assert lacking_contacts([("Phone", "214-555-0142")], []) == (("Phone", "214-555-0142"),)
