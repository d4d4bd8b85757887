"""What the queue's cells say: the age clock, the requested time, the job type and the outbox badge
as text, from a QueueRow and the time now. No widgets here (only QCoreApplication.translate), so the
wording is tested on its own."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from csr_console.store.queries.outbox import OutboxBadge
from csr_console.store.queries.queue import QueueRow
from csr_console.ui.phrases import shown
from csr_console.ui.words import state_word

NO_PREFERRED_TIME = QT_TRANSLATE_NOOP("QueueCells", "no preferred time")
RECLASSIFY = QT_TRANSLATE_NOOP("QueueCells", "Unknown — reclassify")


def age_seconds(row: QueueRow, now: datetime) -> float:
    return max(0.0, (now - row.created_on).total_seconds())


def age_text(seconds: float) -> str:
    """'45s', '4m 07s', '2h 05m', '3d 4h': the two units a CSR needs at a glance."""
    whole = int(seconds)
    minutes, secs = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return QCoreApplication.translate("QueueCells", "{days}d {hours}h").format(days=days, hours=hours)
    if hours:
        return QCoreApplication.translate("QueueCells", "{hours}h {minutes:02d}m").format(
            hours=hours, minutes=minutes
        )
    if minutes:
        return QCoreApplication.translate("QueueCells", "{minutes}m {seconds:02d}s").format(
            minutes=minutes, seconds=secs
        )
    return QCoreApplication.translate("QueueCells", "{seconds}s").format(seconds=secs)


def local_time_text(moment: datetime, tz: tzinfo | None) -> str:
    """'Sat Nov 21, 9:00 AM' in the CSR's zone (`tz` None: the machine's own)."""
    local = moment.astimezone(tz)
    return f"{local:%a %b} {local.day}, {local.hour % 12 or 12}:{local:%M %p}"


def requested_text(row: QueueRow, tz: tzinfo | None) -> str:
    if row.start is None:
        return QCoreApplication.translate("QueueCells", NO_PREFERRED_TIME)
    return local_time_text(row.start, tz)


def place_text(row: QueueRow) -> str:
    return " ".join(part for part in (row.city, row.zip) if part)


def job_type_text(row: QueueRow) -> str:
    if row.needs_reclassification:
        return QCoreApplication.translate("QueueCells", RECLASSIFY)
    # A job type the reference feed has not brought yet: its id until it does.
    return row.job_type_name or QCoreApplication.translate("QueueCells", "Job type {id}").format(
        id=row.job_type_id
    )


def _counted(state: str, count: int) -> str:
    word = state_word(state)
    if count <= 1:
        return word
    return QCoreApplication.translate("QueueCells", "{state} ×{count}").format(state=word, count=count)


def outbox_text(badge: OutboxBadge) -> str:
    """The most urgent open action (conflict, failed, pending). A conflict or failure says the server's
    words on the row itself: the CSR must act on it."""
    message = shown("OutboxMessages", badge.message) if badge.message else ""
    said = f": {message}" if message and badge.state in ("conflict", "failed") else ""
    if badge.conflict:
        return _counted("conflict", badge.conflict) + said
    if badge.failed:
        return _counted("failed", badge.failed) + said
    return _counted("pending", badge.pending)


def outbox_tooltip(badge: OutboxBadge) -> str:
    action = badge.kind.replace("_", " ")
    detail = f": {shown('OutboxMessages', badge.message)}" if badge.message else ""
    return f"{action} — {state_word(badge.state)}{detail}"


def badge_text(row: QueueRow) -> str:
    """The row's open actions (`outbox_text`), else the job number once converted."""
    if row.badge is not None:
        return outbox_text(row.badge)
    if not row.job_number:
        return ""
    return QCoreApplication.translate("QueueCells", "Job {number}").format(number=row.job_number)


def badge_tooltip(row: QueueRow) -> str:
    if row.badge is None:
        if not row.job_number:
            return ""
        return QCoreApplication.translate("QueueCells", "Converted to job {number}").format(
            number=row.job_number
        )
    return outbox_tooltip(row.badge)
