"""JSON bodies decoded member by member, so that decoding a big page never holds the interpreter.

`json.loads` is one C call that keeps the GIL until it returns: 50-100 ms for a 5,000-booking export page
(3.8 MB), during which no other thread runs a line of Python, a GUI thread included, even when the page
is decoded in a worker thread. `loads` answers what `json.loads` answers (and fails where it fails), but
decodes the members of a top-level object's arrays (a page's `data`) one call each: the interpreter can
switch threads between two records (and a worker thread rests there: `csr_console.gil.pause`).
"""

from __future__ import annotations

import json
from typing import Any

from csr_console.gil import pause

_DECODER = json.JSONDecoder()
_SPACE = (" ", "\t", "\n", "\r")


def _skip(text: str, at: int) -> int:
    while text.startswith(_SPACE, at):
        at += 1
    return at


def _next(text: str, at: int, closing: str) -> tuple[int, bool]:
    """After a member: (where the next member starts, False), or (past the container's end, True)."""
    at = _skip(text, at)
    if text.startswith(closing, at):
        return at + 1, True
    if not text.startswith(",", at):
        raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
    return _skip(text, at + 1), False


def _array(text: str, at: int) -> tuple[list[Any], int]:
    """The array opening at `at`, one member at a time; and the index past it."""
    items: list[Any] = []
    at = _skip(text, at + 1)
    if text.startswith("]", at):
        return items, at + 1
    done = False
    while not done:
        pause()
        item, at = _DECODER.raw_decode(text, at)
        items.append(item)
        at, done = _next(text, at, "]")
    return items, at


def loads(content: bytes | str) -> Any:
    """`json.loads(content)`, a top-level object's arrays decoded member by member."""
    text = (
        content
        if isinstance(content, str)
        else content.decode(json.detect_encoding(content), "surrogatepass")
    )
    at = _skip(text, 0)
    if not text.startswith("{", at):
        return _DECODER.decode(text)
    result: dict[str, Any] = {}
    at = _skip(text, at + 1)
    done = text.startswith("}", at)
    if done:
        at += 1
    while not done:
        if not text.startswith('"', at):
            raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, at)
        key, at = _DECODER.raw_decode(text, at)
        at = _skip(text, at)
        if not text.startswith(":", at):
            raise json.JSONDecodeError("Expecting ':' delimiter", text, at)
        at = _skip(text, at + 1)
        result[key], at = _array(text, at) if text.startswith("[", at) else _DECODER.raw_decode(text, at)
        at, done = _next(text, at, "}")
    end = _skip(text, at)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return result
