"""`python -m benchmarks queries`: how fast the UI's cache queries answer on a 100,000-booking cache.

The cache is filled directly (no sandbox, no sync) with a year of bookings in realistic proportions:
most converted or dismissed, a few hundred new, two contacts each, customers with locations and
contacts, jobs, leads, a journal of the console's actions and an outbox with its history. Each query
runs once to warm the page cache, then `--repeat` times; the figures are the medians in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import chain
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, Table

from benchmarks._support import report
from csr_console.domain.contacts import normalized_contact
from csr_console.store import database, schema
from csr_console.store.queries.booking_detail import booking_detail
from csr_console.store.queries.duplicates import duplicate_candidates
from csr_console.store.queries.leads import LeadFilter, due_leads
from csr_console.store.queries.queue import QueueSort, QueueView, queue_rows, queue_rows_by_ids
from csr_console.store.queries.reports import (
    dismissed_bookings,
    funnel_by_campaign,
    funnel_by_source,
    speed_to_lead,
)
from csr_console.ui.accept.context import load_context

NOW = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
SOURCES = (
    "Angi",
    "Thumbtack",
    "The Home Depot",
    "SmartAC.com",
    "Building36",
    "FlowPath",
    "Web Scheduler",
    "Scheduling Pro",
    "Reserve with Google",
    "Trane / American Standard",
)
FIRST = ("James", "Mary", "John", "Patricia", "Robert", "Linda", "David", "Maria", "Susan", "Karen")
LAST = ("Smith", "Johnson", "Brown", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Lee", "Nguyen")
STREETS = ("Main St", "Oak Ave", "Pine Rd", "Maple Dr", "Cedar Ln", "Elm St", "Washington Blvd")
CITIES = (("Austin", "TX", "787"), ("Dallas", "TX", "752"), ("Denver", "CO", "802"), ("Phoenix", "AZ", "850"))


Row = dict[str, Any]


def _stamps(created: datetime) -> Row:
    return {"created_on": created, "modified_on": created, "active": True}


class Filler:
    """Deterministic rows for every table the queries read, as (table, row) pairs."""

    def __init__(self, bookings: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.bookings = bookings
        self.customers = bookings * 6 // 10
        self.ids: dict[str, int] = {}

    def next_id(self, kind: str) -> int:
        self.ids[kind] = self.ids.get(kind, 0) + 1
        return self.ids[kind]

    def person(self) -> tuple[str, str, str]:
        first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
        phone = f"({self.rng.randint(201, 989)}) 555-{self.rng.randint(0, 9999):04d}"
        email = f"{first}.{last}{self.rng.randint(1, 9999)}@example.com".lower()
        return f"{first} {last}", phone, email

    def address(self) -> Row:
        city, state, zip3 = self.rng.choice(CITIES)
        street = f"{self.rng.randint(1, 9999)} {self.rng.choice(STREETS)}"
        zip_code = f"{zip3}{self.rng.randint(0, 99):02d}"
        return {
            "street": street,
            "unit": None,
            "city": city,
            "state": state,
            "zip": zip_code,
            "country": "USA",
        }

    def reference(self) -> Iterator[tuple[Table, Row]]:
        old = _stamps(NOW - timedelta(days=400))
        for i in range(1, 7):
            yield schema.business_unit, {"id": i, "name": f"BU {i}", **old}
        for i in range(1, 31):
            name = "Unknown" if i == 30 else f"Job type {i}"
            yield schema.job_type, {"id": i, "name": name, "business_unit_ids": [], **old}
        for i in range(1, 21):
            yield schema.campaign, {"id": i, "name": f"Campaign {i}", **old}
        for i in range(1, 13):
            yield schema.call_reason, {"id": i, "name": f"Reason {i}", "is_lead": i <= 3, **old}
        for i, source in enumerate(SOURCES, start=1):
            yield schema.booking_provider_tag, {"id": i, "tag_name": source, **old}

    def contact(self, table: Table, owner: Row, type_: str, value: str, created: datetime) -> Row:
        normalized = normalized_contact(type_, value)
        stamps = _stamps(created) if table is schema.contact else {"modified_on": created}
        row = {"id": self.next_id(table.name), "type": type_, "value": value, "normalized": normalized}
        return {**row, **owner, "memo": None, **stamps}

    def customers_and_contacts(self) -> Iterator[tuple[Table, Row]]:
        for customer_id in range(1, self.customers + 1):
            name, phone, email = self.person()
            address = self.address()
            created = NOW - timedelta(days=self.rng.uniform(0, 900))
            yield (
                schema.customer,
                {"id": customer_id, "name": name, **address, "merged_to_id": None, **_stamps(created)},
            )
            owners = [("customer", customer_id)]
            for extra in range(1 if self.rng.random() < 0.9 else 2):
                location_id = self.next_id("location")
                where = address if extra == 0 else self.address()
                yield (
                    schema.location,
                    {
                        "id": location_id,
                        "customer_id": customer_id,
                        "name": name,
                        **where,
                        "merged_to_id": None,
                        **_stamps(created),
                    },
                )
                owners.append(("location", location_id))
            for owner_kind, owner_id in owners:
                owner = {"owner_kind": owner_kind, "owner_id": owner_id}
                yield schema.contact, self.contact(schema.contact, owner, "MobilePhone", phone, created)
                yield schema.contact, self.contact(schema.contact, owner, "Email", email, created)

    def bookings_and_history(self) -> Iterator[tuple[Table, Row]]:
        rng = self.rng
        for booking_id in range(1, self.bookings + 1):
            # Oldest first; the newest few hundred are still waiting in the New view.
            created = NOW - timedelta(days=365 * (self.bookings - booking_id) / self.bookings)
            fresh = self.bookings - booking_id < 300
            roll = rng.random()
            status = "Converted" if roll < 0.6 else "Accepted" if roll < 0.65 else "Dismissed"
            status = "New" if fresh else status
            name, phone, email = self.person()
            job_id = booking_id if status == "Converted" else None
            answered = created + timedelta(seconds=rng.lognormvariate(5.5, 1.0))
            yield (
                schema.booking,
                {
                    "id": booking_id,
                    "booking_provider_id": rng.randint(1, len(SOURCES)),
                    "source": rng.choice(SOURCES),
                    "name": name,
                    "status": status,
                    "start": created + timedelta(days=2) if roll < 0.5 else None,
                    "summary": "AC not cooling\nSystem age: 12",
                    "campaign_id": rng.randint(1, 20),
                    "business_unit_id": rng.randint(1, 6),
                    "job_type_id": rng.randint(1, 30) if roll < 0.95 else None,
                    "dismissing_reason_id": rng.randint(1, 12) if status == "Dismissed" else None,
                    "job_id": job_id,
                    **self.address(),
                    **_stamps(created),
                    "received_at": created + timedelta(seconds=20),
                    "lag_ms": 20_000,
                },
            )
            owner = {"booking_id": booking_id}
            yield (
                schema.booking_contact,
                self.contact(schema.booking_contact, owner, "MobilePhone", phone, created),
            )
            if rng.random() < 0.7:
                yield (
                    schema.booking_contact,
                    self.contact(schema.booking_contact, owner, "Email", email, created),
                )
            if job_id is not None:
                yield (
                    schema.job,
                    {
                        "id": job_id,
                        "job_number": str(10_000 + job_id),
                        "customer_id": rng.randint(1, self.customers),
                        "location_id": 1,
                        "job_status": "Completed",
                        "booking_id": booking_id,
                        "campaign_id": rng.randint(1, 20),
                        "total": round(rng.uniform(80, 9000), 2),
                        **_stamps(answered + timedelta(seconds=30)),
                    },
                )
            if status == "Dismissed" and rng.random() < 0.3:
                yield (
                    schema.lead,
                    {
                        "id": booking_id,
                        "status": "Open" if booking_id % 5 == 0 else "Dismissed",
                        "campaign_id": rng.randint(1, 20),
                        "business_unit_id": rng.randint(1, 6),
                        "booking_id": booking_id,
                        "follow_up_date": NOW + timedelta(days=rng.uniform(-20, 20))
                        if rng.random() < 0.8
                        else None,
                        "lead_customer_name": name,
                        "lead_phone": phone,
                        "lead_email": email,
                        **_stamps(answered),
                    },
                )
            if status != "New" and rng.random() < 0.7:
                kind = "dismiss_booking" if status == "Dismissed" else "accept_booking"
                action_id = f"{booking_id:08d}-0000-0000-0000-000000000000"
                for result, when in (("queued", answered - timedelta(seconds=2)), ("done", answered)):
                    yield (
                        schema.journal,
                        {
                            "id": self.next_id("journal"),
                            "at": when,
                            "actor": f"csr{rng.randint(1, 12)}",
                            "action_id": action_id,
                            "action": kind,
                            "target_kind": "booking",
                            "target_id": booking_id,
                            "result": result,
                            "detail": None,
                        },
                    )
                yield schema.outbox_action, self.action(action_id, kind, booking_id, "done", answered)
            elif fresh and rng.random() < 0.3:
                state = rng.choice(("pending", "failed", "conflict"))
                action_id = f"{booking_id:08d}-0000-0000-0000-000000000001"
                yield (
                    schema.outbox_action,
                    self.action(action_id, "accept_booking", booking_id, state, created),
                )

    @staticmethod
    def action(action_id: str, kind: str, booking_id: int, state: str, at: datetime) -> Row:
        return {
            "id": action_id,
            "kind": kind,
            "target_kind": "booking",
            "target_id": booking_id,
            "payload": {},
            "state": state,
            "results": {},
            "attempts": 1,
            "next_attempt_at": None,
            "message": None if state == "done" else "500: try again",
            "conflict": None,
            "actor": "csr1",
            "created_at": at,
            "updated_at": at,
            "finished_at": at if state == "done" else None,
        }


def fill(engine: Engine, filler: Filler) -> None:
    """Insert the filler's rows in batches (one executemany per table), then ANALYZE as a real cache
    would have been after its first sync's maintenance."""
    batches: dict[Table, list[Row]] = {}
    with engine.begin() as connection:
        sources = (filler.reference(), filler.customers_and_contacts(), filler.bookings_and_history())
        for pending, (table, row) in enumerate(chain.from_iterable(sources), start=1):
            batches.setdefault(table, []).append(row)
            if pending % 20_000 == 0:
                _flush(connection, batches)
        _flush(connection, batches)
        connection.exec_driver_sql("ANALYZE")


