"""Contact values in the form used to search and match them: phones as digits, emails lower-cased."""

from __future__ import annotations

import re

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
