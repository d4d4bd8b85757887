"""Contacts (phone, mobile, email, fax) of customers and locations, and the newer contacts API's search of
contact methods, which finds each of those contacts by type and value (the console's email search).

A customer's or location's contact is a ``customer_contact`` / ``location_contact`` record (parent_id = the
owner). Each one is mirrored by a ``contact_method`` record (parent_id = the contact's id) whose ``contactId``
is the GUID of the person the contacts belong to: one per customer and one per location. Its ``referenceId``
is the legacy contact's id, and ``GET /contacts/{contactId}/relationships`` names the customer or location.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from csr_console.domain.enums import ContactType
from csr_console.sandbox.http import Body, Ctx, Registry, bad_request, not_found, ok, ok_empty
from csr_console.sandbox.lists import MAX_PAGE_SIZE, list_records, page_body, paging
from csr_console.sandbox.routes.jpm import API_USER_ID
from csr_console.sandbox.search_keys import phone_key, text_key
from csr_console.sandbox.store import Store, record

registry = Registry()

CRM = "/crm/v2/tenant/{tenant}"

CONTACT_TYPES = tuple(c.value for c in ContactType)
# Contact types a customer's `phone` filter searches.
PHONE_TYPES = (ContactType.PHONE.value, ContactType.MOBILE_PHONE.value)
PREFERENCES = (
    "jobRemindersEnabled",
    "marketingUpdatesEnabled",
    "invoiceStatementNotification",
    "invoiceNotification",
    "statementNotification",
)
# Owner kind -> (contact kind, the contact's field naming its owner).
OWNERS = {"customer": ("customer_contact", "customerId"), "location": ("location_contact", "locationId")}

# The shapes the API answers a contact in.
_BRIEF = ("id", "type", "value", "memo")
_WITH_MODIFIED_ON = (*_BRIEF, "modifiedOn", "phoneSettings", "createdOn", "preferences")
# Kept on a contact method for its relationship, but not part of ContactMethodResponse.
_METHOD_PRIVATE = ("relatedEntityId", "typeSlug")
_GUID_NAMESPACE = uuid.UUID("6f1d4b7e-2c1a-4f0e-9b57-7d0c2a6b3e11")


def contact_brief(doc: dict[str, Any]) -> dict[str, Any]:
    """CustomerContact / LocationContact: what a create answer lists."""
    return {k: doc[k] for k in _BRIEF}


def contact_answer(doc: dict[str, Any]) -> dict[str, Any]:
    """CustomerContactWithModifiedOnResponse / LocationContactResponse."""
    return {k: doc[k] for k in _WITH_MODIFIED_ON}


def contact_with_owner(doc: dict[str, Any]) -> dict[str, Any]:
    """The cross-owner lists' shape: the contact plus its customerId or locationId."""
    return {k: v for k, v in doc.items() if k in _WITH_MODIFIED_ON or k in ("customerId", "locationId")}


def person_id(owner: str, owner_id: int) -> str:
    """The contacts API's GUID for the person behind a customer's or a location's contacts."""
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{owner}:{owner_id}"))


def _value_key(contact_type: str, value: str) -> str:
    return text_key(value) if contact_type == ContactType.EMAIL.value else phone_key(value)


def _contact_terms(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [("phone", phone_key(doc["value"]))] if doc["type"] in PHONE_TYPES else []


# -- lifecycle --------------------------------------------------------------------------------------------
def add_contact(
    store: Store,
    owner: str,
    owner_id: int,
    contact: dict[str, Any],
    stamp: str,
    *,
    created_by_id: int = API_USER_ID,
) -> dict[str, Any]:
    """A new contact ``{type, value, memo}`` (checked) of a customer or location (``owner`` is "customer" or
    "location"), with its contact method. Answers the stored contact (``contact_answer`` shapes it)."""
    kind, owner_field = OWNERS[owner]
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "type": contact["type"],
        "value": contact["value"],
        "memo": contact.get("memo"),
        "modifiedOn": stamp,
        "phoneSettings": _phone_settings(contact["type"], contact["value"], False),
        "createdOn": stamp,
        "preferences": contact.get("preferences"),
        owner_field: owner_id,
    }
    store.insert(kind, doc, parent_id=owner_id, terms=_contact_terms(doc))
    _add_contact_method(store, owner, owner_id, doc, created_by_id)
    return doc


