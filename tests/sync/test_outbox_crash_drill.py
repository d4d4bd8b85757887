"""Drill: the headless runner (`csr-console sync --follow`: feeds and outbox) is SIGKILLed at random
points, several times, and started again until the outbox is empty. Every booking ends with exactly
one job and every action with exactly one new customer: a step cut off mid-request is looked up, not
sent again; nothing is lost."""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from csr_console.domain.enums import BookingStatus
from csr_console.sync.outbox import enqueue, get_action
from tests.conftest import ROOT, RunningSandbox, connect
from tests.sync.outbox_helpers import (
    accept_for_new_customer,
    cache_at,
    jobs_of_booking,
    journal_results,
    kill_at_random,
    make_bookings,
    refs_of,
    states,
    tagged_count,
    unfinished,
    wait_for,
)

KILLS = 8


def start_worker(info: Path, cache: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "csr_console", "sync", "--connect", str(info), "--db", str(cache), "--follow"],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.mark.slow
def test_a_killed_runner_resumes_without_losing_or_doubling(sandbox_factory: Any, tmp_path: Path) -> None:
    # Latency widens the windows between a step's in-flight mark, its request and its answer.
    sandbox: RunningSandbox = sandbox_factory(rate_limit=0, faults="latency=100ms")
    info = tmp_path / "sandbox.json"
    info.write_text(json.dumps(sandbox.announcement))
    cache = tmp_path / "cache.db"
    db = cache_at(cache)
    rng = random.Random(20)

    async def queue() -> tuple[list[str], list[int]]:
        async with connect(sandbox) as client:
            refs = await refs_of(client)
            bookings = [b for b, _ in await make_bookings(sandbox, 20)]
        return [enqueue(db, accept_for_new_customer(b, refs), "csr:ana") for b in bookings], bookings

    actions, bookings = asyncio.run(queue())

    kills, caught_in_flight = kill_at_random(lambda _round: start_worker(info, cache), db, rng, KILLS)

    worker = start_worker(info, cache)
    try:
        wait_for(lambda: not unfinished(db), "the outbox to empty")
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(
        f"\ncrash drill: {len(actions)} accepts, {kills} kills, {caught_in_flight} steps in flight at a kill"
    )
    assert kills >= 3 and caught_in_flight > 0
    assert set(states(db).values()) == {"done"}

    async def check() -> None:
        async with connect(sandbox) as client:
            assert await tagged_count(client, "customer") == len(actions)
            assert await tagged_count(client, "job") == len(actions)
            for action_id, booking_id in zip(actions, bookings, strict=True):
                entry = get_action(db, action_id)
                assert entry is not None
                assert await jobs_of_booking(client, booking_id) == [entry.results["job_id"]]
                assert await tagged_count(client, "customer", f"{action_id}:customer") == 1
                assert await tagged_count(client, "location", f"{action_id}:customer") == 1
                booking = await client.crm.bookings.get(booking_id)
                assert booking.status is BookingStatus.CONVERTED and booking.job_id == entry.results["job_id"]
                assert journal_results(db, action_id) == ["queued", "done"]

    asyncio.run(check())
