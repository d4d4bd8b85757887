"""Customers already in the cache that a booking may be: sharing a phone or an email with the booking's
contacts, its street and zip, or its name. Answers which keys matched; scoring them is the domain's job.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, func, select

from csr_console.domain.contacts import PHONE_TYPES
from csr_console.domain.enums import ContactType
from csr_console.store.queries.address import AddressParts, address_columns, address_from
from csr_console.store.schema import booking, booking_contact, contact, customer, location

_NOT_WORD = re.compile(r"[\W_]+")


class MatchKey(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class CandidateLocation:
    id: int
    name: str
    address: AddressParts
    matched: frozenset[MatchKey]  # empty: a location of a matching customer that matched nothing itself


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    customer_id: int
    name: str
    address: AddressParts
    locations: tuple[CandidateLocation, ...]  # every active location, those that matched first
    matched: frozenset[MatchKey]  # on the customer or any of its locations


def _street_key(street: str | None) -> str:
    """A street compared without case, punctuation or repeated spaces: "12 Main St." is "12 main st"."""
    return " ".join(_NOT_WORD.sub(" ", (street or "").lower()).split())


def _contact_matches(connection: Connection, booking_id: int) -> dict[tuple[str, int], set[MatchKey]]:
    """(owner kind, owner id) -> keys, for customer and location contacts equal to the booking's."""
    wanted: dict[str, MatchKey] = {}
    for type_, normalized in connection.execute(
        select(booking_contact.c.type, booking_contact.c.normalized).where(
            booking_contact.c.booking_id == booking_id
        )
    ):
        if normalized and type_ in PHONE_TYPES:
            wanted[normalized] = MatchKey.PHONE
        elif normalized and type_ == ContactType.EMAIL.value:
            wanted[normalized] = MatchKey.EMAIL
    found: dict[tuple[str, int], set[MatchKey]] = defaultdict(set)
    if not wanted:
        return found
    c = contact.c
    for owner_kind, owner_id, type_, normalized in connection.execute(
        select(c.owner_kind, c.owner_id, c.type, c.normalized).where(c.normalized.in_(wanted), c.active)
    ):
        # A phone's digits never match an email, but the type still has to agree with the key.
        key = wanted[normalized]
        if (key is MatchKey.PHONE) == (type_ in PHONE_TYPES):
            found[(owner_kind, owner_id)].add(key)
    return found


def duplicate_candidates(connection: Connection, booking_id: int) -> list[DuplicateCandidate]:
    """Active, unmerged customers matching the booking by phone, email, street + zip or name, by id."""
    b = connection.execute(
        select(booking.c.name, booking.c.street, booking.c.zip).where(booking.c.id == booking_id)
    ).one_or_none()
    if b is None:
        return []
    matches = _contact_matches(connection, booking_id)

    street, zip_code = _street_key(b.street), (b.zip or "").strip()
    if street and zip_code:
        for kind, table in (("customer", customer), ("location", location)):
            for owner_id, owner_street in connection.execute(
                select(table.c.id, table.c.street).where(table.c.zip == zip_code, table.c.active)
            ):
                if _street_key(owner_street) == street:
                    matches[(kind, owner_id)].add(MatchKey.ADDRESS)

    name = " ".join(b.name.split()).lower()
    if name:
        for (customer_id,) in connection.execute(
            select(customer.c.id).where(func.lower(func.trim(customer.c.name)) == name, customer.c.active)
        ):
            matches[("customer", customer_id)].add(MatchKey.NAME)

    return _candidates(connection, matches)


def _candidates(
    connection: Connection, matches: dict[tuple[str, int], set[MatchKey]]
) -> list[DuplicateCandidate]:
    """The matching customers, with every active location, a location's keys counted for its customer."""
    by_location = {owner_id: keys for (kind, owner_id), keys in matches.items() if kind == "location"}
    customer_ids = {owner_id for (kind, owner_id) in matches if kind == "customer"}
    customer_ids |= set(
        connection.execute(
            select(location.c.customer_id).where(location.c.id.in_(by_location), location.c.active)
        ).scalars()
    )
    if not customer_ids:
        return []

    locations: dict[int, list[CandidateLocation]] = defaultdict(list)
    for row in connection.execute(
        select(location.c.id, location.c.customer_id, location.c.name, *address_columns(location))
        .where(location.c.customer_id.in_(customer_ids), location.c.active, location.c.merged_to_id.is_(None))
        .order_by(location.c.id)
    ):
        keys = frozenset(by_location.get(row.id, ()))
        locations[row.customer_id].append(CandidateLocation(row.id, row.name, address_from(row), keys))

    candidates = []
    for row in connection.execute(
        select(customer.c.id, customer.c.name, *address_columns(customer))
        .where(customer.c.id.in_(customer_ids), customer.c.active, customer.c.merged_to_id.is_(None))
        .order_by(customer.c.id)
    ):
        own = locations[row.id]
        keys = frozenset(matches.get(("customer", row.id), set())).union(*(loc.matched for loc in own))
        candidates.append(
            DuplicateCandidate(
                customer_id=row.id,
                name=row.name,
                address=address_from(row),
                locations=tuple(sorted(own, key=lambda loc: not loc.matched)),
                matched=keys,
            )
        )
    return candidates
