"""Settings v2 payloads: business units and technicians."""

from __future__ import annotations

from pydantic import Field

from csr_console.api.models.common import (
    ActiveFilter,
    ApiModel,
    DateRangeQuery,
    ExternalData,
    GeoAddress,
    UtcDateTime,
)


class NamedRef(ApiModel):
    id: int
    name: str


class BusinessUnit(ApiModel):
    """TenantSettings.V2.BusinessUnitResponse (the parts the console shows)."""

    id: int
    active: bool
    name: str
    created_on: UtcDateTime
    modified_on: UtcDateTime
    official_name: str | None = None
    email: str | None = None
    currency: str | None = None
    phone_number: str | None = None
    address: GeoAddress | None = None
    trade: NamedRef | None = None
    division: NamedRef | None = None
    tag_type_ids: list[int] | None = None
    external_data: list[ExternalData] | None = None


class BusinessUnitQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    name: str | None = None
    active: ActiveFilter | None = None


class Technician(ApiModel):
    """TenantSettings.V2.TechnicianResponse (the parts the console shows)."""

    id: int
    user_id: int
    name: str
    active: bool
    created_on: UtcDateTime
    modified_on: UtcDateTime
    business_unit_id: int | None = None
    main_zone_id: int | None = None
    zone_ids: list[int] | None = None
    email: str | None = None
    phone_number: str | None = None
    mobile_phone: str | None = None
    team: str | None = None
    status: str | None = None


class TechnicianQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    name: str | None = None
    active: ActiveFilter | None = None
