"""A partner's extra details, read back from a booking's summary.

The booking has no field for them: partners append ``Label: value`` lines to the summary, after the
customer's free text and a blank line (API-NOTES.md). The detail pane shows those lines as a table and
the customer's words as text; a summary whose last block is not all such lines is all free text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A label starts the line, is short and has no colon; a colon followed by white space (or the end of the
# line) ends it, so "https://..." is not taken for a label "https".
_FIELD = re.compile(r"(?P<label>[^\s:][^:]{0,59}?)[ \t]*:(?:[ \t]+(?P<value>.*))?")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class ExtraDetails(NamedTuple):
    free_text: str
    fields: list[tuple[str, str]]  # (label, value) in the partner's order


def parse_extra_details(summary: str | None) -> ExtraDetails:
    """Split a summary into the customer's free text and the partner's trailing ``Label: value`` lines."""
    text = (summary or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ExtraDetails("", [])
    blocks = _BLANK_LINE.split(text)
    fields = _fields(blocks[-1])
    if fields is None:
        return ExtraDetails(text, [])
    free_text = text[: len(text) - len(blocks[-1])].strip()
    return ExtraDetails(free_text, fields)


def _fields(block: str) -> list[tuple[str, str]] | None:
    """The block's lines as (label, value) pairs; None if any line is not one."""
    pairs: list[tuple[str, str]] = []
    for line in block.split("\n"):
        found = _FIELD.fullmatch(line.strip())
        if found is None:
            return None
        pairs.append((found["label"].strip(), (found["value"] or "").strip()))
    return pairs
