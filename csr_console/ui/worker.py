"""SerialWorker: blocking work (cache reads of many rows) in one worker thread, one job at a time, each
result handed back to a callback on the GUI thread.

Qt's own event loop delivers the results, so it works the same under qasync and under a plain
QApplication (pytest-qt). Jobs run in the order they were submitted and their results arrive in that
order. `close()` waits for the job in hand and drops the rest; nothing is delivered after it.

Two rules keep Qt objects safe from the worker thread (breaking either crashed the test suite):
- results travel through one relay object that lives as long as the application, never through the
  widget or model that asked, which Qt may have deleted meanwhile;
- the worker thread never holds a reference to a Qt object: the callbacks (bound methods of a model)
  stay on the GUI thread's side, so the last reference to a model is never dropped in the worker, which
  would delete it (and its timers) from the wrong thread. Jobs must not capture Qt objects either.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    # Emitted from a worker thread; Qt queues it to the thread the relay lives in (the GUI's).
    done = Signal(object, int, object)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    """The application's relay, made on first use (by the GUI thread: workers are made there)."""
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.done.connect(_deliver)
    return _relay


def _deliver(
    worker: weakref.ref[SerialWorker], callback: Callable[..., None], result: tuple[Any] | None
) -> None:
    target = worker()
    if target is not None:
        target._deliver(callback, result)


class SerialWorker:
    def __init__(self, name: str) -> None:
        self._name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._relay = _the_relay()
        self._closed = False
        self._numbers = itertools.count()
        self._callbacks: dict[int, tuple[Callable[..., None], Callable[[], None]]] = {}

    @property
    def busy(self) -> bool:
        """A job is queued, running, or its result is still to be delivered."""
        return bool(self._callbacks) and not self._closed

    def submit(
        self, job: Callable[[], T], on_done: Callable[[T], None], on_error: Callable[[], None]
    ) -> None:
        """Run `job` in the worker; then `on_done(result)`, or `on_error()` if it raised (logged here)."""
        if self._closed:
            return
        number = next(self._numbers)
        self._callbacks[number] = (on_done, on_error)
        me, relay, name = weakref.ref(self), self._relay, self._name

        def run() -> None:
            try:
                result: Any = job()
            except Exception:
                log.exception("%s: a background job failed", name)
                relay.done.emit(me, number, None)
            else:
                relay.done.emit(me, number, (result,))

        self._executor.submit(run)  # its future is not kept: `run` reports both outcomes

    def _deliver(self, number: int, result: tuple[Any] | None) -> None:
        on_done, on_error = self._callbacks.pop(number)
        if self._closed:
            return
        if result is None:
            on_error()
        else:
            on_done(*result)

    def close(self) -> None:
        """Wait for the running job (before the cache it reads is closed), drop the queued ones, and
        deliver nothing more."""
        self._closed = True
        self._executor.shutdown(wait=True, cancel_futures=True)

    def abandon(self) -> None:
        """Deliver nothing more, without waiting (the owner is being deleted)."""
        self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)
