"""ServiceTitanClient: one connection (environment + credentials) and its resource tree."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Self

import httpx

from csr_console.api.credentials import Credentials
from csr_console.api.environments import PRODUCTION, Environment
from csr_console.api.limiter import RateLimiter, shared_limiter
from csr_console.api.resources.crm import Crm
from csr_console.api.resources.dispatch import Dispatch
from csr_console.api.resources.jbce import Jbce
from csr_console.api.resources.jpm import Jpm
from csr_console.api.resources.marketing import Marketing
from csr_console.api.resources.scheduling_pro import SchedulingPro
from csr_console.api.resources.settings import Settings
from csr_console.api.transport import Clock, RetryPolicy, Sleep, Transport


class ServiceTitanClient:
    """Async client for ServiceTitan's public v2 API (or the sandbox, through `Environment.custom`).

    Usage::

        async with ServiceTitanClient(creds, Environment.custom(url)) as client:
            await client.warm_up()                      # token + TLS/DNS before the queue goes live
            page = await client.crm.bookings.list(BookingQuery(modified_on_or_after=since))
            job = await client.jpm.jobs.create(JobCreateRequest(...))

    Resources: `crm` (bookings, provider_bookings(id), booking_provider_tags, customers, locations,
    contact_methods, leads), `jpm` (jobs, appointments, job_types), `settings` (business_units,
    technicians, tag_types), `marketing` (campaigns), `jbce` (call_reasons), `dispatch` (capacity),
    `scheduling_pro` (schedulers).

    One httpx.AsyncClient per instance; close it with `aclose()` or `async with`, while the event
    loop still runs.

    Hooks for tests and tooling:
    - `transport`: an httpx transport (e.g. `httpx.MockTransport`) used instead of the network.
    - `event_hooks`: httpx event hooks, `{"request": [...], "response": [...]}` (async functions, as
      httpx.AsyncClient requires; a response hook must `await response.aread()` before reading the
      body), called for every
      exchange including the token request (path `/connect/token` on the sandbox). The contract tests
      use a response hook to check every request body against the OpenAPI request schemas. Hooks see
      the Authorization header and the token form: never log those.
    - `sleep` / `clock`: injected into retries, Retry-After waits, token expiry and the limiter, so tests
      run without real waiting.
    - `limiter`: defaults to the process-wide limiter of (base URL, tenant, app key).
    """

    def __init__(
        self,
        credentials: Credentials,
        environment: Environment = PRODUCTION,
        *,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        limiter: RateLimiter | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.credentials = credentials
        self.environment = environment
        self.limiter = limiter or shared_limiter(
            environment.api_base, credentials.tenant, credentials.app_key
        )
        self._transport = Transport(
            environment,
            credentials,
            limiter=self.limiter,
            retry=retry,
            timeout=timeout,
            transport=transport,
            event_hooks=event_hooks,
            sleep=sleep,
            clock=clock,
            rng=rng,
        )
        self.crm = Crm(self._transport)
        self.jpm = Jpm(self._transport)
        self.settings = Settings(self._transport)
        self.marketing = Marketing(self._transport)
        self.jbce = Jbce(self._transport)
        self.dispatch = Dispatch(self._transport)
        self.scheduling_pro = SchedulingPro(self._transport)

    def __repr__(self) -> str:
        return (
            f"ServiceTitanClient({self.environment.name}, {self.environment.api_base}, {self.credentials!r})"
        )

    @property
    def tenant(self) -> int:
        return self.credentials.tenant

    @property
    def transport(self) -> Transport:
        """The underlying transport (raw calls to paths the resources do not cover)."""
        return self._transport

    async def warm_up(self) -> None:
        """Fetch the token now: the first request of a new client pays TLS/DNS set-up (QT-NOTES trap 4)."""
        await self._transport.access_token()

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
