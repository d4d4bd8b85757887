"""Background threads leave the interpreter to the GUI thread part of the time, while a GUI is up.

A GUI thread beside busy worker threads (a first sync decoding, validating and storing 100,000 bookings)
waits for the GIL each time Qt calls into Python: a timer, a socket notifier, a model's `data()`. A
waiting thread asks for the GIL only after the switch interval, and the operating system must then run
it, so each entry cost 1-4 ms and a tick of the GUI's clock waited behind a row of them (60-190 ms).
When a worker sleeps, the GIL is free and the GUI thread takes it at once.

So loops over many records call `pause()` between two records. Once `sharing(...)` is on (the console's
GUI turns it on), time is cut into turns of `work_s` + `rest_s`, the same for every thread: a worker
that reaches a pause in the rest part of a turn sleeps until the next turn begins. All workers rest
together, so the interpreter is free for the GUI thread during each rest (three workers resting each on
its own clock would cover each other's rests). Off (the headless runner, tests, benchmarks of the sync
alone) a pause costs one check; on the GUI thread it never sleeps.
"""

from __future__ import annotations

import threading
import time

#: The console's shares: 1 ms of interpreter time, then 2 ms free for the GUI thread.
WORK_S = 0.001
REST_S = 0.002

_share: tuple[float, float] | None = None
_gui_thread = threading.main_thread()


def sharing(work_s: float = WORK_S, rest_s: float = REST_S) -> None:
    """From now on, worker threads work `work_s` of each turn of `work_s` + `rest_s` at most."""
    global _share
    _share = (work_s, rest_s)


def stop_sharing() -> None:
    global _share
    _share = None


def pause() -> None:
    """Between two records of a long loop: in the rest part of a turn, sleep until the next turn."""
    share = _share
    if share is None or threading.current_thread() is _gui_thread:
        return
    work_s, rest_s = share
    turn = work_s + rest_s
    into = time.perf_counter() % turn
    if into >= work_s:
        time.sleep(turn - into)
