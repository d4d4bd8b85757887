"""Customers already in the cache that a booking may be, scored and best first, for the accept wizard.

Candidates are found by normalised forms, never by stored text: phones by their digits and emails without
case (the contact table's `normalized`, on customers and locations), the street with its five-digit zip as
domain.addresses compares them ("12 Main Street" is "12 main st", 75006-1234 is in 75006), and the name as
domain.names compares it (case, accents, "Last, First", nicknames). Each customer found is then scored by
domain.duplicates on all the cache holds of it: its name, the phones and emails of it and of its
locations, its own address and its active locations' addresses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, Connection, and_, func, literal, or_, select

from csr_console.domain.addresses import AddressKey, AddressMatch, address_key, compare_addresses
from csr_console.domain.contacts import PHONE_TYPES, normalized_contact
from csr_console.domain.duplicates import Identity, Score, ranked, score
from csr_console.domain.enums import ContactType
from csr_console.domain.names import NameKey, NameMatch, compare_names, given_forms, name_key
from csr_console.domain.words import translatable
from csr_console.store.queries.address import AddressParts, address_columns, address_from
from csr_console.store.schema import booking, booking_contact, contact, customer, lead, location

#: Candidates answered at most: the wizard shows a short list, and a common name must not flood it.
LIMIT = 20
#: Name matches that make a customer a candidate on their own; a shared last name only adds to a
#: candidate found otherwise (a city has hundreds of Smiths).
_NAME_FINDS = frozenset({NameMatch.SAME, NameMatch.NICKNAME})
_NAME_ORDER = {match: rank for rank, match in enumerate(NameMatch)}  # strongest first
_ADDRESS_ORDER = {match: rank for rank, match in enumerate(AddressMatch)}  # strongest first
_EMAIL = ContactType.EMAIL.value
_PHONE = ContactType.PHONE.value  # a lead has one phone, of no stated kind
_ASCII_PRINTABLE = (0x20, 0x7E)
_NOT_ASCII = "*[^ -~]*"  # GLOB: a text with a character outside printable ASCII

Owner = tuple[str, int]  # (owner kind 'customer' | 'location', id)


@dataclass(frozen=True, slots=True)
class ContactParts:
    type: str
    value: str
    normalized: str | None


@dataclass(frozen=True, slots=True)
class CandidateLocation:
    id: int
    name: str
    address: AddressParts
    match: AddressMatch  # this location's address against the booking's (NONE: they differ, or no address)
    contacts: tuple[ContactParts, ...]  # its active contacts


@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    customer_id: int
    name: str
    customer_type: str | None
    address: AddressParts
    score: Score
    locations: tuple[CandidateLocation, ...]  # every active unmerged location, best-matching first
    contacts: tuple[ContactParts, ...]  # the customer's own active contacts

    @property
    def best_location(self) -> CandidateLocation | None:
        return self.locations[0] if self.locations else None


#: The score of the customer a lead is linked to: not a guess.
LINKED = Score(1.0, (translatable("DuplicateReasons", "the lead's own customer"),))


@dataclass(frozen=True, slots=True)
class _Booking:
    identity: Identity
    address: AddressKey | None


def duplicate_candidates(
    connection: Connection, booking_id: int, *, limit: int = LIMIT
) -> list[DuplicateCandidate]:
    """Active, unmerged customers the booking may be, best first (domain.duplicates.ranked), at most
    `limit`; those with no evidence at all are left out."""
    wanted = _booking(connection, booking_id)
    return [] if wanted is None else _candidates(connection, wanted, limit)


def lead_duplicate_candidates(
    connection: Connection, lead_id: int, *, limit: int = LIMIT
) -> list[DuplicateCandidate]:
    """The same for a lead, from what was entered on it (name, phone, email, address): booking a job
    from a lead without a customer must not create one twice either."""
    wanted = _lead(connection, lead_id)
    if wanted is None:
        return []
    found = _candidates(connection, wanted, limit)
    linked = connection.execute(select(lead.c.customer_id).where(lead.c.id == lead_id)).scalar()
    if linked is None:
        return found
    # The customer the lead is already linked to comes first, whatever else matches.
    own = [replace(c, score=LINKED) for c in _scored(connection, wanted, {linked}, everyone=True)]
    return (own + [c for c in found if c.customer_id != linked])[:limit]


def _candidates(connection: Connection, wanted: _Booking, limit: int) -> list[DuplicateCandidate]:
    owners = _by_contacts(connection, wanted.identity)
    if wanted.address is not None:
        owners |= _by_address(connection, wanted.address)
    customer_ids = _customers_of(connection, owners)
    # A customer found by name alone scores by the name alone (a shared phone, email or address would
    # have found it too), so of those only the first `limit` in rank order can make the list.
    named = _by_name(connection, wanted.identity.name)
    by_rank = sorted(
        set(named) - customer_ids, key=lambda customer_id: (_NAME_ORDER[named[customer_id]], customer_id)
    )
    customer_ids.update(by_rank[:limit])
    return _scored(connection, wanted, customer_ids)[:limit]


# -- the booking -------------------------------------------------------------------------------------
def _identity_contacts(contacts: Iterable[ContactParts]) -> tuple[dict[str, str], frozenset[str]]:
    """Phones (digits -> type) and emails of contacts, normalised here so the booking and every candidate
    are compared by the same rule; values with nothing left to compare (no digits) are dropped."""
    phones: dict[str, str] = {}
    emails: set[str] = set()
    for item in contacts:
        normalized = normalized_contact(item.type, item.value)
        if normalized and item.type in PHONE_TYPES:
            phones.setdefault(normalized, item.type)
        elif normalized and item.type == _EMAIL:
            emails.add(normalized)
    return phones, frozenset(emails)


def _booking(connection: Connection, booking_id: int) -> _Booking | None:
    row = connection.execute(
        select(booking.c.name, booking.c.street, booking.c.unit, booking.c.zip).where(
            booking.c.id == booking_id
        )
    ).one_or_none()
    if row is None:
        return None
    contacts = connection.execute(
        select(booking_contact.c.type, booking_contact.c.value, booking_contact.c.normalized).where(
            booking_contact.c.booking_id == booking_id
        )
    )
    return _wanted(row.name, row.street, row.unit, row.zip, (ContactParts(*c) for c in contacts))


def _lead(connection: Connection, lead_id: int) -> _Booking | None:
    ld = lead.c
    row = connection.execute(
        select(
            ld.lead_customer_name, ld.lead_phone, ld.lead_email, ld.lead_street, ld.lead_unit, ld.lead_zip
        ).where(ld.id == lead_id)
    ).one_or_none()
    if row is None:
        return None
    contacts = [
        ContactParts(type_, value, None)
        for type_, value in ((_PHONE, row.lead_phone), (_EMAIL, row.lead_email))
        if value
    ]
    return _wanted(row.lead_customer_name or "", row.lead_street, row.lead_unit, row.lead_zip, contacts)


def _wanted(
    name: str, street: str | None, unit: str | None, zip_code: str | None, contacts: Iterable[ContactParts]
) -> _Booking:
    phones, emails = _identity_contacts(contacts)
    address = address_key(street, unit, zip_code) if street else None
    identity = Identity(name_key(name), phones, emails, (address,) if address else ())
    return _Booking(identity, address)


# -- finding candidates ------------------------------------------------------------------------------
def _by_contacts(connection: Connection, wanted: Identity) -> set[Owner]:
    """Owners of an active contact with one of the booking's phone numbers or emails."""
    values = set(wanted.phones) | wanted.emails
    if not values:
        return set()
    c = contact.c
    found = set()
    for kind, owner_id, type_, normalized in connection.execute(
        select(c.owner_kind, c.owner_id, c.type, c.normalized).where(c.normalized.in_(values), c.active)
    ):
        if (type_ in PHONE_TYPES) == (normalized in wanted.phones):  # digits never match an email
            found.add((kind, owner_id))
    return found


