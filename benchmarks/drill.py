"""`python -m benchmarks drill NAME [--quick]`: run one reliability drill (benchmarks/drills); its
figures are printed as one JSON object on the last line."""

from __future__ import annotations

import argparse

from benchmarks._support import report
from benchmarks.drills import DRILLS


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks drill")
    parser.add_argument("name", choices=sorted(DRILLS), help="the drill to run")
    parser.add_argument("--quick", action="store_true", help="a smaller run (the test suite's)")
    args = parser.parse_args(argv)
    report(DRILLS[args.name](args.quick))
    return 0
