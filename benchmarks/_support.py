"""Shared by the benchmarks: starting a sandbox in a child process and printing the figures."""

from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from csr_console.api import Credentials, Environment, ServiceTitanClient
from csr_console.child_process import die_with_parent


@contextmanager
def running_sandbox(
    db_path: Path, *extra: str, port: int = 0, timeout: float = 120
) -> Iterator[tuple[dict[str, Any], float]]:
    """A `csr-sandbox --port PORT` child process (0: a free port); yields its JSON line and the seconds it
    took to print it. Stopped with SIGTERM on exit: a restart on the same `db_path` and `port` is the same
    server at the same URL, with its data."""
    command = [sys.executable, "-m", "csr_console.sandbox", "--port", str(port), "--db", str(db_path), *extra]
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=die_with_parent,  # an interrupted benchmark leaves no sandbox behind
    )
    try:
        assert process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise RuntimeError(f"csr-sandbox printed nothing within {timeout} s")
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"csr-sandbox exited with {process.wait()} before printing its JSON line")
        yield json.loads(line), time.perf_counter() - started
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def report(figures: dict[str, Any]) -> None:
    """The harness's contract: the figures as one JSON object on the last line."""
    print(json.dumps(figures), flush=True)


def credentials(info: dict[str, Any], who: dict[str, Any] | None = None) -> Credentials:
    """The tenant's credentials from a `csr-sandbox` line, or a booking provider's (`who`)."""
    source = who or info
    return Credentials(info["tenant"], info["app_key"], source["client_id"], source["client_secret"])


def client_for(info: dict[str, Any], who: dict[str, Any] | None = None, **kwargs: Any) -> ServiceTitanClient:
    return ServiceTitanClient(
        credentials(info, who), Environment.custom(info["base_url"], info["token_url"]), **kwargs
    )


async def sandbox_stats(client: ServiceTitanClient, since: float | None = None) -> dict[str, Any]:
    """The sandbox's count of the API calls it answered for the tenant (`GET /_sandbox/stats`), with its
    time buckets from `since` (wall-clock seconds) on; `client` holds the tenant's credentials."""
    token = await client.transport.access_token()
    params = {"since": str(since)} if since is not None else {}
    async with httpx.AsyncClient() as http:
        answer = await http.get(
            f"{client.environment.api_base}/_sandbox/stats",
            params=params,
            headers={"Authorization": f"Bearer {token}"},
        )
    answer.raise_for_status()
    stats: dict[str, Any] = answer.json()
    return stats


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of sorted `values` (share 0.95 for p95), as benchmarks/delivery.py
    reports it."""
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