def _by_address(connection: Connection, wanted: AddressKey) -> set[Owner]:
    """Customers and locations at the booking's street and zip. The zip index finds the zip's rows
    (zip+4 included) and the house number narrows them before the streets are compared in Python."""
    if not wanted.street.street or len(wanted.zip) != 5 or not wanted.zip.isdigit():
        return set()
    number = wanted.street.street.split()[0]
    found = set()
    for kind, table in (("customer", customer), ("location", location)):
        t = table.c
        where = [t.zip >= wanted.zip, t.zip < wanted.zip[:4] + chr(ord(wanted.zip[4]) + 1), t.active]
        if number.isdigit():
            where.append(func.ltrim(t.street).like(f"{number}%"))
        for owner_id, street, unit, zip_code in connection.execute(
            select(t.id, t.street, t.unit, t.zip).where(*where)
        ):
            if compare_addresses(wanted, address_key(street, unit, zip_code)) is not AddressMatch.NONE:
                found.add((kind, owner_id))
    return found


def _letter_class(letter: str) -> str:
    """A GLOB class matching an ASCII letter in either case or any character outside printable ASCII
    (an accented letter, which folds to it): every printable character but the two, excluded."""
    low, high = _ASCII_PRINTABLE
    upper, lower = ord(letter.upper()), ord(letter.lower())
    ranges = [(low, upper - 1), (upper + 1, lower - 1), (lower + 1, high)]
    return "[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


def _word_pattern(word: str) -> str:
    """A GLOB pattern of a text with spaces around it holding `word` (folded) as a word of its own."""
    body = "".join(_letter_class(ch) if ch.isascii() and ch.isalpha() else ch for ch in word)
    return f"*[^0-9A-Za-z]{body}[^0-9A-Za-z]*"


def _holds(name: ColumnElement[str], word: str) -> ColumnElement[bool]:
    """`name` holds `word` (folded) as typed: LIKE sees case but not accents, so the few names with a
    character outside ASCII are also matched by a GLOB that lets any such character stand for a letter."""
    padded = literal(" ") + name + literal(" ")
    return or_(
        name.like(f"%{word}%"), and_(name.op("GLOB")(_NOT_ASCII), padded.op("GLOB")(_word_pattern(word)))
    )


