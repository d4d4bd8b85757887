"""Local wall-clock parts of stored UTC timestamps, computed in SQL.

SQLite knows only UTC and the process's own zone. Over a bounded period a zone is a few stretches of
fixed UTC offset (split at its DST changes), so a CASE over those stretches gives SQL the offset of
any instant in the period, exactly, for whichever zone the CSR works in.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Integer, case, cast, func, literal

_DAY = 86_400


def _offset(epoch: int, tz: tzinfo) -> int:
    local = datetime.fromtimestamp(epoch, tz)
    offset = local.utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def offset_stretches(tz: tzinfo, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """(from, UTC offset in seconds) of each stretch of [start, end) with one offset, the first from
    `start`. Zones change offset at most once a day, so a day-by-day walk finds every change and a
    bisection finds its second."""
    first, last = int(start.timestamp()), int(end.timestamp())
    stretches = [(first, _offset(first, tz))]
    day = first
    while day < last:
        following = min(day + _DAY, last)
        if _offset(following, tz) != _offset(day, tz):
            before, after = day, following  # the change lies in (before, after]
            while after - before > 1:
                middle = (before + after) // 2
                if _offset(middle, tz) == _offset(before, tz):
                    before = middle
                else:
                    after = middle
            stretches.append((after, _offset(after, tz)))
        day = following
    return [(datetime.fromtimestamp(at, UTC), offset) for at, offset in stretches]


def local_offset(
    column: ColumnElement[Any], tz: tzinfo, start: datetime, end: datetime
) -> ColumnElement[Any]:
    """SQLite's date modifier ('+/-N seconds') moving a UtcTimestamp column whose values lie in
    [start, end) to wall-clock time in `tz`, exact across DST changes."""
    stretches = offset_stretches(tz, start, end)
    modifiers = [f"{offset:+d} seconds" for _, offset in stretches]
    if len(stretches) == 1:
        return literal(modifiers[0])
    # Each stretch's offset applies before the next stretch begins.
    return case(
        *(
            (column < following, text)
            for (following, _), text in zip(stretches[1:], modifiers[:-1], strict=True)
        ),
        else_=modifiers[-1],
    )


def local_hour(column: ColumnElement[Any], tz: tzinfo, start: datetime, end: datetime) -> ColumnElement[int]:
    """The hour of day (0-23) in `tz` of a UtcTimestamp column whose values lie in [start, end)."""
    modifier = local_offset(column, tz, start, end)
    return cast(func.strftime("%H", column, modifier), Integer)
