"""A report's period as a supervisor picks it: local dates, both ends included, and the presets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum


class Preset(Enum):
    TODAY = "Today"
    LAST_7_DAYS = "Last 7 days"
    LAST_30_DAYS = "Last 30 days"
    THIS_MONTH = "This month"


def preset_dates(preset: Preset, today: date) -> tuple[date, date]:
    """The first and last local dates of `preset` on `today` (the last days include today)."""
    if preset is Preset.TODAY:
        return today, today
    if preset is Preset.LAST_7_DAYS:
        return today - timedelta(days=6), today
    if preset is Preset.LAST_30_DAYS:
        return today - timedelta(days=29), today
    return today.replace(day=1), today


def utc_bounds(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC: from local midnight starting `first` to local midnight after `last`."""
    start = datetime.combine(first, time(), tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
