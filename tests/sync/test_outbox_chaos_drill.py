"""Drill: 300 mixed CSR actions against a sandbox that fails one call in five (5xx, 429, connections
dropped after committing), with latency. Every action ends done, and every effect exists on the server
exactly once: nothing lost, nothing doubled.

The generator and the counting are the `chaos` drill's (benchmarks/drills/chaos.py: its docstring says
what is counted); this runs it at 300 actions on a sandbox of the test's own.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from benchmarks.drills.chaos import FAULTS, run_chaos

ACTIONS = 300


@pytest.mark.slow
def test_three_hundred_actions_under_faults_happen_exactly_once(sandbox_factory: Any, tmp_path: Path) -> None:
    sandbox = sandbox_factory(faults=FAULTS, rate_limit=0)
    figures = asyncio.run(run_chaos(sandbox, tmp_path / "cache.db", ACTIONS, seed=ACTIONS))
    print(f"\nchaos drill: {figures}")
    assert figures["actions"] == ACTIONS
    assert figures["states"] == {"done": ACTIONS}, figures["states"]
    assert figures["lost"] == 0, figures["missing"]
    assert figures["duplicated"] == 0, figures["kinds"]
