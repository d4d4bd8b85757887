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


@pytest.mark.xfail(
    strict=True,
    reason="known race: the accept re-reads the booking, then creates the customer and location, then "
    "the job; consoles that all read the booking open create customers whose job is then refused "
    "(orphans). Remove this mark once the outbox no longer leaves them.",
)
def test_contention_losers_create_no_customer(contention: dict[str, Any]) -> None:
    assert contention["orphan_customers"] == 0
    assert contention["duplicated"] == 0