def update_contact(
    store: Store, owner: str, doc: dict[str, Any], changes: dict[str, Any], stamp: str
) -> dict[str, Any]:
    """Apply checked changes (type, value, memo, preferences) to a contact and its contact method."""
    kind, _ = OWNERS[owner]
    doc.update(changes)
    doc["phoneSettings"] = _phone_settings(doc["type"], doc["value"], doc["phoneSettings"]["doNotText"])
    doc["modifiedOn"] = stamp
    store.save(kind, doc, touch=False, terms=_contact_terms(doc))
    for record_id in store.child_ids("contact_method", doc["id"]):
        method = store.get("contact_method", record_id) or {}
        method.update(
            type=doc["type"], value=doc["value"], memo=doc["memo"], modifiedOn=stamp, modifiedBy=API_USER_ID
        )
        store.save("contact_method", method, touch=False, terms=_method_terms(method), record_id=record_id)
    return doc


def delete_contact(store: Store, owner: str, doc: dict[str, Any], stamp: str) -> None:
    """Delete a contact: it leaves every list and search, and its export feed shows it ``active: false``."""
    kind, _ = OWNERS[owner]
    doc["modifiedOn"] = stamp
    store.save(kind, doc, touch=False, terms=[], active=False)
    _remove_contact_methods(store, doc["id"])


def active_contacts(store: Store, owner: str, owner_id: int) -> list[dict[str, Any]]:
    """The contacts a customer or location has now (deleted ones are kept only for the export feeds)."""
    kind, _ = OWNERS[owner]
    where = [record.c.parent_id == owner_id, record.c.active.is_(True)]
    return store.query(kind, where, page_size=MAX_PAGE_SIZE).docs


def _phone_settings(contact_type: str, value: str, do_not_text: bool) -> dict[str, Any]:
    # The schema requires the object on every contact; an email's has no number.
    number = "" if contact_type == ContactType.EMAIL.value else phone_key(value)
    return {"phoneNumber": number, "doNotText": do_not_text}


def _add_contact_method(
    store: Store, owner: str, owner_id: int, contact: dict[str, Any], user_id: int
) -> None:
    record_id = store.next_id()
    doc = {
        "id": str(uuid.uuid5(_GUID_NAMESPACE, f"contact-method:{record_id}")),
        "contactId": person_id(owner, owner_id),
        "referenceId": str(contact["id"]),
        "type": contact["type"],
        "value": contact["value"],
        "memo": contact.get("memo"),
        "createdOn": contact["createdOn"],
        "createdBy": user_id,
        "modifiedOn": contact["modifiedOn"],
        "modifiedBy": user_id,
        "relatedEntityId": owner_id,
        "typeSlug": owner,
    }
    store.insert(
        "contact_method", doc, parent_id=contact["id"], terms=_method_terms(doc), record_id=record_id
    )


def _method_terms(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("type", doc["type"]),
        ("value", _value_key(doc["type"], doc["value"])),
        ("contactId", doc["contactId"]),
        ("referenceId", doc["referenceId"]),
    ]


def _remove_contact_methods(store: Store, contact_id: int) -> None:
    for record_id in store.child_ids("contact_method", contact_id):
        store.remove("contact_method", record_id)


# -- request reading --------------------------------------------------------------------------------------
def read_new_contact(body: Body) -> dict[str, Any]:
    """NewCustomerContact / CreateCustomerContactRequest / LocationContactCreateRequest."""
    return {
        "type": body.enum("type", CONTACT_TYPES, required=True),
        "value": body.str("value", required=True, allow_empty=False, max_len=255),
        "memo": body.str("memo", max_len=255),
    }


def read_contact_update(body: Body) -> dict[str, Any]:
    """UpdateCustomerContactRequest / LocationContactUpdateRequest: each field sent must have a value."""
    changes: dict[str, Any] = {}
    if body.has("type"):
        changes["type"] = body.enum("type", CONTACT_TYPES, required=True)
    if body.has("value"):
        changes["value"] = body.str("value", required=True, allow_empty=False, max_len=255)
    if body.has("memo"):
        changes["memo"] = body.str("memo", required=True, max_len=255)
    if body.has("preferences"):
        preferences = body.obj("preferences", required=True)
        if preferences is not None:
            changes["preferences"] = {name: preferences.bool(name, required=True) for name in PREFERENCES}
    return changes


def contact_or_404(store: Store, owner: str, owner_id: int, contact_id: int) -> dict[str, Any]:
    """An active contact of this owner, else 404."""
    kind, _ = OWNERS[owner]
    row = store.get_row(kind, contact_id)
    if row is None or row.parent_id != owner_id or not row.active:
        raise not_found("Contact", contact_id)
    return store.get(kind, contact_id) or {}


# -- contact methods --------------------------------------------------------------------------------------
def _method_answer(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in _METHOD_PRIVATE}


