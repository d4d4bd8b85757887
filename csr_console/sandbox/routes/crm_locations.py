"""CRM locations: the service addresses of customers (``location`` records, parent_id = customer id), their
contacts and notes, the contacts feeds and exports; plus the address and custom-field rules customers share.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from csr_console.sandbox.http import Body, Ctx, Registry, bad_request, not_found, ok, ok_empty
from csr_console.sandbox.lists import (
    STANDARD_SORT,
    active_filter,
    export_records,
    external_data_filter,
    list_records,
    read_external_data,
    read_external_data_update,
    update_external_data,
    with_external_data,
)
from csr_console.sandbox.routes.crm_contacts import (
    add_contact,
    contact_brief,
    contact_with_owner,
    read_new_contact,
    register_owner_contact_routes,
)
from csr_console.sandbox.routes.crm_notes import add_note, delete_note, list_notes, read_note
from csr_console.sandbox.routes.jpm import API_USER_ID
from csr_console.sandbox.search_keys import text_key, zip_key
from csr_console.sandbox.store import Store, record

registry = Registry()

CRM = "/crm/v2/tenant/{tenant}"

ADDRESS_PARTS = ("street", "unit", "city", "state", "zip", "country")
# Address filters: (query parameter, whether it matches a part of the stored value).
ADDRESS_FILTERS = (
    ("street", True),
    ("unit", False),
    ("city", False),
    ("state", False),
    ("zip", False),
    ("country", False),
)
NAMED_SORT = {**STANDARD_SORT, "name": record.c.name}
COORDINATES_SOURCES = ("None", "System", "User", "Imported")
VERIFICATION_STATUSES = ("Unverified", "InProgress", "Failed", "Verified")


# -- addresses and custom fields (customers share these) --------------------------------------------------
def address_terms(address: dict[str, Any] | None) -> list[tuple[str, str]]:
    """Search keys of an address: zip by its five digits, the other parts folded to lower case."""
    address = address or {}
    return [
        (part, zip_key(address.get(part)) if part == "zip" else text_key(address.get(part)))
        for part in ADDRESS_PARTS
    ]


def address_filter_values(ctx: Ctx) -> list[tuple[str, str, bool]]:
    """The address parts a list is asked to match: (term field, normalised value, match a part of it)."""
    found = []
    for name, contains in ADDRESS_FILTERS:
        raw = ctx.q_str(name)
        if raw is not None:
            found.append((name, zip_key(raw) if name == "zip" else text_key(raw), contains))
    # Coordinates are accepted (the documents list them) but no sandbox record is geocoded.
    ctx.q_float("latitude")
    ctx.q_float("longitude")
    return found


def read_address(body: Body, name: str, *, patch: str | None = None) -> dict[str, Any] | None:
    """An address object. On create (``patch`` None) a CustomerAddress: street, city, state, zip and country
    required, unit and coordinates optional. A PATCH replaces the whole address, so every part is required:
    ``patch="customer"`` (UpdateCustomerAddress, coordinates too) or ``patch="location"``
    (AddressPatchModel)."""
    address = body.obj(name, required=True)
    if address is None:
        return None
    parts: dict[str, Any] = {}
    for part in ADDRESS_PARTS:
        parts[part] = address.str(part, required=patch is not None or part != "unit", max_len=255)
    for part in ("latitude", "longitude"):
        parts[part] = address.number(part, required=patch == "customer")
    return parts


def read_custom_fields(body: Body, *, required: bool = False) -> list[dict[str, Any]] | None:
    """CustomFieldUpdateModel items: ``[{typeId, value}]`` (``required`` on a PATCH that sends them)."""
    items = body.objs("customFields", required=required)
    if items is None:
        return None
    return [{"typeId": i.int("typeId", required=True), "value": i.str("value", required=True)} for i in items]


def merge_custom_fields(current: list[dict[str, Any]], updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Custom fields after an update: each sent typeId takes its new value, the others stay."""
    merged = {f["typeId"]: f for f in current}
    for item in updates:
        merged[item["typeId"]] = {"typeId": item["typeId"], "name": None, "value": item["value"]}
    return list(merged.values())


