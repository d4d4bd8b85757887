"""csr_console.gil: worker threads rest in the same part of every turn; the GUI thread never does."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from csr_console import gil


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[SimpleNamespace]:
    """A clock that stands still, and the sleeps asked of it."""
    fake = SimpleNamespace(now=100.0, slept=[])
    fake.perf_counter = lambda: fake.now
    fake.sleep = fake.slept.append
    monkeypatch.setattr(gil, "time", fake)
    yield fake
    gil.stop_sharing()


def _in_a_worker(job: object) -> None:
    worker = threading.Thread(target=job)
    worker.start()
    worker.join()


def test_off_a_pause_never_sleeps(clock: SimpleNamespace) -> None:
    clock.now = 100.0025
    _in_a_worker(gil.pause)
    assert clock.slept == []


def test_on_a_worker_sleeps_through_the_rest_of_the_turn(clock: SimpleNamespace) -> None:
    gil.sharing(work_s=0.001, rest_s=0.002)  # turns of 3 ms: 1 ms of work, then 2 ms of rest
    clock.now = 0.0305  # half a millisecond into a turn: working time
    _in_a_worker(gil.pause)
    assert clock.slept == []
    clock.now = 0.0315  # 1.5 ms into it: rest until the next turn
    _in_a_worker(gil.pause)
    assert clock.slept == [pytest.approx(0.0015)]


def test_the_gui_thread_never_rests(clock: SimpleNamespace) -> None:
    gil.sharing(work_s=0.001, rest_s=0.002)
    clock.now = 0.0315
    assert threading.current_thread() is threading.main_thread()
    gil.pause()
    assert clock.slept == []
