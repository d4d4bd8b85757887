"""The polling cadence: intervals, backoff with full jitter, and the stretch near the rate limit."""

from __future__ import annotations

import random

import pytest

from csr_console.sync.cadence import BACKOFF_CAP_S, MAX_STRETCH, Cadence


class Draws(random.Random):
    """An rng whose uniform() answers its upper bound (or lower, with `low`), and records the bounds."""

    def __init__(self, *, low: bool = False) -> None:
        super().__init__(0)
        self.low = low
        self.bounds: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.bounds.append((a, b))
        return a if self.low else b


def test_active_and_idle_intervals() -> None:
    cadence = Cadence(active_s=2, idle_s=15)
    assert cadence.next_delay(more=False) == 15, "a new cadence is idle until told otherwise"
    cadence.set_active(True)
    assert cadence.next_delay(more=False) == 2
    cadence.set_active(False)
    assert cadence.next_delay(more=False) == 15


def test_more_waiting_means_no_wait() -> None:
    cadence = Cadence()
    cadence.set_active(True)
    assert cadence.next_delay(more=True) == 0


def test_backoff_doubles_up_to_the_cap_and_draws_from_zero() -> None:
    rng = Draws()
    cadence = Cadence(backoff_base_s=2, rng=rng)
    ceilings = []
    for _ in range(8):
        cadence.failed()
        ceilings.append(cadence.next_delay(more=False))
    assert ceilings == [2, 4, 8, 16, 32, 60, 60, 60]
    assert all(low == 0 for low, _high in rng.bounds), "full jitter: anywhere from zero"
    assert max(high for _low, high in rng.bounds) == BACKOFF_CAP_S


def test_backoff_draws_stay_within_bounds() -> None:
    cadence = Cadence(rng=random.Random(42))
    for failures in range(1, 40):
        cadence.failed()
        delay = cadence.next_delay(more=True)  # a failure outranks "more waiting"
        assert 0 <= delay <= cadence.backoff_ceiling() <= BACKOFF_CAP_S, failures


def test_a_long_outage_does_not_overflow() -> None:
    cadence = Cadence()
    cadence.failures = 10_000
    assert cadence.backoff_ceiling() == BACKOFF_CAP_S


def test_success_resets_the_backoff() -> None:
    cadence = Cadence(active_s=2, rng=Draws(low=True))
    cadence.set_active(True)
    for _ in range(5):
        cadence.failed()
    assert cadence.next_delay(more=False) == 0, "this rng draws the low end of the jitter"
    cadence.succeeded()
    assert cadence.failures == 0
    assert cadence.next_delay(more=False) == 2


@pytest.mark.parametrize(
    ("usage", "stretch"),
    [
        (0.0, 1.0),
        (0.3, 1.0),
        (0.5, 1.0),
        (0.75, 1 + (MAX_STRETCH - 1) / 2),
        (1.0, MAX_STRETCH),
        (1.7, MAX_STRETCH),
    ],
)
def test_the_interval_stretches_as_the_limiter_fills(usage: float, stretch: float) -> None:
    cadence = Cadence(active_s=2, idle_s=15, usage=lambda: usage)
    cadence.set_active(True)
    assert cadence.next_delay(more=False) + cadence.pressure_delay() == pytest.approx(2 * stretch)
    cadence.set_active(False)
    assert cadence.next_delay(more=False) + cadence.pressure_delay() == pytest.approx(15 * stretch)
    assert cadence.next_delay(more=True) == 0, "a walk with more waiting is left to the limiter itself"


def test_the_limiter_is_read_when_the_interval_ends() -> None:
    usage = [1.0]
    cadence = Cadence(active_s=2, idle_s=15, usage=lambda: usage[0])
    cadence.set_active(True)
    assert cadence.next_delay(more=False) == 2, "a burst just now does not lengthen the wait ahead"
    usage[0] = 0.1  # the burst is over when the interval ends
    assert cadence.pressure_delay() == 0


def test_intervals_are_drawn_around_their_length_so_consoles_drift_apart() -> None:
    low = Cadence(active_s=2, rng=Draws(low=True), jitter=0.1)
    high = Cadence(active_s=2, rng=Draws(low=False), jitter=0.1)
    for cadence in (low, high):
        cadence.set_active(True)
    assert low.next_delay(more=False) == pytest.approx(1.8)
    assert high.next_delay(more=False) == pytest.approx(2.2)
    assert low.next_delay(more=True) == 0, "more waiting is fetched at once, jitter or not"
    drawn = Cadence(idle_s=20, jitter=0.1)
    delays = {drawn.next_delay(more=False) for _ in range(50)}
    assert len(delays) > 1 and all(18 <= d <= 22 for d in delays)
