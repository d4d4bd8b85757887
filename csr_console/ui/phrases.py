"""Showing the words the layers below `ui/` mark for translation (`csr_console.domain.words`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csr_console.domain.words import Phrase


def shown(context: str, text: str) -> str:
    """`text` translated in `context`; a Phrase's template is translated, then filled in."""
    if isinstance(text, Phrase):
        return QCoreApplication.translate(context, text.template).format(**text.values)
    return QCoreApplication.translate(context, text)
