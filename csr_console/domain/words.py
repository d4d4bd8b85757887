"""Words a layer below `ui/` hands to the screen (report column titles, the reasons of a duplicate
match), marked so that they reach the translation catalog although these layers do not import Qt.

`translatable(context, text)` returns `text` unchanged; pyside6-lupdate reads it as QT_TRANSLATE_NOOP
(`packaging/update_catalog.py` passes the alias), and the UI translates the text where it shows it, with
`QCoreApplication.translate(context, text)`. A `Phrase` is such a text with values to put in: it is the
English sentence (a str, for logs, tests and comparisons) and keeps its template and values, so that the
UI can translate the template and fill it in.
"""

from __future__ import annotations

from typing import Any


def translatable(context: str, text: str) -> str:
    return text


class Phrase(str):
    """`Phrase("same name but for a nickname ({ours} = {theirs})", ours="Bob", theirs="Robert")`."""

    __slots__ = ("template", "values")
    template: str
    values: dict[str, str]

    def __new__(cls, template: str, **values: str) -> Phrase:
        phrase = super().__new__(cls, template.format(**values))
        phrase.template = template
        phrase.values = values
        return phrase

    def __reduce__(self) -> tuple[Any, ...]:
        return (_phrase, (self.template, self.values))


def _phrase(template: str, values: dict[str, str]) -> Phrase:
    return Phrase(template, **values)
