"""What the status bar shows from the cache: the outbox's open counts, the current delivery lag, and when
the cache was last brought up to date (the time an offline console's data is from)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, func, select

from csr_console.store.queries.outbox import OPEN_STATES
from csr_console.store.schema import booking, outbox_action, sync_cursor

#: The delivery lag is the median over this many of the newest bookings...
LAG_SAMPLE = 20
#: ...created within this window (and since the console started: what a first sync copies tells how old
#: the history is, not how fast a booking is delivered).
LAG_WINDOW = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    pending: int  # pending or running
    failed: int
    conflict: int


def outbox_counts(connection: Connection) -> OutboxCounts:
    state = outbox_action.c.state
    rows = connection.execute(select(state, func.count()).where(state.in_(OPEN_STATES)).group_by(state))
    counts: dict[str, int] = {row[0]: row[1] for row in rows}
    return OutboxCounts(
        pending=counts.get("pending", 0) + counts.get("running", 0),
        failed=counts.get("failed", 0),
        conflict=counts.get("conflict", 0),
    )


def delivery_lag_ms(connection: Connection, now: datetime, since: datetime) -> int | None:
    """The median createdOn -> stored lag of the newest bookings created after `since` (the console's
    start) and within the window; None when none arrived."""
    lags = (
        connection.execute(
            select(booking.c.lag_ms)
            .where(booking.c.created_on >= max(now - LAG_WINDOW, since))
            .order_by(booking.c.created_on.desc())
            .limit(LAG_SAMPLE)
        )
        .scalars()
        .all()
    )
    return int(statistics.median(lags)) if lags else None


def last_sync_at(connection: Connection) -> datetime | None:
    """When a feed last stored something: how old the cache is when the server cannot be reached."""
    return connection.execute(select(func.max(sync_cursor.c.last_success_at))).scalar_one_or_none()
