"""The audit journal: one row per thing that happened to a CSR action (queued, done, failed, conflict,
cancelled, retried), written in the same transaction as the change it records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert

from csr_console.store import schema


def write_journal(
    connection: Connection,
    *,
    at: datetime,
    actor: str | None,
    action_id: str,
    kind: str,
    target_kind: str,
    target_id: int,
    result: str,
    detail: str | None = None,
) -> None:
    connection.execute(
        insert(schema.journal).values(
            at=at,
            actor=actor,
            action_id=action_id,
            action=kind,
            target_kind=target_kind,
            target_id=target_id,
            result=result,
            detail=detail,
        )
    )
