"""Shared pieces of every module's models: the base model, UTC timestamps, lenient enums, envelopes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic.alias_generators import to_camel

from csr_console.api.errors import PayloadError
from csr_console.domain.enums import ContactType, CustomerType, Priority

#: An integer the API documents as int64 (ids): a larger one is a malformed record, quarantined, not a
#: value the cache could store (SQLite raises OverflowError past int64, failing the whole page). Checked
#: by pydantic-core, at no cost per record.
Int64 = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class ApiModel(BaseModel):
    """snake_case fields, camelCase on the wire; unknown fields ignored (the API grows)."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        extra="ignore",
        use_enum_values=False,
    )

    def to_body(self) -> dict[str, Any]:
        """The JSON body for a request: camelCase, no nulls (so PATCH sends only what was set)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


# -- time ------------------------------------------------------------------------------------------
def _to_aware_utc(value: Any) -> Any:
    """ISO-8601 text (any number of fractional digits, 'Z' or offset) -> aware UTC datetime.

    .NET writes 7 fractional digits; fromisoformat (3.11+) truncates past 6. A timestamp without an
    offset is UTC, as everything the API sends is.
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"not an ISO-8601 timestamp: {value[:40]!r}") from None
    if isinstance(value, datetime):
        try:
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        except OverflowError:  # '0001-01-01T00:00:00+05:00' is before year 1 in UTC
            raise ValueError(f"timestamp out of range: {value.isoformat()[:40]!r}") from None
    return value


def _min_value_to_none(value: Any) -> Any:
    """.NET's DateTime.MinValue ('0001-01-01T00:00:00Z') means "no value" (e.g. no preferred start)."""
    value = _to_aware_utc(value)
    if isinstance(value, datetime) and value.year == 1:
        return None
    return value


def format_utc(value: datetime) -> str:
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return aware.isoformat().replace("+00:00", "Z")


_serialize_utc = PlainSerializer(format_utc, return_type=str, when_used="json-unless-none")

#: An aware UTC datetime; accepts 7 fractional digits; serialises as ISO-8601 with 'Z'.
UtcDateTime = Annotated[datetime, BeforeValidator(_to_aware_utc), _serialize_utc]
#: Like UtcDateTime, but year 1 (DateTime.MinValue) and null become None.
OptionalUtcDateTime = Annotated[datetime | None, BeforeValidator(_min_value_to_none), _serialize_utc]


# -- lenient enums: a value the documents don't list is kept as its raw string ----------------------
PriorityValue = Annotated[Priority | str, Field(union_mode="left_to_right")]
ContactTypeValue = Annotated[ContactType | str, Field(union_mode="left_to_right")]
CustomerTypeValue = Annotated[CustomerType | str, Field(union_mode="left_to_right")]


class ActiveFilter(StrEnum):
    """The `active` list filter (ActiveRequestArg)."""

    TRUE = "True"
    ANY = "Any"
    FALSE = "False"


# -- external data (exactly-once creates) ---------------------------------------------------------
class ExternalData(ApiModel):
    key: str
    value: str


class ExternalDataCreate(ApiModel):
    """`externalData` of a create: private to the app's GUID, searchable on GET lists."""

    application_guid: UUID
    external_data: list[ExternalData]


class ExternalDataPatchMode(StrEnum):
    REPLACE = "Replace"
    MERGE = "Merge"


class ExternalDataUpdateItem(ApiModel):
    key: str
    value: str | None = None


class ExternalDataUpdate(ApiModel):
    application_guid: UUID
    external_data: list[ExternalDataUpdateItem]
    patch_mode: ExternalDataPatchMode | None = None


# -- error body -----------------------------------------------------------------------------------
class ErrorBody(ApiModel):
    """RFC 7807 problem details as ServiceTitan sends them (every part optional here: be tolerant)."""

    type: str | None = None
    title: str | None = None
    status: int | None = None
    trace_id: str | None = None
    errors: dict[str, list[str]] = Field(default_factory=dict)
    data: dict[str, Any] | None = None


# -- queries ---------------------------------------------------------------------------------------
class Query(ApiModel):
    """Base of list filters: turns set fields into query parameters the API understands."""

    # A misspelt filter must fail loudly, not silently widen the search.
    model_config = ConfigDict(extra="forbid")

    def to_params(self) -> dict[str, str]:
        params: dict[str, str] = {}
        for name, value in self.model_dump(mode="json", by_alias=True, exclude_none=True).items():
            if isinstance(value, bool):
                params[name] = "true" if value else "false"
            elif isinstance(value, list):
                params[name] = ",".join(str(v) for v in value)
            else:
                params[name] = str(value)
        return params


class ExternalDataFilter(Query):
    """The externalData search filters shared by customers, locations and jobs."""

    external_data_application_guid: UUID | None = None
    external_data_key: str | None = None
    external_data_values: list[str] | None = None


class NoQuery(Query):
    """For lists that take no filters beyond paging."""


class DateRangeQuery(Query):
    """The four date filters most lists share (UTC; the OnOrAfter bounds are inclusive)."""

    created_before: UtcDateTime | None = None
    created_on_or_after: UtcDateTime | None = None
    modified_before: UtcDateTime | None = None
    modified_on_or_after: UtcDateTime | None = None


# -- envelopes -------------------------------------------------------------------------------------
class PageEnvelope(ApiModel):
    """`{page, pageSize, hasMore, totalCount, data}` with the items still raw (validated one by one)."""

    page: int
    page_size: int
    has_more: bool
    total_count: int | None = None
    data: list[Any]


class ExportEnvelope(ApiModel):
    has_more: bool
    continue_from: str
    data: list[Any]


T = TypeVar("T")


@dataclass(frozen=True)
class Rejected:
    """One record that failed validation: its raw payload, kept for quarantine, and why."""

    raw: Any
    error: PayloadError


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a paged list. `rejected` is empty unless the list was fetched with strict=False."""

    page: int
    page_size: int
    has_more: bool
    total_count: int | None
    items: list[T]
    rejected: list[Rejected] = field(default_factory=list)


@dataclass(frozen=True)
class ExportBatch(Generic[T]):
    """One answer of an export feed. Persist `continue_from` to resume the feed later."""

    has_more: bool
    continue_from: str
    items: list[T]
    rejected: list[Rejected] = field(default_factory=list)


class Address(ApiModel):
    """An address as answered (bookings, customers, business units, scheduler sessions).

    Every part may be null in real data despite the documents, so the response side is tolerant.
    """

    street: str | None = None
    unit: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class GeoAddress(Address):
    """An answered address with its coordinates (Crm.V2.Customers.CustomerAddress, business units)."""

    latitude: float | None = None
    longitude: float | None = None
