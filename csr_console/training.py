"""Training mode: an embedded sandbox (a simulated company with bookings arriving) for a console that has
no ServiceTitan profile, so a new CSR sees a live queue at once.

The sandbox runs as a child process (`python -m csr_console.sandbox`) on a free loopback port, over its
own data directory `<user data dir>/training/`: `sandbox.db` (the simulated company, kept between runs),
`cache.db` (the console's cache of it), `sandbox.json` (the line it printed, so a second console can join
with `--connect`) and `sandbox.log` (its own log, kept off the CSR's terminal). It is stopped with SIGTERM
when the console quits, and on Linux the kernel sends it SIGTERM when the console dies any other way
(SIGKILL, a crash), so no orphaned server keeps the port and the simulator running.
"""

from __future__ import annotations

import asyncio
import os
import selectors
import signal
import subprocess
from pathlib import Path
from typing import IO

from csr_console.child_process import die_with_parent, sandbox_command
from csr_console.profiles import Connection, connection_for_sandbox_line
from csr_console.store.database import data_dir

#: Simulated bookings per minute: enough for the queue to move while a CSR learns it.
LEAD_RATE = 2


class TrainingError(Exception):
    """The embedded sandbox did not start, said in words for the user."""


def training_dir() -> Path:
    return data_dir() / "training"


def _read_line(stream: IO[str], timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            return ""
    return stream.readline()


class TrainingSandbox:
    """A running embedded sandbox: its connection and the cache file the console keeps of it."""

    def __init__(self, process: subprocess.Popen[str], folder: Path) -> None:
        self._process = process
        self.folder = folder
        self.connection: Connection = connection_for_sandbox_line(folder / "sandbox.json")

    @property
    def cache_path(self) -> Path:
        return self.folder / "cache.db"

    @classmethod
    async def start(cls, folder: Path | None = None, *, timeout: float = 120) -> TrainingSandbox:
        """Start the sandbox and wait (off the GUI thread) for its JSON line: seeding a new company
        takes several seconds, the loop keeps running meanwhile."""
        folder = folder or training_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        command = [
            *sandbox_command(),  # `python -m csr_console.sandbox`, or the bundle's executable when frozen
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            str(folder / "sandbox.db"),
            "--lead-rate",
            str(LEAD_RATE),
        ]
        with open(folder / "sandbox.log", "a", encoding="utf-8") as log:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=log,
                stdin=subprocess.DEVNULL,
                text=True,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                preexec_fn=die_with_parent,
            )
        assert process.stdout is not None
        line = await asyncio.to_thread(_read_line, process.stdout, timeout)
        if not line.strip():
            await asyncio.to_thread(_terminate, process)
            raise TrainingError(
                f"the training sandbox did not start within {timeout:.0f} s (see {folder / 'sandbox.log'})"
            )
        announcement = folder / "sandbox.json"
        announcement.write_text(line, encoding="utf-8")
        announcement.chmod(0o600)  # it holds the sandbox's client secret
        return cls(process, folder)

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    async def stop(self, timeout: float = 15) -> int:
        """SIGTERM, then wait (off the GUI thread) for the sandbox to finish its requests and exit."""
        return await asyncio.to_thread(_terminate, self._process, timeout)


def _terminate(process: subprocess.Popen[str], timeout: float = 15) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()
    return process.returncode
