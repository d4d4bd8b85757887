"""Shared fixtures: a real sandbox server over loopback HTTP, started as `csr-sandbox` would be."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_DIR = ROOT.parent / "shared" / "servicetitan-openapi"


@dataclass
class RunningSandbox:
    """What `csr-sandbox` printed, plus the process behind it."""

    base_url: str
    token_url: str
    tenant: int
    app_key: str
    client_id: str
    client_secret: str
    providers: list[dict[str, Any]]
    process: subprocess.Popen[str] = field(repr=False)
    db_path: Path = field(repr=False)
    announcement: dict[str, Any] = field(repr=False, default_factory=dict)

    def provider(self, name: str) -> dict[str, Any]:
        return next(p for p in self.providers if p["name"] == name)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def start_sandbox(
    db_path: Path | str,
    *,
    seed: int = 1,
    lead_rate: float = 0,
    faults: str = "",
    port: int = 0,
    rate_limit: int = 60,
    timeout: float = 60,
) -> RunningSandbox:
    """Start `csr-sandbox` in a child process and wait for its JSON line."""
    command = [
        sys.executable,
        "-m",
        "csr_console.sandbox",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--db",
        str(db_path),
        "--seed",
        str(seed),
        "--lead-rate",
        str(lead_rate),
        "--rate-limit",
        str(rate_limit),
    ]
    if faults:
        command += ["--faults", faults]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=None, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"}
    )
    assert process.stdout is not None
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    if not selector.select(timeout):
        process.kill()
        raise RuntimeError(f"csr-sandbox printed nothing within {timeout} s")
    line = process.stdout.readline()
    if not line:
        process.wait()
        raise RuntimeError(f"csr-sandbox exited with {process.returncode} before printing its JSON line")
    info = json.loads(line)
    return RunningSandbox(
        base_url=info["base_url"],
        token_url=info["token_url"],
        tenant=info["tenant"],
        app_key=info["app_key"],
        client_id=info["client_id"],
        client_secret=info["client_secret"],
        providers=info["providers"],
        process=process,
        db_path=db_path,
        announcement=info,
    )


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    """One seeded sandbox (seed 1, simulator off) shared by the session's tests.

    Its rate limit is lifted: many tests call it with plain httpx, faster than 60/s together. The limit
    itself is tested on sandboxes of its own (tests/sandbox/test_server.py, tests/api).
    """
    running = start_sandbox(tmp_path_factory.mktemp("sandbox") / "sandbox.db", rate_limit=0)
    yield running
    running.stop()


@pytest.fixture
def sandbox_factory(tmp_path: Path) -> Iterator[Any]:
    """Start extra sandboxes (faults, a simulator, restarts); every one is stopped after the test."""
    started: list[RunningSandbox] = []

    def start(**kwargs: Any) -> RunningSandbox:
        db_path = kwargs.pop("db_path", None) or tmp_path / f"sandbox{len(started)}.db"
        running = start_sandbox(db_path, **kwargs)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()
