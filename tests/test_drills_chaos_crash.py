"""The chaos and crash drills (benchmarks/drills), quick runs: `python -m benchmarks drill chaos --quick`
and `... drill crash --quick` in-process, each once for the module."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.drills import DRILLS
from benchmarks.drills.chaos import ACTIONS_QUICK as CHAOS_ACTIONS
from benchmarks.drills.chaos import MIX
from benchmarks.drills.crash import ACTIONS_QUICK as CRASH_ACTIONS
from benchmarks.drills.crash import KILLS_QUICK


@pytest.fixture(scope="module")
def chaos() -> dict[str, Any]:
    return DRILLS["chaos"](True)


@pytest.fixture(scope="module")
def crash() -> dict[str, Any]:
    return DRILLS["crash"](True)


def test_chaos_every_action_of_every_kind_happens_exactly_once_under_faults(chaos: dict[str, Any]) -> None:
    assert chaos["actions"] == CHAOS_ACTIONS
    assert {kind: figures["actions"] for kind, figures in chaos["kinds"].items()} == MIX
    assert chaos["states"] == {"done": CHAOS_ACTIONS}
    assert chaos["done"] == CHAOS_ACTIONS
    assert chaos["lost"] == 0, chaos["missing"]
    assert chaos["duplicated"] == 0, chaos["kinds"]
    assert chaos["attempts"] > CHAOS_ACTIONS  # the faults were on: some actions needed a second attempt


def test_crash_killed_app_resumes_and_every_booking_is_accepted_exactly_once(crash: dict[str, Any]) -> None:
    assert crash["actions"] == CRASH_ACTIONS
    # Killed as planned unless the outbox settled first; at least one kill caught a request out.
    assert 2 <= crash["kills"] <= KILLS_QUICK and crash["restarts"] == crash["kills"]
    assert crash["caught_in_flight"] > 0
    assert crash["lost"] == 0
    assert crash["duplicated"] == 0
    assert crash["exactly_once"] == CRASH_ACTIONS
    assert crash["states"] == {"done": CRASH_ACTIONS}
    assert crash["exit_code"] == 0  # the last start stopped in order on SIGTERM
