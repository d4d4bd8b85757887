"""CRM customers: created with their locations and contacts in one call, searched by name, address and phone
(their own and their locations'), patched, their contacts and notes, the contacts feed and the exports."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.sql.elements import ColumnElement

from csr_console.domain.enums import CustomerType
from csr_console.sandbox.http import Body, Ctx, Registry, not_found, ok, ok_empty
from csr_console.sandbox.lists import (
    active_filter,
    export_records,
    external_data_filter,
    list_records,
    phone_ids,
    read_external_data,
    read_external_data_update,
    update_external_data,
    with_external_data,
)
from csr_console.sandbox.routes.crm_contacts import (
    active_contacts,
    add_contact,
    contact_brief,
    contact_with_owner,
    read_new_contact,
    register_owner_contact_routes,
)
from csr_console.sandbox.routes.crm_locations import (
    NAMED_SORT,
    address_filter_values,
    address_terms,
    create_location,
    merge_custom_fields,
    read_address,
    read_custom_fields,
    read_new_location,
    stored_address,
)
from csr_console.sandbox.routes.crm_notes import add_note, delete_note, list_notes, read_note
from csr_console.sandbox.routes.jpm import API_USER_ID
from csr_console.sandbox.search_keys import text_key
from csr_console.sandbox.store import Store, record

registry = Registry()

CRM = "/crm/v2/tenant/{tenant}"

CUSTOMER_TYPES = tuple(c.value for c in CustomerType)
_FLAGS = ("doNotMail", "doNotService", "nationalAccount", "taxExempt")
_AMOUNTS = ("creditLimit", "creditLimitBalance")


# -- lifecycle --------------------------------------------------------------------------------------------
def create_customer(
    store: Store,
    request: dict[str, Any],
    stamp: str,
    *,
    created_on: str | None = None,
    created_by_id: int = API_USER_ID,
) -> dict[str, Any]:
    """A customer with its locations and contacts, from a CreateCustomerRequest-shaped dict (checked): name,
    address ``{street, unit, city, state, zip, country}``, locations (at least one NewLocation: name,
    address, contacts, externalData...), and optionally type (default Residential), contacts
    ``[{type, value, memo}]``, doNotMail, doNotService, nationalAccount, taxExempt, customFields
    ``[{typeId, value}]``, tagTypeIds, paymentTermId, creditLimit, creditLimitBalance and
    ``externalData: {applicationGuid, externalData: [{key, value}]}``.

    A location's contacts are also copied to the customer as records of their own. Answers
    CreatedCustomerResponse: the customer with the new ids of its locations and of all its contacts, and the
    externalData of the request's application. ``created_on`` back-dates it for the seed's history.
    """
    when = created_on or stamp
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "active": True,
        "name": request["name"],
        "type": request.get("type") or CustomerType.RESIDENTIAL.value,
        "address": stored_address(request["address"]),
        "customFields": merge_custom_fields([], request.get("customFields") or []),
        "balance": 0,
        **{flag: bool(request.get(flag)) for flag in _FLAGS},
        "tagTypeIds": list(request.get("tagTypeIds") or []),
        "createdOn": when,
        "createdById": created_by_id,
        "modifiedOn": when,
        "mergedToId": None,
        "paymentTermId": request.get("paymentTermId"),
        **{amount: request.get(amount) for amount in _AMOUNTS},
    }
    store.insert("customer", doc, name=doc["name"], terms=_terms(doc))
    external = request.get("externalData")
    if external:
        store.set_external_data("customer", doc["id"], external["applicationGuid"], external["externalData"])
    for contact in request.get("contacts") or []:
        add_contact(store, "customer", doc["id"], contact, when, created_by_id=created_by_id)
    locations = [
        create_location(store, doc["id"], location, stamp, created_on=created_on, created_by_id=created_by_id)
        for location in request["locations"]
    ]
    return {
        **doc,
        "externalData": list(external["externalData"]) if external else [],
        "locations": locations,
        "contacts": [contact_brief(c) for c in active_contacts(store, "customer", doc["id"])],
    }


def add_customer_contact(
    store: Store, customer_id: int, contact: dict[str, Any], stamp: str
) -> dict[str, Any]:
    """A new contact ``{type, value, memo}`` (checked) of an existing customer; answers the stored contact."""
    return add_contact(store, "customer", customer_id, contact, stamp)


def _terms(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [("name", text_key(doc["name"])), *address_terms(doc["address"])]


def customer_or_404(store: Store, customer_id: int) -> dict[str, Any]:
    doc = store.get("customer", customer_id)
    if doc is None:
        raise not_found("Customer", customer_id)
    return doc


def _export_shape(doc: dict[str, Any]) -> dict[str, Any]:
    # Exports carry no application GUID to show externalData for.
    return {**doc, "externalData": []}


# -- request reading --------------------------------------------------------------------------------------
def read_create_customer(body: Body) -> dict[str, Any]:
    """CreateCustomerRequest, field by field; 400 with every problem found."""
    request: dict[str, Any] = {
        "name": body.str("name", required=True, allow_empty=False, max_len=255),
        "type": body.enum("type", CUSTOMER_TYPES),
        "address": read_address(body, "address"),
        "locations": [read_new_location(item) for item in body.objs("locations", required=True) or []],
        "contacts": [read_new_contact(item) for item in body.objs("contacts") or []],
        "customFields": read_custom_fields(body) or [],
        "tagTypeIds": body.int_list("tagTypeIds") or [],
        "externalData": read_external_data(body),
        "paymentTermId": body.int("paymentTermId"),
        **{flag: body.bool(flag) for flag in _FLAGS},
        **{amount: body.number(amount) for amount in _AMOUNTS},
    }
    if isinstance(body.data.get("locations"), list) and not body.data["locations"]:
        body.fail("locations", "A customer needs at least one location.")
    body.done()
    return request


# -- customers ------------------------------------------------------------------------------------------
def _own_or_locations(store: Store, field: str, value: str, contains: bool) -> ColumnElement[bool]:
    """Customers whose own address, or one of whose locations' addresses, has this part."""
    location = record.alias("matching_location")
    via_location = select(location.c.parent_id).where(
        location.c.kind == "location",
        location.c.id.in_(store.term_ids("location", field, value, contains=contains)),
    )
    return or_(
        record.c.id.in_(store.term_ids("customer", field, value, contains=contains)),
        record.c.id.in_(via_location),
    )