def read_new_location(body: Body) -> dict[str, Any]:
    """NewLocation (a location inside CreateCustomerRequest) or CreateLocationRequest without customerId."""
    return {
        "name": body.str("name", required=True, allow_empty=False, max_len=255),
        "address": read_address(body, "address"),
        "contacts": [read_new_contact(c) for c in body.objs("contacts") or []],
        "customFields": read_custom_fields(body) or [],
        "tagTypeIds": body.int_list("tagTypeIds") or [],
        "externalData": read_external_data(body),
        "coordinatesSource": body.enum("coordinatesSource", COORDINATES_SOURCES),
        "coordinatesVerificationStatus": body.enum("coordinatesVerificationStatus", VERIFICATION_STATUSES),
    }


# -- lifecycle --------------------------------------------------------------------------------------------
def create_location(
    store: Store,
    customer_id: int,
    request: dict[str, Any],
    stamp: str,
    *,
    created_on: str | None = None,
    created_by_id: int = API_USER_ID,
) -> dict[str, Any]:
    """A new location of an existing customer from a NewLocation-shaped dict (checked): name, address, and
    optionally contacts ``[{type, value, memo}]``, customFields ``[{typeId, value}]``, tagTypeIds and
    ``externalData: {applicationGuid, externalData: [{key, value}]}``. Each contact is also copied to the
    customer as a separate record. Answers CreateLocationResponse (externalData of the request's application).
    ``created_on`` back-dates it for the seed's history."""
    when = created_on or stamp
    doc: dict[str, Any] = {
        "taxZoneId": None,
        "id": store.next_id(),
        "customerId": customer_id,
        "active": True,
        "name": request["name"],
        "address": stored_address(request["address"]),
        "customFields": merge_custom_fields([], request.get("customFields") or []),
        "createdOn": when,
        "createdById": created_by_id,
        "modifiedOn": when,
        "mergedToId": None,
        "zoneId": None,
        "taxExempt": False,
        "tagTypeIds": list(request.get("tagTypeIds") or []),
    }
    store.insert("location", doc, parent_id=customer_id, name=doc["name"], terms=_terms(doc))
    external = request.get("externalData")
    if external:
        store.set_external_data("location", doc["id"], external["applicationGuid"], external["externalData"])
    contacts = []
    for contact in request.get("contacts") or []:
        contacts.append(add_contact(store, "location", doc["id"], contact, when, created_by_id=created_by_id))
        # A contact given with a new location is the customer's too, as a record of its own.
        add_contact(store, "customer", customer_id, contact, when, created_by_id=created_by_id)
    return {
        **doc,
        "externalData": list(external["externalData"]) if external else [],
        "contacts": [contact_brief(c) for c in contacts],
    }


def add_location_contact(
    store: Store, location_id: int, contact: dict[str, Any], stamp: str
) -> dict[str, Any]:
    """A new contact ``{type, value, memo}`` (checked) of an existing location; answers the stored contact."""
    return add_contact(store, "location", location_id, contact, stamp)


def stored_address(address: dict[str, Any]) -> dict[str, Any]:
    """Every part of a CustomerAddress, absent ones null."""
    stored = {part: address.get(part) for part in ADDRESS_PARTS}
    stored["latitude"] = address.get("latitude")
    stored["longitude"] = address.get("longitude")
    return stored


