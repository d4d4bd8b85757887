"""Feed behaviour the sandbox cannot produce, behind httpx.MockTransport: malformed records, pages that
arrive out of order, a walk through equal stamps, a module the tenant lacks; and the cache writer's
rollback when its caller is cancelled."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select

from csr_console.api import Forbidden
from csr_console.api.models.common import format_utc
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.connectivity import Connectivity
from csr_console.sync.feeds.writes import CacheWriter
from tests.api.helpers import ROOT, FakeServer, booking, make_client, page, problem
from tests.sync.feed_helpers import Harness, harness

T1 = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)
T2 = T1 + timedelta(minutes=1)
T3 = T1 + timedelta(minutes=2)
QUEUE = ["bookings", "booking_contacts"]


def stamp(moment: datetime) -> str:
    return format_utc(moment)


def export(data: list[Any], token: str, *, more: bool = False) -> dict[str, Any]:
    return {"hasMore": more, "continueFrom": token, "data": data}


def malformed(booking_id: int) -> dict[str, Any]:
    """A booking without its required name and createdOn."""
    doc = booking(id=booking_id, active=True)
    del doc["name"], doc["createdOn"]
    return doc


def serve(answer: Callable[[httpx.Request], httpx.Response | None]) -> FakeServer:
    """`answer` handles what the test is about; booking contacts are empty; anything else is a bug."""

    def api(request: httpx.Request) -> httpx.Response:
        found = answer(request)
        if found is not None:
            return found
        if request.url.path.endswith("/contacts"):
            return httpx.Response(200, json=page([]))
        raise AssertionError(f"unexpected request {request.url}")

    return FakeServer(api)


def run_with(server: FakeServer, cache: Path, scenario: Callable[[Harness], Any], **options: Any) -> None:
    client, _time = make_client(server)

    async def main() -> None:
        async with client, harness(client, cache, **options) as h:
            await scenario(h)

    asyncio.run(main())


def quarantined(h: Harness) -> list[dict[str, Any]]:
    with h.db.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(select(schema.quarantine))]


def test_a_malformed_record_is_quarantined_and_its_page_stored(tmp_path: Path) -> None:
    bad = malformed(1)
    answers = {
        None: export([bad, booking(id=2, active=True)], "tok1"),
        "tok1": export([booking(id=1, active=True, modifiedOn=stamp(T2))], "tok2"),
    }

    def answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == f"{ROOT}/export/bookings":
            return httpx.Response(200, json=answers[request.url.params.get("from")])
        return None

    async def scenario(h: Harness) -> None:
        assert await h.engine.sync_once(QUEUE) == {}
        assert h.row(schema.booking, id=2) is not None
        assert h.row(schema.booking, id=1) is None
        assert h.published("booking") == {2}
        [kept] = quarantined(h)
        assert (kept["feed"], kept["kind"], kept["record_id"]) == ("bookings", "booking", "1")
        assert "name" in kept["reason"] and "createdOn" in kept["reason"]
        assert json.loads(kept["payload"]) == bad
        assert kept["received_at"] is not None
        assert h.cursors()["bookings"]["cursor"] == "tok1", "the cursor moves past the bad record"
        assert h.monitor.state.state is Connectivity.ONLINE

        # The record comes again, valid: simply stored.
        await h.engine.sync_once(QUEUE)
        assert (h.row(schema.booking, id=1) or {})["modified_on"] == T2
        assert h.cursors()["bookings"]["cursor"] == "tok2"
        assert len(quarantined(h)) == 1

    run_with(serve(answer), tmp_path / "c.db", scenario)


def test_the_list_strategy_quarantines_too_and_counts_the_bad_records_stamp(tmp_path: Path) -> None:
    bad = {**malformed(1), "modifiedOn": stamp(T3)}
    lists: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == f"{ROOT}/bookings":
            lists.append(request)
            first = len(lists) == 1
            return httpx.Response(
                200, json=page([bad, booking(id=2, modifiedOn=stamp(T2))] if first else [bad])
            )
        return None

    async def scenario(h: Harness) -> None:
        await h.engine.sync_once(QUEUE)
        assert h.row(schema.booking, id=2) is not None
        assert h.cursors()["bookings"]["cursor"] == stamp(T3)
        await h.engine.sync_once(QUEUE)
        assert len(quarantined(h)) == 1, "the overlap brings the bad copy back: kept once"
        assert lists[1].url.params["modifiedOnOrAfter"] == stamp(T3 - timedelta(seconds=5))
        assert lists[1].url.params["sort"] == "+ModifiedOn"

    run_with(serve(answer), tmp_path / "c.db", scenario, bookings="list")


def test_an_older_copy_arriving_later_changes_nothing(tmp_path: Path) -> None:
    copies = [booking(id=5, modifiedOn=stamp(T2)), booking(id=5, modifiedOn=stamp(T1), status="Dismissed")]

    def answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == f"{ROOT}/bookings":
            return httpx.Response(200, json=page([copies.pop(0)] if copies else []))
        return None

    async def scenario(h: Harness) -> None:
        await h.engine.sync_once(QUEUE)
        h.forget()
        await h.engine.sync_once(QUEUE)
        row = h.row(schema.booking, id=5) or {}
        assert (row["status"], row["modified_on"]) == ("New", T2), "the newer copy stays"
        assert h.cursors()["bookings"]["cursor"] == stamp(T2), "the cursor never moves backwards"
        assert not h.changes

    run_with(serve(answer), tmp_path / "c.db", scenario, bookings="list")


def test_a_sorted_walk_moves_its_bound_and_turns_the_page_only_within_one_stamp(tmp_path: Path) -> None:
    pages = {
        (None, "1"): page(
            [booking(id=1, modifiedOn=stamp(T1)), booking(id=2, modifiedOn=stamp(T2))], has_more=True
        ),
        (stamp(T2), "1"): page(
            [booking(id=2, modifiedOn=stamp(T2)), booking(id=3, modifiedOn=stamp(T2))], has_more=True
        ),
        (stamp(T2), "2"): page([booking(id=4, modifiedOn=stamp(T3))]),
    }
    asked: list[tuple[str | None, str]] = []

    def answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == f"{ROOT}/bookings":
            key = (request.url.params.get("modifiedOnOrAfter"), request.url.params["page"])
            asked.append(key)
            return httpx.Response(200, json=pages[key])
        return None

    async def scenario(h: Harness) -> None:
        await h.engine.sync_once(QUEUE)
        assert asked == list(pages)
        assert h.count(schema.booking) == 4
        assert h.cursors()["bookings"]["cursor"] == stamp(T3)

    run_with(serve(answer), tmp_path / "c.db", scenario, bookings="list")


def test_a_refused_feed_does_not_hold_the_others_back(tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/schedulers"):
            return problem(403, "Scheduling Pro is not enabled for this tenant")
        if "/export/" in request.url.path:
            return httpx.Response(200, json=export([], "tok"))
        return httpx.Response(200, json=page([]))

    async def scenario(h: Harness) -> None:
        failed = await h.engine.sync_once()
        assert list(failed) == ["schedulers"] and isinstance(failed["schedulers"], Forbidden)
        cursors = h.cursors()
        assert "Scheduling Pro" in cursors["schedulers"]["last_error"]
        assert cursors["leads"]["cursor"] == "tok", "the feeds after it still ran"
        assert h.monitor.state.state is Connectivity.ONLINE, "the last call succeeded"

    run_with(serve(answer), tmp_path / "c.db", scenario)


def test_a_cancelled_write_rolls_back_before_the_cancellation_completes(tmp_path: Path) -> None:
    db = open_cache(tmp_path / "c.db")
    writer = CacheWriter(db)
    inside, release = threading.Event(), threading.Event()

    def work(connection: Any) -> None:
        connection.execute(insert(schema.sync_cursor).values(feed="probe", records=0))
        inside.set()
        release.wait(30)

    async def scenario() -> None:
        task = asyncio.create_task(writer.run(work))
        await asyncio.to_thread(inside.wait, 30)
        task.cancel()
        await asyncio.sleep(0.05)
        assert not task.done(), "the cancellation waits for the transaction"
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    with db.connect() as connection:
        assert connection.execute(select(schema.sync_cursor)).first() is None
    db.dispose()


def test_a_booking_whose_contacts_keep_failing_does_not_hold_the_others_back(tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response | None:
        path = request.url.path
        if path == f"{ROOT}/export/bookings":
            return httpx.Response(
                200, json=export([booking(id=1, active=True), booking(id=2, active=True)], "t")
            )
        if path == f"{ROOT}/bookings/1/contacts":
            return problem(500, "Internal error")
        if path == f"{ROOT}/bookings/2/contacts":
            contact = {"id": 7, "type": "Phone", "value": "5125550100", "memo": None, "modifiedOn": stamp(T1)}
            return httpx.Response(200, json=page([contact]))
        return None

    async def scenario(h: Harness) -> None:
        failed = await h.engine.sync_once(QUEUE)
        assert set(failed) == {"booking_contacts"}
        assert (h.row(schema.booking, id=2) or {})["contacts_synced_at"] is not None
        assert h.row(schema.booking_contact, id=7) is not None
        assert (h.row(schema.booking, id=1) or {})["contacts_synced_at"] is None
        assert h.monitor.state.state is Connectivity.DEGRADED

    run_with(serve(answer), tmp_path / "c.db", scenario)
