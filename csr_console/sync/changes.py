"""Change notifications: which ids of which kind changed in the cache, for the UI to apply as row
inserts and updates (never a full reset)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChangeSet:
    """Ids that changed, by kind: 'booking', 'lead', 'job', 'customer', 'location', 'outbox' (action
    ids), 'reference' (table names), 'session'."""

    ids: dict[str, frozenset[object]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(self.ids.values())

    def of(self, kind: str) -> frozenset[object]:
        return self.ids.get(kind, frozenset())


Listener = Callable[[ChangeSet], None]


class ChangeHub:
    """Fan-out of change sets to listeners. A failing listener is logged and never stops the others
    (nor the feed that published)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, kind: str, ids: Iterable[object]) -> None:
        frozen = frozenset(ids)
        if frozen:
            self.publish_set(ChangeSet({kind: frozen}))

    def publish_set(self, changes: ChangeSet) -> None:
        if not changes:
            return
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:
                log.exception("change listener %r failed", listener)
