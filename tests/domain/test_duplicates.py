"""The duplicate scorer (csr_console.domain.duplicates): scores, their order, and the reasons shown."""

from __future__ import annotations

import pytest

from csr_console.domain.addresses import address_key
from csr_console.domain.duplicates import LIKELY, Identity, ranked, score
from csr_console.domain.names import name_key

BOOKING = Identity(
    name=name_key("Bob Smith"),
    phones={"2145550142": "MobilePhone"},
    emails=frozenset({"bob@example.com"}),
    addresses=(address_key("12 Main Street", "Apt 3", "75204-1234"),),
)


def test_a_shared_mobile_phone_is_strong_on_its_own() -> None:
    found = score(BOOKING, Identity(name_key("Dana Lee"), phones={"2145550142": "Phone"}))
    assert found.reasons == ("same mobile phone",)
    assert found.value == pytest.approx(0.8)


def test_name_and_address_add_up_and_say_why_strongest_first() -> None:
    found = score(
        BOOKING, Identity(name_key("Smith, Robert"), addresses=(address_key("12 Main St #3", None, "75204"),))
    )
    assert found.reasons == ("same street and zip", "same name but for a nickname (Bob = Robert)")
    assert found.value == pytest.approx(1 - 0.4 * 0.6)


def test_a_neighbour_in_another_unit_with_another_name_is_weak() -> None:
    found = score(
        BOOKING, Identity(name_key("Ann Jones"), addresses=(address_key("12 Main St", "Apt 4", "75204"),))
    )
    assert found.reasons == ("same street and zip, different unit",)
    assert found.value < 0.5


def test_everything_shared_scores_near_one() -> None:
    same = Identity(
        name_key("Robert Smith"),
        phones={"2145550142": "MobilePhone"},
        emails=frozenset({"bob@example.com"}),
        addresses=(address_key("12 Main St", "Apt 3", "75204"),),
    )
    found = score(BOOKING, same)
    assert found.value > 0.99
    assert found.reasons[:2] == ("same mobile phone", "same email")


def test_candidates_are_ranked_best_first_and_strangers_left_out() -> None:
    candidates = {
        7: Identity(name_key("Robert Smith")),  # a name alone
        3: Identity(name_key("Robert Smith"), phones={"2145550142": "Phone"}),
        9: Identity(name_key("Zed Zulu")),  # nothing in common
        5: Identity(name_key("Rob Smith")),  # the same name's evidence as 7: the older customer first
    }
    assert [candidate_id for candidate_id, _ in ranked(BOOKING, candidates)] == [3, 5, 7]


@pytest.mark.parametrize(
    ("candidate", "likely"),
    [
        # One shared number or email: a relative, a landlord, a number reused. Shown, not preselected.
        (Identity(name_key("Dana Lee"), phones={"2145550142": "MobilePhone"}), False),
        (Identity(name_key("Dana Lee"), emails=frozenset({"bob@example.com"})), False),
        (Identity(name_key("Ann Smith"), emails=frozenset({"bob@example.com"})), False),
        # A name or an address alone, or both without a way to reach them: not enough.
        (Identity(name_key("Robert Smith")), False),
        (Identity(name_key("Robert Smith"), addresses=(address_key("12 Main St", "3", "75204"),)), False),
        # A shared number and the name, or the number and the address: the customer.
        (Identity(name_key("Smith, Robert"), phones={"2145550142": "Phone"}), True),
        (Identity(name_key("Bob Smith"), phones={"2145550142": "Phone"}), True),
        (Identity(name_key("Dana Lee"), phones={"2145550142": "Phone"}, addresses=BOOKING.addresses), True),
        (Identity(name_key("Rob Smith"), emails=frozenset({"bob@example.com"})), True),
    ],
)
def test_likely_preselects_a_shared_number_or_email_with_more(candidate: Identity, likely: bool) -> None:
    assert (score(BOOKING, candidate).value >= LIKELY) is likely
