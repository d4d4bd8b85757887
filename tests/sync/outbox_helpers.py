"""Building blocks of the outbox tests: the cache, a runner, CSR actions with valid references from the
seeded company, records to act on, and the server-side counts that prove "exactly once"."""

from __future__ import annotations

import asyncio
import random
import re
import signal
import sqlite3
import subprocess
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy import Engine, func, select

from csr_console.api import ServiceTitanClient
from csr_console.api.models.crm import (
    CreateCustomerRequest,
    CreateLeadRequest,
    CustomerQuery,
    LocationQuery,
    NewAddress,
    NewContact,
    NewLocation,
)
from csr_console.api.models.jpm import JobQuery
from csr_console.domain.enums import ContactType, CustomerType, Priority
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.changes import ChangeHub
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.outbox import (
    TAG_KEY,
    AcceptBooking,
    AddressDraft,
    Backoff,
    ContactDraft,
    ExistingLocation,
    JobDraft,
    LocationDraft,
    NewCustomer,
    OutboxRunner,
    VisitDraft,
)
from csr_console.sync.service import APPLICATION_GUID
from tests.conftest import RunningSandbox, connect, new_booking, reference_ids, tag

#: The application GUID the outbox tags its creates with in these tests.
#: The console's own GUID, so the crash drill can run the real `csr-console sync`.
T = TypeVar("T")

OUTBOX_GUID = APPLICATION_GUID
#: How long a drill may take before it is declared stuck (a guard against hanging, not a timed assert).
STUCK_AFTER_S = 240.0


def cache_at(path: Path) -> Engine:
    return open_cache(path)


@dataclass
class Harness:
    runner: OutboxRunner
    changes: ChangeHub
    connectivity: ConnectivityMonitor
    published: list[dict[str, frozenset[object]]]


def harness(client: ServiceTitanClient, db: Engine, **kwargs: Any) -> Harness:
    changes = ChangeHub()
    published: list[dict[str, frozenset[object]]] = []
    changes.subscribe(lambda change_set: published.append(dict(change_set.ids)))
    connectivity = ConnectivityMonitor()
    kwargs.setdefault("backoff", Backoff(base_s=0.05, cap_s=0.5))
    runner = OutboxRunner(
        client, db, application_guid=OUTBOX_GUID, changes=changes, connectivity=connectivity, **kwargs
    )
    return Harness(runner, changes, connectivity, published)


def states(db: Engine) -> dict[str, str]:
    with db.connect() as connection:
        rows = connection.execute(select(schema.outbox_action.c.id, schema.outbox_action.c.state))
        return {row.id: row.state for row in rows}


def unfinished(db: Engine) -> int:
    with db.connect() as connection:
        return int(
            connection.execute(
                select(func.count())
                .select_from(schema.outbox_action)
                .where(schema.outbox_action.c.state.in_(["pending", "running"]))
            ).scalar_one()
        )


async def eventually(condition: Callable[[], bool], what: str) -> None:
    """Wait for `condition`, polling; fail (never hang) if it has not come after STUCK_AFTER_S."""
    deadline = asyncio.get_running_loop().time() + STUCK_AFTER_S
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"still waiting for {what}"
        await asyncio.sleep(0.05)


async def run_until_settled(runner: OutboxRunner, db: Engine, stuck_after_s: float = STUCK_AFTER_S) -> None:
    """Let the runner's loop work until no action is pending or running (declared stuck after
    `stuck_after_s`: a long drill on a busy machine needs more than the tests' guard)."""
    stop = asyncio.Event()
    loop_task = asyncio.create_task(runner.run(stop))
    try:
        deadline = asyncio.get_running_loop().time() + stuck_after_s
        while unfinished(db):
            assert asyncio.get_running_loop().time() < deadline, f"outbox stuck: {states(db)}"
            assert not loop_task.done(), loop_task
            await asyncio.sleep(0.1)
    finally:
        stop.set()
        await loop_task


def journal_results(db: Engine, action_id: str) -> list[str]:
    with db.connect() as connection:
        rows = connection.execute(
            select(schema.journal.c.result)
            .where(schema.journal.c.action_id == action_id)
            .order_by(schema.journal.c.id)
        )
        return [row.result for row in rows]


# -- drafts ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Refs:
    campaign_id: int
    job_type_id: int
    business_unit_id: int
    technician_ids: tuple[int, ...]
    dismiss_reason_id: int
    lead_reason_id: int


async def refs_of(client: ServiceTitanClient) -> Refs:
    found = await reference_ids(client)
    return Refs(
        campaign_id=found["campaign_id"],
        job_type_id=found["job_type_id"],
        business_unit_id=found["business_unit_id"],
        technician_ids=tuple(found["technician_ids"] or ()),
        dismiss_reason_id=found["dismiss_reason_id"],
        lead_reason_id=found["lead_reason_id"],
    )


