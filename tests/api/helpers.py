"""A fake ServiceTitan behind httpx.MockTransport, a fake clock and a fake sleep, for unit tests."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx

from csr_console.api import Credentials, Environment, RateLimiter, RetryPolicy, ServiceTitanClient

BASE = "https://st.test"
TENANT = 4242
SECRET = "cs1.TOP-SECRET-never-print-me"
CREDS = Credentials(TENANT, "ak1.app", "cid.tenant", SECRET)
ROOT = f"/crm/v2/tenant/{TENANT}"

Handler = Callable[[httpx.Request], Awaitable[httpx.Response] | httpx.Response]


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@dataclass
class FakeServer:
    """Answers the token endpoint itself and hands API calls to `api`."""

    api: Handler
    expires_in: int = 900
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    api_requests: list[httpx.Request] = field(default_factory=list)
    token_answer: Callable[[int], httpx.Response] | None = None

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/connect/token":
            await asyncio.sleep(0)  # lets concurrent callers pile up on the lock
            self.token_requests.append(parse_qs(request.content.decode()))
            if self.token_answer is not None:
                return self.token_answer(len(self.token_requests))
            return httpx.Response(
                200,
                json={
                    "access_token": f"tok{len(self.token_requests)}",
                    "expires_in": self.expires_in,
                    "token_type": "Bearer",
                },
            )
        self.api_requests.append(request)
        answer = self.api(request)
        if isinstance(answer, httpx.Response):
            return answer
        return await answer


def make_client(
    server: FakeServer, fake: FakeTime | None = None, *, retry: RetryPolicy | None = None, **kwargs: Any
) -> tuple[ServiceTitanClient, FakeTime]:
    fake = fake or FakeTime()
    client = ServiceTitanClient(
        CREDS,
        Environment.custom(BASE),
        transport=httpx.MockTransport(server),
        sleep=fake.sleep,
        clock=fake.clock,
        limiter=kwargs.pop("limiter", None) or RateLimiter(clock=fake.clock, sleep=fake.sleep),
        retry=retry,
        rng=random.Random(7),
        **kwargs,
    )
    return client, fake


def page(data: list[Any], *, page: int = 1, page_size: int = 50, has_more: bool = False) -> dict[str, Any]:
    return {"page": page, "pageSize": page_size, "hasMore": has_more, "totalCount": None, "data": data}


def problem(status: int, title: str, errors: dict[str, list[str]] | None = None) -> httpx.Response:
    return httpx.Response(
        status,
        json={
            "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
            "title": title,
            "status": status,
            "traceId": "trace-123",
            "errors": errors or {},
            "data": {},
        },
    )


def booking(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": 101,
        "source": "Angi",
        "createdOn": "2021-07-19T20:35:38.2876004Z",
        "name": "Jane Roe",
        "address": {
            "street": "1 Main St",
            "unit": None,
            "city": "Austin",
            "state": "TX",
            "zip": "78701",
            "country": "USA",
        },
        "customerType": "Residential",
        "start": "0001-01-01T00:00:00Z",
        "campaignId": None,
        "businessUnitId": None,
        "isFirstTimeClient": True,
        "uploadedImages": [],
        "isSendConfirmationEmail": None,
        "status": "New",
        "dismissingReasonId": None,
        "jobId": None,
        "externalId": "ext-101",
        "priority": "Normal",
        "jobTypeId": None,
        "bookingProviderId": 10000000,
        "modifiedOn": "2021-07-19T20:35:38.2876004Z",
        "summary": "Leaky tap",
    }
    doc.update(overrides)
    return doc


def json_body(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


def run(coro: Awaitable[Any]) -> Any:
    async def main() -> Any:
        return await coro

    return asyncio.run(main())