def _phone_match(raw: str) -> ColumnElement[bool]:
    """Customers with a phone contact, or a location with one, whose digits match ``raw``."""
    contact = record.alias("matching_contact")
    location = record.alias("matching_location")
    own = select(contact.c.parent_id).where(
        contact.c.kind == "customer_contact", contact.c.id.in_(phone_ids("customer_contact", raw))
    )
    location_ids = select(contact.c.parent_id).where(
        contact.c.kind == "location_contact", contact.c.id.in_(phone_ids("location_contact", raw))
    )
    via_location = select(location.c.parent_id).where(
        location.c.kind == "location", location.c.id.in_(location_ids)
    )
    return or_(record.c.id.in_(own), record.c.id.in_(via_location))


def _customer_filters(ctx: Ctx) -> list[ColumnElement[bool]]:
    store = ctx.store
    where = [*active_filter(ctx), *external_data_filter(ctx, "customer")]
    # Accepted as documented; the sandbox keeps no accounting changes to exclude.
    ctx.q_bool("excludeAccountingChangesFromModifiedDateRange")
    name = ctx.q_str("name")
    if name:
        where.append(store.term_contains("customer", "name", text_key(name)))
    for field, value, contains in address_filter_values(ctx):
        where.append(_own_or_locations(store, field, value, contains))
    phone = ctx.q_str("phone")
    if phone:
        where.append(_phone_match(phone))
    return where


@registry.route("GET", CRM + "/customers")
def list_customers(ctx: Ctx) -> Any:
    answer = list_records(ctx, "customer", _customer_filters(ctx), sort_fields=NAMED_SORT)
    with_external_data(ctx, "customer", answer["data"])
    return ok(answer)


@registry.route("POST", CRM + "/customers")
def post_customer(ctx: Ctx) -> Any:
    request = read_create_customer(ctx.json_body())
    return ok(create_customer(ctx.store, request, ctx.stamp))


