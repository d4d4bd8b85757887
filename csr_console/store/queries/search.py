"""What a CSR types in a search box, as SQL conditions: text matches anywhere, case-insensitively;
a phone-looking query also matches phone numbers by their digits, whatever their punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_

from csr_console.domain.contacts import PHONE_TYPES, phone_digits
from csr_console.domain.enums import ContactType

#: Digits and the punctuation people put in phone numbers, nothing else.
_PHONE_LIKE = re.compile(r"[\d\s().+\-]+")
#: Fewer digits than an area code match too much of every phone number to be meant as one.
_MIN_PHONE_DIGITS = 3
_ESCAPE = "\\"
#: What people put between a phone number's digits; stripped from raw phone text to compare digits.
_PHONE_PUNCTUATION = (" ", "-", "(", ")", ".", "+")


def _contains(text: str) -> str:
    """A LIKE pattern for `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
    return f"%{escaped}%"


def _digits_only(column: ColumnElement[Any]) -> ColumnElement[Any]:
    for mark in _PHONE_PUNCTUATION:
        column = func.replace(column, mark, "")
    return column


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """A search query: its text lower-cased, and its phone digits when it looks like a phone number."""

    text: str
    digits: str | None

    @classmethod
    def parse(cls, query: str | None) -> SearchTerm | None:
        """None for a blank query (no filtering)."""
        text = (query or "").strip().lower()
        if not text:
            return None
        digits = phone_digits(text) if _PHONE_LIKE.fullmatch(text) else ""
        return cls(text, digits if len(digits) >= _MIN_PHONE_DIGITS else None)

    def in_text(self, *columns: ColumnElement[Any]) -> ColumnElement[bool]:
        """Any of `columns` contains the query, ignoring case.

        SQLite's LIKE ignores ASCII case by itself (and its lower() folds nothing more): ILIKE's
        lower() on both sides only made a search of 100,000 bookings three times slower."""
        pattern = _contains(self.text)
        return or_(*(column.like(pattern, escape=_ESCAPE) for column in columns))

    def in_contact(self, type_: ColumnElement[Any], normalized: ColumnElement[Any]) -> ColumnElement[bool]:
        """A contact row (type, normalised value) matches: an email containing the query, or a phone
        containing its digits. Normalised values are already lower-case emails and bare digits."""
        email = and_(type_ == ContactType.EMAIL.value, normalized.like(_contains(self.text), escape=_ESCAPE))
        if self.digits is None:
            return email
        return or_(email, and_(type_.in_(sorted(PHONE_TYPES)), normalized.like(f"%{self.digits}%")))

    def in_phone_text(self, column: ColumnElement[Any]) -> ColumnElement[bool]:
        """A raw phone-number column (as typed, with punctuation) contains the query's digits."""
        if self.digits is None:
            return false()
        return _digits_only(column).like(f"%{self.digits}%")