def _guid(name: str, raw: str | None) -> str | None:
    if raw is None:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise bad_request(name, f"The value '{raw}' is not a valid GUID.") from None


@registry.route("GET", CRM + "/contacts/contact-methods")
def search_contact_methods(ctx: Ctx) -> Any:
    store = ctx.store
    where = []
    contact_id = _guid("contactId", ctx.q_str("contactId"))
    if contact_id:
        where.append(store.term_equals("contact_method", "contactId", contact_id))
    reference_id = ctx.q_str("referenceId")
    if reference_id:
        where.append(store.term_equals("contact_method", "referenceId", reference_id))
    contact_type = ctx.q_enum("type", CONTACT_TYPES)
    if contact_type:
        where.append(store.term_equals("contact_method", "type", contact_type))
    value = ctx.q_str("value")
    if value:
        # Emails match without regard to case, numbers by their digits.
        keys = [_value_key(contact_type, value)] if contact_type else [text_key(value), phone_key(value)]
        where.append(store.term_in("contact_method", "value", [k for k in keys if k]))
    return ok(list_records(ctx, "contact_method", where, shape=_method_answer))


@registry.route("GET", CRM + "/contacts/{contactId}/relationships")
def list_contact_relationships(ctx: Ctx) -> Any:
    contact_id = _guid("contactId", ctx.path["contactId"])
    methods = ctx.store.query(
        "contact_method",
        [ctx.store.term_equals("contact_method", "contactId", contact_id or "")],
        order_by=[record.c.created_on],
        page_size=1,
    ).docs
    if not methods:
        raise not_found("Contact", contact_id)
    first = methods[0]
    relationship = {
        "id": str(uuid.uuid5(_GUID_NAMESPACE, f"relationship:{contact_id}")),
        "relatedEntityId": first["relatedEntityId"],
        "typeName": first["typeSlug"].capitalize(),
        "typeSlug": first["typeSlug"],
        "createdOn": first["createdOn"],
        "createdBy": first["createdBy"],
    }
    related = ctx.q_int("relatedEntityId")
    slug = ctx.q_str("typeSlug")
    name = ctx.q_str("typeName")
    matches = (
        (related is None or related == relationship["relatedEntityId"])
        and (slug is None or slug.lower() == relationship["typeSlug"])
        and (name is None or name.lower() == relationship["typeSlug"])
    )
    page, page_size, include_total = paging(ctx)
    data = [relationship] if matches and page == 1 else []
    return ok(page_body(page, page_size, data, False, int(matches) if include_total else None))


def register_owner_contact_routes(
    registry: Registry,
    owner: str,
    path: str,
    owner_or_404: Callable[[Store, int], dict[str, Any]],
    add: Callable[[Store, int, dict[str, Any], str], dict[str, Any]],
) -> None:
    """List, create, update and delete under ``path`` (``.../customers/{id}/contacts`` or the location's):
    the same four operations for both owners, with the owner's own ``add`` rule."""
    kind = f"{owner}_contact"

    def list_owner_contacts(ctx: Ctx) -> Any:
        found = owner_or_404(ctx.store, ctx.path_int("id"))
        where = [record.c.parent_id == found["id"], record.c.active.is_(True)]
        return ok(list_records(ctx, kind, where, standard=False, shape=contact_answer))

    def post_owner_contact(ctx: Ctx) -> Any:
        found = owner_or_404(ctx.store, ctx.path_int("id"))
        body = ctx.json_body()
        contact = read_new_contact(body)
        body.done()
        return ok(contact_answer(add(ctx.store, found["id"], contact, ctx.stamp)))

    def patch_owner_contact(ctx: Ctx) -> Any:
        found = owner_or_404(ctx.store, ctx.path_int("id"))
        doc = contact_or_404(ctx.store, owner, found["id"], ctx.path_int("contactId"))
        body = ctx.json_body()
        changes = read_contact_update(body)
        body.done()
        return ok(contact_answer(update_contact(ctx.store, owner, doc, changes, ctx.stamp)))

    def delete_owner_contact(ctx: Ctx) -> Any:
        found = owner_or_404(ctx.store, ctx.path_int("id"))
        doc = contact_or_404(ctx.store, owner, found["id"], ctx.path_int("contactId"))
        delete_contact(ctx.store, owner, doc, ctx.stamp)
        return ok_empty()

    registry.route("GET", path)(list_owner_contacts)
    registry.route("POST", path)(post_owner_contact)
    registry.route("PATCH", path + "/{contactId}")(patch_owner_contact)
    registry.route("DELETE", path + "/{contactId}")(delete_owner_contact)
