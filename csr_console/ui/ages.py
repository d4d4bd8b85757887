"""How old the data shown is, in words: the status bar and the offline banner say it the same way."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication


def clock_time(at: datetime) -> str:
    """`at` as the local time of day, to the second."""
    return at.astimezone().strftime("%H:%M:%S")


def age_words(at: datetime, now: datetime) -> str:
    """How long before `now` `at` was: "under a minute old", "12 min old", "3 h old"."""
    minutes = int((now - at).total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("Ages", "under a minute old")
    if minutes < 120:
        return QCoreApplication.translate("Ages", "{minutes} min old").format(minutes=minutes)
    return QCoreApplication.translate("Ages", "{hours} h old").format(hours=minutes // 60)
