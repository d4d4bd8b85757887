"""The reliability drills run by `python -m benchmarks drill NAME [--quick]`.

A drill is a function `(quick: bool) -> figures`: it starts what it needs (a sandbox, consoles), does
its damage, counts on the server what happened and answers the figures (a JSON-able dict with a
"drill" key). `--quick` is a smaller run for the test suite. Register new drills (chaos, crash, outage,
load, fuzz) in DRILLS.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.drills.chaos import chaos
from benchmarks.drills.contention import contention
from benchmarks.drills.crash import crash
from benchmarks.drills.fuzz import fuzz
from benchmarks.drills.load import load
from benchmarks.drills.outage import outage

Drill = Callable[[bool], dict[str, Any]]

DRILLS: dict[str, Drill] = {
    "chaos": chaos,
    "contention": contention,
    "crash": crash,
    "fuzz": fuzz,
    "load": load,
    "outage": outage,
}
