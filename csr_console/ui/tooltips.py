"""Tooltips that show untrusted text as it is. Qt renders a tooltip as rich text whenever it looks like
markup (`Qt.mightBeRichText`), and there is no format flag for tooltips as there is for labels: such
text from the API is escaped into a paragraph, so `<b>Bob</b>` shows as those very characters."""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tooltip(text: str | None) -> str | None:
    """`text` as a tooltip that Qt shows literally (None and "" stay no tooltip)."""
    if not text:
        return None
    if not Qt.mightBeRichText(text):
        return text  # shown as plain text already
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)  # long text wraps
