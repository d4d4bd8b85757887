"""Source marks: our own neutral SVG per booking source (initials on a colour), in resources/marks/,
named by a slug of the source's name. A logo file of the same name in the user's data directory
(<data dir>/marks/angi.svg or .png) replaces ours, so a company can show its partners' real logos
without us shipping them."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from csr_console.resource_files import resource_dir
from csr_console.store.database import data_dir

BUILT_IN = resource_dir() / "marks"
#: The mark of a source we have none for (a partner added after this release).
UNKNOWN = "unknown-source"
#: Logo formats a user may drop in, in order of preference.
_SUFFIXES = (".svg", ".png")


def slug(source: str) -> str:
    """'The Home Depot' -> 'the-home-depot', 'SmartAC.com' -> 'smartac-com'."""
    return re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")


def user_marks_dir() -> Path:
    return data_dir() / "marks"


def mark_path(source: str, user_dir: Path | None = None) -> Path:
    """The file to show for `source`: the user's logo, else ours, else the unknown-source mark."""
    name = slug(source)
    for folder in (user_dir or user_marks_dir(), BUILT_IN):
        for suffix in _SUFFIXES:
            candidate = folder / f"{name}{suffix}"
            try:
                if candidate.is_file():
                    return candidate
            except OSError:  # no such file can exist: a source name past the file-name limit (255 bytes)
                continue
    return BUILT_IN / f"{UNKNOWN}.svg"


@cache
def mark_icon(source: str) -> QIcon:
    """The source's mark as an icon, loaded once per source for the life of the process."""
    return QIcon(str(mark_path(source)))