def filled_cache(path: Path, bookings: int) -> Engine:
    """The cache at `path`, filled with `bookings` bookings unless it holds some already (a kept cache
    is reused between runs)."""
    engine = database.open_cache(path)
    with engine.connect() as connection:
        empty = connection.exec_driver_sql("SELECT count(*) FROM booking").scalar() == 0
    if empty:
        started = time.perf_counter()
        fill(engine, Filler(bookings))
        print(f"filled {bookings} bookings in {time.perf_counter() - started:.1f} s", flush=True)
    return engine


def _flush(connection: Connection, batches: dict[Table, list[Row]]) -> None:
    for table, rows in batches.items():
        if rows:
            connection.execute(table.insert(), rows)
    batches.clear()


def timed(connection: Connection, repeat: int, query: Callable[[Connection], Any]) -> tuple[float, int]:
    """Median milliseconds over `repeat` runs after a warm-up, and how many rows the query answered."""
    answer = query(connection)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        query(connection)
        timings.append((time.perf_counter() - started) * 1000)
    size = len(answer) if isinstance(answer, list | tuple) else 1
    return round(statistics.median(timings), 1), size


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks queries")
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="keep (or reuse) the filled cache at this path")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        engine = filled_cache(args.cache or Path(folder) / "cache.db", args.bookings)

        tz = ZoneInfo("America/Chicago")
        month, year = (NOW - timedelta(days=30), NOW), (NOW - timedelta(days=365), NOW)
        rng = random.Random(1)
        some = [rng.randint(1, args.bookings) for _ in range(50)]
        many = [rng.randint(1, args.bookings) for _ in range(500)]
        dismissed = args.bookings - 1000
        queries: dict[str, Callable[[Connection], Any]] = {
            "queue_new": lambda c: queue_rows(c, QueueView.NEW),
            "queue_new_by_name": lambda c: queue_rows(c, QueueView.NEW, sort=QueueSort.NAME),
            "queue_all_first_500": lambda c: queue_rows(c, QueueView.ALL, limit=500),
            "queue_accepted_first_500": lambda c: queue_rows(c, QueueView.ACCEPTED, limit=500),
            "queue_all_every_row": lambda c: queue_rows(c, QueueView.ALL),
            "search_name": lambda c: queue_rows(c, QueueView.ALL, search="maria garcia", limit=500),
            "search_phone": lambda c: queue_rows(c, QueueView.ALL, search="555-0142", limit=500),
            "search_email_new": lambda c: queue_rows(c, QueueView.NEW, search="smith12"),
            "search_rare_all_rows": lambda c: queue_rows(c, QueueView.ALL, search="karen nguyen"),
            "by_ids_50": lambda c: queue_rows_by_ids(c, some),
            "by_ids_500_new_view": lambda c: queue_rows_by_ids(c, many, view=QueueView.NEW),
            "booking_detail": lambda c: booking_detail(c, dismissed),
            "duplicates": lambda c: duplicate_candidates(c, dismissed),
            "accept_wizard_reads": lambda c: load_context(c, dismissed),  # all it reads when opened
            "due_leads": lambda c: due_leads(c, NOW, tz),
            "due_leads_search": lambda c: due_leads(c, NOW, tz, LeadFilter(search="555-01")),
            "funnel_by_source_30d": lambda c: funnel_by_source(c, *month),
            "funnel_by_source_365d": lambda c: funnel_by_source(c, *year),
            "funnel_by_campaign_365d": lambda c: funnel_by_campaign(c, *year),
            "speed_to_lead_30d": lambda c: speed_to_lead(c, *month, tz),
            "speed_to_lead_365d": lambda c: speed_to_lead(c, *year, tz),
            "dismissed_30d": lambda c: dismissed_bookings(c, *month),
            "dismissed_365d": lambda c: dismissed_bookings(c, *year),
        }
        figures: dict[str, Any] = {"bookings": args.bookings}
        with engine.connect() as connection:
            for name, query in queries.items():
                ms, rows = timed(connection, args.repeat, query)
                print(f"{name:28} {ms:8.1f} ms  ({rows} rows)", flush=True)
                figures[f"{name}_ms"] = ms
        engine.dispose()
    report(figures)
    return 0
