"""Marketing: campaigns (read-only here) and their lifecycle for the seed. Every job and lead names the
campaign that brought the customer in."""

from __future__ import annotations

from typing import Any

from csr_console.sandbox.http import Ctx, Registry, not_found, ok
from csr_console.sandbox.lists import STANDARD_SORT, active_filter, list_records
from csr_console.sandbox.search_keys import name_id, phone_key, text_key
from csr_console.sandbox.store import Store, record

registry = Registry()

MARKETING = "/marketing/v2/tenant/{tenant}"
CAMPAIGN_SORT = {**STANDARD_SORT, "name": record.c.name}


def create_campaign(
    store: Store,
    name: str,
    stamp: str,
    *,
    category: str | None = None,
    source: str | None = None,
    medium: str | None = None,
    business_unit: str | None = None,
    phone_numbers: list[str] | tuple[str, ...] = (),
    is_default: bool = False,
    active: bool = True,
) -> dict[str, Any]:
    """A marketing campaign. ``category`` is the category's name (e.g. "Online"), ``business_unit``
    the business unit's name as the API shows it, ``phone_numbers`` the campaign's tracking numbers."""
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "name": name,
        "modifiedOn": stamp,
        "createdOn": stamp,
        "active": active,
        "isDefaultCampaign": is_default,
        "category": {"id": name_id(category), "name": category, "active": True} if category else None,
        "source": source,
        "otherSource": None,
        "businessUnit": business_unit,
        "medium": medium,
        "otherMedium": None,
        "campaignPhoneNumbers": list(phone_numbers),
    }
    terms = [("name", text_key(name)), *(("phone", phone_key(p)) for p in phone_numbers)]
    store.insert("campaign", doc, name=name, active=active, terms=terms)
    return doc


@registry.route("GET", MARKETING + "/campaigns")
def list_campaigns(ctx: Ctx) -> Any:
    where = active_filter(ctx)
    name = ctx.q_str("name")
    if name:
        where.append(ctx.store.term_contains("campaign", "name", text_key(name)))
    phone = ctx.q_str("campaignPhoneNumber")
    if phone:
        where.append(ctx.store.term_equals("campaign", "phone", phone_key(phone)))
    return ok(list_records(ctx, "campaign", where, sort_fields=CAMPAIGN_SORT))


@registry.route("GET", MARKETING + "/campaigns/{id}")
def get_campaign(ctx: Ctx) -> Any:
    campaign_id = ctx.path_int("id")
    doc = ctx.store.get("campaign", campaign_id)
    if doc is None:
        raise not_found("Campaign", campaign_id)
    return ok(doc)
