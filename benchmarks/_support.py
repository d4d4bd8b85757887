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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from csr_console.api import Credentials, Environment, ServiceTitanClient
from csr_console.child_process import die_with_parent


@contextmanager
def running_sandbox(
    db_path: Path, *extra: str, timeout: float = 120
) -> Iterator[tuple[dict[str, Any], float]]:
    """A `csr-sandbox --port 0` child process; yields its JSON line and the seconds it took to print it."""
    command = [sys.executable, "-m", "csr_console.sandbox", "--port", "0", "--db", str(db_path), *extra]
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


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
