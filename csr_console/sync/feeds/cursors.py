"""Each feed's row in `sync_cursor`: where it resumes, how many records it stored, its last error.

A cursor is written in the same transaction as the page it follows, so a crash never leaves a cursor
ahead of rows that were not saved. `last_success_at` is when the feed last stored something (a poll
that found nothing writes nothing: the connectivity monitor knows when the server last answered).

A feed that follows several sub-feeds (Scheduling Pro sessions, one list per scheduler) keeps one
cursor per key as a JSON object in its row: `CursorSlot(feed, key)`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from csr_console.store.schema import sync_cursor


@dataclass(frozen=True)
class CursorSlot:
    """Where one (sub-)feed keeps its cursor: the `cursor` column of `feed`'s row, or the entry `key` of
    the JSON object held there."""

    feed: str
    key: str | None = None

    def read(self, connection: Connection) -> str | None:
        raw = _stored_cursor(connection, self.feed)
        if self.key is None:
            return raw
        value = _as_map(raw).get(self.key)
        return value if isinstance(value, str) else None

    def advance(self, connection: Connection, cursor: str | None, stored: int, at: datetime) -> None:
        """Save the cursor reached and count `stored` records; a success clears the last error."""
        value = cursor
        if self.key is not None:
            cursors = _as_map(_stored_cursor(connection, self.feed))
            if cursor is not None:
                cursors[self.key] = cursor
            value = json.dumps(cursors, separators=(",", ":"), sort_keys=True)
        statement = insert(sync_cursor).values(
            feed=self.feed,
            cursor=value,
            last_success_at=at,
            last_error=None,
            last_error_at=None,
            records=stored,
        )
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["feed"],
                set_={
                    "cursor": value,
                    "last_success_at": at,
                    "last_error": None,
                    "last_error_at": None,
                    "records": sync_cursor.c.records + stored,
                },
            )
        )


def record_error(connection: Connection, feed: str, message: str, at: datetime) -> None:
    statement = insert(sync_cursor).values(feed=feed, last_error=message, last_error_at=at, records=0)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["feed"], set_={"last_error": message, "last_error_at": at}
        )
    )


def clear_error(connection: Connection, feed: str) -> None:
    connection.execute(
        sync_cursor.update().where(sync_cursor.c.feed == feed).values(last_error=None, last_error_at=None)
    )


def _stored_cursor(connection: Connection, feed: str) -> str | None:
    return connection.execute(select(sync_cursor.c.cursor).where(sync_cursor.c.feed == feed)).scalar()


def _as_map(raw: str | None) -> dict[str, object]:
    if not raw:
        return {}
    value = json.loads(raw)
    return value if isinstance(value, dict) else {}
