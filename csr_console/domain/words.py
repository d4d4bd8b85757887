"""Marking the words a layer below `ui/` hands to the screen (report column titles), so that they reach
the translation catalog although these layers do not import Qt.

`translatable(context, text)` returns `text` unchanged; pyside6-lupdate reads it as QT_TRANSLATE_NOOP
(`packaging/update_catalog.py` passes the alias), and the UI translates the text where it shows it, with
`QCoreApplication.translate(context, text)`.
"""

from __future__ import annotations


def translatable(context: str, text: str) -> str:
    return text
