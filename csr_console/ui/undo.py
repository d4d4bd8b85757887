"""The status bar's undo offer: a CSR's dismissal waits in the outbox for a hold (see `UNDO_HOLD_S`)
before it is sent, and Undo cancels it while it waits."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from csr_console.sync.outbox import ActionRefused, cancel
from csr_console.ui.bridge import SyncBridge
from csr_console.ui.phrases import said

#: How long a dismissal or a captured lead waits in the outbox before it is sent.
UNDO_HOLD_S = 10


class UndoNotice(QWidget):
    #: The action id, once cancelled.
    undone = Signal(str)

    def __init__(self, bridge: SyncBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._action_id: str | None = None
        self._text = ""
        self._deadline = 0.0
        self._label = QLabel(self)
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # the text carries a customer's name
        self._button = QPushButton(self.tr("Undo"), self)
        self._button.clicked.connect(self.undo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._button)
        self._timer = QTimer(self)
        self._timer.setInterval(250)  # the countdown is computed from a deadline, not counted ticks
        self._timer.timeout.connect(self._tick)
        self.hide()

    @property
    def action_id(self) -> str | None:
        """The action that can be undone now, if any."""
        return self._action_id

    def offer(self, action_id: str, text: str, seconds: int = UNDO_HOLD_S) -> None:
        """Offer to undo `action_id` for `seconds` (its hold). A newer offer replaces an older one: the
        older action keeps its place in the outbox and goes when its hold ends."""
        self._action_id = action_id
        self._text = text
        self._deadline = time.monotonic() + seconds
        self._button.show()
        self._tick()
        self._timer.start()
        self.show()

    def text(self) -> str:
        """What the notice says, e.g. "Dismissed Ann Lee — Undo (9 s)"."""
        if self._button.isHidden():
            return self._label.text()
        return f"{self._label.text()} {self._button.text()}"

    def remaining_s(self) -> int:
        return max(0, math.ceil(self._deadline - time.monotonic()))

    def undo(self) -> None:
        action_id = self._action_id
        if action_id is None:
            return
        try:
            cancel(self._bridge.db, action_id, self._bridge.actor, changes=self._bridge.service.changes)
        except ActionRefused as refused:
            # Already on its way (the hold ended a moment ago): say so instead of pretending.
            self._finish()
            self._label.setText(
                self.tr("Too late to undo: {reason}").format(reason=said(refused, "OutboxMessages"))
            )
            self._button.hide()
            self.show()
            QTimer.singleShot(4000, self._hide_if_idle)
            return
        self._finish()
        self.undone.emit(action_id)

    def _tick(self) -> None:
        left = self.remaining_s()
        if left <= 0:
            self._finish()
            return
        self._label.setText(f"{self._text} —")
        self._button.setText(self.tr("Undo ({seconds} s)").format(seconds=left))

    def _finish(self) -> None:
        self._timer.stop()
        self._action_id = None
        self.hide()

    def _hide_if_idle(self) -> None:
        if self._action_id is None:
            self.hide()
