"""JBCE v2 payloads: call reasons (the reasons a booking is dismissed; `is_lead` marks lead reasons)."""

from __future__ import annotations

from csr_console.api.models.common import ActiveFilter, ApiModel, DateRangeQuery, UtcDateTime


class CallReason(ApiModel):
    """Jbce.V2.CallReasonResponse."""

    id: int
    name: str
    is_lead: bool
    active: bool
    created_on: UtcDateTime
    modified_on: UtcDateTime


class CallReasonQuery(DateRangeQuery):
    active: ActiveFilter | None = None
    sort: str | None = None
