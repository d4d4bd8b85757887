"""Auth, retries, 429 waits, OutcomeUnknown and error mapping, against httpx.MockTransport.

Only the paths a real server cannot easily produce on demand; the rest is in the integration tests.
"""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest

from csr_console.api import (
    AuthenticationError,
    BadRequest,
    Conflict,
    Forbidden,
    NetworkError,
    NotFound,
    OutcomeUnknown,
    RateLimited,
    RetryPolicy,
    ServerError,
    Unauthorized,
    Unprocessable,
)
from csr_console.api.models.crm import CreateLeadRequest, DismissBookingRequest

from .helpers import CREDS, ROOT, SECRET, FakeServer, booking, make_client, page, problem, run


def ok_page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=page([booking()]))


# -- token ------------------------------------------------------------------------------------------
def test_token_is_fetched_once_and_sent_with_app_key() -> None:
    server = FakeServer(ok_page)
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            for _ in range(3):
                await client.crm.bookings.list()

    run(scenario())
    assert len(server.token_requests) == 1
    form = server.token_requests[0]
    assert form == {
        "grant_type": ["client_credentials"],
        "client_id": ["cid.tenant"],
        "client_secret": [SECRET],
    }
    for request in server.api_requests:
        assert request.headers["Authorization"] == "Bearer tok1"
        assert request.headers["ST-App-Key"] == "ak1.app"
        assert request.url.path == f"{ROOT}/bookings"


def test_token_form_is_url_encoded() -> None:
    seen: list[httpx.Request] = []
    server = FakeServer(ok_page)
    client, _ = make_client(server, event_hooks={"request": [lambda r: _record(seen, r)]})

    async def scenario() -> None:
        async with client:
            await client.warm_up()

    run(scenario())
    assert seen[0].url == "https://st.test/connect/token"
    assert seen[0].headers["Content-Type"] == "application/x-www-form-urlencoded"


async def _record(seen: list[httpx.Request], request: httpx.Request) -> None:
    seen.append(request)


def test_token_renewed_shortly_before_expiry() -> None:
    server = FakeServer(ok_page, expires_in=900)
    client, fake = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()
            fake.now += 900 - 61  # still more than the 60 s margin left
            await client.crm.bookings.list()
            assert len(server.token_requests) == 1
            fake.now += 2  # now inside the margin: renew before it expires
            await client.crm.bookings.list()

    run(scenario())
    assert len(server.token_requests) == 2
    assert server.api_requests[-1].headers["Authorization"] == "Bearer tok2"


def test_concurrent_callers_share_one_token_fetch() -> None:
    server = FakeServer(ok_page)
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            await asyncio.gather(*(client.crm.bookings.list() for _ in range(20)))

    run(scenario())
    assert len(server.token_requests) == 1
    assert len(server.api_requests) == 20


