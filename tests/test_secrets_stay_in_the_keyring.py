"""Issue 7: after real sessions (the headless runner, the window with a profile whose secret is in a
keyring), no file the session wrote holds the client secret or an access token it was issued, even
when the server refuses the secret or fails with 500s; and log lines carry no phone number or email.
The scan covers the console's own log file (in the user's log directory, XDG_STATE_HOME here), which
must be 0600 in a 0700 directory.

Each session runs in a child process through a small driver that records every access token the client
fetched (into a file outside the scanned folder), so the scan looks for the very tokens that were used.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SYNC_ONCE = ["sync", "--once", "--log-level", "DEBUG"]

DRIVER = """
import json, logging, os, sys
if os.environ.get("LEAK_LOG_LEVEL"):  # the window logs at WARNING: ask for more, on the same stderr
    logging.basicConfig(level=os.environ["LEAK_LOG_LEVEL"], format="%(levelname)s %(name)s: %(message)s")
from csr_console.api import transport
fetch = transport.Transport._fetch_token
async def recording(self):
    token = await fetch(self)
    with open(os.environ["LEAK_TOKENS"], "a", encoding="utf-8") as out:
        out.write(token.value + "\\n")
    return token
transport.Transport._fetch_token = recording
if os.environ.get("LEAK_PROFILE"):  # a saved profile, its secret in an in-memory keyring
    import keyring
    from tests.fake_keyring import MemoryKeyring
    from csr_console.profiles import Profile, save_profile
    keyring.set_keyring(MemoryKeyring())
    info = json.loads(os.environ["LEAK_PROFILE"])
    save_profile(
        Profile("acme", info["tenant"], info["app_key"], info["client_id"], "custom", info["base_url"]),
        info["client_secret"],
    )
from csr_console.__main__ import main
sys.exit(main(sys.argv[1:]))
"""

CONTACT_LINE = """
import logging, sys
from csr_console.__main__ import main
code = main(sys.argv[1:])
log = logging.getLogger("csr_console.test")
log.error("customer called from %s, wrote from %s", "(214) 555-0199", "jo@example.com")
try:
    raise ValueError("no booking for (214) 555-0199 / jo@example.com")
except ValueError:
    log.exception("lookup failed")
sys.exit(0 if code == 2 else 3)
"""


class Session:
    """One child process's session: its files under `folder`, its stderr in `folder/console.log`."""

    def __init__(self, tmp_path: Path) -> None:
        self.inputs = tmp_path / "inputs"  # what the session was given: not scanned
        self.inputs.mkdir()
        self.folder = tmp_path / "session"  # everything the session wrote: scanned
        self.folder.mkdir()
        self.tokens = self.inputs / "tokens.txt"
        self.log = self.folder / "console.log"  # the session's stderr
        self.log_file = self.folder / "state" / "csr-console" / "log" / "csr-console.log"  # its own log

    def environment(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_DATA_HOME": str(self.folder / "data"),
            "XDG_CONFIG_HOME": str(self.folder / "config"),
            "XDG_CACHE_HOME": str(self.folder / "cache"),
            "XDG_STATE_HOME": str(self.folder / "state"),  # platformdirs' user_log_dir is under it
            "LEAK_TOKENS": str(self.tokens),
            **extra,
        }

    def line(self, announcement: dict[str, Any]) -> Path:
        line = self.inputs / "sandbox.json"
        line.write_text(json.dumps(announcement) + "\n")
        return line

    def run(self, args: list[str], **extra: str) -> int:
        with self.log.open("ab") as log, (self.folder / "stdout.txt").open("ab") as out:
            done = subprocess.run(
                [sys.executable, "-c", DRIVER, *args],
                cwd=ROOT,
                env=self.environment(**extra),
                stdout=out,
                stderr=log,
                timeout=300,
            )
        return done.returncode

    def issued_tokens(self) -> list[str]:
        return self.tokens.read_text().split() if self.tokens.exists() else []

    def written(self) -> dict[Path, bytes]:
        return {path: path.read_bytes() for path in sorted(self.folder.rglob("*")) if path.is_file()}


def assert_nothing_leaked(session: Session, secrets: list[str]) -> dict[Path, bytes]:
    files = session.written()
    assert files, "the session wrote nothing: the scan would prove nothing"
    needles = [s for secret in secrets for s in (secret, secret[-16:])]  # whole, and a tell-tale tail
    leaks = [
        f"{path.relative_to(session.folder)} holds {needle[:8]}…"
        for path, content in files.items()
        for needle in needles
        if needle.encode() in content
    ]
    assert not leaks, leaks
    return files


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def assert_private_log_file(session: Session) -> str:
    """The session's log file exists, 0600 in a 0700 directory; answers its text."""
    path = session.log_file
    assert path.is_file(), f"no log file at {path}"
    assert private(path), f"the log file is {oct(path.stat().st_mode)}"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700, oct(path.parent.stat().st_mode)
    return path.read_text(encoding="utf-8")


