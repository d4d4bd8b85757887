"""Records a feed could not read: kept raw in `quarantine` with the reason, while the rest of their page is
stored. A quarantined record that later arrives valid is simply upserted by its feed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, exists, insert, select

from csr_console.api.models.common import Rejected
from csr_console.store.schema import quarantine


def quarantine_rejected(
    connection: Connection, feed: str, rejected: Sequence[Rejected], at: datetime
) -> None:
    """Store each rejected record once (a poll's overlap brings the same bad copy back)."""
    for item in rejected:
        record_id = None if item.error.record_id is None else str(item.error.record_id)
        payload = json.dumps(item.raw, separators=(",", ":"), ensure_ascii=False, default=str)
        kind = item.error.kind
        already = connection.execute(
            select(
                exists().where(
                    quarantine.c.kind == kind,
                    quarantine.c.record_id.is_not_distinct_from(record_id),
                    quarantine.c.payload == payload,
                )
            )
        ).scalar()
        if already:
            continue
        connection.execute(
            insert(quarantine).values(
                feed=feed,
                kind=kind,
                record_id=record_id,
                reason=_reason(item),
                payload=payload,
                received_at=at,
            )
        )


def _reason(item: Rejected) -> str:
    """The PayloadError's message, with every problem spelled out when it says "(+n more)"."""
    problems = item.error.problems
    return str(item.error) if len(problems) < 2 else f"{item.error}: {'; '.join(problems)}"
