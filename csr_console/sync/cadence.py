"""When a polling loop asks the server again.

- After a poll that found more waiting (`hasMore`): at once.
- After a poll that caught up: the loop's interval, short while the CSR works (`set_active(True)`) and
  long when the window is idle; then, if the shared rate limiter is busy at that moment, a little longer
  (`pressure_delay`): every console of a tenant shares ServiceTitan's 60 calls/s, and the outbox's
  writes matter more than one more poll. The limiter is read when the interval ends, not when it
  starts: a burst of the loop's own catch-up is over by then and must not slow the next poll.
- Each regular interval is drawn within ±`jitter` of its length (the engine's lanes: 10%): consoles that
  started together would otherwise poll in step for the whole day, bursts of twenty consoles' calls in
  one instant that the tenant's 60 calls/s answers with 429s, while the average is far below it.
- After a failure: exponential backoff with full jitter (uniform between 0 and the doubling ceiling,
  capped), so consoles that lost the server together do not come back in step; a success resets it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

ACTIVE_S = 2.0
IDLE_S = 15.0
BACKOFF_BASE_S = 2.0
BACKOFF_CAP_S = 60.0
#: Below this share of the rate limit the interval is left alone ...
PRESSURE_FROM = 0.5
#: ... and at the limit it is this many times longer (linear in between).
MAX_STRETCH = 4.0
#: How far the engine's lanes draw an interval from its length, either way (a share of it).
INTERVAL_JITTER = 0.1


def _no_usage() -> float:
    return 0.0


class Cadence:
    """The delay policy of one polling loop. `usage` answers the shared limiter's recent use (0..1,
    `RateLimiter.usage`); `rng` draws the jitter."""

    def __init__(
        self,
        *,
        active_s: float = ACTIVE_S,
        idle_s: float = IDLE_S,
        backoff_base_s: float = BACKOFF_BASE_S,
        backoff_cap_s: float = BACKOFF_CAP_S,
        usage: Callable[[], float] = _no_usage,
        rng: random.Random | None = None,
        jitter: float = 0.0,
    ) -> None:
        self.active_s = active_s
        self.jitter = jitter
        self.idle_s = idle_s
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self._usage = usage
        self._rng = rng or random.Random()
        self.active = False
        self.failures = 0

    def set_active(self, active: bool) -> None:
        self.active = active

    def succeeded(self) -> None:
        self.failures = 0

    def failed(self) -> None:
        self.failures += 1

    def next_delay(self, *, more: bool) -> float:
        """Seconds until the next poll, given how the last one went."""
        if self.failures:
            return self.backoff()
        if more:
            return 0.0
        if not self.jitter:
            return self.interval()
        return self.interval() * self._rng.uniform(1.0 - self.jitter, 1.0 + self.jitter)

    def interval(self) -> float:
        return self.active_s if self.active else self.idle_s

    def pressure_delay(self) -> float:
        """The extra wait at the end of an interval, given the limiter now: interval × (stretch − 1)."""
        return self.interval() * (self.stretch() - 1.0)

    def stretch(self) -> float:
        """How much the limiter's fill lengthens an interval: 1.0 up to PRESSURE_FROM, MAX_STRETCH at 1.0."""
        usage = min(max(self._usage(), 0.0), 1.0)
        if usage <= PRESSURE_FROM:
            return 1.0
        return 1.0 + (usage - PRESSURE_FROM) / (1.0 - PRESSURE_FROM) * (MAX_STRETCH - 1.0)

    def backoff_ceiling(self) -> float:
        """The upper bound of the current backoff draw: base, 2·base, 4·base, ... up to the cap."""
        if not self.failures:
            return 0.0
        # The exponent is bounded so a long outage cannot overflow a float.
        return min(self.backoff_cap_s, self.backoff_base_s * 2.0 ** min(self.failures - 1, 30))

    def backoff(self) -> float:
        return self._rng.uniform(0.0, self.backoff_ceiling())
