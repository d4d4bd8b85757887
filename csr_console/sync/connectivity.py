"""Connectivity: online, degraded (some calls fail, or the server is slow to answer), or offline (no
call got through), with the time of the last good sync."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

log = logging.getLogger(__name__)


class Connectivity(StrEnum):
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"


@dataclass(frozen=True)
class ConnectivityState:
    state: Connectivity
    last_good_sync: datetime | None
    #: What went wrong last, in words for the status bar ("cannot reach api.servicetitan.io", "HTTP 503").
    last_error: str | None


Listener = Callable[[ConnectivityState], None]


class ConnectivityMonitor:
    """Folds the outcome of every call into a state.

    One failure makes the connection degraded; `offline_after` consecutive network failures (the
    server cannot be reached at all) make it offline; one success makes it online again. Server errors
    (5xx, 429) only ever degrade: the server is there.
    """

    def __init__(self, *, offline_after: int = 2, now: Callable[[], datetime] | None = None) -> None:
        self._offline_after = offline_after
        self._now = now or (lambda: datetime.now(UTC))
        self._network_failures = 0
        self._state = ConnectivityState(Connectivity.OFFLINE, None, "not synced yet")
        self._listeners: list[Listener] = []

    @property
    def state(self) -> ConnectivityState:
        return self._state

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def succeeded(self) -> None:
        self._network_failures = 0
        self._set(ConnectivityState(Connectivity.ONLINE, self._now(), None))

    def failed(self, error: str, *, network: bool) -> None:
        """A call failed; `network` when nothing reached the server (DNS, refused, timeout, drop)."""
        self._network_failures = self._network_failures + 1 if network else 0
        offline = network and self._network_failures >= self._offline_after
        state = Connectivity.OFFLINE if offline else Connectivity.DEGRADED
        self._set(ConnectivityState(state, self._state.last_good_sync, error))

    def _set(self, new: ConnectivityState) -> None:
        old = self._state
        self._state = new
        if new.state != old.state or new.last_error != old.last_error:
            if new.state != old.state:
                log.info("connectivity: %s -> %s (%s)", old.state, new.state, new.last_error or "ok")
            for listener in list(self._listeners):
                try:
                    listener(new)
                except Exception:
                    log.exception("connectivity listener %r failed", listener)
