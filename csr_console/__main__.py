"""`csr-console`: the console window (see `csr_console.app`): training mode with an embedded sandbox when
no ServiceTitan profile is chosen, a saved profile with `--profile NAME`, or a running sandbox with
`--connect FILE` (the JSON line `csr-sandbox` printed).

`csr-console sync ...` runs the sync engine and the outbox headless (see `csr_console.headless`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csr_console import headless


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="csr-console", description="Work the bookings that arrive online.")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--profile", metavar="NAME", help="a saved ServiceTitan profile")
    target.add_argument(
        "--connect", metavar="FILE", type=Path, help="the JSON line a running csr-sandbox printed"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sync"]:
        return headless.main(argv[1:])
    args = build_parser().parse_args(argv)
    from csr_console import app  # Qt is loaded only for the window: `sync` runs headless

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