def address(label: str) -> AddressDraft:
    return AddressDraft(street=f"{label} Test Lane", city="Austin", state="TX", zip="78701", country="USA")


def job_draft(refs: Refs, label: str = "") -> JobDraft:
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=15, minute=0, second=0, microsecond=0)
    return JobDraft(
        job_type_id=refs.job_type_id,
        business_unit_id=refs.business_unit_id,
        campaign_id=refs.campaign_id,
        priority=Priority.NORMAL,
        summary=f"Water heater leaking {label}".strip(),
        visit=VisitDraft(
            start=start,
            end=start + timedelta(hours=2),
            arrival_window_start=start,
            arrival_window_end=start + timedelta(hours=2),
            technician_ids=refs.technician_ids,
        ),
    )


def new_customer(label: str) -> NewCustomer:
    return NewCustomer(
        name=f"Outbox Customer {label}",
        type=CustomerType.RESIDENTIAL,
        address=address(label),
        contacts=(ContactDraft(ContactType.EMAIL, f"{label}@example.com"),),
        location=LocationDraft(
            "Home", address(label), (ContactDraft(ContactType.MOBILE_PHONE, "5125550142", "cell"),)
        ),
    )


def accept_for_new_customer(booking_id: int, refs: Refs, label: str | None = None) -> AcceptBooking:
    label = label or tag()
    return AcceptBooking(booking_id=booking_id, customer=new_customer(label), job=job_draft(refs, label))


def accept_for(booking_id: int, refs: Refs, customer_id: int, location_id: int) -> AcceptBooking:
    return AcceptBooking(booking_id, ExistingLocation(customer_id, location_id), job_draft(refs))


# -- records to act on -------------------------------------------------------------------------------
async def make_bookings(sandbox: RunningSandbox, count: int) -> list[tuple[int, int]]:
    """`count` new bookings from the first provider: (booking id, provider id) each."""
    provider = sandbox.providers[0]
    provider_id = int(provider["booking_provider"])
    async with connect(sandbox, provider) as client:
        mine = client.crm.provider_bookings(provider_id)
        made = await in_batches([mine.create(new_booking(tag())) for _ in range(count)])
    return [(booking.id, provider_id) for booking in made]


async def make_customers(client: ServiceTitanClient, count: int) -> list[tuple[int, int]]:
    """`count` existing customers (no outbox tag): (customer id, location id) each."""

    def request(label: str) -> CreateCustomerRequest:
        where = NewAddress(street=f"{label} Old Road", city="Austin", state="TX", zip="78702", country="USA")
        return CreateCustomerRequest(
            name=f"Existing Customer {label}",
            address=where,
            locations=[NewLocation(name="Home", address=where)],
            contacts=[NewContact(type=ContactType.PHONE, value="5125550100")],
        )

    made = await in_batches([client.crm.customers.create(request(tag())) for _ in range(count)])
    return [(customer.id, customer.locations[0].id) for customer in made]


async def make_leads(client: ServiceTitanClient, refs: Refs, count: int) -> list[int]:
    requests = [
        CreateLeadRequest(
            campaign_id=refs.campaign_id,
            summary=f"Call back about a quote {tag()}",
            call_reason_id=refs.lead_reason_id,
            lead_customer_name=f"Lead Person {tag()}",
            lead_phone="5125550199",
        )
        for _ in range(count)
    ]
    made = await in_batches([client.crm.leads.create(r) for r in requests])
    return [lead.id for lead in made]


async def in_batches(calls: Iterable[Awaitable[T]], size: int = 20) -> list[T]:
    """Await `calls` `size` at a time (a few hundred at once would only queue at the rate limiter)."""
    pending = list(calls)
    done: list[T] = []
    for start in range(0, len(pending), size):
        done += await asyncio.gather(*pending[start : start + size])
    return done


# -- what the server holds --------------------------------------------------------------------------
def tag_filter(value: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"external_data_application_guid": OUTBOX_GUID, "external_data_key": TAG_KEY}
    if value is not None:
        found["external_data_values"] = [value]
    return found


async def tagged_count(client: ServiceTitanClient, kind: str, value: str | None = None) -> int:
    """How many customers / locations / jobs carry the outbox tag `value` (any outbox tag if None)."""
    query: Any
    if kind == "customer":
        query, collection = CustomerQuery(**tag_filter(value)), client.crm.customers
    elif kind == "location":
        query, collection = LocationQuery(**tag_filter(value)), client.crm.locations
    else:
        query, collection = JobQuery(**tag_filter(value)), client.jpm.jobs
    return len([item async for item in collection.items(query)])


async def jobs_of_booking(client: ServiceTitanClient, booking_id: int) -> list[int]:
    return [job.id async for job in client.jpm.jobs.items(JobQuery(booking_id=booking_id))]


