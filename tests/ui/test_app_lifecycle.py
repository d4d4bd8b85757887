"""The real console as a CSR starts it: it syncs, and SIGTERM, SIGINT or File › Quit stop it with exit
code 0 and no traceback (QT-NOTES traps 5 and 6). Training mode starts its own sandbox and stops it."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from csr_console.app import Target, run_console, start_failure_box
from csr_console.profiles import connection_for_sandbox_line
from csr_console.store.database import open_cache
from csr_console.store.meta import bind_cache
from csr_console.ui.main_window import MainWindow
from csr_console.ui.settings import Settings


def _environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "csr_console", *args],
        env=_environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _bookings(cache: Path) -> int:
    if not cache.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM booking").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def _wait_for_bookings(process: subprocess.Popen[str], cache: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _bookings(cache) == 0:
        if process.poll() is not None:
            pytest.fail(f"the console exited with {process.returncode}: {process.communicate()[1]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no booking in {cache} after {timeout} s: {process.communicate()[1]}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str]:
    process.send_signal(signum)
    try:
        _out, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
        pytest.fail(f"the console did not stop within 60 s after {signal.Signals(signum).name}: {err}")
    return process.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_console_syncs_then_stops_on_a_signal_with_exit_code_0(
    sandbox: Any, tmp_path: Path, signum: int
) -> None:
    line = tmp_path / "sandbox.json"
    line.write_text(json.dumps(sandbox.announcement) + "\n")
    process = _start(tmp_path, "--connect", str(line))
    cache = tmp_path / "data" / "csr-console" / "cache" / f"sandbox-{sandbox.tenant}.db"
    _wait_for_bookings(process, cache)

    code, err = _stop(process, signum)

    assert code == 0, err
    assert "Traceback" not in err


def test_training_mode_starts_its_sandbox_and_stops_it_on_quit(tmp_path: Path) -> None:
    process = _start(tmp_path, "--training")
    training = tmp_path / "data" / "csr-console" / "training"
    _wait_for_bookings(process, training / "cache.db", timeout=180)
    base_url = json.loads((training / "sandbox.json").read_text())["base_url"]
    assert httpx.get(f"{base_url}/connect/token").status_code != 0  # it serves

    code, err = _stop(process, signal.SIGTERM)

    assert code == 0, err
    assert "Traceback" not in err
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/connect/token", timeout=5)


def test_the_training_sandbox_does_not_outlive_a_killed_console(tmp_path: Path) -> None:
    process = _start(tmp_path, "--training")
    training = tmp_path / "data" / "csr-console" / "training"
    _wait_for_bookings(process, training / "cache.db", timeout=180)
    base_url = json.loads((training / "sandbox.json").read_text())["base_url"]

    process.kill()
    process.communicate()

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base_url}/connect/token", timeout=2)
        except httpx.ConnectError:
            return  # the sandbox has stopped
        time.sleep(0.2)
    pytest.fail(f"the training sandbox at {base_url} still serves 30 s after its console was killed")


def test_file_quit_shuts_the_console_down_in_order(
    sandbox: Any, synced_cache: Path, tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: Any
) -> None:
    line = tmp_path / "sandbox.json"
    line.write_text(json.dumps(sandbox.announcement) + "\n")
    target = Target(connection_for_sandbox_line(line), synced_cache)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    windows: list[MainWindow] = []
    stop = asyncio.Event()
    running = qloop.create_task(run_console(target, settings, stop, on_window=windows.append))
    qtbot.waitUntil(lambda: bool(windows), timeout=10_000)
    window = windows[0]
    qtbot.waitUntil(lambda: window.status.connection_label.text().startswith("Online"), timeout=30_000)

    window.quit_action.trigger()

    qtbot.waitUntil(running.done, timeout=30_000)
    assert running.exception() is None
    assert stop.is_set()
    assert not shiboken6.isValid(window)  # closed and deleted before the loop stopped


def test_a_console_that_cannot_start_says_why_and_exits_1(sandbox: Any, tmp_path: Path) -> None:
    line = tmp_path / "sandbox.json"
    line.write_text(json.dumps(sandbox.announcement) + "\n")
    cache = tmp_path / "data" / "csr-console" / "cache" / f"sandbox-{sandbox.tenant}.db"
    other = open_cache(cache)
    bind_cache(other, tenant=sandbox.tenant + 1, api_base=sandbox.base_url)  # another company's data
    other.dispose()

    process = _start(tmp_path, "--connect", str(line))
    _out, err = process.communicate(timeout=60)

    assert process.returncode == 1
    assert err.startswith("csr-console: ") and str(sandbox.tenant + 1) in err, err
    assert "Traceback" not in err


def test_the_start_failure_dialog_shows_the_reason_as_plain_text(qapp: Any) -> None:
    box = start_failure_box("<b>cache belongs to tenant 7</b>")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "<b>cache belongs to tenant 7</b>" in box.text()
    assert box.icon() == QMessageBox.Icon.Critical