@registry.route("GET", CRM + "/customers/contacts")
def list_all_customer_contacts(ctx: Ctx) -> Any:
    where = [record.c.active.is_(True)]
    customer_ids = ctx.q_ids("customerIds")
    if customer_ids is not None:
        where.append(record.c.parent_id.in_(customer_ids))
    return ok(list_records(ctx, "customer_contact", where, shape=contact_with_owner))


@registry.route("GET", CRM + "/customers/{id}")
def get_customer(ctx: Ctx) -> Any:
    doc = customer_or_404(ctx.store, ctx.path_int("id"))
    return ok(with_external_data(ctx, "customer", [doc])[0])


@registry.route("PATCH", CRM + "/customers/{id}")
def patch_customer(ctx: Ctx) -> Any:
    store = ctx.store
    doc = customer_or_404(store, ctx.path_int("id"))
    body = ctx.json_body()
    changes: dict[str, Any] = {}
    if body.has("name"):
        changes["name"] = body.str("name", required=True, allow_empty=False, max_len=255)
    if body.has("type"):
        changes["type"] = body.enum("type", CUSTOMER_TYPES, required=True)
    if body.has("address"):
        changes["address"] = read_address(body, "address", patch="customer")
    for flag in (*_FLAGS, "active"):
        if body.has(flag):
            changes[flag] = body.bool(flag, required=True)
    if body.has("tagTypeIds"):
        changes["tagTypeIds"] = body.int_list("tagTypeIds", required=True)
    if body.has("paymentTermId"):
        changes["paymentTermId"] = body.int("paymentTermId", required=True)
    for amount in _AMOUNTS:
        if body.has(amount):
            changes[amount] = body.number(amount, required=True)
    custom_fields = read_custom_fields(body, required=True) if body.has("customFields") else None
    external = read_external_data_update(body)
    body.done()
    doc.update(changes)
    if custom_fields is not None:
        doc["customFields"] = merge_custom_fields(doc["customFields"], custom_fields)
    if external:
        update_external_data(store, "customer", doc["id"], external)
    saved = store.save("customer", doc, name=doc["name"], terms=_terms(doc))
    guid = external["applicationGuid"] if external else None
    return ok(with_external_data(ctx, "customer", [saved], guid)[0])


# -- contacts -------------------------------------------------------------------------------------------
register_owner_contact_routes(
    registry, "customer", CRM + "/customers/{id}/contacts", customer_or_404, add_customer_contact
)


# -- notes ----------------------------------------------------------------------------------------------
@registry.route("GET", CRM + "/customers/{id}/notes")
def list_customer_notes(ctx: Ctx) -> Any:
    customer = customer_or_404(ctx.store, ctx.path_int("id"))
    return ok(list_notes(ctx, "customer_note", customer["id"]))


@registry.route("POST", CRM + "/customers/{id}/notes")
def post_customer_note(ctx: Ctx) -> Any:
    store = ctx.store
    customer = customer_or_404(store, ctx.path_int("id"))
    body = ctx.json_body()
    text, pinned = read_note(body)
    add_to_locations = bool(body.bool("addToLocations"))
    body.done()
    note = add_note(store, "customer_note", customer["id"], text, ctx.stamp, pinned=pinned)
    if add_to_locations:
        for location_id in store.child_ids("location", customer["id"]):
            add_note(store, "location_note", location_id, text, ctx.stamp, pinned=pinned)
    return ok(note)


@registry.route("DELETE", CRM + "/customers/{id}/notes/{noteId}")
def delete_customer_note(ctx: Ctx) -> Any:
    customer = customer_or_404(ctx.store, ctx.path_int("id"))
    delete_note(ctx.store, "customer_note", customer["id"], ctx.path_int("noteId"))
    return ok_empty()


# -- exports --------------------------------------------------------------------------------------------
@registry.route("GET", CRM + "/export/customers")
def export_customers(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "customer", shape=_export_shape))


@registry.route("GET", CRM + "/export/customers/contacts")
def export_customer_contacts(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "customer_contact", shape=contact_with_owner))
