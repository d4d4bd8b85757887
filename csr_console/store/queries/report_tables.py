"""The supervisor reports as tables: typed columns of raw values. The console's report views show them
(each value formatted by its column's kind) and export them to CSV, so the screen and the file come
from one place. `booking_summary`, `speed_report` and `dismissed_table` are what the views run in
their worker thread; the charts read their values from these tables too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import Enum
from pathlib import Path

from sqlalchemy import Connection

from csr_console.domain.words import translatable
from csr_console.gil import pause
from csr_console.store.csv_export import CsvCell, write_csv
from csr_console.store.queries.reports import (
    CampaignFunnel,
    DismissedBooking,
    Funnel,
    SpeedBucket,
    SpeedFigures,
    funnel_by_campaign,
    funnel_by_source,
    speed_to_lead,
)


class Kind(Enum):
    TEXT = "text"
    ID = "id"  # a record's number: no thousands separator
    COUNT = "count"
    RATE = "rate"  # a share, 0 to 1
    SECONDS = "seconds"
    MONEY = "money"
    TIME = "time"  # an aware datetime
    FLAG = "flag"  # a bool


Cell = str | int | float | bool | datetime | None


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class ReportTable:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def values(self, title: str) -> list[Cell]:
        """One column's values, top to bottom."""
        index = [column.title for column in self.columns].index(title)
        return [row[index] for row in self.rows]


def number(value: Cell) -> float:
    """A cell as a figure to add or draw: 0 for a missing one."""
    return float(value) if isinstance(value, int | float) else 0.0


def stacked(group_title: str, key_title: str, parts: Sequence[tuple[str, ReportTable]]) -> ReportTable:
    """Tables with the same value columns as one: first the name of the part each row comes from, then
    the rows' own first (key) column under one title, then the value columns."""
    values = parts[0][1].columns[1:]
    columns = (Column(group_title), Column(key_title), *values)
    rows = tuple((group, *row) for group, table in parts for row in table.rows)
    return ReportTable(columns, rows)


