"""Marketing v2 payloads: campaigns."""

from __future__ import annotations

from pydantic import Field

from csr_console.api.models.common import ActiveFilter, ApiModel, DateRangeQuery, UtcDateTime


class CampaignCategory(ApiModel):
    id: int
    name: str
    active: bool


class Campaign(ApiModel):
    """Marketing.V2.CampaignResponse."""

    id: int
    name: str
    active: bool
    created_on: UtcDateTime
    modified_on: UtcDateTime
    is_default_campaign: bool | None = None
    category: CampaignCategory | None = None
    source: str | None = None
    other_source: str | None = None
    business_unit: str | None = None
    medium: str | None = None
    other_medium: str | None = None
    campaign_phone_numbers: list[str] | None = None


class CampaignQuery(DateRangeQuery):
    ids: list[int] | None = Field(default=None, max_length=50)
    name: str | None = None
    active: ActiveFilter | None = None
    campaign_phone_number: str | None = None
    sort: str | None = None
