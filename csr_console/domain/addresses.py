"""Service addresses in the form duplicate detection compares them: case and punctuation dropped, street
suffixes, directions and unit words in one spelling ("Street"/"St.", "North"/"N", "Apartment"/"Apt"/"#"),
a unit written into the street line taken out of it, and the zip cut to five digits ("75204-1234").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from csr_console.domain.names import fold
from csr_console.domain.words import translatable

#: USPS street suffixes (Publication 28, the common ones) -> one spelling.
_SUFFIXES: dict[str, str] = {
    spelling: short
    for short, spellings in {
        "st": ("street", "str", "strt"),
        "ave": ("avenue", "av", "aven", "avn"),
        "rd": ("road",),
        "dr": ("drive", "drv"),
        "ln": ("lane",),
        "blvd": ("boulevard", "boul"),
        "ct": ("court", "crt"),
        "cir": ("circle", "circ"),
        "pl": ("place",),
        "pkwy": ("parkway", "pky", "parkwy"),
        "hwy": ("highway", "hiway"),
        "ter": ("terrace",),
        "trl": ("trail",),
        "way": ("wy",),
        "sq": ("square",),
        "cv": ("cove",),
        "xing": ("crossing",),
        "pt": ("point",),
        "rdg": ("ridge",),
        "holw": ("hollow",),
        "fwy": ("freeway",),
        "expy": ("expressway",),
        "loop": (),
        "run": (),
        "pass": (),
        "row": (),
        "walk": (),
    }.items()
    for spelling in (short, *spellings)
}
_DIRECTIONS: dict[str, str] = {
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
#: Words that start a unit ("Apt 4B", "Suite 200", "# 12") -> one spelling.
_UNIT_WORDS: dict[str, str] = {
    "apt": "apt",
    "apartment": "apt",
    "unit": "apt",
    "ste": "apt",
    "suite": "apt",
    "no": "apt",
    "#": "apt",
    "bldg": "bldg",
    "building": "bldg",
    "fl": "fl",
    "floor": "fl",
    "rm": "rm",
    "room": "rm",
    "lot": "lot",
    "spc": "lot",
    "space": "lot",
}
_WORDS = re.compile(r"#|[^\W_]+")


@dataclass(frozen=True, slots=True)
class StreetKey:
    """A street line as compared: the line without its unit, and the unit (empty: none)."""

    street: str
    unit: str


def _unit(words: list[str]) -> str:
    """The unit's designator, its kind word dropped ("apt 4b", "#4b", "suite 4b" -> "4b")."""
    return " ".join(word for word in words if word not in _UNIT_WORDS)


def street_key(street: str | None, unit: str | None = None) -> StreetKey:
    """`street` (with `unit`, if kept apart) as compared; a unit inside the street line is taken out."""
    words = _WORDS.findall(fold(street or ""))
    found = ""
    for at, word in enumerate(words):
        if at > 0 and word in _UNIT_WORDS:
            found = _unit(words[at:])
            words = words[:at]
            break
    spelled = [_SUFFIXES.get(word, word) if at > 0 else word for at, word in enumerate(words)]
    spelled = [_DIRECTIONS.get(word, word) for word in spelled]
    given = _unit(_WORDS.findall(fold(unit or "")))
    return StreetKey(" ".join(spelled), given or found)


def zip5(zip_code: str | None) -> str:
    """The five-digit zip of a US zip or zip+4 ("75204-1234" -> "75204"); other codes folded as they are."""
    text = "".join((zip_code or "").split()).lower()
    digits = text.replace("-", "")
    if len(digits) in (5, 9) and digits.isdigit():
        return digits[:5]
    return text


class AddressMatch(StrEnum):
    """How two service addresses compare, strongest first; NONE when they differ."""

    SAME = translatable("DuplicateReasons", "same street and zip")
    UNIT_MISSING = translatable("DuplicateReasons", "same street and zip, one without a unit")
    OTHER_UNIT = translatable("DuplicateReasons", "same street and zip, different unit")
    NONE = ""


@dataclass(frozen=True, slots=True)
class AddressKey:
    street: StreetKey
    zip: str


def address_key(street: str | None, unit: str | None, zip_code: str | None) -> AddressKey:
    return AddressKey(street_key(street, unit), zip5(zip_code))


def compare_addresses(a: AddressKey, b: AddressKey) -> AddressMatch:
    if not a.street.street or a.street.street != b.street.street or not a.zip or a.zip != b.zip:
        return AddressMatch.NONE
    if a.street.unit == b.street.unit:
        return AddressMatch.SAME
    if not a.street.unit or not b.street.unit:
        return AddressMatch.UNIT_MISSING
    return AddressMatch.OTHER_UNIT
