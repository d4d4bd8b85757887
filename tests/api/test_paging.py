"""Paged iteration and export-feed iteration against a scripted server."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from csr_console.api.models.crm import BookingQuery, CustomerQuery, LeadQuery
from csr_console.domain.enums import LeadStatus

from .helpers import FakeServer, booking, make_client, page, run


def test_pages_walk_until_has_more_is_false() -> None:
    def api(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params["page"])
        size = int(request.url.params["pageSize"])
        ids = [number * 10 + i for i in range(size if number < 3 else 1)]
        return httpx.Response(
            200, json=page([booking(id=i) for i in ids], page=number, page_size=size, has_more=number < 3)
        )

    server = FakeServer(api)
    client, _ = make_client(server)

    async def scenario() -> list[int]:
        async with client:
            return [b.id async for b in client.crm.bookings.items(page_size=2)]

    ids = run(scenario())
    assert ids == [10, 11, 20, 21, 30]
    assert [r.url.params["page"] for r in server.api_requests] == ["1", "2", "3"]


def test_empty_page_claiming_more_stops() -> None:
    server = FakeServer(lambda r: httpx.Response(200, json=page([], has_more=True)))
    client, _ = make_client(server)

    async def scenario() -> int:
        async with client:
            return len([p async for p in client.crm.bookings.pages()])

    assert run(scenario()) == 1


def test_page_size_bounds() -> None:
    client, _ = make_client(FakeServer(lambda r: httpx.Response(200, json=page([]))))

    async def scenario() -> None:
        async with client:
            with pytest.raises(ValueError):
                await client.crm.bookings.list(page_size=5001)
            await client.crm.bookings.list(page_size=5000)

    run(scenario())


def test_query_parameters_are_encoded_as_the_api_expects() -> None:
    server = FakeServer(lambda r: httpx.Response(200, json=page([])))
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            await client.crm.bookings.list(
                BookingQuery(
                    modified_on_or_after=datetime(2024, 5, 1, 12, tzinfo=UTC), sort="+ModifiedOn", ids=[1, 2]
                ),
                include_total=True,
            )
            await client.crm.leads.list(LeadQuery(status=LeadStatus.OPEN, without_customer=True))
            await client.crm.customers.list(CustomerQuery(phone="5125550100", zip="78701"))

    run(scenario())
    first, second, third = server.api_requests
    assert "sort=%2BModifiedOn" in str(first.url)
    assert first.url.params["modifiedOnOrAfter"] == "2024-05-01T12:00:00Z"
    assert first.url.params["ids"] == "1,2"
    assert first.url.params["includeTotal"] == "true"
    assert second.url.params["status"] == "Open"
    assert second.url.params["withoutCustomer"] == "true"
    assert third.url.params["phone"] == "5125550100"


def test_ids_filter_takes_at_most_fifty() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        BookingQuery(ids=list(range(51)))


def test_export_follows_continue_from_and_exposes_the_cursor() -> None:
    feed = {
        None: ({"hasMore": True, "continueFrom": "c1", "data": [booking(id=1, active=True)]}),
        "c1": ({"hasMore": True, "continueFrom": "c2", "data": [booking(id=2, active=False)]}),
        "c2": ({"hasMore": False, "continueFrom": "c3", "data": []}),
    }

    def api(request: httpx.Request) -> httpx.Response:
        assert request.url.params["includeRecentChanges"] == "true"
        return httpx.Response(200, json=feed[request.url.params.get("from")])

    server = FakeServer(api)
    client, _ = make_client(server)

    async def scenario() -> list[tuple[list[int], str]]:
        async with client:
            return [
                ([b.id for b in batch.items], batch.continue_from)
                async for batch in client.crm.bookings.export.batches()
            ]

    assert run(scenario()) == [([1], "c1"), ([2], "c2"), ([], "c3")]


def test_export_from_a_date() -> None:
    server = FakeServer(
        lambda r: httpx.Response(200, json={"hasMore": False, "continueFrom": "x", "data": []})
    )
    client, _ = make_client(server)

    async def scenario() -> None:
        async with client:
            batch = await client.crm.leads.export.fetch(
                datetime(2024, 1, 1, tzinfo=UTC), include_recent_changes=False
            )
            assert batch.continue_from == "x"

    run(scenario())
    params = server.api_requests[0].url.params
    assert params["from"] == "2024-01-01T00:00:00Z"
    assert params["includeRecentChanges"] == "false"
