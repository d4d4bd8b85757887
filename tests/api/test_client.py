"""Client lifecycle, environments, the recorder hook, and the resource paths."""

from __future__ import annotations

import httpx

from csr_console.api import INTEGRATION, PRODUCTION, Environment
from csr_console.api.models.crm import (
    BookingContactCreate,
    BookingContactUpdate,
    DismissLeadRequest,
    FollowUpRequest,
)
from csr_console.domain.enums import ContactType

from .helpers import TENANT, FakeServer, booking, make_client, page, run


def test_environments() -> None:
    assert PRODUCTION.api_base == "https://api.servicetitan.io"
    assert PRODUCTION.token_url == "https://auth.servicetitan.io/connect/token"
    assert INTEGRATION.api_base == "https://api-integration.servicetitan.io"
    assert INTEGRATION.token_url == "https://auth-integration.servicetitan.io/connect/token"
    sandbox = Environment.custom("http://127.0.0.1:8765/")
    assert sandbox.token_url == "http://127.0.0.1:8765/connect/token"
    assert sandbox.tenant_url("schedulingpro", 5) == "http://127.0.0.1:8765/schedulingpro/v2/tenant/5"


def test_warm_up_fetches_the_token_and_async_with_closes() -> None:
    server = FakeServer(lambda r: httpx.Response(200, json=page([])))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.warm_up()
            assert len(server.token_requests) == 1
        assert client.transport.http.is_closed

    run(scenario())


def test_event_hooks_see_every_exchange() -> None:
    seen: list[str] = []

    async def on_response(response: httpx.Response) -> None:
        seen.append(f"{response.request.method} {response.request.url.path} {response.status_code}")

    server = FakeServer(lambda r: httpx.Response(200, json=page([])))
    client, _ = make_client(server, event_hooks={"response": [on_response]})

    async def scenario() -> None:
        async with client:
            await client.jbce.call_reasons.list()

    run(scenario())
    assert seen == ["POST /connect/token 200", f"GET /jbce/v2/tenant/{TENANT}/call-reasons 200"]


def test_resource_paths_and_methods() -> None:
    def api(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/contacts/3") and request.method == "PATCH":
            return httpx.Response(200, json={"type": "Email", "value": "a@b.c", "memo": "m"})
        if path.endswith("/contacts") and request.method == "POST":
            return httpx.Response(
                200,
                json={
                    "id": 3,
                    "type": "Phone",
                    "value": "1",
                    "memo": "",
                    "modifiedOn": "2024-01-01T00:00:00Z",
                },
            )
        if path.endswith("/follow-up"):
            return httpx.Response(
                200,
                json={"leadId": 4, "followUpDate": "2030-01-01T00:00:00Z", "text": None, "pinToTop": False},
            )
        if request.method in ("DELETE", "POST"):
            return httpx.Response(200)
        if path.endswith("/performance"):
            return httpx.Response(404, json={"title": "not here", "status": 404})
        return httpx.Response(200, json=booking())

    server = FakeServer(api)
    client, _ = make_client(server)
    from datetime import UTC, datetime

    async def scenario() -> None:
        async with client:
            provider = client.crm.provider_bookings(10000000)
            await provider.get(101)
            await provider.create_contact(101, BookingContactCreate(type=ContactType.PHONE, value="1"))
            updated = await provider.update_contact(101, 3, BookingContactUpdate(memo="m"))
            assert updated.type is ContactType.EMAIL
            await provider.delete_contact(101, 3)
            await client.crm.leads.follow_up(
                4, FollowUpRequest(follow_up_date=datetime(2030, 1, 1, tzinfo=UTC))
            )
            await client.crm.leads.dismiss(4, DismissLeadRequest(dismissing_reason_id=8))

    run(scenario())
    root = f"/crm/v2/tenant/{TENANT}"
    assert [(r.method, r.url.path) for r in server.api_requests] == [
        ("GET", f"{root}/booking-provider/10000000/bookings/101"),
        ("POST", f"{root}/booking-provider/10000000/bookings/101/contacts"),
        ("PATCH", f"{root}/booking-provider/10000000/bookings/101/contacts/3"),
        ("DELETE", f"{root}/booking-provider/10000000/bookings/101/contacts/3"),
        ("POST", f"{root}/leads/4/follow-up"),
        ("POST", f"{root}/leads/4/dismiss"),
    ]
    assert server.api_requests[-1].content == b'{"dismissingReasonId":8}'
