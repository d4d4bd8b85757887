"""Settings: business units, technicians and tag types (read-only here), their lifecycle for the seed, and
the company's time zone and technician shifts that dispatch capacity works from."""

from __future__ import annotations

import re
from datetime import UTC, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from csr_console.sandbox.http import Ctx, Registry, not_found, ok
from csr_console.sandbox.lists import active_filter, export_records, list_records, with_external_data
from csr_console.sandbox.search_keys import name_id, text_key
from csr_console.sandbox.store import Store

registry = Registry()

SETTINGS = "/settings/v2/tenant/{tenant}"

# The store setting naming the company's IANA time zone; shifts and arrival windows are wall-clock times.
TIMEZONE_SETTING = "timezone"
DEFAULT_TIMEZONE = "America/Chicago"

# Mon–Fri 8:00–17:00 when a technician is created without shifts; weekday 0 is Monday.
WEEKDAY_SHIFTS: tuple[dict[str, Any], ...] = tuple(
    {"weekday": day, "start": "08:00", "end": "17:00"} for day in range(5)
)
# TenantSettings.V2.TechnicianPosition
POSITIONS = (
    "Installer",
    "Service",
    "Sales",
    "Maintenance",
    "Helper",
    "InstallProductionManager",
    "ServiceManager",
    "SalesManager",
    "PartRunner",
    "DummyTech",
)
# TenantSettings.V2.TagImportance
TAG_IMPORTANCE = ("Medium", "High")
# Technician shifts are not part of the technician's API shape (dispatch owns them): kept, never answered.
TECHNICIAN_PRIVATE = ("shifts",)


def company_zone(store: Store) -> tzinfo:
    """The company's time zone (store setting ``timezone``), UTC where the zone database is missing."""
    name = store.get_setting(TIMEZONE_SETTING) or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def technician_answer(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in TECHNICIAN_PRIVATE}


# -- lifecycle (used by the seed) -----------------------------------------------------------------------
def create_business_unit(
    store: Store,
    name: str,
    stamp: str,
    *,
    official_name: str | None = None,
    phone_number: str | None = None,
    email: str | None = None,
    address: dict[str, Any] | None = None,
    trade: str | None = None,
    active: bool = True,
) -> dict[str, Any]:
    """A business unit (e.g. "HVAC Service"). ``address``: street, unit, city, state, zip, country;
    ``trade``: the trade's name (e.g. "HVAC"), which becomes a named model."""
    unit_id = store.next_id()
    doc: dict[str, Any] = {
        "id": unit_id,
        "active": active,
        "name": name,
        "officialName": official_name or name,
        "email": email,
        "currency": "USD",
        "phoneNumber": phone_number,
        "invoiceHeader": None,
        "invoiceMessage": None,
        "defaultTaxRate": 0.0825,
        "authorizationParagraph": None,
        "acknowledgementParagraph": None,
        "address": {
            **{part: (address or {}).get(part) for part in ("street", "unit", "city", "state", "zip")},
            "country": (address or {}).get("country") or "USA",
            "latitude": None,
            "longitude": None,
            "isManualCoordinates": False,
            "isMilitary": False,
        }
        if address
        else None,
        "materialSku": None,
        "quickbooksClass": None,
        "accountCode": None,
        "franchiseId": None,
        "conceptCode": None,
        "corporateContractNumber": None,
        "trade": {"id": name_id(trade), "name": trade} if trade else None,
        "division": None,
        "tagTypeIds": [],
        "tenant": None,
        "createdOn": stamp,
        "modifiedOn": stamp,
        "externalData": [],
        "certifiedSentriconSpecialistCode": None,
    }
    store.insert("business_unit", doc, name=name, active=active, terms=[("name", text_key(name))])
    return doc


def create_technician(
    store: Store,
    name: str,
    business_unit_id: int,
    stamp: str,
    *,
    shifts: list[dict[str, Any]] | None = None,
    skills: list[str] | tuple[str, ...] = (),
    email: str | None = None,
    phone_number: str | None = None,
    team: str | None = None,
    positions: list[str] | tuple[str, ...] = ("Service",),
    active: bool = True,
) -> dict[str, Any]:
    """A technician of one business unit. ``shifts``: ``[{"weekday": 0-6 (0 = Monday), "start": "08:00",
    "end": "17:00"}]`` in the company's time zone (default Mon–Fri 8–17); dispatch capacity reads them.
    ``skills``: skill names, matched against job types' ``skills`` for skill-based availability;
    ``positions``: from POSITIONS (ValueError otherwise)."""
    unknown = [p for p in positions if p not in POSITIONS]
    if unknown:
        raise ValueError(f"technician positions {unknown} are not among {', '.join(POSITIONS)}")
    first, _, last = name.partition(" ")
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "userId": store.next_id(),
        "name": name,
        "roleIds": [],
        "businessUnitId": business_unit_id,
        "mainZoneId": None,
        "zoneIds": [],
        "createdOn": stamp,
        "modifiedOn": stamp,
        "email": email,
        "phoneNumber": phone_number,
        "loginName": text_key(name).replace(" ", "."),
        "home": None,
        "dailyGoal": 1500.0,
        "isManagedTech": False,
        "licenseType": "NonManagedTech",
        "customFields": [],
        "active": active,
        "aadUserId": None,
        "burdenRate": 0.0,
        "team": team,
        "jobFilter": None,
        "permissions": [],
        "accountLocked": False,
        "commissionRate": 0.0,
        "currentValue": None,
        "firstName": first,
        "lastName": last or None,
        "hourlyRate": 32.0,
        "jobId": None,
        "mobilePhone": phone_number,
        "outboundCallerId": None,
        "payrollId": None,
        "payrollProfileId": None,
        "appoitmentId": None,
        "shiftStart": None,
        "shiftEnd": None,
        "soldByRate": 0.0,
        "startDate": stamp,
        "status": "Idle",
        "skills": [{"id": name_id(s), "name": s} for s in skills],
        "positions": list(positions),
        "location": None,
        "bio": None,
        "memo": None,
        "shifts": [dict(s) for s in (shifts if shifts is not None else WEEKDAY_SHIFTS)],
    }
    store.insert(
        "technician",
        doc,
        parent_id=business_unit_id,
        name=name,
        active=active,
        terms=[("name", text_key(name)), ("userId", str(doc["userId"]))],
    )
    return doc


