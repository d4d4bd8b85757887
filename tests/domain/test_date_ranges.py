"""A report's period: presets on a given day, and local dates as UTC bounds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from csr_console.domain.date_ranges import Preset, preset_dates, utc_bounds


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        (Preset.TODAY, date(2026, 3, 8), (date(2026, 3, 8), date(2026, 3, 8))),
        (Preset.LAST_7_DAYS, date(2026, 3, 8), (date(2026, 3, 2), date(2026, 3, 8))),
        (Preset.LAST_30_DAYS, date(2026, 3, 8), (date(2026, 2, 7), date(2026, 3, 8))),
        (Preset.THIS_MONTH, date(2026, 3, 8), (date(2026, 3, 1), date(2026, 3, 8))),
        (Preset.THIS_MONTH, date(2026, 3, 1), (date(2026, 3, 1), date(2026, 3, 1))),
        (Preset.LAST_7_DAYS, date(2026, 1, 3), (date(2025, 12, 28), date(2026, 1, 3))),
    ],
)
def test_presets(preset: Preset, today: date, expected: tuple[date, date]) -> None:
    assert preset_dates(preset, today) == expected


def test_bounds_run_from_local_midnight_to_the_midnight_after_the_last_day() -> None:
    new_york = ZoneInfo("America/New_York")
    # 8 March 2026 is 23 hours long in New York (clocks go forward at 2 AM).
    start, end = utc_bounds(date(2026, 3, 8), date(2026, 3, 8), new_york)
    assert (start, end) == (datetime(2026, 3, 8, 5, tzinfo=UTC), datetime(2026, 3, 9, 4, tzinfo=UTC))
    assert utc_bounds(date(2026, 1, 1), date(2026, 12, 31), UTC) == (
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )
