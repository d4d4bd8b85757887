"""A client-side sliding-window limiter that keeps a tenant under ServiceTitan's 60 calls per second.

ServiceTitan counts per app and tenant, so every client in the process that talks to the same
(base URL, tenant, app key) shares one limiter through `shared_limiter()`. Other consoles of the tenant
spend the same budget unseen: a 429 is the news of them, so `hold` stops every call of this process for
the Retry-After the server gave (rather than each call meeting its own 429) and halves this process's
limit, which then grows back by one call a window (additive increase, multiplicative decrease, as TCP
shares a link): twenty consoles then share the tenant's 60 calls/s without knowing of each other, and a
console's bursts (a lane's feeds polled back to back) spread over a few seconds instead of arriving in
one. A hold does not count as usage: pollers would stretch their intervals by seconds for a hold of one,
and deliver bookings that much later.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

#: Below the documented 60/s, leaving room for clock drift between our window and the server's.
DEFAULT_LIMIT = 55
DEFAULT_WINDOW_S = 1.0
#: The least a 429 cuts the limit to: a console's own steady polling is about 2 calls a second.
LEAST_LIMIT = 5


class RateLimiter:
    """At most `limit` acquisitions in any `window` seconds.

    A threading lock (not an asyncio one) guards the window: the critical section never awaits, and an
    asyncio.Lock would bind to one event loop while the shared registry outlives loops (tests, threads).
    """

    def __init__(
        self,
        limit: int = DEFAULT_LIMIT,
        window: float = DEFAULT_WINDOW_S,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.ceiling = limit
        self.limit = limit  # the current limit: the ceiling, or less after a 429 (see the module)
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._stamps: deque[float] = deque()
        self._held_until = 0.0
        self._cut_to = limit
        self._cut_at = 0.0
        self._lock = threading.Lock()

    async def acquire(self) -> None:
        while True:
            wait = self._try_acquire()
            if wait <= 0:
                return
            await self._sleep(wait)

    def hold(self, seconds: float) -> None:
        """The server answered 429 (the tenant's budget is spent, by us or another console): no call
        goes out for `seconds`."""
        with self._lock:
            now = self._clock()
            self._grow(now)
            if now >= self._held_until:  # the 429s of one burst are one piece of news: one cut
                self._cut_to = self.limit = max(min(LEAST_LIMIT, self.ceiling), self.limit // 2)
                self._cut_at = now
            self._held_until = max(self._held_until, now + seconds)

    def usage(self) -> float:
        """The share of the limit taken in the last window: 0.0 idle, 1.0 at the limit. Pollers read it to
        stretch their intervals before the limiter has to make anyone wait."""
        with self._lock:
            now = self._clock()
            self._grow(now)
            self._forget_old(now)
            return len(self._stamps) / self.limit

    def _grow(self, now: float) -> None:
        """One call a window more since the last cut, up to the ceiling."""
        if self.limit < self.ceiling:
            grown = self._cut_to + int((now - self._cut_at) / self.window)
            self.limit = min(self.ceiling, grown)

    def _forget_old(self, now: float) -> None:
        while self._stamps and self._stamps[0] <= now - self.window:
            self._stamps.popleft()

    def _try_acquire(self) -> float:
        """Take a slot and return 0, or return how long until the oldest slot frees."""
        with self._lock:
            now = self._clock()
            if now < self._held_until:
                return self._held_until - now
            self._grow(now)
            self._forget_old(now)
            if len(self._stamps) < self.limit:
                self._stamps.append(now)
                return 0.0
            return max(self._stamps[0] + self.window - now, 1e-3)


_registry: dict[tuple[str, int, str], RateLimiter] = {}
_registry_lock = threading.Lock()


def shared_limiter(base_url: str, tenant: int, app_key: str) -> RateLimiter:
    """The process-wide limiter for one app on one tenant of one server."""
    key = (base_url.rstrip("/"), tenant, app_key)
    with _registry_lock:
        limiter = _registry.get(key)
        if limiter is None:
            limiter = _registry[key] = RateLimiter()
        return limiter