# -- CSV -------------------------------------------------------------------------------------------
def csv_value(value: Cell, kind: Kind, tz: tzinfo) -> CsvCell:
    """A raw value as a spreadsheet reads it: rounded figures, ISO local times with their offset."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind is Kind.RATE and isinstance(value, float):
        return round(value, 4)
    if kind in (Kind.MONEY, Kind.SECONDS) and isinstance(value, float):
        return round(value, 2)
    return value


def export_csv(path: Path, table: ReportTable, tz: tzinfo) -> None:
    """Write `table` to `path` as CSV, times in `tz`."""
    kinds = [column.kind for column in table.columns]
    rows = [
        tuple(csv_value(value, kind, tz) for value, kind in zip(row, kinds, strict=True))
        for row in table.rows
    ]
    write_csv(path, rows, [column.title for column in table.columns])


# -- web booking summary ---------------------------------------------------------------------------
RECEIVED = translatable("ReportColumns", "Received")
ACCEPTED = translatable("ReportColumns", "Accepted/converted")
DISMISSED = translatable("ReportColumns", "Dismissed")
LEADS = translatable("ReportColumns", "Captured as leads")
FUNNEL_COLUMNS = (
    Column(RECEIVED, Kind.COUNT),
    Column(ACCEPTED, Kind.COUNT),
    Column(DISMISSED, Kind.COUNT),
    Column(LEADS, Kind.COUNT),
    Column(translatable("ReportColumns", "Conversion rate"), Kind.RATE),
    Column(translatable("ReportColumns", "Revenue"), Kind.MONEY),
)


def _funnel_cells(row: Funnel) -> tuple[Cell, ...]:
    return (row.received, row.accepted, row.dismissed, row.leads, row.conversion_rate, row.revenue)


def campaign_label(row: CampaignFunnel) -> str:
    if row.campaign_name is not None:
        return row.campaign_name
    return "No campaign" if row.campaign_id is None else f"Campaign {row.campaign_id}"


@dataclass(frozen=True, slots=True)
class BookingSummary:
    by_source: ReportTable
    by_campaign: ReportTable

    def export(self) -> ReportTable:
        return stacked(
            translatable("ReportColumns", "Group"),
            translatable("ReportColumns", "Name"),
            (("Source", self.by_source), ("Campaign", self.by_campaign)),
        )


def booking_summary(connection: Connection, start: datetime, end: datetime) -> BookingSummary:
    sources = funnel_by_source(connection, start, end)
    campaigns = funnel_by_campaign(connection, start, end)
    return BookingSummary(
        by_source=ReportTable(
            (Column(translatable("ReportColumns", "Source")), *FUNNEL_COLUMNS),
            tuple((row.source, *_funnel_cells(row)) for row in sources),
        ),
        by_campaign=ReportTable(
            (Column(translatable("ReportColumns", "Campaign")), *FUNNEL_COLUMNS),
            tuple((campaign_label(row), *_funnel_cells(row)) for row in campaigns),
        ),
    )


# -- speed to lead ---------------------------------------------------------------------------------
SPEED_COLUMNS = (
    Column(RECEIVED, Kind.COUNT),
    Column(translatable("ReportColumns", "Measured"), Kind.COUNT),
    Column(translatable("ReportColumns", "Median (p50)"), Kind.SECONDS),
    Column(translatable("ReportColumns", "p90"), Kind.SECONDS),
    Column(translatable("ReportColumns", "Within 5 min"), Kind.RATE),
    Column(translatable("ReportColumns", "Within 15 min"), Kind.RATE),
)


def _speed_cells(figures: SpeedFigures) -> tuple[Cell, ...]:
    return (
        figures.received,
        figures.measured,
        figures.p50_seconds,
        figures.p90_seconds,
        figures.within_5_min,
        figures.within_15_min,
    )


def hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


def _span(seconds: float) -> tuple[int, str]:
    if seconds < 3600:
        return int(seconds // 60), "min"
    if seconds < 86_400:
        return int(seconds // 3600), "h"
    days = int(seconds // 86_400)
    return days, "day" if days == 1 else "days"


def bucket_label(bucket: SpeedBucket) -> str:
    """'≤ 1 min', '5–10 min', '30 min–1 h', '> 1 day'."""
    if bucket.above is None:
        return "≤ {} {}".format(*_span(bucket.up_to or 0))
    low, low_unit = _span(bucket.above)
    if bucket.up_to is None:
        return f"> {low} {low_unit}"
    high, high_unit = _span(bucket.up_to)
    return f"{low}–{high} {high_unit}" if low_unit == high_unit else f"{low} {low_unit}–{high} {high_unit}"


@dataclass(frozen=True, slots=True)
class SpeedReport:
    overall: SpeedFigures
    by_source: ReportTable
    by_hour: ReportTable
    by_csr: ReportTable
    histogram: tuple[tuple[str, int], ...]  # (bucket label, bookings)

    def export(self) -> ReportTable:
        overall = ReportTable((Column(""), *SPEED_COLUMNS), (("All bookings", *_speed_cells(self.overall)),))
        parts = (
            ("Overall", overall),
            ("Source", self.by_source),
            ("Hour", self.by_hour),
            ("CSR", self.by_csr),
        )
        return stacked(
            translatable("ReportColumns", "Breakdown"), translatable("ReportColumns", "Key"), parts
        )


def speed_report(connection: Connection, start: datetime, end: datetime, tz: tzinfo) -> SpeedReport:
    speed = speed_to_lead(connection, start, end, tz)
    return SpeedReport(
        overall=speed.overall,
        by_source=ReportTable(
            (Column(translatable("ReportColumns", "Source")), *SPEED_COLUMNS),
            tuple((s.source, *_speed_cells(s)) for s in speed.by_source),
        ),
        by_hour=ReportTable(
            (Column(translatable("ReportColumns", "Hour received")), *SPEED_COLUMNS),
            tuple((hour_label(h.hour), *_speed_cells(h)) for h in speed.by_hour),
        ),
        by_csr=ReportTable(
            (Column(translatable("ReportColumns", "CSR")), *SPEED_COLUMNS),
            tuple((c.csr, *_speed_cells(c)) for c in speed.by_csr),
        ),
        histogram=tuple((bucket_label(bucket), bucket.count) for bucket in speed.histogram),
    )


# -- dismissed bookings ----------------------------------------------------------------------------
DISMISSED_COLUMNS = (
    Column(translatable("ReportColumns", "Booking"), Kind.ID),
    Column(translatable("ReportColumns", "Received"), Kind.TIME),
    Column(translatable("ReportColumns", "Source")),
    Column(translatable("ReportColumns", "Customer")),
    Column(translatable("ReportColumns", "Reason")),
    Column(translatable("ReportColumns", "Lead"), Kind.FLAG),
    Column(translatable("ReportColumns", "Dismissed by")),
    Column(translatable("ReportColumns", "Dismissed at"), Kind.TIME),
)


def reason_label(row: DismissedBooking) -> str | None:
    """The call reason's name; its number when the reason is not in the cache; None without one."""
    if row.reason_name is not None:
        return row.reason_name
    return None if row.reason_id is None else f"Reason {row.reason_id}"


def _dismissed_cells(row: DismissedBooking) -> tuple[Cell, ...]:
    pause()  # a year's dismissed bookings: let the GUI thread in between rows
    return (
        row.id,
        row.created_on,
        row.source,
        row.name,
        reason_label(row),
        row.captured_as_lead,
        row.dismissed_by,
        row.dismissed_at,
    )


def dismissed_table(rows: Sequence[DismissedBooking]) -> ReportTable:
    """The dismissed bookings given, one per row; the first column is the booking's id."""
    return ReportTable(DISMISSED_COLUMNS, tuple(_dismissed_cells(row) for row in rows))
