"""The owner of every coroutine the UI starts (QT-NOTES trap 1: qasync holds slot tasks weakly).

A task started here is held until it ends, its failure is logged and reported to whoever listens
(the status bar, a dialog), and `cancel_all` stops what is left while the loop still runs (shutdown).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)

FailureListener = Callable[[str, BaseException], None]


class TaskRegistry:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._listeners: list[FailureListener] = []

    def on_failure(self, listener: FailureListener) -> None:
        self._listeners.append(listener)

    def spawn(self, coroutine: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.get_event_loop().create_task(coroutine, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        log.error("%s failed", task.get_name(), exc_info=error)
        for listener in list(self._listeners):
            try:
                listener(task.get_name(), error)
            except Exception:
                log.exception("task failure listener %r failed", listener)

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
