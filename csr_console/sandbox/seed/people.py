"""The company's customers as the seed invents them, and ``Known``: what a returning customer's booking can
be made from (their name, a service address, their phones and emails) with the ids it duplicates."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from csr_console.domain.enums import ContactType, CustomerType
from csr_console.sandbox.seed import names
from csr_console.sandbox.seed.mess import format_phone
from csr_console.sandbox.seed.names import Address, Person
from csr_console.sandbox.store import parse_time

PHONE_TYPES = (ContactType.PHONE.value, ContactType.MOBILE_PHONE.value)


@dataclass
class Prospect:
    """Someone who may book: a person (or a business) at an address, with phones and emails.
    ``phones`` holds (contact type, ten digits, as written on the record)."""

    person: Person
    business: str | None
    address: Address
    phones: list[tuple[str, str, str]]
    emails: list[str]

    @property
    def name(self) -> str:
        return self.business or self.person.full

    @property
    def customer_type(self) -> str:
        return CustomerType.COMMERCIAL.value if self.business else CustomerType.RESIDENTIAL.value


@dataclass
class Known(Prospect):
    """A prospect who is already a customer: the ids a duplicate booking of theirs points at."""

    customer_id: int = 0
    location_id: int = 0
    other_location_ids: list[int] = field(default_factory=list)
    since: datetime | None = None  # when the customer was created: no one books as a customer before that


def prospect(rng: random.Random, *, commercial: bool | None = None) -> Prospect:
    if commercial is None:
        commercial = rng.random() < 0.12
    person = names.person(rng)
    mobile, landline = ContactType.MOBILE_PHONE.value, ContactType.PHONE.value
    kinds = [mobile if rng.random() < 0.7 else landline]
    if rng.random() < 0.35:
        kinds.append(landline if kinds[0] == mobile else mobile)
    phones = []
    for kind in kinds:
        digits = names.phone_digits(rng)
        phones.append((kind, digits, format_phone(rng, digits)))
    emails = (
        [names.email_for(rng, person.first, person.last)]
        if rng.random() < (0.9 if commercial else 0.7)
        else []
    )
    return Prospect(
        person=person,
        business=names.business(rng) if commercial else None,
        address=names.address(rng, commercial=commercial),
        phones=phones,
        emails=emails,
    )


def contacts_of(prospect: Prospect) -> list[dict[str, Any]]:
    """The customer's contacts as NewCustomerContact items (a business's name the person in the memo)."""
    memo = f"Attn: {prospect.person.full}" if prospect.business else None
    contacts = [{"type": kind, "value": written, "memo": memo} for kind, _digits, written in prospect.phones]
    contacts += [{"type": ContactType.EMAIL.value, "value": email, "memo": memo} for email in prospect.emails]
    return contacts


def location_name(rng: random.Random, prospect: Prospect, address: Address, index: int) -> str:
    if prospect.business:
        return prospect.business if index == 0 else f"{prospect.business} – {address.street}"
    if index == 0:
        return prospect.person.full
    return rng.choice((f"Rental – {address.street}", f"{prospect.person.last} lake house", address.street))


def customer_request(
    rng: random.Random, prospect: Prospect, extra_addresses: list[Address]
) -> dict[str, Any]:
    """A CreateCustomerRequest: the prospect's billing address, one location per service address
    (the first is the billing address), and their contacts on the customer."""
    locations = [
        {"name": location_name(rng, prospect, address, index), "address": address.api(), "contacts": []}
        for index, address in enumerate([prospect.address, *extra_addresses])
    ]
    return {
        "name": prospect.name,
        "type": prospect.customer_type,
        "doNotMail": rng.random() < 0.05,
        "doNotService": False,
        "address": prospect.address.api(),
        "locations": locations,
        "contacts": contacts_of(prospect),
    }


def parse_street(street: str) -> tuple[int, str | None, str, str] | None:
    """(number, direction, name, suffix) of a street the seed wrote, or None for any other."""
    words = street.split()
    if len(words) < 3 or not words[0].isdigit() or words[-1] not in names.SUFFIX_WORDS:
        return None
    direction = words[1] if words[1] in names.DIRECTIONS and len(words) > 3 else None
    middle = words[2:-1] if direction else words[1:-1]
    return int(words[0]), direction, " ".join(middle), words[-1]


def known_from_records(
    customer: dict[str, Any], locations: list[dict[str, Any]], contacts: list[dict[str, Any]]
) -> Known | None:
    """A returning customer rebuilt from their records (the simulator's view of an existing database);
    None when their address is not one the variations know how to respell."""
    usable = [loc for loc in locations if loc.get("active", True) and loc.get("address")]
    if not usable:
        return None
    home = usable[0]
    parsed = parse_street(home["address"].get("street") or "")
    if parsed is None or not home["address"].get("city") or not home["address"].get("zip"):
        return None
    number, direction, street_name, suffix = parsed
    address = Address(
        number, direction, street_name, suffix, home["address"].get("unit"), home["address"]["city"],
        home["address"]["zip"],
    )  # fmt: skip
    commercial = customer.get("type") == CustomerType.COMMERCIAL.value
    first, _, last = customer["name"].partition(" ")
    person = Person(first, last or first)
    if commercial:
        attn = next((c["memo"] for c in contacts if (c.get("memo") or "").startswith("Attn: ")), None)
        given, _, family = (attn or "Attn: Office Manager")[len("Attn: ") :].partition(" ")
        person = Person(given, family or given)
    phones = [
        (c["type"], _digits(c["value"]), c["value"])
        for c in contacts
        if c["type"] in PHONE_TYPES and len(_digits(c["value"])) == 10
    ]
    emails = [c["value"] for c in contacts if c["type"] == ContactType.EMAIL.value]
    return Known(
        person=person,
        business=customer["name"] if commercial else None,
        address=address,
        phones=phones,
        emails=emails,
        customer_id=customer["id"],
        location_id=home["id"],
        other_location_ids=[loc["id"] for loc in usable[1:]],
        since=parse_time(customer["createdOn"]),
    )


def _digits(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit())
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits
