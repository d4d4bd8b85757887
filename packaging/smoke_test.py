"""Smoke test of the one-folder bundle: build it, start it offscreen in training mode with a private home,
wait until the queue shows bookings, SIGTERM it and expect exit code 0.

    .venv/bin/python packaging/smoke_test.py               # build (packaging/build.sh), then run
    .venv/bin/python packaging/smoke_test.py --no-build    # run the dist/csr-console/ there is

The last line printed is one JSON object:
    {"build_s": 51.2, "start_to_open_s": 9.1, "start_to_filled_s": 11.3, "stop_s": 0.8, "bundle_mb": 177.4,
     "bookings": 25, "exit_code": 0, "ok": true}
On failure it exits non-zero with the bundle's stderr, its log file and the sandbox's log shown.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "csr-console"
FILLED = re.compile(r"queue filled: (\d+) bookings")
OPEN = "console open: "


def build() -> float:
    started = time.monotonic()
    subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True)
    return round(time.monotonic() - started, 1)


def folder_mb(folder: Path) -> float:
    total = sum(
        path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()
    )
    return round(total / 2**20, 1)


def private_env(home: Path) -> dict[str, str]:
    """The bundle's environment: offscreen Qt, a private HOME and XDG folders, nothing of our Python."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "XDG_", "QT_", "VIRTUAL_ENV", "_PYI", "PYINSTALLER"))
    }
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_RUNTIME_DIR": home / "runtime",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    env.update({key: str(folder) for key, folder in folders.items()})
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(none)"


def log_text(home: Path, stderr: Path) -> str:
    """The console's log file (wherever platformdirs put it under the private home) and its stderr."""
    parts = [path.read_text(encoding="utf-8", errors="replace") for path in home.rglob("csr-console.log")]
    parts.append(stderr.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def run(bundle: Path, timeout: float) -> dict[str, object]:
    executable = bundle / "csr-console"
    if not os.access(executable, os.X_OK):
        raise SystemExit(f"smoke test: no bundle at {executable} (build it, or drop --no-build)")
    result: dict[str, object] = {"bundle_mb": folder_mb(bundle)}
    with tempfile.TemporaryDirectory(prefix="csr-bundle-smoke-") as temp:
        home = Path(temp)
        stderr_path = home / "stderr.txt"
        failure = ""
        with open(stderr_path, "w", encoding="utf-8") as stderr:
            started = time.monotonic()
            process = subprocess.Popen(
                [str(executable), "--training"],  # training mode, no first-run welcome dialog
                env=private_env(home),
                cwd=home,
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
                start_new_session=True,  # a process group: the sandbox child is found (and killed) with it
            )
            try:
                while True:
                    text = log_text(home, stderr_path)
                    if OPEN in text and "start_to_open_s" not in result:
                        result["start_to_open_s"] = round(time.monotonic() - started, 2)
                    filled = FILLED.search(text)
                    if filled:
                        result["start_to_filled_s"] = round(time.monotonic() - started, 2)
                        result["bookings"] = int(filled.group(1))
                        break
                    if process.poll() is not None:
                        failure = f"the bundle exited with {process.returncode} before the queue filled"
                        break
                    if time.monotonic() - started > timeout:
                        failure = f"the queue did not fill within {timeout:.0f} s"
                        break
                    time.sleep(0.1)
                if process.poll() is None:
                    stopping = time.monotonic()
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(timeout=30)
                        result["stop_s"] = round(time.monotonic() - stopping, 2)
                    except subprocess.TimeoutExpired:
                        failure = failure or "the bundle did not exit within 30 s of SIGTERM"
                result["exit_code"] = process.poll()
                if not failure and process.returncode != 0:
                    failure = f"exit code {process.returncode} after SIGTERM"
                deadline = time.monotonic() + 10
                while group_alive(process.pid) and time.monotonic() < deadline:
                    time.sleep(0.1)
                if not failure and group_alive(process.pid):
                    failure = "a child process (the training sandbox?) outlived the console"
                if not failure and "Traceback" in log_text(home, stderr_path):
                    failure = "a traceback in the bundle's output"
            finally:
                if group_alive(process.pid):
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        result["ok"] = not failure
        if failure:
            print(f"smoke test FAILED: {failure}", file=sys.stderr)
            print("---- the bundle's stdout/stderr", file=sys.stderr)
            print(tail(stderr_path), file=sys.stderr)
            for path in home.rglob("csr-console.log"):
                print(f"---- {path.relative_to(home)}", file=sys.stderr)
                print(tail(path), file=sys.stderr)
            for path in home.rglob("sandbox.log"):
                print(f"---- {path.relative_to(home)}", file=sys.stderr)
                print(tail(path), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-build", action="store_true", help="use the bundle already in dist/")
    parser.add_argument(
        "--bundle", type=Path, default=BUNDLE, help="the one-folder bundle (default dist/csr-console)"
    )
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds for the queue to fill (default 120)"
    )
    args = parser.parse_args(argv)
    build_s = None if args.no_build else build()
    result = {"build_s": build_s, **run(args.bundle, args.timeout)}
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
