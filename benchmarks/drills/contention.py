"""Drill `contention`: five consoles accept the same bookings at once.

Five consoles (each its own cache, OutboxRunner and client, as five headless runners would be) each
queue an accept of every one of N bookings (200; 20 with --quick) for a new customer of its own, then
all five runners work until their outboxes are settled. Counted on the server afterwards:
- jobs: every booking must have exactly one job (lost: bookings without one; more than one is an
  extra job);
- customers and locations the outbox created (tagged with its action ids), active or not: one whose
  action made no job is an orphan. Consoles that all find the booking open all create their customer
  before one books the job; the losers then deactivate theirs (the API deletes no customer):
  `withdrawn_*` counts those, `orphan_*` the orphans still active — duplicates a CSR would meet;
- the losing actions: each must end in conflict, its message naming the winning job's number
  ("... converted to job #N ..."): told_winner.
duplicated = extra jobs + orphan customers + orphan locations (still active).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from benchmarks._support import client_for, running_sandbox
from csr_console.api import RateLimiter, ServiceTitanClient
from csr_console.api.models.common import ActiveFilter
from csr_console.api.models.crm import CustomerQuery, LocationQuery
from csr_console.api.models.jpm import Job, JobQuery
from csr_console.sync.outbox import ActionState, OutboxEntry, enqueue, get_action
from tests.conftest import new_booking, tag
from tests.sync.outbox_helpers import (
    accept_for_new_customer,
    cache_at,
    harness,
    in_batches,
    refs_of,
    run_until_settled,
    tag_filter,
)

CONSOLES = 5
BOOKINGS_FULL = 200
BOOKINGS_QUICK = 20


def contention(quick: bool) -> dict[str, Any]:
    bookings = BOOKINGS_QUICK if quick else BOOKINGS_FULL
    with tempfile.TemporaryDirectory(prefix="drill-contention-") as folder:
        extra = ["--lead-rate", "0", "--rate-limit", "0"]
        with running_sandbox(Path(folder) / "sandbox.db", *extra) as (info, _startup_s):
            return asyncio.run(_drill(info, Path(folder), bookings))


def _client(info: dict[str, Any], who: dict[str, Any] | None = None) -> ServiceTitanClient:
    # The sandbox's rate limit is lifted; so is each console's own (not the process-wide one).
    return client_for(info, who, limiter=RateLimiter(1000), timeout=60)


async def _drill(info: dict[str, Any], folder: Path, count: int) -> dict[str, Any]:
    provider = info["providers"][0]
    async with AsyncExitStack() as stack:
        admin = await stack.enter_async_context(_client(info))
        partner = await stack.enter_async_context(_client(info, provider))
        refs = await refs_of(admin)
        mine = partner.crm.provider_bookings(int(provider["booking_provider"]))
        booking_ids = [b.id for b in await in_batches(mine.create(new_booking(tag())) for _ in range(count))]

        # Every console queues an accept of every booking, in the same order (the most contention).
        consoles = []
        actions: list[tuple[Any, str]] = []  # (cache, action id)
        for number in range(CONSOLES):
            db = cache_at(folder / f"console{number}.db")
            client = await stack.enter_async_context(_client(info))
            consoles.append((harness(client, db), db))
            for booking_id in booking_ids:
                label = f"console{number}-{booking_id}-{tag()}"
                action = accept_for_new_customer(booking_id, refs, label)
                actions.append((db, enqueue(db, action, f"csr:console{number}")))

        started = time.perf_counter()
        await asyncio.gather(*(run_until_settled(h.runner, db) for h, db in consoles))
        seconds = time.perf_counter() - started

        entries = [entry for db, action_id in actions if (entry := get_action(db, action_id))]
        jobs = await in_batches(_jobs_of(admin, booking_id) for booking_id in booking_ids)
        figures = await _count(admin, booking_ids, jobs, entries)
    return {
        "drill": "contention",
        "consoles": CONSOLES,
        "bookings": count,
        **figures,
        "seconds": round(seconds, 2),
    }


async def _jobs_of(client: ServiceTitanClient, booking_id: int) -> list[Job]:
    return [job async for job in client.jpm.jobs.items(JobQuery(booking_id=booking_id))]


def _action_ids(records: Iterable[Any]) -> list[str]:
    """The outbox action ids in the records' tags ("<action id>:<step>")."""
    return [
        data.value.rsplit(":", 1)[0]
        for record in records
        for data in record.external_data or ()
        if data.key == tag_filter()["external_data_key"]
    ]


async def _count(
    client: ServiceTitanClient, booking_ids: list[int], jobs: list[list[Job]], entries: list[OutboxEntry]
) -> dict[str, Any]:
    winner = {b: found[0].job_number for b, found in zip(booking_ids, jobs, strict=True) if len(found) == 1}
    states: dict[str, int] = defaultdict(int)
    told_winner = 0
    for entry in entries:
        states[entry.state.value] += 1
        number = winner.get(entry.target_id)
        if entry.state is ActionState.CONFLICT and number is not None:
            told_winner += f"converted to job #{number} " in (entry.message or "")

    every = {**tag_filter(), "active": ActiveFilter.ANY}  # deactivated ones too: they are counted
    customers = [c async for c in client.crm.customers.items(CustomerQuery(**every))]
    locations = [loc async for loc in client.crm.locations.items(LocationQuery(**every))]
    tagged_jobs = [j async for j in client.jpm.jobs.items(JobQuery(**tag_filter()))]
    with_job = set(_action_ids(tagged_jobs))
    for kind, records in (("customers", customers), ("locations", locations), ("jobs", tagged_jobs)):
        # Orphans are found by their tags: a list without them would count none, dishonestly.
        if len(_action_ids(records)) != len(records):
            raise RuntimeError(f"tagged {kind} listed without their outbox tag")
    orphans = {
        kind: [r for r in records if _action_ids([r])[0] not in with_job]
        for kind, records in (("customers", customers), ("locations", locations))
    }
    left = {kind: sum(1 for r in found if r.active) for kind, found in orphans.items()}
    extra_jobs = sum(max(0, len(found) - 1) for found in jobs)
    return {
        "jobs": sum(len(found) for found in jobs),
        "actions": len(entries),
        "lost": sum(1 for found in jobs if not found),
        "duplicated": extra_jobs + left["customers"] + left["locations"],
        "conflicts": states[ActionState.CONFLICT.value],
        "told_winner": told_winner,
        "done": states[ActionState.DONE.value],
        "failed": states[ActionState.FAILED.value],
        "extra_jobs": extra_jobs,
        "customers": len(customers),
        "locations": len(locations),
        "orphan_customers": left["customers"],
        "orphan_locations": left["locations"],
        "withdrawn_customers": len(orphans["customers"]) - left["customers"],
        "withdrawn_locations": len(orphans["locations"]) - left["locations"],
    }
