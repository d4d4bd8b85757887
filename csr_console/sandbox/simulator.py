"""The booking simulator: keeps the sandbox's queue alive the way a company's online traffic does.

Arrivals form a Poisson process (exponential gaps) at ``rate_per_min`` bookings a minute, plus Scheduling
Pro sessions at SESSION_SHARE of that rate. A booking comes from one of the booking sources (weighted; a
partner's carries its extra details), with the usual mess, and ~15% from existing customers under a
slightly different spelling (recorded in ``booking_duplicate``). A session completes into a job, is
abandoned early into nothing, or is abandoned after the customer's contact details: then, within
SEND_ON_S seconds, it becomes a booking through the Scheduling Pro booking provider and the session carries
its ``bookingId``. Everything goes through the seed's ``Outcomes``, so a simulated booking is made exactly
as a seeded one.

One coroutine on the server's loop; each arrival's database work is one short transaction.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from csr_console.sandbox.routes.scheduling_pro import create_session, update_session
from csr_console.sandbox.seed.company import Company
from csr_console.sandbox.seed.drafts import Draft, draft, pick_source
from csr_console.sandbox.seed.history import Outcomes, SessionPlan
from csr_console.sandbox.seed.population import load_pool
from csr_console.sandbox.store import format_time, now

log = logging.getLogger(__name__)

SESSION_SHARE = 0.3
# An abandoned session is sent on as a booking this many seconds after it was abandoned, at most.
SEND_ON_S = (0.5, 3.0)
# How long a simulator with no traffic to make waits between looks at its queue of due actions.
IDLE_S = 1.0


@dataclass(order=True)
class _Due:
    at: float
    order: int
    action: Callable[[], None] = field(compare=False)


class Simulator:
    """Simulated traffic for one sandbox; ``run`` until cancelled."""

    def __init__(self, sandbox: Any, rate_per_min: float, seed: int = 1) -> None:
        self.sandbox = sandbox
        self.rate_per_min = rate_per_min
        # Its own stream: the same seed gives the same sequence of arrivals, unlike the seed's history.
        self.rng = random.Random(seed * 1_000_003 + 17)
        self.due: list[_Due] = []
        self.scheduled = 0  # orders actions due at the same moment

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        store = self.sandbox.store
        with store.transaction():
            outcomes = Outcomes(store, Company.load(store), self.rng, load_pool(store))
        next_arrival = loop.time() + self._gap()
        while True:
            moment = loop.time()
            while self.due and self.due[0].at <= moment:
                self._safely(heapq.heappop(self.due).action)
            if next_arrival <= moment:
                self._safely(partial(self._arrive, outcomes, moment))
                next_arrival += self._gap()  # from the planned arrival: a late tick keeps the rate
            wake = min(next_arrival, self.due[0].at) if self.due else next_arrival
            await asyncio.sleep(max(0.0, wake - loop.time()))

    def _gap(self) -> float:
        """Seconds to the next arrival: exponential, at the combined rate of bookings and sessions."""
        per_second = self.rate_per_min * (1 + SESSION_SHARE) / 60
        return self.rng.expovariate(per_second) if per_second > 0 else IDLE_S

    def _safely(self, action: Callable[[], None]) -> None:
        try:
            with self.sandbox.store.transaction():
                action()
        except Exception:  # one bad arrival must not stop the traffic
            log.exception("simulated arrival failed")

    def _arrive(self, outcomes: Outcomes, loop_time: float) -> None:
        if self.rng.random() < SESSION_SHARE / (1 + SESSION_SHARE):
            self._session(outcomes, loop_time)
        else:
            moment = now()
            outcomes.store_booking(
                draft(self.rng, outcomes.company, pick_source(self.rng), moment, outcomes.pool), moment
            )

    def _session(self, outcomes: Outcomes, loop_time: float) -> None:
        """A session: booked into a job at once, or abandoned (after contact details: sent on shortly)."""
        moment = now()
        item, plan, scheduler, fields = outcomes.open_session(moment, moment)
        stamp = format_time(moment)
        create_session(outcomes.store, scheduler, fields, stamp, session_id=plan.session_id, created_on=stamp)
        if plan.becomes_booking:
            self.scheduled += 1
            send_at = loop_time + self.rng.uniform(*SEND_ON_S)
            heapq.heappush(
                self.due, _Due(send_at, self.scheduled, lambda: self._send_on(outcomes, item, plan))
            )

    def _send_on(self, outcomes: Outcomes, item: Draft, plan: SessionPlan) -> None:
        """The abandoned session's booking, through the Scheduling Pro provider; the session links it."""
        moment = now()
        booking = outcomes.store_booking(item, moment)
        update_session(outcomes.store, plan.session_id, {"bookingId": booking["id"]}, format_time(moment))
