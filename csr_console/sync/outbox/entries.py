"""The outbox as the UI and the runner read it: an action's row with its payload decoded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Row

from csr_console.sync.outbox.actions import Action, from_payload


class ActionState(StrEnum):
    PENDING = "pending"  # waiting to run, or to run again at `next_attempt_at` (then `message` says why)
    RUNNING = "running"  # a runner is carrying it out now
    DONE = "done"
    FAILED = "failed"  # the server refused it; `message` is its answer. Retry or cancel.
    CONFLICT = "conflict"  # the booking or lead was closed by someone else; `message` says how
    CANCELLED = "cancelled"


#: States in which an action still holds its target (a second closing action is refused meanwhile).
UNFINISHED = (ActionState.PENDING, ActionState.RUNNING, ActionState.FAILED)


class StepState(StrEnum):
    IN_FLIGHT = "in_flight"  # written before the request: on restart, its outcome must be looked up
    DONE = "done"


@dataclass(frozen=True)
class OutboxEntry:
    id: str
    kind: str
    target_kind: str
    target_id: int
    action: Action
    state: ActionState
    results: dict[str, Any]
    attempts: int
    next_attempt_at: datetime | None
    message: str | None
    conflict: dict[str, Any] | None
    actor: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    @property
    def retrying(self) -> bool:
        """Pending after a failed attempt: the UI shows it as retrying, with `message`."""
        return self.state is ActionState.PENDING and self.attempts > 0 and self.message is not None


def entry_from_row(row: Row[Any]) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        kind=row.kind,
        target_kind=row.target_kind,
        target_id=row.target_id,
        action=from_payload(row.kind, row.payload),
        state=ActionState(row.state),
        results=dict(row.results or {}),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        message=row.message,
        conflict=row.conflict,
        actor=row.actor,
        created_at=row.created_at,
        updated_at=row.updated_at,
        finished_at=row.finished_at,
    )


@dataclass(frozen=True)
class StepRecord:
    """One step of an action as `outbox_step` holds it. While in flight, `result` holds what the step
    noted before sending (e.g. the lead's modifiedOn), which its lookup compares against."""

    step: str
    state: StepState
    tag: str
    result: dict[str, Any]
    started_at: datetime
