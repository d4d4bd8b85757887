"""`python -m benchmarks initial-sync`: a first sync of a tenant with a long booking history.

A sandbox pre-seeded with `--bookings` extra (dismissed) bookings, a fresh cache, and in this process the
feed engine's `sync_once` of what an initial sync needs before the queue can be shown: reference data,
the whole bookings feed, and the contacts of the bookings in status New (only those).

Figures: bookings_per_s (bookings stored / wall time of that sync) and peak_rss_mb (this process's peak
resident set; the sandbox is a child process). `--strategy list` measures the bookings list strategy,
`--inline-writes` page writes on the event loop's thread instead of a worker thread.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks._support import client_for, peak_rss_mb, report, running_sandbox
from csr_console.store import schema
from csr_console.store.database import open_cache
from csr_console.sync.changes import ChangeHub
from csr_console.sync.connectivity import ConnectivityMonitor
from csr_console.sync.feeds import FeedEngine


async def _sync(info: dict[str, Any], cache: Path, strategy: str, offload: bool) -> tuple[int, int, float]:
    db = open_cache(cache)
    async with client_for(info) as client:
        await client.warm_up()
        engine = FeedEngine(
            client, db, ChangeHub(), ConnectivityMonitor(), bookings=strategy, offload_writes=offload
        )
        wanted = [*engine.lanes["reference"], *engine.lanes["queue"]]
        started = time.perf_counter()
        await engine.sync_once(wanted)
        elapsed = time.perf_counter() - started
    with db.connect() as connection:
        bookings = connection.execute(select(func.count()).select_from(schema.booking)).scalar_one()
        with_contacts = connection.execute(
            select(func.count()).where(schema.booking.c.contacts_synced_at.is_not(None))
        ).scalar_one()
    db.dispose()
    return bookings, with_contacts, elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks initial-sync")
    parser.add_argument("--bookings", type=int, default=100_000, help="extra bookings in the sandbox")
    parser.add_argument("--strategy", choices=["export", "list"], default="export")
    parser.add_argument("--inline-writes", action="store_true", help="write pages on the loop's thread")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        print(f"preparing a sandbox with {args.bookings} extra bookings ...", flush=True)
        extra = ("--lead-rate", "0", "--extra-bookings", str(args.bookings))
        with running_sandbox(Path(folder) / "sandbox.db", *extra, timeout=900) as (info, prepared_s):
            print(f"sandbox ready in {prepared_s:.1f} s", flush=True)
            bookings, with_contacts, elapsed = asyncio.run(
                _sync(info, Path(folder) / "cache.db", args.strategy, not args.inline_writes)
            )
    rate = bookings / elapsed
    print(
        f"{args.strategy}, {'inline' if args.inline_writes else 'worker-thread'} writes: {bookings} bookings "
        f"({with_contacts} with contacts) in {elapsed:.2f} s = {rate:.0f}/s",
        flush=True,
    )
    report({"bookings_per_s": round(rate), "peak_rss_mb": round(peak_rss_mb(), 1)})
    return 0