def test_a_headless_session_with_500s_leaves_no_secret_or_token_behind(
    sandbox_factory: Any, tmp_path: Path
) -> None:
    sandbox = sandbox_factory(rate_limit=0, faults="error=0.3")
    session = Session(tmp_path)
    cache = session.folder / "cache.db"

    code = session.run([*SYNC_ONCE, "--connect", str(session.line(sandbox.announcement)), "--db", str(cache)])

    assert code in (0, 1), session.log.read_text()  # 1: a feed left behind by the 500s, said on stderr
    tokens = session.issued_tokens()
    assert tokens, "the client fetched no token: nothing to look for"
    log = session.log.read_text()
    assert "500" in log or "retrying" in log, "the fault path was not exercised"
    files = assert_nothing_leaked(session, [sandbox.client_secret, *tokens])
    assert cache in files and session.log in files and session.log_file in files
    logged = assert_private_log_file(session)
    assert " INFO " in logged or " WARNING " in logged, "the log file holds nothing: the scan proves nothing"
    for path in files:
        if path.name.startswith("cache.db"):  # the cache, its WAL and shared-memory files
            assert private(path), f"{path.name} is {oct(path.stat().st_mode)}"


def test_a_refused_secret_is_not_repeated_in_the_log_or_on_stderr(sandbox: Any, tmp_path: Path) -> None:
    session = Session(tmp_path)
    wrong = "cs1.a-wrong-secret-that-must-not-be-echoed"
    line = session.line({**sandbox.announcement, "client_secret": wrong})

    code = session.run([*SYNC_ONCE, "--connect", str(line), "--db", str(session.folder / "cache.db")])

    assert code == 1
    assert "refused" in session.log.read_text().lower() or "credential" in session.log.read_text().lower()
    assert session.issued_tokens() == []
    files = assert_nothing_leaked(session, [wrong, sandbox.client_secret])
    assert session.log_file in files
    assert "refused" in assert_private_log_file(session)  # the token refusal, logged to the file


def _bookings(cache: Path) -> int:
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM booking").fetchone()[0])
    except sqlite3.OperationalError:  # not there or not migrated yet
        return 0


def test_the_window_with_a_keyring_profile_leaves_no_secret_or_token_behind(
    sandbox: Any, tmp_path: Path
) -> None:
    session = Session(tmp_path)
    with session.log.open("ab") as log, (session.folder / "stdout.txt").open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, "--profile", "acme"],
            cwd=ROOT,
            env=session.environment(LEAK_PROFILE=json.dumps(sandbox.announcement), LEAK_LOG_LEVEL="DEBUG"),
            stdout=out,
            stderr=log,
        )
    try:
        caches = session.folder / "data" / "csr-console" / "cache"
        deadline = time.monotonic() + 120
        while not any(_bookings(cache) for cache in caches.glob("*.db")):
            assert process.poll() is None, session.log.read_text()
            assert time.monotonic() < deadline, session.log.read_text()
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0, session.log.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    tokens = session.issued_tokens()
    assert tokens, "the client fetched no token: nothing to look for"
    files = assert_nothing_leaked(session, [sandbox.client_secret, *tokens])
    names = {path.name for path in files}
    assert "profiles.json" in names, names  # the profile was saved, without its secret
    assert session.log_file in files
    assert_private_log_file(session)
    # The console's QSettings (it remembers the profile used last) are in the scanned config folder.
    assert "csr-console.conf" in names, names
    for path in files:
        if ".db" in path.name:
            assert private(path), f"{path.name} is {oct(path.stat().st_mode)}"


@pytest.mark.parametrize(
    "entry", [["sync", "--profile", "nobody"], ["--profile", "nobody"]], ids=["headless", "window"]
)
def test_log_lines_carry_no_phone_number_or_email(entry: list[str], tmp_path: Path) -> None:
    """The entry point's own logging set-up (here before it gives up on an unknown profile) redacts."""
    session = Session(tmp_path)
    with session.log.open("wb") as log:
        done = subprocess.run(
            [sys.executable, "-c", CONTACT_LINE, *entry],
            cwd=ROOT,
            env=session.environment(),
            stdout=subprocess.DEVNULL,
            stderr=log,
            timeout=60,
        )
    text = session.log.read_text()
    assert done.returncode == 0, text
    logged = assert_private_log_file(session)
    for written in (text, logged):  # stderr, and the log file
        assert "customer called from [phone], wrote from [email]" in written
        assert "ValueError: no booking for [phone] / [email]" in written  # the traceback too
        assert "555-0199" not in written and "jo@example.com" not in written
