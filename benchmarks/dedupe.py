"""`python -m benchmarks dedupe`: how well the cache's duplicate candidates name the customer a booking
belongs to.

A sandbox seeded as usual plus `--extra-bookings` bulk bookings records which bookings are existing
customers' (the answer key: records of kind `booking_duplicate` in its database, read from the file, with
the variations by which each booking differs from the customer's record). A fresh cache syncs every feed
with the headless engine, fetches the contacts of every booking (only New bookings' are stored by
default), and `duplicate_candidates` is asked about every booking: the recorded duplicates and all the
others (new customers, spam and out-of-area requests included). A booking is judged as the wizard would
have seen it when it arrived: customers created after the booking (e.g. from the booking itself, once it
was booked) are left out of its candidates.

The wizard proposes the top candidate when its score is at least `domain.duplicates.LIKELY`:
- recall = duplicates whose proposed customer is the recorded one / all duplicates;
- precision = right proposals / all proposals, a proposal being counted against precision when it names
  the wrong customer for a duplicate or any customer for a booking that is not one.
Goal: recall >= 0.95 at precision >= 0.95. Also printed: the recall of each variation, how often the
best location of a right proposal is the recorded location, and (`--verbose`) every miss and every wrong
proposal. The sandbox's rate limit is lifted (`--rate-limit 0`, and the client's): this measures the
matching, not the sync.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from benchmarks._support import client_for, report, running_sandbox
from csr_console.api import RateLimiter
from csr_console.domain.duplicates import LIKELY
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.store.queries.duplicates import DuplicateCandidate, duplicate_candidates
from csr_console.sync.changes import ChangeHub
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.feeds import FeedEngine

#: Booking contacts fetched at once.
FETCH_AT_ONCE = 16


@dataclass(frozen=True)
class Verdict:
    booking_id: int
    expected: dict[str, Any] | None  # the answer key's record; None: not a duplicate
    top: DuplicateCandidate | None  # the best candidate that existed when the booking arrived

    @property
    def proposed(self) -> DuplicateCandidate | None:
        return self.top if self.top is not None and self.top.score.value >= LIKELY else None

    @property
    def right(self) -> bool:
        proposed = self.proposed
        return proposed is not None and proposed.customer_id == self.expected_customer

    @property
    def expected_customer(self) -> int | None:
        return None if self.expected is None else int(self.expected["customerId"])

    @property
    def variations(self) -> list[str] | None:
        return None if self.expected is None else list(self.expected["variations"])


def _answer_key(sandbox_db: Path) -> dict[int, dict[str, Any]]:
    with sqlite3.connect(f"file:{sandbox_db}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT doc FROM record WHERE kind = 'booking_duplicate'").fetchall()
    return {doc["bookingId"]: doc for doc in (json.loads(raw) for (raw,) in rows)}


async def _sync(info: dict[str, Any], db: Engine) -> None:
    async with client_for(info, limiter=RateLimiter(1000)) as client:
        engine = FeedEngine(client, db, ChangeHub(), ConnectivityMonitor())
        started = time.perf_counter()
        if failed := await engine.sync_once():
            raise RuntimeError(f"feeds failed: {failed}")
        with db.connect() as connection:
            waiting = list(
                connection.execute(
                    select(schema.booking.c.id).where(schema.booking.c.contacts_synced_at.is_(None))
                ).scalars()
            )
        synced = time.perf_counter()
        for at in range(0, len(waiting), FETCH_AT_ONCE):
            await asyncio.gather(
                *(engine.fetch_booking_contacts(i) for i in waiting[at : at + FETCH_AT_ONCE])
            )
        print(
            f"synced in {synced - started:.1f} s; contacts of {len(waiting)} more bookings in "
            f"{time.perf_counter() - synced:.1f} s",
            flush=True,
        )


def _judge(connection: Connection, key: dict[int, dict[str, Any]]) -> list[Verdict]:
    created = dict(connection.execute(select(schema.customer.c.id, schema.customer.c.created_on)).all())
    bookings = connection.execute(
        select(schema.booking.c.id, schema.booking.c.created_on).order_by(schema.booking.c.id)
    ).all()
    verdicts = []
    for booking_id, arrived in bookings:
        existing = [
            d for d in duplicate_candidates(connection, booking_id) if created[d.customer_id] <= arrived
        ]
        verdicts.append(Verdict(booking_id, key.get(booking_id), existing[0] if existing else None))
    return verdicts


def _describe(connection: Connection, verdict: Verdict) -> str:
    b = connection.execute(select(schema.booking).where(schema.booking.c.id == verdict.booking_id)).one()
    contacts = connection.execute(
        select(schema.booking_contact.c.type, schema.booking_contact.c.value).where(
            schema.booking_contact.c.booking_id == verdict.booking_id
        )
    ).all()
    lines = [
        f"booking {b.id}: {b.name!r} {b.street!r} {b.unit!r} {b.zip!r} "
        + ", ".join(f"{t} {v!r}" for t, v in contacts)
    ]
    if verdict.expected is not None:
        expected = verdict.expected["customerId"]
        c = connection.execute(select(schema.customer).where(schema.customer.c.id == expected)).one()
        lines.append(
            f"  recorded customer {expected} ({', '.join(verdict.expected['variations'])}): "
            f"{c.name!r} {c.street!r} {c.unit!r} {c.zip!r}"
        )
    if verdict.top is not None:
        top = verdict.top
        lines.append(
            f"  top candidate {top.customer_id} {top.name!r} {top.score.value:.2f}: "
            + "; ".join(top.score.reasons)
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks dedupe")
    parser.add_argument("--extra-bookings", type=int, default=3000, help="bulk bookings beside the seed's")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--verbose", action="store_true", help="print every miss and wrong proposal")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        sandbox_db, cache = Path(folder) / "sandbox.db", Path(folder) / "cache.db"
        extra = ["--seed", str(args.seed), "--lead-rate", "0", "--rate-limit", "0"]
        extra += ["--extra-bookings", str(args.extra_bookings)]
        with running_sandbox(sandbox_db, *extra, timeout=300) as (info, prepared_s):
            print(f"sandbox ready in {prepared_s:.1f} s", flush=True)
            db = open_cache(cache)
            asyncio.run(_sync(info, db))
            key = _answer_key(sandbox_db)
        started = time.perf_counter()
        with db.connect() as connection:
            verdicts = _judge(connection, key)
            elapsed = time.perf_counter() - started
            if args.verbose:
                for verdict in verdicts:
                    if not verdict.right and (verdict.expected is not None or verdict.proposed):
                        print(_describe(connection, verdict), flush=True)
        db.dispose()

    duplicates = [v for v in verdicts if v.expected is not None]
    if len(duplicates) != len(key):
        raise RuntimeError(f"{len(key) - len(duplicates)} recorded duplicates are not in the cache")
    right = [v for v in duplicates if v.right]
    proposed = [v for v in verdicts if v.proposed]
    total: Counter[str] = Counter(name for v in duplicates for name in v.variations or ())
    found: Counter[str] = Counter(name for v in right for name in v.variations or ())
    print(
        f"{len(verdicts)} bookings, {len(duplicates)} duplicates; "
        f"{elapsed * 1000 / len(verdicts):.1f} ms a query"
    )
    print(f"LIKELY = {LIKELY}; proposals: {len(proposed)}, right: {len(right)}")
    for name in sorted(total, key=lambda n: -total[n]):
        print(f"  {name:18} recall {found[name] / total[name]:.3f} ({found[name]}/{total[name]})")
    located = sum(
        1
        for v in right
        if v.expected and v.top and v.top.best_location and v.top.best_location.id == v.expected["locationId"]
    )
    print(f"the best location is the recorded one in {located} of {len(right)} right proposals", flush=True)
    report(
        {
            "recall": round(len(right) / len(duplicates), 4) if duplicates else None,
            "precision": round(len(right) / len(proposed), 4) if proposed else None,
            "bookings": len(verdicts),
        }
    )
    return 0
