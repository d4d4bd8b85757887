"""Column types of the cache: UTC timestamps stored as fixed-width text, JSON stored compactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Dialect, String, Text
from sqlalchemy.types import TypeDecorator

#: Stored as 'YYYY-MM-DDTHH:MM:SS.ffffffZ': fixed width, so text order is time order and SQL can compare it.


def to_stored_time(value: datetime) -> str:
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    # isoformat, not strftime: datetime.strftime imports `time` on every call, and under PySide6 every
    # import runs its Python import hook (a writer thread storing 5,000 bookings held the GIL 40 ms).
    return aware.isoformat(timespec="microseconds")[:26] + "Z"


def from_stored_time(value: str) -> datetime:
    # fromisoformat reads the stored form, 'Z' included, as aware UTC: some 50 times faster than
    # strptime, which counts when the queue or a report reads tens of thousands of rows.
    return datetime.fromisoformat(value)


class UtcTimestamp(TypeDecorator[datetime]):
    """An aware UTC datetime; naive values are taken as UTC (everything the API sends is UTC)."""

    impl = String(27)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else to_stored_time(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else from_stored_time(value)


class JsonText(TypeDecorator[Any]):
    """JSON in a TEXT column, compact and key-order preserving (SQLite has no JSON type)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)
