"""Settings v2 payloads: business units, technicians and tag types."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

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


class TagImportance(StrEnum):
    """TenantSettings.V2.TagImportance."""

    MEDIUM = "Medium"
    HIGH = "High"


TagImportanceValue = Annotated[TagImportance | str, Field(union_mode="left_to_right")]


class TagType(ApiModel):
    """TenantSettings.V2.TagTypeResponse: what jobs, customers and locations carry in `tagTypeIds`."""

    id: int
    name: str
    active: bool
    created_on: UtcDateTime
    modified_on: UtcDateTime
    color: str | None = None  # "#RRGGBB"
    code: str | None = None
    importance: TagImportanceValue | None = None
    is_conversion_opportunity: bool | None = None
    allow_to_use_on_timesheet_activity: bool | None = None
    is_visible_on_dispatch_board: bool | None = None


class TagTypeQuery(DateRangeQuery):
    """The document lists no `ids` or `name` filter for tag types."""

    active: ActiveFilter | None = None
    sort: str | None = None
