"""Reference data (business units, job types, campaigns, call reasons, booking-provider tags, technicians,
schedulers, tag types): small lists followed by modifiedOnOrAfter, inactive rows included (`active=Any`) so a
deactivation reaches the cache. A change publishes the table's name as a 'reference' change.

Business units, job types, technicians and schedulers take no `sort`: they are walked page by page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Table

from csr_console.api.models.common import ActiveFilter
from csr_console.api.models.crm import BookingProviderTagQuery
from csr_console.api.models.jbce import CallReasonQuery
from csr_console.api.models.jpm import JobTypeQuery
from csr_console.api.models.marketing import CampaignQuery
from csr_console.api.models.scheduling_pro import SchedulerQuery
from csr_console.api.models.settings import BusinessUnitQuery, TagTypeQuery, TechnicianQuery
from csr_console.store import schema
from csr_console.store.rows import (
    Row,
    booking_provider_tag_row,
    business_unit_row,
    call_reason_row,
    campaign_row,
    job_type_row,
    scheduler_row,
    tag_type_row,
    technician_row,
)
from csr_console.sync.feeds.base import Feed, FeedContext, Sink
from csr_console.sync.feeds.modified import ModifiedListPoller
from csr_console.sync.feeds.records import untimed

M = TypeVar("M")
ANY = ActiveFilter.ANY
SORT = "+ModifiedOn"


def _reference(table: Table, row: Callable[[M], Row]) -> Sink[M]:
    def notify(changed: list[Any], _rows: list[Row]) -> Iterable[object]:
        return [table.name] if changed else []

    return Sink(table, untimed(row), "reference", notify)


def _business_units(bound: datetime | None) -> BusinessUnitQuery:
    return BusinessUnitQuery(modified_on_or_after=bound, active=ANY)


def _job_types(bound: datetime | None) -> JobTypeQuery:
    return JobTypeQuery(modified_on_or_after=bound, active=ANY)


def _campaigns(bound: datetime | None) -> CampaignQuery:
    return CampaignQuery(modified_on_or_after=bound, active=ANY, sort=SORT)


def _call_reasons(bound: datetime | None) -> CallReasonQuery:
    return CallReasonQuery(modified_on_or_after=bound, active=ANY, sort=SORT)


def _provider_tags(bound: datetime | None) -> BookingProviderTagQuery:
    return BookingProviderTagQuery(modified_on_or_after=bound, sort=SORT)


def _technicians(bound: datetime | None) -> TechnicianQuery:
    return TechnicianQuery(modified_on_or_after=bound, active=ANY)


def _schedulers(bound: datetime | None) -> SchedulerQuery:
    return SchedulerQuery(modified_on_or_after=bound)


def _tag_types(bound: datetime | None) -> TagTypeQuery:
    return TagTypeQuery(modified_on_or_after=bound, active=ANY, sort=SORT)


def reference_feeds(ctx: FeedContext) -> list[Feed]:
    client = ctx.client
    return [
        ModifiedListPoller(
            ctx,
            "business_units",
            client.settings.business_units,
            _business_units,
            _reference(schema.business_unit, business_unit_row),
            sortable=False,
        ),
        ModifiedListPoller(
            ctx,
            "job_types",
            client.jpm.job_types,
            _job_types,
            _reference(schema.job_type, job_type_row),
            sortable=False,
        ),
        ModifiedListPoller(
            ctx,
            "campaigns",
            client.marketing.campaigns,
            _campaigns,
            _reference(schema.campaign, campaign_row),
            sortable=True,
        ),
        ModifiedListPoller(
            ctx,
            "call_reasons",
            client.jbce.call_reasons,
            _call_reasons,
            _reference(schema.call_reason, call_reason_row),
            sortable=True,
        ),
        ModifiedListPoller(
            ctx,
            "booking_provider_tags",
            client.crm.booking_provider_tags,
            _provider_tags,
            _reference(schema.booking_provider_tag, booking_provider_tag_row),
            sortable=True,
        ),
        ModifiedListPoller(
            ctx,
            "technicians",
            client.settings.technicians,
            _technicians,
            _reference(schema.technician, technician_row),
            sortable=False,
        ),
        ModifiedListPoller(
            ctx,
            "schedulers",
            client.scheduling_pro.schedulers,
            _schedulers,
            _reference(schema.scheduler, scheduler_row),
            sortable=False,
        ),
        ModifiedListPoller(
            ctx,
            "tag_types",
            client.settings.tag_types,
            _tag_types,
            _reference(schema.tag_type, tag_type_row),
            sortable=True,
        ),
    ]
