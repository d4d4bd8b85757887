"""`csr-console`: the GUI entry point.

Until the console window exists (the next issues), it says what it would start: training mode with an
embedded sandbox when no ServiceTitan profile is chosen, a saved profile with `--profile NAME`, or a
running sandbox with `--connect FILE` (the JSON line `csr-sandbox` printed).

`csr-console sync ...` runs the sync engine and the outbox headless (see `csr_console.headless`).
"""

from __future__ import annotations

import argparse
import json
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


def describe_start(args: argparse.Namespace) -> str:
    if args.connect is not None:
        try:
            info = json.loads(args.connect.read_text().strip().splitlines()[0])
            return f"would join the sandbox at {info['base_url']} (tenant {info['tenant']})"
        except (OSError, ValueError, KeyError, IndexError) as error:
            raise SystemExit(
                f"csr-console: --connect {args.connect}: not a csr-sandbox JSON line ({error})"
            ) from None
    if args.profile:
        return f"would connect with the ServiceTitan profile {args.profile!r}"
    return "would start training mode: an embedded sandbox (simulated company) on a free loopback port"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sync"]:
        return headless.main(argv[1:])
    args = build_parser().parse_args(argv)
    print(f"csr-console: {describe_start(args)}; the console window is not built yet.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
