"""Arrival windows a CSR can offer a customer, as dispatch capacity answers them, and which one to
preselect: the window holding the time the customer asked for, when it still has room."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

#: How long the first visit is booked for when the job type names no duration.
DEFAULT_VISIT = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class TechnicianAvailability:
    id: int
    name: str
    available: bool  # has free hours in the window


@dataclass(frozen=True, slots=True)
class ArrivalWindow:
    """One window (aware UTC times) and how much of it is still open."""

    start: datetime
    end: datetime
    open_hours: float
    total_hours: float
    available: bool  # enough open hours for the job type
    over_ideal: bool  # booked past the company's ideal share: offer another when there is one
    technicians: tuple[TechnicianAvailability, ...] = ()

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def preselected(windows: Sequence[ArrivalWindow], requested: datetime | None) -> int | None:
    """The index of the available window holding the requested time; None when there is no request
    or its window is full (the CSR then picks, rather than silently getting another time)."""
    if requested is None:
        return None
    for index, window in enumerate(windows):
        if window.holds(requested) and window.available:
            return index
    return None


def visit_span(window: ArrivalWindow, duration: timedelta | None) -> tuple[datetime, datetime]:
    """The appointment the technicians are booked for: from the window's start, for the job type's
    duration (never shorter than the window: the customer was promised arrival within it)."""
    length = max(duration or DEFAULT_VISIT, window.end - window.start)
    return window.start, window.start + length