def _by_name(connection: Connection, wanted: NameKey) -> dict[int, NameMatch]:
    """Customers whose name is the booking's, or is but for a nickname, and how. SQL finds the names that
    hold the last name and a form of the first name (a scan in C); Python compares them."""
    if not wanted.last:
        return {}
    name = customer.c.name
    rows = connection.execute(
        select(customer.c.id, name).where(
            _holds(name, wanted.last),
            or_(*(_holds(name, form) for form in sorted(given_forms(wanted.first)))),
            customer.c.active,
            customer.c.merged_to_id.is_(None),
        )
    )
    found = {row.id: compare_names(wanted, name_key(row.name)) for row in rows}
    return {customer_id: match for customer_id, match in found.items() if match in _NAME_FINDS}


def _customers_of(connection: Connection, owners: set[Owner]) -> set[int]:
    customer_ids = {owner_id for kind, owner_id in owners if kind == "customer"}
    location_ids = [owner_id for kind, owner_id in owners if kind == "location"]
    if location_ids:
        customer_ids.update(
            connection.execute(
                select(location.c.customer_id).where(location.c.id.in_(location_ids), location.c.active)
            ).scalars()
        )
    return customer_ids


# -- scoring them ------------------------------------------------------------------------------------
def _contacts_of(
    connection: Connection, customer_ids: set[int], location_ids: set[int]
) -> dict[Owner, list[ContactParts]]:
    c = contact.c
    found: dict[Owner, list[ContactParts]] = defaultdict(list)
    for row in connection.execute(
        select(c.owner_kind, c.owner_id, c.type, c.value, c.normalized)
        .where(
            c.active,
            or_(
                and_(c.owner_kind == "customer", c.owner_id.in_(customer_ids)),
                and_(c.owner_kind == "location", c.owner_id.in_(location_ids)),
            ),
        )
        .order_by(c.id)
    ):
        found[(row.owner_kind, row.owner_id)].append(ContactParts(row.type, row.value, row.normalized))
    return found


def _scored(
    connection: Connection, wanted: _Booking, customer_ids: set[int], *, everyone: bool = False
) -> list[DuplicateCandidate]:
    """The customers scored, best first; those with no evidence left out unless `everyone`."""
    if not customer_ids:
        return []
    customers = {
        row.id: row
        for row in connection.execute(
            select(customer.c.id, customer.c.name, customer.c.type, *address_columns(customer)).where(
                customer.c.id.in_(customer_ids), customer.c.active, customer.c.merged_to_id.is_(None)
            )
        )
    }
    locations = connection.execute(
        select(location.c.id, location.c.customer_id, location.c.name, *address_columns(location))
        .where(location.c.customer_id.in_(customers), location.c.active, location.c.merged_to_id.is_(None))
        .order_by(location.c.id)
    ).all()
    contacts = _contacts_of(connection, set(customers), {row.id for row in locations})

    own_locations: dict[int, list[CandidateLocation]] = defaultdict(list)
    addresses: dict[int, list[AddressKey]] = defaultdict(list)  # customer id -> its own, its locations'
    for row in locations:
        key = address_key(row.street, row.unit, row.zip)
        match = compare_addresses(wanted.address, key) if wanted.address else AddressMatch.NONE
        parts = tuple(contacts.get(("location", row.id), ()))
        own_locations[row.customer_id].append(
            CandidateLocation(row.id, row.name, address_from(row), match, parts)
        )
        addresses[row.customer_id].append(key)

    identities: dict[int, Identity] = {}
    for customer_id, row in customers.items():
        phones, emails = _identity_contacts(
            [
                *contacts.get(("customer", customer_id), ()),
                *(c for loc in own_locations[customer_id] for c in loc.contacts),
            ]
        )
        own = address_key(row.street, row.unit, row.zip)
        identities[customer_id] = Identity(name_key(row.name), phones, emails, (own, *addresses[customer_id]))

    booking_values = set(wanted.identity.phones) | wanted.identity.emails

    def location_order(loc: CandidateLocation) -> tuple[int, bool, int]:
        shares = any(normalized_contact(c.type, c.value) in booking_values for c in loc.contacts)
        return _ADDRESS_ORDER[loc.match], not shares, loc.id

    scores = ranked(wanted.identity, identities)
    if everyone:
        scored = {customer_id for customer_id, _ in scores}
        scores += [(i, score(wanted.identity, identities[i])) for i in identities if i not in scored]
    return [
        DuplicateCandidate(
            customer_id=customer_id,
            name=customers[customer_id].name,
            customer_type=customers[customer_id].type,
            address=address_from(customers[customer_id]),
            score=found,
            locations=tuple(sorted(own_locations[customer_id], key=location_order)),
            contacts=tuple(contacts.get(("customer", customer_id), ())),
        )
        for customer_id, found in scores
    ]