def follow_ups_on_server(sandbox: RunningSandbox, lead_id: int) -> int:
    """Follow-ups cannot be listed through the API: count the sandbox's own records of them."""
    connection = sqlite3.connect(f"file:{sandbox.db_path}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT count(*) FROM record WHERE kind = 'lead_follow_up' AND parent_id = ?", (lead_id,)
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def dropping_answer(method: str, path: str, times: int = 1) -> dict[str, list[Any]]:
    """httpx event hooks that lose the answer to the first `times` requests matching `method` and the
    regular expression `path`, after the sandbox has processed them: the client sees the connection
    drop (OutcomeUnknown for a write), exactly as with the sandbox's `drop` fault, but on the request
    a test chooses."""
    remaining = [times]

    async def drop(response: httpx.Response) -> None:
        request = response.request
        if remaining[0] > 0 and request.method == method and re.search(path, request.url.path):
            remaining[0] -= 1
            await response.aread()
            raise httpx.ReadError("answer lost after the server committed (test)", request=request)

    return {"response": [drop]}


async def set_faults(sandbox: RunningSandbox, client: ServiceTitanClient, spec: str) -> None:
    """Change a running sandbox's injected faults (`PUT /_sandbox/faults`, tenant credentials)."""
    token = await client.transport.access_token()
    async with httpx.AsyncClient() as http:
        answer = await http.put(
            f"{sandbox.base_url}/_sandbox/faults", content=spec, headers={"Authorization": f"Bearer {token}"}
        )
    answer.raise_for_status()


async def tagged_by_action(client: ServiceTitanClient) -> dict[str, Counter[str]]:
    """Every record the outbox tagged, counted per action id and kind ("customer", "location", "job").

    Counted by the action id in the tag ("<action id>:<step>"), not by the step's name, so the count
    holds whichever step of an action made the record."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    listings: list[tuple[str, Any]] = [
        ("customer", client.crm.customers.items(CustomerQuery(**tag_filter()))),
        ("location", client.crm.locations.items(LocationQuery(**tag_filter()))),
        ("job", client.jpm.jobs.items(JobQuery(**tag_filter()))),
    ]
    for kind, listing in listings:
        async for record in listing:
            values = [d.value for d in record.external_data or () if d.key == TAG_KEY]
            # A tagged record listed without its tag would be counted nowhere: refuse, never undercount.
            if len(values) != 1:
                raise RuntimeError(f"{kind} {record.id} listed with outbox tags {values}")
            found[values[0].rsplit(":", 1)[0]][kind] += 1
    return found


# -- a process killed and started again (the crash drills) ------------------------------------------
def in_flight_steps(db: Engine) -> int:
    """Steps whose request may be out right now (marked in flight, not yet answered)."""
    with db.connect() as connection:
        return int(
            connection.execute(
                select(func.count())
                .select_from(schema.outbox_step)
                .where(schema.outbox_step.c.state == "in_flight")
            ).scalar_one()
        )


def wait_for(condition: Callable[[], Any], what: str, timeout_s: float = STUCK_AFTER_S) -> None:
    """Poll `condition` from a plain thread (no event loop); fail, never hang, after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() >= deadline:
            raise AssertionError(f"still waiting for {what}")
        time.sleep(0.01)


def kill_at_random(
    start: Callable[[int], subprocess.Popen[Any]],
    db: Engine,
    rng: random.Random,
    rounds: int,
    *,
    random_s: tuple[float, float] = (0.3, 2.0),
    stuck_after_s: float = STUCK_AFTER_S,
) -> tuple[int, int]:
    """Start a process working the outbox of `db` (`start(n)`, n counting from 0) and SIGKILL it, up to
    `rounds` times, until its outbox is settled; answers (kills, steps in flight at the kills, summed).

    Even rounds aim at a request that is out: wait for a step in flight, then kill within 0.15 s. Odd
    rounds kill at a random moment (`random_s`) after the start, wherever the process is then."""
    kills = caught_in_flight = 0
    for round_ in range(rounds):
        if not unfinished(db):
            break
        process = start(round_)
        try:
            if round_ % 2 == 0:
                wait_for(lambda: in_flight_steps(db) or not unfinished(db), "a step in flight", stuck_after_s)
                time.sleep(rng.uniform(0, 0.15))
            else:
                time.sleep(rng.uniform(*random_s))
            if process.poll() is not None:  # a kill of nothing would prove nothing
                raise AssertionError(f"start {round_} exited {process.returncode} by itself")
            caught_in_flight += in_flight_steps(db)
            process.send_signal(signal.SIGKILL)
        finally:
            if process.poll() is None:  # the caller failed: leave no process behind
                process.kill()
            process.wait()
        kills += 1
    return kills, caught_in_flight
