"""SyncBridge: the engine seen from Qt. Change notifications and connectivity become signals, emitted
on the GUI thread (the engine runs on the same qasync loop, so listeners are called there already)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from csr_console.store.database import reader
from csr_console.sync.changes import ChangeSet
from csr_console.sync.connectivity import ConnectivityState
from csr_console.sync.service import SyncService


class SyncBridge(QObject):
    #: A ChangeSet: which ids of which kind changed in the cache.
    changed = Signal(object)
    #: A ConnectivityState.
    connectivityChanged = Signal(object)

    def __init__(
        self, service: SyncService, db: Engine, *, actor: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.db = db
        #: Who the CSR is, for the outbox and the journal (the OS user name unless a profile says).
        self.actor = actor
        #: The cache for queries: reads never hold up the engine's writes.
        self.reader = reader(db)
        service.changes.subscribe(self._on_changes)
        service.connectivity.subscribe(self._on_connectivity)

    def _on_changes(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def _on_connectivity(self, state: ConnectivityState) -> None:
        self.connectivityChanged.emit(state)
