"""`csr-console`: the console window (see `csr_console.app`): training mode with an embedded sandbox when
no ServiceTitan profile is chosen, a saved profile with `--profile NAME`, or a running sandbox with
`--connect FILE` (the JSON line `csr-sandbox` printed).

`csr-console sync ...` runs the sync engine and the outbox headless (see `csr_console.headless`).
`csr-console --run-sandbox ...` (hidden) is `csr-sandbox ...`: how a PyInstaller bundle, which has no
`python -m`, starts its training sandbox child (see `csr_console.child_process.sandbox_command`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csr_console.child_process import SANDBOX_ROLE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="csr-console", description="Work the bookings that arrive online.")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--profile", metavar="NAME", help="a saved ServiceTitan profile")
    target.add_argument(
        "--connect", metavar="FILE", type=Path, help="the JSON line a running csr-sandbox printed"
    )
    target.add_argument(
        "--training", action="store_true", help="training mode: a simulated company (no welcome dialog)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="log everything (DEBUG) to the terminal and the log file"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [SANDBOX_ROLE]:  # a bundle's sandbox child: first, before the console's imports
        from csr_console.sandbox.cli import main as sandbox_main

        return sandbox_main(argv[1:])
    if argv[:1] == ["sync"]:
        from csr_console import headless

        return headless.main(argv[1:])
    args = build_parser().parse_args(argv)
    from csr_console import app  # Qt is loaded only for the window: `sync` runs headless

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
