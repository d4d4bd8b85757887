"""`csr-console sync`: the headless runner as operators and drills use it, as a real subprocess."""

from __future__ import annotations

import asyncio
import json
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from tests.conftest import connect, new_booking, tag

RUNNER = [sys.executable, "-m", "csr_console", "sync"]


def sandbox_line(sandbox: Any, tmp_path: Path) -> Path:
    line = tmp_path / "sandbox.json"
    line.write_text(json.dumps(sandbox.announcement) + "\n")
    return line


def test_once_json_prints_one_line_per_booking_stored(sandbox: Any, tmp_path: Path) -> None:
    cache = tmp_path / "cache.db"
    done = subprocess.run(
        [*RUNNER, "--connect", str(sandbox_line(sandbox, tmp_path)), "--db", str(cache), "--once", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines and all(set(line) == {"kind", "id", "status", "lag_ms"} for line in lines)
    assert {line["kind"] for line in lines} == {"booking"}
    with sqlite3.connect(cache) as db:
        stored = dict(db.execute("SELECT id, status FROM booking").fetchall())
    assert {line["id"]: line["status"] for line in lines} == stored
    assert sandbox.client_secret not in done.stdout + done.stderr


def test_follow_json_reports_a_new_booking_and_exits_0_on_sigterm(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(rate_limit=0)
    runner = subprocess.Popen(
        [
            *RUNNER,
            "--connect",
            str(sandbox_line(sandbox, tmp_path)),
            "--db",
            str(tmp_path / "c.db"),
            "--follow",
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert runner.stdout is not None
    try:
        wait_for_line(runner, lambda line: True, timeout=60)  # the initial sync has landed
        name = tag()

        async def create() -> int:
            provider = sandbox.provider("Angi")
            async with connect(sandbox, provider) as client:
                created = await client.crm.provider_bookings(provider["booking_provider"]).create(
                    new_booking(name)
                )
                return created.id

        booking_id = asyncio.run(create())
        line = wait_for_line(runner, lambda line: line["id"] == booking_id, timeout=30)
        assert line["status"] == "New" and line["lag_ms"] >= 0
    finally:
        runner.send_signal(signal.SIGTERM)
        runner.wait(timeout=30)
        assert runner.stderr is not None
        stderr = runner.stderr.read()
    assert runner.returncode == 0, stderr
    assert "Traceback" not in stderr


def wait_for_line(runner: subprocess.Popen[str], wanted: Any, timeout: float) -> dict[str, Any]:
    """The next JSON line matching `wanted` (a thread reads: select() and buffered readline don't mix)."""
    lines = _reader(runner)
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            text = lines.get(timeout=left)
        except queue.Empty:
            break
        if text is None:
            break
        line = json.loads(text)
        if wanted(line):
            return dict(line)
    raise AssertionError(f"no matching line within {timeout} s (runner exit code {runner.poll()})")


_readers: dict[int, queue.Queue[str | None]] = {}


def _reader(runner: subprocess.Popen[str]) -> queue.Queue[str | None]:
    if runner.pid not in _readers:
        lines: queue.Queue[str | None] = queue.Queue()
        assert runner.stdout is not None
        stdout = runner.stdout

        def pump() -> None:
            for text in stdout:
                lines.put(text)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        _readers[runner.pid] = lines
    return _readers[runner.pid]


def test_unusable_connection_or_cache_exits_2_with_a_message(sandbox: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("hello\n")
    done = subprocess.run(
        [*RUNNER, "--connect", str(bad), "--db", str(tmp_path / "c.db")], capture_output=True, text=True
    )
    assert done.returncode == 2 and "not a csr-sandbox JSON line" in done.stderr

    other = dict(sandbox.announcement, tenant=sandbox.tenant + 1)
    cache = tmp_path / "cache.db"
    first = subprocess.run(
        [*RUNNER, "--connect", str(sandbox_line(sandbox, tmp_path)), "--db", str(cache), "--once"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    (tmp_path / "other.json").write_text(json.dumps(other))
    done = subprocess.run(
        [*RUNNER, "--connect", str(tmp_path / "other.json"), "--db", str(cache), "--once"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "this cache holds tenant" in done.stderr


def test_once_without_a_server_says_so_and_exits_1(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(rate_limit=0)
    line = sandbox_line(sandbox, tmp_path)
    sandbox.stop()
    done = subprocess.run(
        [*RUNNER, "--connect", str(line), "--db", str(tmp_path / "c.db"), "--once"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "queued actions stay in the outbox" in done.stderr and "Traceback" not in done.stderr