def _terms(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [("name", text_key(doc["name"])), *address_terms(doc["address"])]


def location_or_404(store: Store, location_id: int) -> dict[str, Any]:
    doc = store.get("location", location_id)
    if doc is None:
        raise not_found("Location", location_id)
    return doc


def _export_shape(doc: dict[str, Any]) -> dict[str, Any]:
    # Exports carry no application GUID to show externalData for.
    return {**doc, "externalData": []}


# -- locations ------------------------------------------------------------------------------------------
def _location_filters(ctx: Ctx) -> list[ColumnElement[bool]]:
    store = ctx.store
    where = [*active_filter(ctx), *external_data_filter(ctx, "location")]
    customer_id = ctx.q_int("customerId")
    if customer_id is not None:
        where.append(record.c.parent_id == customer_id)
    name = ctx.q_str("name")
    if name:
        where.append(store.term_contains("location", "name", text_key(name)))
    for field, value, contains in address_filter_values(ctx):
        where.append(record.c.id.in_(store.term_ids("location", field, value, contains=contains)))
    return where


@registry.route("GET", CRM + "/locations")
def list_locations(ctx: Ctx) -> Any:
    answer = list_records(ctx, "location", _location_filters(ctx), sort_fields=NAMED_SORT)
    with_external_data(ctx, "location", answer["data"])
    return ok(answer)


@registry.route("GET", CRM + "/locations/contacts")
def list_all_location_contacts(ctx: Ctx) -> Any:
    where = [record.c.active.is_(True)]
    location_ids = ctx.q_ids("locationIds")
    if location_ids is not None:
        where.append(record.c.parent_id.in_(location_ids))
    return ok(list_records(ctx, "location_contact", where, shape=contact_with_owner))


@registry.route("GET", CRM + "/locations/{id}")
def get_location(ctx: Ctx) -> Any:
    doc = location_or_404(ctx.store, ctx.path_int("id"))
    return ok(with_external_data(ctx, "location", [doc])[0])


@registry.route("POST", CRM + "/locations")
def post_location(ctx: Ctx) -> Any:
    body = ctx.json_body()
    customer_id = body.int("customerId", required=True)
    request = read_new_location(body)
    body.done()
    if ctx.store.get("customer", customer_id) is None:
        raise bad_request("customerId", f"customerId {customer_id} does not exist.")
    return ok(create_location(ctx.store, customer_id, request, ctx.stamp))


@registry.route("PATCH", CRM + "/locations/{id}")
def patch_location(ctx: Ctx) -> Any:
    store = ctx.store
    doc = location_or_404(store, ctx.path_int("id"))
    body = ctx.json_body()
    changes: dict[str, Any] = {}
    if body.has("customerId"):
        changes["customerId"] = body.int("customerId", required=True)
    if body.has("name"):
        changes["name"] = body.str("name", required=True, allow_empty=False, max_len=255)
    if body.has("address"):
        changes["address"] = read_address(body, "address", patch="location")
    if body.has("active"):
        changes["active"] = body.bool("active", required=True)
    if body.has("taxZoneId"):
        changes["taxZoneId"] = body.int("taxZoneId", required=True)
    if body.has("tagTypeIds"):
        changes["tagTypeIds"] = body.int_list("tagTypeIds", required=True)
    custom_fields = read_custom_fields(body, required=True) if body.has("customFields") else None
    external = read_external_data_update(body)
    body.done()
    customer_id = changes.get("customerId")
    if customer_id is not None and store.get("customer", customer_id) is None:
        raise bad_request("customerId", f"customerId {customer_id} does not exist.")
    doc.update(changes)
    if custom_fields is not None:
        doc["customFields"] = merge_custom_fields(doc["customFields"], custom_fields)
    if external:
        update_external_data(store, "location", doc["id"], external)
    saved = store.save("location", doc, parent_id=doc["customerId"], name=doc["name"], terms=_terms(doc))
    guid = external["applicationGuid"] if external else None
    return ok(with_external_data(ctx, "location", [saved], guid)[0])


# -- contacts -------------------------------------------------------------------------------------------
register_owner_contact_routes(
    registry, "location", CRM + "/locations/{id}/contacts", location_or_404, add_location_contact
)


# -- notes ----------------------------------------------------------------------------------------------
@registry.route("GET", CRM + "/locations/{id}/notes")
def list_location_notes(ctx: Ctx) -> Any:
    location = location_or_404(ctx.store, ctx.path_int("id"))
    return ok(list_notes(ctx, "location_note", location["id"]))


@registry.route("POST", CRM + "/locations/{id}/notes")
def post_location_note(ctx: Ctx) -> Any:
    location = location_or_404(ctx.store, ctx.path_int("id"))
    body = ctx.json_body()
    text, pinned = read_note(body)
    add_to_customer = bool(body.bool("addToCustomer"))
    body.done()
    note = add_note(ctx.store, "location_note", location["id"], text, ctx.stamp, pinned=pinned)
    if add_to_customer:
        add_note(ctx.store, "customer_note", location["customerId"], text, ctx.stamp, pinned=pinned)
    return ok(note)


@registry.route("DELETE", CRM + "/locations/{id}/notes/{noteId}")
def delete_location_note(ctx: Ctx) -> Any:
    location = location_or_404(ctx.store, ctx.path_int("id"))
    delete_note(ctx.store, "location_note", location["id"], ctx.path_int("noteId"))
    return ok_empty()


# -- exports --------------------------------------------------------------------------------------------
@registry.route("GET", CRM + "/export/locations")
def export_locations(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "location", shape=_export_shape))


@registry.route("GET", CRM + "/export/locations/contacts")
def export_location_contacts(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "location_contact", shape=contact_with_owner))
