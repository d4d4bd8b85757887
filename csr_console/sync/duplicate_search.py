"""Asking the server which customers a booking may be, so that the cache's duplicate candidates
(store.queries.duplicates) include customers the feeds have not brought yet: one a colleague created a
minute ago, or any while the initial sync is still on its way.

The questions ServiceTitan can answer (API-NOTES.md, "Customers, locations, contacts"):
- `GET /customers?phone=` for each of the booking's numbers;
- `GET /customers?name=` with its family name as typed and, if that differs, without accents; only the
  customers whose name compares as the same (domain.names) are followed up;
- `GET /customers?street=&zip=` and `GET /locations?street=&zip=` with the house number and the
  five-digit zip: a street is written too many ways ("W Plano Pkwy", "West Plano Parkway") to be found
  whole, so the answers are compared (domain.addresses) before being followed up;
- `GET /contacts/contact-methods?type=Email&value=` for each email (customers have no email filter),
  and what each contact found belongs to (`GET /contacts/{contactId}/relationships`).
Then, for each customer found (the first store.queries.duplicates.LIMIT, strongest evidence first): the
customer, its locations, and the contacts of both. They are stored with the feeds' rows and upserts in
one transaction in a worker thread, and published as changes.

A search that cannot be finished (offline, a server error) raises the client's ServiceTitanError and
stores none of its answers: the wizard then shows the cached candidates only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Connection, Engine, select

from csr_console.api.client import ServiceTitanClient
from csr_console.api.models.crm import Customer, CustomerContact, CustomerQuery, Location, LocationQuery
from csr_console.domain.addresses import AddressKey, AddressMatch, address_key, compare_addresses
from csr_console.domain.contacts import PHONE_TYPES, normalized_contact
from csr_console.domain.enums import ContactType
from csr_console.domain.names import NameKey, NameMatch, compare_names, family_name, fold, name_key
from csr_console.store import schema
from csr_console.store.queries.duplicates import LIMIT
from csr_console.store.rows import contact_row, customer_row, location_row
from csr_console.store.upserts import upsert
from csr_console.sync.changes import ChangeHub
from csr_console.sync.feeds.writes import CacheWriter

T = TypeVar("T")

#: Customers asked for per search, and ids per `ids=` filter (the API's most).
PAGE = 50
_IDS = 50
_SAME_NAMES = frozenset({NameMatch.SAME, NameMatch.NICKNAME})


@dataclass(frozen=True)
class _Wanted:
    """What the booking gives to search by."""

    name: str
    street: str | None  # as typed
    address: AddressKey | None
    phones: tuple[str, ...]  # digits
    emails: tuple[str, ...]  # as typed
    contacts_fetched: bool


@dataclass
class _Found:
    customers: dict[int, Customer] = field(default_factory=dict)
    locations: list[Location] = field(default_factory=list)
    contacts: list[tuple[str, int, CustomerContact]] = field(
        default_factory=list
    )  # (owner kind, id, contact)


async def search_duplicates(
    client: ServiceTitanClient,
    db: Engine,
    booking_id: int,
    *,
    fetch_contacts: Callable[[int], Awaitable[object]],
    changes: ChangeHub | None = None,
) -> int:
    """Search the server for the customers booking `booking_id` may be and store them (with their
    locations and contacts) in the cache; answers how many customers were found. `fetch_contacts`
    fetches the booking's contacts into the cache (the feed engine's), called when they never were.
    Raises ServiceTitanError when the server cannot answer."""
    wanted = await asyncio.to_thread(_read_booking, db, booking_id)
    if wanted is not None and not wanted.contacts_fetched:
        await fetch_contacts(booking_id)
        wanted = await asyncio.to_thread(_read_booking, db, booking_id)
    return 0 if wanted is None else await _search_and_store(client, db, wanted, changes)


async def search_lead_duplicates(
    client: ServiceTitanClient, db: Engine, lead_id: int, *, changes: ChangeHub | None = None
) -> int:
    """The same for a lead, by what was entered on it (its name, phone, email and address)."""
    wanted = await asyncio.to_thread(_read_lead, db, lead_id)
    return 0 if wanted is None else await _search_and_store(client, db, wanted, changes)


async def _search_and_store(
    client: ServiceTitanClient, db: Engine, wanted: _Wanted, changes: ChangeHub | None
) -> int:
    customer_ids = await _search(client, wanted)
    found = await _details(client, customer_ids[:LIMIT])
    changed = await CacheWriter(db).run(lambda c: _store(c, found))
    if changes is not None:
        for kind, ids in changed.items():
            changes.publish(kind, ids)
    return len(found.customers)


def _read_booking(db: Engine, booking_id: int) -> _Wanted | None:
    b, bc = schema.booking.c, schema.booking_contact.c
    with db.connect() as connection:
        row = connection.execute(
            select(b.name, b.street, b.unit, b.zip, b.contacts_synced_at).where(b.id == booking_id)
        ).one_or_none()
        if row is None:
            return None
        contacts = connection.execute(select(bc.type, bc.value).where(bc.booking_id == booking_id)).all()
    phones = (normalized_contact(type_, value) for type_, value in contacts if type_ in PHONE_TYPES)
    emails = (value.strip() for type_, value in contacts if type_ == ContactType.EMAIL.value)
    return _Wanted(
        name=row.name,
        street=row.street,
        address=address_key(row.street, row.unit, row.zip) if row.street else None,
        phones=tuple(dict.fromkeys(p for p in phones if p)),
        emails=tuple(dict.fromkeys(e for e in emails if e)),
        contacts_fetched=row.contacts_synced_at is not None,
    )


def _read_lead(db: Engine, lead_id: int) -> _Wanted | None:
    ld = schema.lead.c
    with db.connect() as connection:
        row = connection.execute(
            select(
                ld.lead_customer_name, ld.lead_phone, ld.lead_email, ld.lead_street, ld.lead_unit, ld.lead_zip
            ).where(ld.id == lead_id)
        ).one_or_none()
    if row is None:
        return None
    phone = normalized_contact(ContactType.PHONE.value, row.lead_phone) if row.lead_phone else ""
    return _Wanted(
        name=row.lead_customer_name or "",
        street=row.lead_street,
        address=address_key(row.lead_street, row.lead_unit, row.lead_zip) if row.lead_street else None,
        phones=(phone,) if phone else (),
        emails=(row.lead_email.strip(),) if row.lead_email and row.lead_email.strip() else (),
        contacts_fetched=True,
    )


async def _together(work: Iterable[Awaitable[T]]) -> list[T]:
    """Run `work` concurrently; on the first failure cancel the rest and raise it."""
    tasks = [asyncio.ensure_future(item) for item in work]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# -- the searches ------------------------------------------------------------------------------------
async def _search(client: ServiceTitanClient, wanted: _Wanted) -> list[int]:
    """The ids of the customers found, strongest kind of evidence first (phones, emails, address, name)."""
    searches: list[Awaitable[list[int]]] = [_by_phone(client, digits) for digits in wanted.phones]
    searches += [_by_email(client, email) for email in wanted.emails]
    if wanted.address is not None and wanted.street and wanted.address.zip:
        searches.append(_customers_at(client, wanted.address, wanted.street))
        searches.append(_locations_at(client, wanted.address, wanted.street))
    searches += [_by_name(client, name_key(wanted.name), name) for name in _family_names(wanted.name)]
    found: dict[int, None] = {}
    for ids in await _together(searches):
        found.update(dict.fromkeys(ids))
    return list(found)


async def _customers(client: ServiceTitanClient, query: CustomerQuery) -> list[Customer]:
    # Not strict: a record the models reject is left out here and quarantined when a feed reaches it.
    return (await client.crm.customers.list(query, page_size=PAGE, strict=False)).items


async def _locations(client: ServiceTitanClient, query: LocationQuery) -> list[Location]:
    return (await client.crm.locations.list(query, page_size=PAGE, strict=False)).items


async def _by_phone(client: ServiceTitanClient, digits: str) -> list[int]:
    return [c.id for c in await _customers(client, CustomerQuery(phone=digits))]


def _family_names(name: str) -> list[str]:
    typed = family_name(name)
    return list(dict.fromkeys(n for n in (typed, fold(typed)) if n))


async def _by_name(client: ServiceTitanClient, wanted: NameKey, family: str) -> list[int]:
    found = await _customers(client, CustomerQuery(name=family))
    return [c.id for c in found if compare_names(wanted, name_key(c.name)) in _SAME_NAMES]


def _address_query(wanted: AddressKey, typed: str) -> dict[str, str]:
    """The `street` and `zip` filters: the house number rather than the street, which is spelt too many
    ways to be found whole."""
    number = wanted.street.street.split()[0]
    return {"street": number if number.isdigit() else typed.strip(), "zip": wanted.zip}


def _at(wanted: AddressKey, record: Customer | Location) -> bool:
    a = record.address
    return a is not None and compare_addresses(wanted, address_key(a.street, a.unit, a.zip)) is not (
        AddressMatch.NONE
    )


async def _customers_at(client: ServiceTitanClient, wanted: AddressKey, typed: str) -> list[int]:
    found = await _customers(client, CustomerQuery(**_address_query(wanted, typed)))
    return [c.id for c in found if _at(wanted, c)]


async def _locations_at(client: ServiceTitanClient, wanted: AddressKey, typed: str) -> list[int]:
    found = await _locations(client, LocationQuery(**_address_query(wanted, typed)))
    return [loc.customer_id for loc in found if _at(wanted, loc)]


async def _by_email(client: ServiceTitanClient, email: str) -> list[int]:
    methods = (await client.crm.contact_methods.search(ContactType.EMAIL, email, strict=False)).items
    owners = await _together(
        client.crm.contact_methods.relationships(contact_id).list(strict=False)
        for contact_id in dict.fromkeys(m.contact_id for m in methods)
    )
    related = [r for page in owners for r in page.items]
    customer_ids = [r.related_entity_id for r in related if r.type_slug.lower() == "customer"]
    location_ids = [r.related_entity_id for r in related if r.type_slug.lower() == "location"]
    for chunk in _chunks(location_ids):
        customer_ids += [loc.customer_id for loc in await _locations(client, LocationQuery(ids=chunk))]
    return customer_ids


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[at : at + _IDS]) for at in range(0, len(ids), _IDS)]


# -- what is stored of each customer found -----------------------------------------------------------
async def _details(client: ServiceTitanClient, customer_ids: list[int]) -> _Found:
    found = _Found()
    if not customer_ids:
        return found
    for page in await _together(
        client.crm.customers.list(CustomerQuery(ids=chunk), page_size=PAGE, strict=False)
        for chunk in _chunks(customer_ids)
    ):
        found.customers.update((c.id, c) for c in page.items)

    async def locations_of(customer_id: int) -> list[Location]:
        query = LocationQuery(customer_id=customer_id)
        return [loc async for loc in client.crm.locations.items(query, strict=False)]

    async def contacts_of(kind: str, owner_id: int) -> list[tuple[str, int, CustomerContact]]:
        owners = client.crm.customers if kind == "customer" else client.crm.locations
        return [(kind, owner_id, c) async for c in owners.contacts(owner_id).items(strict=False)]

    for locations in await _together(locations_of(customer_id) for customer_id in found.customers):
        found.locations += locations
    owners = [("customer", i) for i in found.customers] + [("location", loc.id) for loc in found.locations]
    for contacts in await _together(contacts_of(kind, owner_id) for kind, owner_id in owners):
        found.contacts += contacts
    return found


def _store(connection: Connection, found: _Found) -> dict[str, set[object]]:
    """Upsert what was found (an older copy never replaces a newer one); the changed ids by change kind,
    a changed contact counting for its owner as the contact feeds publish it."""
    customers = [customer_row(c) for c in found.customers.values()]
    changed: dict[str, set[object]] = {
        "customer": set(upsert(connection, schema.customer, customers)),
        "location": set(upsert(connection, schema.location, [location_row(loc) for loc in found.locations])),
    }
    contacts = [contact_row(kind, owner_id, c) for kind, owner_id, c in found.contacts]
    owner_of = {(row["owner_kind"], row["id"]): row["owner_id"] for row in contacts}
    for kind, contact_id in upsert(connection, schema.contact, contacts):
        changed[kind].add(owner_of[(kind, contact_id)])
    return changed
