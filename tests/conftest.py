"""Shared fixtures: a real sandbox server over loopback HTTP, started as `csr-sandbox` would be."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from csr_console.api import Credentials, Environment, ServiceTitanClient
from csr_console.api.models.crm import Address, BookingContactCreate, CreateBookingRequest
from csr_console.child_process import die_with_parent
from csr_console.domain.enums import ContactType
from tests.fake_keyring import FailKeyring, MemoryKeyring, keyring_backend

# Consoles the suite starts write their log file under XDG_STATE_HOME (csr_console.logs): the suite's
# go to a folder of its own, never the user's.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="csr-console-tests-state-")

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
        command,
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=die_with_parent,  # an aborted test run leaves no sandbox behind
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


def sync_once(sandbox: Any, folder: Path) -> Path:
    """A cache in `folder` synced once from the sandbox by the real headless runner."""
    line = folder / "sandbox.json"
    line.write_text(json.dumps(sandbox.announcement) + "\n")
    cache = folder / "cache.db"
    done = subprocess.run(
        [sys.executable, "-m", "csr_console", "sync", "--connect", str(line), "--db", str(cache), "--once"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return cache


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


# -- keyrings (keyring's backend is process-wide: set for one test, then put back) -------------------
@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with keyring_backend(backend):
        yield backend


@pytest.fixture
def fail_keyring() -> Iterator[FailKeyring]:
    backend = FailKeyring()
    with keyring_backend(backend):
        yield backend


# -- clients of a running sandbox (shared by tests/api and tests/sync) -----------------------------
def _contract_checker() -> Callable[[httpx.Request], Awaitable[None]] | None:
    from tests.contract.openapi import OPENAPI_DIR, load_contract

    # Without the documents these tests still exercise the client; only the request check is off.
    if not OPENAPI_DIR.is_dir():
        return None
    contract = load_contract()

    async def check(request: httpx.Request) -> None:
        if request.url.path.endswith("/connect/token"):
            return
        body = json.loads(request.content) if request.content else None
        problems = contract.check_request(request.method, str(request.url), body)
        assert not problems, problems

    return check


def credentials(sandbox: Any, who: dict[str, Any] | None = None, *, secret: str | None = None) -> Credentials:
    source = who or {"client_id": sandbox.client_id, "client_secret": sandbox.client_secret}
    return Credentials(
        sandbox.tenant, sandbox.app_key, source["client_id"], secret or source["client_secret"]
    )


@asynccontextmanager
async def connect(
    sandbox: Any, who: dict[str, Any] | None = None, *, secret: str | None = None, **kwargs: Any
) -> AsyncIterator[ServiceTitanClient]:
    checker = _contract_checker()
    hooks: dict[str, list[Any]] = {"request": [], "response": [], **kwargs.pop("event_hooks", {})}
    if checker:
        hooks["request"] = [checker, *hooks["request"]]
    client = ServiceTitanClient(
        credentials(sandbox, who, secret=secret),
        Environment.custom(sandbox.base_url, sandbox.token_url),
        event_hooks=hooks,
        **{"timeout": 20, **kwargs},
    )
    async with client:
        yield client


def new_booking(tag: str, **overrides: Any) -> CreateBookingRequest:
    fields: dict[str, Any] = {
        "source": "Angi",
        "name": f"Test Customer {tag}",
        "summary": f"Water heater leaking ({tag})\nBudget: 500",
        "is_first_time_client": True,
        "external_id": f"it-{tag}",
        "address": Address(street="12 Test Lane", city="Austin", state="TX", zip="78701", country="USA"),
        "contacts": [
            BookingContactCreate(type=ContactType.MOBILE_PHONE, value="5125550142", memo="cell"),
            BookingContactCreate(type=ContactType.EMAIL, value=f"{tag}@example.com"),
        ],
    }
    fields.update(overrides)
    return CreateBookingRequest(**fields)


def tag() -> str:
    return uuid.uuid4().hex[:10]


async def reference_ids(client: ServiceTitanClient) -> dict[str, Any]:
    """A consistent campaign / business unit / job type / technician set from the seeded company."""
    campaigns = (await client.marketing.campaigns.list(page_size=100)).items
    job_types = [jt for jt in (await client.jpm.job_types.list(page_size=200)).items if jt.business_unit_ids]
    technicians = (await client.settings.technicians.list(page_size=200)).items
    reasons = (await client.jbce.call_reasons.list(page_size=200)).items
    job_type = job_types[0]
    return {
        "campaign_id": next(c.id for c in campaigns if c.active),
        "job_type_id": job_type.id,
        "business_unit_id": job_type.business_unit_ids[0],
        "technician_ids": [technicians[0].id] if technicians else None,
        "dismiss_reason_id": next(r.id for r in reasons if not r.is_lead),
        "lead_reason_id": next(r.id for r in reasons if r.is_lead),
    }
