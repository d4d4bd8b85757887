"""The wizard's last step: everything Finish will create, in words, before anything is sent."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from csr_console.ui.forms import plain_label, problem_label


class ReviewPage(QWizardPage):
    def __init__(self, describe: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._describe = describe
        self.setTitle(self.tr("Review"))
        self.setSubTitle(self.tr("Finish creates this in ServiceTitan through the outbox, exactly once."))
        self.text: QLabel = plain_label("")
        self.text.setObjectName("review")
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setContentsMargins(8, 8, 8, 8)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("What Finish creates"))
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        self.refused = problem_label("refused")
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.refused)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self.text.setText(self._describe())
        self.refused.setVisible(False)
