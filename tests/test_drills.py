"""The reliability drills (benchmarks/drills), quick runs: `python -m benchmarks drill contention --quick`
in-process, once for the module."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.drills import DRILLS


@pytest.fixture(scope="module")
def contention() -> dict[str, Any]:
    return DRILLS["contention"](True)


def test_contention_one_job_per_booking_and_every_loser_told_the_winner(contention: dict[str, Any]) -> None:
    figures = contention
    bookings = figures["bookings"]
    assert figures["actions"] == bookings * figures["consoles"]
    assert figures["lost"] == 0
    assert figures["extra_jobs"] == 0
    assert figures["jobs"] == bookings
    assert figures["done"] == bookings
    assert figures["conflicts"] == bookings * (figures["consoles"] - 1)
    assert figures["told_winner"] == bookings * (figures["consoles"] - 1)


def test_contention_losers_leave_no_active_customer_or_location(contention: dict[str, Any]) -> None:
    """Losers that created their customer before the winner booked the job deactivate it."""
    assert contention["orphan_customers"] == 0
    assert contention["orphan_locations"] == 0
    assert contention["duplicated"] == 0
    # Every withdrawn customer went with its location (measured: 55 of the quick run's 80 losers had
    # created theirs before the winner's job; how many varies from run to run).
    assert contention["withdrawn_customers"] == contention["withdrawn_locations"]
