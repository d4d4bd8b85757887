"""The client-side limiter keeps every client of one tenant under 60 calls/s, measured on a fake clock."""

from __future__ import annotations

import asyncio

import httpx

from csr_console.api import Environment, RateLimiter, ServiceTitanClient, shared_limiter
from csr_console.api.limiter import LEAST_LIMIT

from .helpers import CREDS, FakeServer, FakeTime, make_client, page, run


def max_in_any_window(stamps: list[float], window: float = 1.0) -> int:
    stamps = sorted(stamps)
    best = 0
    start = 0
    for end, t in enumerate(stamps):
        while stamps[start] <= t - window:
            start += 1
        best = max(best, end - start + 1)
    return best


def test_limiter_keeps_under_sixty_per_second() -> None:
    fake = FakeTime()
    limiter = RateLimiter(clock=fake.clock, sleep=fake.sleep)
    stamps: list[float] = []

    async def worker() -> None:
        for _ in range(50):
            await limiter.acquire()
            stamps.append(fake.now)

    async def scenario() -> None:
        await asyncio.gather(*(worker() for _ in range(8)))

    run(scenario())
    assert len(stamps) == 400
    assert max_in_any_window(stamps) <= 60
    # ...and it does not throttle far below the limit either: 400 calls in a little over 7 s.
    assert stamps[-1] - stamps[0] < 8


def test_two_clients_of_one_tenant_share_the_budget() -> None:
    fake = FakeTime()
    limiter = RateLimiter(clock=fake.clock, sleep=fake.sleep)
    stamps: list[float] = []

    def api(request: httpx.Request) -> httpx.Response:
        stamps.append(fake.now)
        return httpx.Response(200, json=page([]))

    a, _ = make_client(FakeServer(api), fake, limiter=limiter)
    b, _ = make_client(FakeServer(api), fake, limiter=limiter)

    async def scenario() -> None:
        async with a, b:
            await asyncio.gather(*(c.crm.bookings.list() for c in (a, b) for _ in range(90)))

    run(scenario())
    assert len(stamps) == 180
    assert max_in_any_window(stamps) <= 60


def test_shared_limiter_registry() -> None:
    one = shared_limiter("https://x.test/", 1, "ak")
    assert shared_limiter("https://x.test", 1, "ak") is one
    assert shared_limiter("https://x.test", 2, "ak") is not one
    c1 = ServiceTitanClient(CREDS, Environment.custom("https://shared.test"))
    c2 = ServiceTitanClient(CREDS, Environment.custom("https://shared.test/"))
    assert c1.limiter is c2.limiter
    run(c1.aclose())
    run(c2.aclose())


def test_usage_is_the_share_of_the_window_taken() -> None:
    fake = FakeTime()
    limiter = RateLimiter(limit=10, clock=fake.clock, sleep=fake.sleep)
    assert limiter.usage() == 0.0

    async def take(count: int) -> None:
        for _ in range(count):
            await limiter.acquire()

    run(take(5))
    assert limiter.usage() == 0.5
    fake.now += 1.0
    assert limiter.usage() == 0.0, "slots older than the window no longer count"


def test_a_429_halves_the_limit_which_grows_back_a_call_a_window() -> None:
    """Twenty consoles share one tenant's budget without seeing each other: each backs off on a 429."""
    fake = FakeTime()
    limiter = RateLimiter(limit=40, clock=fake.clock, sleep=fake.sleep)
    limiter.hold(1.0)
    assert limiter.limit == 20
    limiter.hold(1.0)  # the same burst's other 429s, within the hold: one cut
    assert limiter.limit == 20
    fake.now += 1.0
    limiter.hold(1.0)
    assert limiter.limit == 10
    for _ in range(4):
        limiter.hold(1.0)
        fake.now += 1.0
    assert limiter.limit == LEAST_LIMIT, "never below a console's own steady polling"
    fake.now += 3.0
    assert limiter.usage() == 0.0 and limiter.limit == LEAST_LIMIT + 4  # +1 each window since the cut
    fake.now += 60.0
    limiter.usage()
    assert limiter.limit == 40, "back to the ceiling, no further"

    stamps: list[float] = []
    limiter.hold(0.5)  # cut to 20 at t0

    async def burst() -> None:
        for _ in range(30):
            await limiter.acquire()
            stamps.append(fake.now)

    run(burst())
    assert max_in_any_window(stamps) <= 21  # at most the cut limit (+1 grown) in any second
