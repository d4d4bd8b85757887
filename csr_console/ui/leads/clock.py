"""The CSR's day: now in UTC, the machine's time zone with its DST rules, and the wait until tomorrow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QTimeZone

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_zone() -> tzinfo:
    """The machine's zone by name, so a day's bounds follow its DST rules; its offset now when Python's
    zone database does not know the name (a fixed offset misplaces midnight only on a DST change day)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        offset = datetime.now().astimezone().tzinfo
        return offset if offset is not None else UTC


def ms_until_tomorrow(now: datetime, tz: tzinfo) -> int:
    """Milliseconds from `now` until just after the next local midnight in `tz`."""
    tomorrow = datetime.combine(now.astimezone(tz).date() + timedelta(days=1), time(), tzinfo=tz)
    return max(0, int((tomorrow - now).total_seconds() * 1000)) + 1000
