"""The console's windows, views, Qt item models and dialogs: the only package that imports Qt.

It talks to the engine through `SyncBridge` (bridge.py): queries go to the cache through
`csr_console.store.queries`, commands to `SyncService`, and change notifications arrive as Qt signals.
"""

import PySide6  # noqa: F401  (before qasync: it must pick PySide6, QT-NOTES trap 3)
