"""Bulk upserts of remote records: one statement per page, an older copy never overwrites a newer one.

`upsert` inserts new rows and updates existing ones only when the incoming `modified_on` is newer
than the stored one: the overlap of a `modifiedOnOrAfter` poll, a page that arrives out of order, or a
stale read after a local action all leave the newer copy in place. It answers the ids that actually
changed, which is what change notifications carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, update
from sqlalchemy.dialects.sqlite import insert

from csr_console.gil import pause
from csr_console.store import schema
from csr_console.store.rows import Row

#: Rows per INSERT statement of an upsert (SQLAlchemy's default is 1,000).
UPSERT_BATCH_ROWS = 100
#: Columns set once, when the cache first stores a record, and never by a later upsert.
_SET_ONCE = {"received_at", "lag_ms", "contacts_synced_at"}


def upsert(connection: Connection, table: Table, rows: Sequence[Row]) -> list[Any]:
    """Insert or update `rows`; answer the primary keys that changed (a scalar, or a tuple if composite)."""
    if not rows:
        return []
    keys = [column.name for column in table.primary_key.columns]
    statement = insert(table)
    changing = {
        name: statement.excluded[name] for name in rows[0] if name not in keys and name not in _SET_ONCE
    }
    guarded = statement.on_conflict_do_update(
        index_elements=keys,
        set_=changing,
        where=statement.excluded.modified_on > table.c.modified_on,
    ).returning(*(table.c[name] for name in keys))
    # Multi-row INSERTs of a few rows each: binding one statement's parameters is a C loop that holds
    # the GIL (1,000 bookings: ~35,000 values), and between two the GUI thread gets its turn.
    changed: list[Any] = []
    for first in range(0, len(rows), UPSERT_BATCH_ROWS):
        pause()
        result = connection.execute(guarded, list(rows[first : first + UPSERT_BATCH_ROWS]))
        changed += (row[0] for row in result) if len(keys) == 1 else (tuple(row) for row in result)
    return changed


def replace_booking_contacts(
    connection: Connection, booking_id: int, rows: Sequence[Row], fetched_at: datetime
) -> bool:
    """Make the cache's contacts of one booking what the server answered; True if anything changed."""
    before = {
        (r.id, r.type, r.value, r.memo)
        for r in connection.execute(
            schema.booking_contact.select().where(schema.booking_contact.c.booking_id == booking_id)
        )
    }
    after = {(r["id"], r["type"], r["value"], r["memo"]) for r in rows}
    if before != after:
        connection.execute(
            delete(schema.booking_contact).where(schema.booking_contact.c.booking_id == booking_id)
        )
        if rows:
            connection.execute(insert(schema.booking_contact), list(rows))
    connection.execute(
        update(schema.booking).where(schema.booking.c.id == booking_id).values(contacts_synced_at=fetched_at)
    )
    return before != after
