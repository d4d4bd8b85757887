"""Showing the words the layers below `ui/` mark for translation (`csr_console.domain.words`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from csr_console.domain.words import Phrase


def shown(context: str, text: str) -> str:
    """`text` translated in `context`; a Phrase's template is translated, then filled in."""
    if isinstance(text, Phrase):
        return QCoreApplication.translate(context, text.template).format(**text.values)
    return QCoreApplication.translate(context, text)


def said(error: BaseException, context: str) -> str:
    """An exception's message (a Phrase or a marked word, as ProfileError and ActionRefused carry it)
    in the CSR's language."""
    first = error.args[0] if error.args else None
    return shown(context, first) if isinstance(first, str) else str(error)
