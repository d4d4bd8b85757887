"""Contact values in the form used to search and match them: phones as digits, emails lower-cased."""

from __future__ import annotations

import re
from collections.abc import Iterable

from csr_console.domain.enums import ContactType

_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension|#)\s*\d+\s*$", re.IGNORECASE)
#: Contact types whose value is a phone number (searched and matched as digits).
PHONE_TYPES = frozenset({ContactType.PHONE.value, ContactType.MOBILE_PHONE.value, ContactType.FAX.value})


def phone_digits(value: str) -> str:
    """A North American phone as its 10 digits: punctuation, a leading +1/1 and an extension dropped.

    Numbers that are not 10 digits after that (international, partial) keep all their digits.
    """
    digits = "".join(ch for ch in _EXTENSION.sub("", value) if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        return digits[1:]
    return digits


def normalized_contact(contact_type: str, value: str) -> str:
    """The searchable form of a contact value of the given type (Phone, MobilePhone, Fax, Email)."""
    if contact_type in PHONE_TYPES:
        return phone_digits(value)
    return value.strip().lower()


def _compared(contact_type: str, value: str) -> tuple[bool, str]:
    """(is a phone, normalized value): a number is the same whatever phone type it is filed under."""
    return contact_type in PHONE_TYPES, normalized_contact(contact_type, value)


def lacking_contacts(
    wanted: Iterable[tuple[str, str]], have: Iterable[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The (type, value) pairs of `wanted` (a booking's phones and emails) that `have` (a customer's or
    location's contacts) lacks, in their order, each number or address once; phones are compared by
    their digits, emails without case, and values with nothing to compare (no digits) are left out."""
    known = {_compared(contact_type, value) for contact_type, value in have}
    lacking: list[tuple[str, str]] = []
    for contact_type, value in wanted:
        key = _compared(contact_type, value)
        if key[1] and key not in known:
            known.add(key)
            lacking.append((contact_type, value))
    return tuple(lacking)
