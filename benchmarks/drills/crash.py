"""Drill `crash`: the whole console (`python -m csr_console --connect FILE`, the window, offscreen) is
killed with SIGKILL at random points while it carries out 50 accepts (8 with --quick), started again,
and killed again, several times, then left to finish: every booking must end with exactly one job, one
new customer and one location.

The app is given its work as a CSR would leave it: the bookings arrive, the app's own cache (the one
`--connect` opens, `default_cache_path(connection.name)`, in a private HOME / XDG folder of the drill's)
is synced once by the real headless runner, and the accepts are queued into it with the outbox's
`enqueue` (what the window's Accept does, less the click). The sandbox then slows every call by ~100 ms
(latency 50-150 ms) so that kills land while requests are out: even rounds wait until a step is in
flight and kill within 0.15 s; odd rounds kill at a random moment after the start, which can also land
before the engine is up. After the last kill the app runs until the outbox is settled (every action done
or in conflict) and is stopped with SIGTERM (an orderly exit 0 is expected).

Counted on the server per action: the jobs of its booking, and the customers, locations and jobs tagged
with its id. exactly_once: bookings with exactly one job, one tagged customer and one tagged location
(and that job the action's). lost: bookings without a job or actions without a customer.
duplicated: extra jobs, customers and locations, plus tagged records of no action of the drill.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from csr_console.domain.enums import BookingStatus
from csr_console.logs import LOG_FILE, log_directory
from csr_console.profiles import connection_for_sandbox_line
from csr_console.store.database import default_cache_path
from csr_console.sync.outbox import enqueue, get_action
from tests.conftest import ROOT, RunningSandbox, connect, start_sandbox
from tests.sync.outbox_helpers import (
    accept_for_new_customer,
    cache_at,
    jobs_of_booking,
    kill_at_random,
    make_bookings,
    refs_of,
    set_faults,
    states,
    tagged_by_action,
    unfinished,
    wait_for,
)

ACTIONS_FULL = 50
ACTIONS_QUICK = 8
KILLS_FULL = 8
KILLS_QUICK = 3
#: Widens the windows between a step's in-flight mark, its request and its answer.
LATENCY = "latency=100ms"
#: How long the app may take to settle the outbox after the last kill, and to stop on SIGTERM.
SETTLE_S = 900.0
STOP_S = 30.0


@dataclass
class App:
    """The console's environment: a HOME of its own, so its cache, settings and logs are the drill's."""

    folder: Path
    info: Path

    @property
    def env(self) -> dict[str, str]:
        home = self.folder / "home"
        return {
            **os.environ,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_RUNTIME_DIR": str(self.folder / "runtime"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONUNBUFFERED": "1",
        }

    def cache_path(self) -> Path:
        """The cache `--connect` opens, as the app computes it (platformdirs reads XDG_DATA_HOME)."""
        with _environment(self.env):
            return default_cache_path(connection_for_sandbox_line(self.info).name)

    def sync_once(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "csr_console", "sync", "--connect", str(self.info), "--once"],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"csr-console sync --once exited {done.returncode}: {done.stderr[-2000:]}")

    def start(self, number: int) -> subprocess.Popen[bytes]:
        log = (self.folder / f"app{number}.log").open("wb")
        try:
            return subprocess.Popen(
                [sys.executable, "-m", "csr_console", "--connect", str(self.info)],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        finally:
            log.close()  # the child has its own copy

    def opened(self) -> int:
        """How many starts got as far as their window (the app's own log file says so)."""
        with _environment(self.env):
            path = log_directory() / LOG_FILE
        return path.read_text(errors="replace").count("console open:") if path.exists() else 0

    def log_tail(self, number: int) -> str:
        return (self.folder / f"app{number}.log").read_text(errors="replace")[-2000:]

    def last_log(self) -> str:
        logs = sorted(self.folder.glob("app*.log"), key=lambda path: path.stat().st_mtime)
        return logs[-1].read_text(errors="replace")[-2000:] if logs else "(no log)"


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def crash(quick: bool) -> dict[str, Any]:
    count, kills = (ACTIONS_QUICK, KILLS_QUICK) if quick else (ACTIONS_FULL, KILLS_FULL)
    with tempfile.TemporaryDirectory(prefix="drill-crash-") as folder:
        sandbox = start_sandbox(Path(folder) / "sandbox.db", rate_limit=0, lead_rate=0)
        try:
            return run_crash(sandbox, Path(folder), count, kills, seed=count)
        finally:
            sandbox.stop()


def run_crash(sandbox: RunningSandbox, folder: Path, count: int, kills: int, *, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    info = folder / "sandbox.json"
    info.write_text(json.dumps(sandbox.announcement) + "\n")
    (folder / "runtime").mkdir(mode=0o700)
    app = App(folder, info)

    setup_started = time.perf_counter()
    bookings = [b for b, _ in asyncio.run(make_bookings(sandbox, count))]
    app.sync_once()  # the bookings are in the app's cache, as the CSR saw them before accepting
    db = cache_at(app.cache_path())
    refs = asyncio.run(_refs(sandbox))
    actions = [enqueue(db, accept_for_new_customer(b, refs), "csr:drill") for b in bookings]
    asyncio.run(_faults(sandbox, LATENCY))
    setup_s = time.perf_counter() - setup_started

    started = time.perf_counter()
    try:
        made, caught_in_flight = kill_at_random(
            app.start, db, rng, kills, random_s=(0.5, 3.0), stuck_after_s=SETTLE_S
        )
    except AssertionError as error:  # a start that died by itself: what it said is the evidence
        raise RuntimeError(f"{error}; the app's last words:\n{app.last_log()}") from error

    opened = app.opened()
    process = app.start(made)
    try:
        # Settled, and this start up (a SIGTERM during the interpreter's start-up is not the orderly stop
        # measured here: nothing has started that could stop in order).
        wait_for(
            lambda: (not unfinished(db) and app.opened() > opened) or process.poll() is not None,
            "the outbox to settle",
            SETTLE_S,
        )
        if process.poll() is not None:
            raise RuntimeError(f"the app exited {process.returncode} by itself:\n{app.log_tail(made)}")
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=STOP_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    seconds = time.perf_counter() - started
    asyncio.run(_faults(sandbox, ""))

    figures = asyncio.run(_count(sandbox, db, actions, bookings))
    final = Counter(states(db).values())
    db.dispose()
    return {
        "drill": "crash",
        "actions": count,
        "kills": made,
        "restarts": made,  # starts after the first: one per kill
        "caught_in_flight": caught_in_flight,  # steps in flight at the kills, summed
        "done": final["done"],
        "states": dict(final),
        **figures,
        "exit_code": exit_code,  # of the last start, stopped with SIGTERM
        "setup_seconds": round(setup_s, 2),
        "seconds": round(seconds, 2),  # from the first start to the last exit
    }


async def _refs(sandbox: RunningSandbox) -> Any:
    async with connect(sandbox) as client:
        return await refs_of(client)


async def _faults(sandbox: RunningSandbox, spec: str) -> None:
    async with connect(sandbox) as client:
        await set_faults(sandbox, client, spec)


async def _count(
    sandbox: RunningSandbox, db: Engine, actions: list[str], bookings: list[int]
) -> dict[str, Any]:
    async with connect(sandbox) as client:
        tagged = await tagged_by_action(client)
        jobs = [await jobs_of_booking(client, b) for b in bookings]
        converted = [await client.crm.bookings.get(b) for b in bookings]
    mine = set(actions)
    strays = sum(sum(kinds.values()) for action_id, kinds in tagged.items() if action_id not in mine)
    lost = duplicated = exactly_once = 0
    for action_id, booking_jobs, booking in zip(actions, jobs, converted, strict=True):
        entry = get_action(db, action_id)
        job_id = entry.results.get("job_id") if entry is not None else None
        found = tagged[action_id]
        lost += not booking_jobs or not found["customer"]
        duplicated += (
            max(0, max(len(booking_jobs), found["job"]) - 1)
            + max(0, found["customer"] - 1)
            + max(0, found["location"] - 1)
        )
        exactly_once += (
            booking_jobs == [job_id]
            and (found["job"], found["customer"], found["location"]) == (1, 1, 1)
            and booking.status is BookingStatus.CONVERTED
            and booking.job_id == job_id
        )
    return {
        "lost": lost,
        "duplicated": duplicated + strays,
        "exactly_once": exactly_once,
        "strays": strays,
    }
