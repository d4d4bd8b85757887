"""`csr-console sync`: the sync engine and the outbox without a window, for operators and tests.

    csr-console sync --connect FILE | --profile NAME [--db PATH] [--once | --follow] [--json]

`--once` brings the cache up to date, carries out the due actions of the outbox and exits; `--follow`
(the default) keeps syncing until SIGTERM or SIGINT, then stops cleanly with exit code 0. With `--json`
every booking change applied to the cache is printed as one line:
`{"kind": "booking", "id": 123, "status": "New", "lag_ms": 840}`.
Exit codes: 0 done or stopped by a signal; 1 the server could not be reached or refused a feed
(said on stderr; queued actions stay in the outbox) or an unexpected failure (logged); 2 bad
arguments or an unusable profile or cache.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine, select

from csr_console.api import ServiceTitanClient, ServiceTitanError
from csr_console.logs import install_file_log, install_redaction
from csr_console.profiles import Connection, ProfileError, connection_for_profile, connection_for_sandbox_line
from csr_console.store import schema
from csr_console.store.database import default_cache_path, open_cache, reader
from csr_console.store.meta import CacheMismatch, bind_cache
from csr_console.sync.changes import ChangeSet
from csr_console.sync.job_type_mapping_seed import seed_job_type_mapping
from csr_console.sync.service import SyncService

log = logging.getLogger("csr_console.headless")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csr-console sync", description="Keep a cache in sync and carry out its outbox, headless."
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--connect", metavar="FILE", type=Path, help="the JSON line a running csr-sandbox printed"
    )
    target.add_argument("--profile", metavar="NAME", help="a saved ServiceTitan profile")
    parser.add_argument(
        "--db", metavar="PATH", type=Path, help="the cache file (default: the profile's cache)"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="sync once, run the due actions, exit")
    mode.add_argument("--follow", action="store_true", help="keep syncing until SIGTERM/SIGINT (default)")
    parser.add_argument("--json", action="store_true", help="print one JSON line per booking change")
    parser.add_argument("--log-level", default="WARNING", help="logging level on stderr (default WARNING)")
    return parser


def booking_printer(db: Engine, out: TextIO, as_json: bool) -> Callable[[ChangeSet], None]:
    """A change listener printing each changed booking's status and delivery lag."""

    def print_changes(changes: ChangeSet) -> None:
        ids = sorted(int(str(i)) for i in changes.of("booking"))
        if not ids:
            return
        table = schema.booking
        with reader(db).connect() as connection:
            rows = connection.execute(
                select(table.c.id, table.c.status, table.c.lag_ms)
                .where(table.c.id.in_(ids))
                .order_by(table.c.id)
            ).all()
        for row in rows:
            if as_json:
                line = json.dumps(
                    {"kind": "booking", "id": row.id, "status": row.status, "lag_ms": row.lag_ms}
                )
            else:
                line = f"booking {row.id}: {row.status} (delivered in {row.lag_ms} ms)"
            print(line, file=out, flush=True)

    return print_changes


async def run(connection: Connection, db: Engine, *, once: bool, as_json: bool) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with ServiceTitanClient(connection.credentials, connection.environment) as client:
        service = SyncService(client, db)
        service.changes.subscribe(booking_printer(db, sys.stdout, as_json))
        await seed_job_type_mapping(client, db)  # against a sandbox only; never raises
        if not once:
            await service.run(stop)
            return 0
        refused = await service.run_once()
        for feed, error in refused.items():
            print(f"csr-console sync: the {feed} feed was left behind: {error}", file=sys.stderr)
        return 1 if refused else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    install_file_log()  # INFO and up to a private file in the user's log directory
    install_redaction()  # no customer's phone or email in a log line
    try:
        if args.connect is not None:
            connection = connection_for_sandbox_line(args.connect)
        else:
            connection = connection_for_profile(args.profile)
        db = open_cache(args.db or default_cache_path(connection.name))
        bind_cache(db, tenant=connection.credentials.tenant, api_base=connection.environment.api_base)
    except (ProfileError, CacheMismatch, OSError) as error:
        print(f"csr-console sync: {error}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(run(connection, db, once=args.once, as_json=args.json))
    except ServiceTitanError as error:
        print(f"csr-console sync: {error} (queued actions stay in the outbox)", file=sys.stderr)
        return 1
    except Exception:
        log.exception("csr-console sync stopped on an unexpected error")
        return 1
    finally:
        db.dispose()