def test_401_renews_token_once_then_retries() -> None:
    calls = 0

    def api(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if request.headers["Authorization"] == "Bearer tok1":
            return problem(401, "Unauthorized")
        return ok_page(request)

    server = FakeServer(api)
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            result = await client.crm.bookings.list()
            assert result.items[0].id == 101

    run(scenario())
    assert len(server.token_requests) == 2
    assert calls == 2


def test_401_twice_raises_unauthorized() -> None:
    server = FakeServer(lambda r: problem(401, "Unauthorized"))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(Unauthorized) as info:
                await client.crm.bookings.list()
            assert info.value.status == 401

    run(scenario())
    assert len(server.token_requests) == 2
    assert len(server.api_requests) == 2


def test_bad_secret_is_a_clear_authentication_error_without_the_secret() -> None:
    server = FakeServer(ok_page)
    server.token_answer = lambda n: httpx.Response(400, json={"error": "invalid_client"})
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(AuthenticationError) as info:
                await client.warm_up()
            assert "invalid_client" in str(info.value)
            assert SECRET not in str(info.value) and SECRET not in repr(info.value)

    run(scenario())
    assert not server.api_requests


def test_token_answer_without_access_token() -> None:
    server = FakeServer(ok_page)
    server.token_answer = lambda n: httpx.Response(200, text="<html>login</html>")
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(AuthenticationError, match="access_token"):
                await client.warm_up()

    run(scenario())


# -- 429 ----------------------------------------------------------------------------------------------
def _throttled_then_ok(retry_after: str | None, times: int = 1) -> FakeServer:
    state = {"n": 0}

    def api(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        if state["n"] <= times:
            headers = {"Retry-After": retry_after} if retry_after is not None else {}
            return httpx.Response(429, headers=headers, json={"title": "Too many requests", "status": 429})
        return ok_page(request)

    return FakeServer(api)


def test_429_waits_for_retry_after_then_retries() -> None:
    server = _throttled_then_ok("7")
    client, fake = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()

    run(scenario())
    assert fake.sleeps == [7.0]
    assert len(server.api_requests) == 2


def test_a_429_holds_every_call_sharing_the_limiter() -> None:
    """Another console spent the tenant's budget: after a 429 no call of this process goes out before
    its Retry-After."""
    server = _throttled_then_ok("4", times=6)  # one 429 more than a call waits out
    client, fake = make_client(server)
    other_server = FakeServer(ok_page)
    other, _ = make_client(other_server, fake, limiter=client.limiter)
    times: dict[str, float] = {}

    async def scenario() -> None:
        async with client, other:
            with pytest.raises(RateLimited):
                await client.crm.bookings.list()
            times["gave_up"] = fake.now
            await other.crm.bookings.list()
            times["other_sent"] = fake.now

    run(scenario())
    assert times["other_sent"] - times["gave_up"] >= 4.0
    assert len(other_server.api_requests) == 1


def test_429_retry_after_is_capped() -> None:
    server = _throttled_then_ok("3600")
    client, fake = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()

    run(scenario())
    assert fake.sleeps == [60.0]


def test_429_without_retry_after_waits_a_default() -> None:
    server = _throttled_then_ok(None)
    client, fake = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()

    run(scenario())
    assert fake.sleeps == [1.0]


def test_429_wait_reauthenticates_when_token_expired_meanwhile() -> None:
    server = _throttled_then_ok("30")
    server.expires_in = 80  # valid for 80 - 60 (margin) = 20 s: the 30 s wait outlives it
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()

    run(scenario())
    assert len(server.token_requests) == 2
    assert server.api_requests[-1].headers["Authorization"] == "Bearer tok2"


def test_429_on_a_write_is_retried() -> None:
    state = {"n": 0}

    def api(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        if state["n"] == 1:
            return httpx.Response(429, headers={"Retry-After": "2"})
        return httpx.Response(200)

    server = FakeServer(api)
    client, fake = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.provider_bookings(5).dismiss(9, DismissBookingRequest(call_reason_id=3))

    run(scenario())
    assert fake.sleeps == [2.0]
    assert len(server.api_requests) == 2


def test_429_gives_up_after_the_allowed_waits() -> None:
    server = FakeServer(lambda r: httpx.Response(429, headers={"Retry-After": "1"}))
    client, fake = make_client(server, retry=RetryPolicy(rate_limit_waits=3))

    async def scenario() -> None:
        async with client:
            with pytest.raises(RateLimited) as info:
                await client.crm.bookings.list()
            assert info.value.retry_after == 1.0

    run(scenario())
    assert len(server.api_requests) == 4
    assert fake.sleeps == [1.0, 1.0, 1.0]


# -- reads retry, writes do not -------------------------------------------------------------------------
def test_get_retries_5xx_with_backoff() -> None:
    state = {"n": 0}

    def api(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        return problem(503, "Unavailable") if state["n"] < 3 else ok_page(request)

    server = FakeServer(api)
    client, fake = make_client(server, retry=RetryPolicy(attempts=3, backoff_base=0.5))

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()

    run(scenario())
    assert len(server.api_requests) == 3
    assert len(fake.sleeps) == 2
    assert 0.25 <= fake.sleeps[0] <= 0.5 and 0.5 <= fake.sleeps[1] <= 1.0  # jittered, doubling


def test_get_gives_up_after_attempts() -> None:
    server = FakeServer(lambda r: problem(500, "Boom"))
    client, _ = make_client(server, retry=RetryPolicy(attempts=2))

    async def scenario() -> None:
        async with client:
            with pytest.raises(ServerError) as info:
                await client.crm.bookings.get(1)
            assert not info.value.is_write

    run(scenario())
    assert len(server.api_requests) == 2


def test_get_retries_read_timeouts_and_dropped_connections() -> None:
    state = {"n": 0}

    def api(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        if state["n"] == 1:
            raise httpx.ReadTimeout("slow", request=request)
        if state["n"] == 2:
            raise httpx.RemoteProtocolError("peer closed", request=request)
        return ok_page(request)

    server = FakeServer(api)
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list()

    run(scenario())
    assert state["n"] == 3


def test_write_is_not_retried_on_5xx() -> None:
    server = FakeServer(lambda r: problem(500, "Internal error"))
    client, fake = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(ServerError) as info:
                await client.crm.leads.create(CreateLeadRequest(campaign_id=1, summary="s", call_reason_id=2))
            assert info.value.is_write
            assert info.value.method == "POST"

    run(scenario())
    assert len(server.api_requests) == 1
    assert fake.sleeps == []


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout,
        httpx.RemoteProtocolError,
        httpx.ReadError,
        httpx.WriteTimeout,
        httpx.WriteError,
        httpx.DecodingError,
    ],
)
def test_write_without_answer_is_outcome_unknown(failure: type[httpx.RequestError]) -> None:
    def api(request: httpx.Request) -> httpx.Response:
        raise failure("gone", request=request)

    server = FakeServer(api)
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(OutcomeUnknown) as info:
                await client.crm.leads.create(CreateLeadRequest(campaign_id=1, summary="s", call_reason_id=2))
            assert info.value.method == "POST"
            assert "/leads" in info.value.path

    run(scenario())
    assert len(server.api_requests) == 1


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
def test_write_failing_before_send_is_retried(failure: type[httpx.TransportError]) -> None:
    state = {"n": 0}

    def api(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        if state["n"] == 1:
            raise failure("refused", request=request)
        return httpx.Response(200)

    server = FakeServer(api)
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.provider_bookings(5).dismiss(9, DismissBookingRequest(call_reason_id=3))

    run(scenario())
    assert state["n"] == 2


def test_connection_refused_throughout_is_a_network_error() -> None:
    def api(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    server = FakeServer(api)
    client, _ = make_client(server, retry=RetryPolicy(attempts=3))

    async def scenario() -> None:
        async with client:
            with pytest.raises(NetworkError):
                await client.crm.bookings.list()

    run(scenario())
    assert len(server.api_requests) == 3


# -- error bodies ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "cls"),
    [(400, BadRequest), (403, Forbidden), (404, NotFound), (409, Conflict), (422, Unprocessable)],
)
def test_problem_details_map_to_typed_errors(status: int, cls: type[Exception]) -> None:
    server = FakeServer(lambda r: problem(status, "Nope", {"campaignId": ["Campaign is required."]}))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(cls) as info:
                await client.crm.leads.create(CreateLeadRequest(campaign_id=1, summary="s", call_reason_id=2))
            error = info.value
            assert error.status == status  # type: ignore[attr-defined]
            assert error.title == "Nope"  # type: ignore[attr-defined]
            assert error.errors == {"campaignId": ["Campaign is required."]}  # type: ignore[attr-defined]
            assert error.trace_id == "trace-123"  # type: ignore[attr-defined]
            assert "campaignId: Campaign is required." in str(error)
            assert "trace-123" in str(error)

    run(scenario())


def test_non_json_error_body_still_gives_a_clear_error() -> None:
    html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    server = FakeServer(lambda r: httpx.Response(502, text=html))
    client, _ = make_client(server, retry=RetryPolicy(attempts=1))

    async def scenario() -> None:
        async with client:
            with pytest.raises(ServerError) as info:
                await client.crm.bookings.list()
            assert info.value.status == 502
            assert "502 Bad Gateway" in str(info.value)
            assert info.value.trace_id is None

    run(scenario())


def test_json_error_body_that_is_not_7807() -> None:
    server = FakeServer(lambda r: httpx.Response(404, json=["not", "a", "problem"]))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(NotFound, match="404"):
                await client.crm.bookings.get(5)

    run(scenario())


def test_empty_error_body() -> None:
    server = FakeServer(lambda r: httpx.Response(409))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            with pytest.raises(Conflict, match="empty body"):
                await client.crm.provider_bookings(5).dismiss(9, DismissBookingRequest())

    run(scenario())


# -- secrets ---------------------------------------------------------------------------------------------
def test_secret_never_in_reprs() -> None:
    assert SECRET not in repr(CREDS)
    assert SECRET not in str(CREDS)
    assert "client_secret='***'" in repr(CREDS)
    client, _ = make_client(FakeServer(ok_page))
    assert SECRET not in repr(client)
    run(client.aclose())


def test_secret_and_token_never_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    state = {"n": 0}

    def api(request: httpx.Request) -> httpx.Response:
        state["n"] += 1
        if state["n"] == 1:
            return problem(401, "Unauthorized")
        if state["n"] == 2:
            return httpx.Response(429, headers={"Retry-After": "1"})
        if state["n"] == 3:
            return problem(503, "Down")
        if state["n"] == 4:
            raise httpx.ReadTimeout("slow", request=request)
        return problem(400, "Bad")

    server = FakeServer(api)
    client, _ = make_client(server, retry=RetryPolicy(attempts=5))
    caplog.set_level(logging.DEBUG)

    async def scenario() -> None:
        async with client:
            with pytest.raises(BadRequest) as info:
                await client.crm.bookings.list()
            logging.getLogger("test").error("failed: %s %r", info.value, info.value)

    run(scenario())
    assert server.token_requests
    text = caplog.text
    assert "csr_console.api" in {r.name for r in caplog.records}
    assert SECRET not in text
    assert "tok1" not in text and "tok2" not in text
