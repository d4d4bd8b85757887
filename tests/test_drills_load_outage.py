"""The `load` and `outage` drills (benchmarks/drills), each run once in its quick variant, against their
goals: a tenant under ServiceTitan's 60 calls/s with twenty consoles polling, new bookings in every
console within 3 s (p95), and nothing lost or duplicated through an outage, every conflict shown."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.drills import DRILLS


@pytest.fixture(scope="module")
def load_figures() -> dict[str, Any]:
    figures = DRILLS["load"](True)
    print(f"\nload --quick: {figures}")
    return figures


@pytest.fixture(scope="module")
def outage_figures() -> dict[str, Any]:
    figures = DRILLS["outage"](True)
    print(f"\noutage --quick: {figures}")
    return figures


def test_load_ran_twenty_consoles_on_new_bookings(load_figures: dict[str, Any]) -> None:
    assert load_figures["drill"] == "load" and load_figures["consoles"] == 20
    assert load_figures["bookings"] > 0
    assert load_figures["deliveries"] > 0


def test_load_keeps_the_tenant_under_60_requests_per_second(load_figures: dict[str, Any]) -> None:
    assert load_figures["requests_per_s_per_tenant"] < 60, load_figures


def test_load_delivers_new_bookings_to_every_console_within_3_s(load_figures: dict[str, Any]) -> None:
    assert load_figures["lag_p95_ms"] <= 3000, load_figures


def test_load_loses_and_duplicates_nothing(load_figures: dict[str, Any]) -> None:
    assert load_figures["lost"] == 0, load_figures
    assert load_figures["duplicated"] == 0, load_figures


def test_outage_reads_the_queue_and_replays_every_action(outage_figures: dict[str, Any]) -> None:
    assert outage_figures["drill"] == "outage"
    assert outage_figures["queue_reads"] > 0
    assert outage_figures["actions"] == outage_figures["replayed"] + outage_figures["conflicts"]
    assert outage_figures["replayed"] > 0


def test_outage_loses_and_duplicates_nothing(outage_figures: dict[str, Any]) -> None:
    assert outage_figures["lost"] == 0, outage_figures
    assert outage_figures["duplicated"] == 0, outage_figures
    assert outage_figures["failed"] == 0, outage_figures


def test_outage_shows_every_conflict_with_what_happened(outage_figures: dict[str, Any]) -> None:
    # Every booking the colleague closed meets one of our actions: each must end in a named conflict.
    assert outage_figures["conflicts"] == outage_figures["closed_by_colleague"] > 0, outage_figures
    assert outage_figures["conflicts_named"] == outage_figures["conflicts"], outage_figures
