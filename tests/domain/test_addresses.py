"""Service addresses as duplicate detection compares them (csr_console.domain.addresses)."""

from __future__ import annotations

import pytest

from csr_console.domain.addresses import AddressMatch, address_key, compare_addresses, street_key, zip5


@pytest.mark.parametrize(
    ("street", "unit", "line", "kept_unit"),
    [
        ("123 Main St", None, "123 main st", ""),
        ("123 MAIN STREET", None, "123 main st", ""),
        ("123 Main St.", None, "123 main st", ""),
        ("123 North Elm Avenue", None, "123 n elm ave", ""),
        ("123 N. Elm Ave", None, "123 n elm ave", ""),
        ("4400 W Plano Pkwy", "Suite 200", "4400 w plano pkwy", "200"),
        ("4400 West Plano Parkway Ste 200", None, "4400 w plano pkwy", "200"),
        ("77 Oak Ln Apt 4B", None, "77 oak ln", "4b"),
        ("77 Oak Lane #4B", None, "77 oak ln", "4b"),
        ("77 Oak Lane # 4B", None, "77 oak ln", "4b"),
        ("77 Oak Ln", "Apartment 4b", "77 oak ln", "4b"),
        ("", None, "", ""),
        (None, None, "", ""),
    ],
)
def test_a_street_key_spells_suffixes_directions_and_units_one_way(
    street: str | None, unit: str | None, line: str, kept_unit: str
) -> None:
    key = street_key(street, unit)
    assert (key.street, key.unit) == (line, kept_unit)


@pytest.mark.parametrize(
    ("typed", "five"),
    [
        ("75204", "75204"),
        ("75204-1234", "75204"),
        ("752041234", "75204"),
        (" 75204 ", "75204"),
        ("", ""),
        (None, ""),
    ],
)
def test_zip5_cuts_a_zip_plus_4(typed: str | None, five: str) -> None:
    assert zip5(typed) == five


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        (("12 Main Street", None, "75204-0001"), ("12 main st.", None, "75204"), AddressMatch.SAME),
        (("12 Main St Apt 3", None, "75204"), ("12 Main St", "#3", "75204"), AddressMatch.SAME),
        (("12 Main St", None, "75204"), ("12 Main St", "Apt 3", "75204"), AddressMatch.UNIT_MISSING),
        (("12 Main St", "Apt 3", "75204"), ("12 Main St", "Apt 4", "75204"), AddressMatch.OTHER_UNIT),
        (("12 Main St", None, "75204"), ("12 Main St", None, "75206"), AddressMatch.NONE),
        (("12 Main St", None, "75204"), ("14 Main St", None, "75204"), AddressMatch.NONE),
        ((None, None, "75204"), (None, None, "75204"), AddressMatch.NONE),
    ],
)
def test_addresses_compare(
    a: tuple[str | None, str | None, str], b: tuple[str | None, str | None, str], match: AddressMatch
) -> None:
    assert compare_addresses(address_key(*a), address_key(*b)) is match
    assert compare_addresses(address_key(*b), address_key(*a)) is match
