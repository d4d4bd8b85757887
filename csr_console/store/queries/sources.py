"""The booking sources the queue's source filter offers."""

from __future__ import annotations

from sqlalchemy import Connection, select

from csr_console.store.schema import booking


def booking_sources(connection: Connection) -> list[str]:
    """Every source name the cached bookings carry, in alphabetical order. Read from the bookings
    rather than the booking-provider tags: the filter compares `booking.source`, which partners fill
    in themselves and which need not be a tag's name."""
    statement = select(booking.c.source).where(booking.c.active).distinct().order_by(booking.c.source)
    return list(connection.scalars(statement))
