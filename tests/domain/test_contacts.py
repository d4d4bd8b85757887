"""Phones and emails as they are searched and matched (csr_console.domain.contacts)."""

from __future__ import annotations

import pytest

from csr_console.domain.contacts import normalized_contact, phone_digits


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