def create_tag_type(
    store: Store,
    name: str,
    color: str,
    stamp: str,
    *,
    code: str = "",
    importance: str | None = None,
    is_conversion_opportunity: bool = False,
    allow_to_use_on_timesheet_activity: bool = False,
    is_visible_on_dispatch_board: bool = True,
    active: bool = True,
) -> dict[str, Any]:
    """A tag type (e.g. "VIP") that jobs, customers and locations carry in ``tagTypeIds``. ``color``:
    "#RRGGBB"; ``code``: at most 20 characters, empty for none (the answer's code is never null);
    ``importance``: from TAG_IMPORTANCE or None (ValueError otherwise, as for a bad colour or code)."""
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", color):
        raise ValueError(f"tag type colour {color!r} is not #RRGGBB")
    if len(code) > 20:
        raise ValueError(f"tag type code {code!r} is longer than 20 characters")
    if importance is not None and importance not in TAG_IMPORTANCE:
        raise ValueError(f"tag type importance {importance!r} is not among {', '.join(TAG_IMPORTANCE)}")
    doc: dict[str, Any] = {
        "id": store.next_id(),
        "name": name,
        "color": color,
        "code": code,
        "importance": importance,
        "isConversionOpportunity": is_conversion_opportunity,
        "allowToUseOnTimesheetActivity": allow_to_use_on_timesheet_activity,
        "isVisibleOnDispatchBoard": is_visible_on_dispatch_board,
        "active": active,
        "createdOn": stamp,
        "modifiedOn": stamp,
    }
    store.insert("tag_type", doc, name=name, active=active)
    return doc


# -- business units ---------------------------------------------------------------------------------
@registry.route("GET", SETTINGS + "/business-units")
def list_business_units(ctx: Ctx) -> Any:
    where = active_filter(ctx)
    name = ctx.q_str("name")
    if name:
        where.append(ctx.store.term_contains("business_unit", "name", text_key(name)))
    body = list_records(ctx, "business_unit", where)
    with_external_data(ctx, "business_unit", body["data"])
    return ok(body)


@registry.route("GET", SETTINGS + "/export/business-units")
def export_business_units(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "business_unit"))


@registry.route("GET", SETTINGS + "/business-units/{id}")
def get_business_unit(ctx: Ctx) -> Any:
    unit_id = ctx.path_int("id")
    doc = ctx.store.get("business_unit", unit_id)
    if doc is None:
        raise not_found("Business unit", unit_id)
    return ok(with_external_data(ctx, "business_unit", [doc])[0])


# -- technicians ------------------------------------------------------------------------------------
@registry.route("GET", SETTINGS + "/technicians")
def list_technicians(ctx: Ctx) -> Any:
    where = active_filter(ctx)
    name = ctx.q_str("name")
    if name:
        where.append(ctx.store.term_contains("technician", "name", text_key(name)))
    user_ids = ctx.q_ids("userIds")
    if user_ids is not None:
        where.append(ctx.store.term_in("technician", "userId", [str(u) for u in user_ids]))
    return ok(list_records(ctx, "technician", where, shape=technician_answer))


@registry.route("GET", SETTINGS + "/export/technicians")
def export_technicians(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "technician", shape=technician_answer))


@registry.route("GET", SETTINGS + "/technicians/{id}")
def get_technician(ctx: Ctx) -> Any:
    technician_id = ctx.path_int("id")
    doc = ctx.store.get("technician", technician_id)
    if doc is None:
        raise not_found("Technician", technician_id)
    return ok(technician_answer(doc))


# -- tag types --------------------------------------------------------------------------------------
# The document has no GET by id (only PATCH, which the console does not use): the list is the way in.
@registry.route("GET", SETTINGS + "/tag-types")
def list_tag_types(ctx: Ctx) -> Any:
    return ok(list_records(ctx, "tag_type", active_filter(ctx)))


@registry.route("GET", SETTINGS + "/export/tag-types")
def export_tag_types(ctx: Ctx) -> Any:
    return ok(export_records(ctx, "tag_type"))
