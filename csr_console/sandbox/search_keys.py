"""Normalised search keys the sandbox's filters compare (stored in ``record_term``)."""

from __future__ import annotations

import re
import zlib

_NON_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"\s+")


def phone_key(value: str | None) -> str:
    """Digits only, without a leading US country code, so '+1 (555) 010-2030' finds '5550102030'."""
    digits = _NON_DIGITS.sub("", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def text_key(value: str | None) -> str:
    """Lower case with runs of white space folded: names, streets, cities, emails."""
    return _SPACES.sub(" ", (value or "").strip()).lower()


def zip_key(value: str | None) -> str:
    """The five-digit part of a US zip (zip+4 finds its zip)."""
    return (value or "").strip()[:5].lower()


def name_id(value: str) -> int:
    """A stable positive id for a name, for named models with no resource of their own in the sandbox
    (technician skills, trades, campaign categories): the same name has the same id everywhere."""
    return zlib.crc32(text_key(value).encode()) or 1
