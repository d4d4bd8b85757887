"""The runner's bookkeeping in the cache: which actions are due, claiming one, its steps (in flight
before a request, done after it), rescheduling after a failure, and finishing.

Plain synchronous functions on the engine; the runner calls them in a worker thread. Every write is
its own committed transaction (synchronous=FULL): a step marked in flight is on disk before its
request leaves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, delete, insert, literal_column, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from csr_console.store import schema
from csr_console.sync.outbox.entries import ActionState, OutboxEntry, StepRecord, StepState, entry_from_row
from csr_console.sync.outbox.journal import write_journal

_actions = schema.outbox_action
_steps = schema.outbox_step
# Queue order: by time queued, then by insertion (SQLite's rowid) for actions queued in the same instant.
QUEUE_ORDER: tuple[ColumnElement[Any], ...] = (_actions.c.created_at, literal_column("outbox_action.rowid"))

Target = tuple[str, int]


@dataclass(frozen=True)
class Schedule:
    """What the runner may start now, and when it should look again."""

    due: list[tuple[Target, str]]  # (target, action id) whose oldest unfinished action is due, oldest first
    next_due_at: datetime | None


def schedule(db: Engine, now: datetime) -> Schedule:
    """Actions run one at a time per target and in the order they were queued: only the oldest
    unfinished action of a target may start, and while it waits to be retried, the ones behind it wait."""
    with db.connect() as connection:
        rows = connection.execute(
            select(
                _actions.c.id,
                _actions.c.target_kind,
                _actions.c.target_id,
                _actions.c.state,
                _actions.c.next_attempt_at,
            )
            .where(_actions.c.state.in_([ActionState.PENDING.value, ActionState.RUNNING.value]))
            .order_by(*QUEUE_ORDER)
        ).all()
    heads: dict[Target, Any] = {}
    for row in rows:
        heads.setdefault((row.target_kind, row.target_id), row)
    due: list[tuple[Target, str]] = []
    later: list[datetime] = []
    for target, row in heads.items():
        if row.state != ActionState.PENDING.value:
            continue
        if row.next_attempt_at is None or row.next_attempt_at <= now:
            due.append((target, row.id))
        else:
            later.append(row.next_attempt_at)
    return Schedule(due, min(later) if later else None)


def head_of(db: Engine, target: Target) -> OutboxEntry | None:
    """The oldest unfinished action of a target."""
    with db.connect() as connection:
        row = connection.execute(
            select(_actions)
            .where(
                _actions.c.target_kind == target[0],
                _actions.c.target_id == target[1],
                _actions.c.state.in_([ActionState.PENDING.value, ActionState.RUNNING.value]),
            )
            .order_by(*QUEUE_ORDER)
            .limit(1)
        ).first()
    return None if row is None else entry_from_row(row)


def claim(db: Engine, action_id: str, now: datetime) -> bool:
    """Pending -> running, counting the attempt; False if someone else changed it first (a cancel)."""
    with db.begin() as connection:
        claimed = connection.execute(
            update(_actions)
            .where(_actions.c.id == action_id, _actions.c.state == ActionState.PENDING.value)
            .values(state=ActionState.RUNNING.value, attempts=_actions.c.attempts + 1, updated_at=now)
        ).rowcount
    return claimed == 1


def release_running(db: Engine, now: datetime) -> list[str]:
    """Actions a stopped runner left running become pending and due: their steps say where to resume."""
    with db.begin() as connection:
        ids = list(
            connection.execute(
                select(_actions.c.id).where(_actions.c.state == ActionState.RUNNING.value)
            ).scalars()
        )
        if ids:
            connection.execute(
                update(_actions)
                .where(_actions.c.id.in_(ids))
                .values(state=ActionState.PENDING.value, next_attempt_at=None, updated_at=now)
            )
    return ids


def expedite(db: Engine, now: datetime) -> None:
    """Make every action waiting out a back-off due now (the connection came back: no point waiting).

    Only actions already attempted: one never attempted waits for the end of its hold (the CSR's time
    to undo it), which an outage must not cut short."""
    with db.begin() as connection:
        connection.execute(
            update(_actions)
            .where(
                _actions.c.state == ActionState.PENDING.value,
                _actions.c.attempts > 0,
                _actions.c.next_attempt_at > now,
            )
            .values(next_attempt_at=now)
        )


# -- steps -----------------------------------------------------------------------------------------
def steps_of(db: Engine, action_id: str) -> dict[str, StepRecord]:
    with db.connect() as connection:
        rows = connection.execute(select(_steps).where(_steps.c.action_id == action_id)).all()
    return {
        row.step: StepRecord(row.step, StepState(row.state), row.tag, dict(row.result or {}), row.started_at)
        for row in rows
    }


def mark_in_flight(
    db: Engine, action_id: str, step: str, tag: str, note: dict[str, Any], now: datetime
) -> StepRecord:
    """Written and committed before the step's request: found later, it means "look the tag up first"."""
    with db.begin() as connection:
        connection.execute(delete(_steps).where(_steps.c.action_id == action_id, _steps.c.step == step))
        connection.execute(
            insert(_steps).values(
                action_id=action_id,
                step=step,
                state=StepState.IN_FLIGHT.value,
                tag=tag,
                result=note,
                started_at=now,
            )
        )
    return StepRecord(step, StepState.IN_FLIGHT, tag, note, now)


def mark_done(db: Engine, action_id: str, step: str, tag: str, result: dict[str, Any], now: datetime) -> None:
    """The step's effect exists: keep its ids, and merge them into the action's results."""
    with db.begin() as connection:
        statement = sqlite_insert(_steps).values(
            action_id=action_id,
            step=step,
            state=StepState.DONE.value,
            tag=tag,
            result=result,
            started_at=now,
            finished_at=now,
        )
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[_steps.c.action_id, _steps.c.step],
                set_={"state": StepState.DONE.value, "result": result, "finished_at": now},
            )
        )
        results = connection.execute(
            select(_actions.c.results).where(_actions.c.id == action_id)
        ).scalar_one()
        connection.execute(
            update(_actions)
            .where(_actions.c.id == action_id)
            .values(results={**(results or {}), **result}, updated_at=now)
        )


def forget_step(db: Engine, action_id: str, step: str) -> None:
    """The server refused the step's request: nothing happened, nothing to look up later."""
    with db.begin() as connection:
        connection.execute(delete(_steps).where(_steps.c.action_id == action_id, _steps.c.step == step))


# -- ends of an attempt ------------------------------------------------------------------------------
def reschedule(db: Engine, action_id: str, at: datetime, message: str, now: datetime) -> None:
    """Back to pending until `at`, saying why (the UI shows it as retrying)."""
    with db.begin() as connection:
        connection.execute(
            update(_actions)
            .where(_actions.c.id == action_id)
            .values(state=ActionState.PENDING.value, next_attempt_at=at, message=message, updated_at=now)
        )


def release(db: Engine, action_id: str, now: datetime) -> None:
    """The runner stopped in the middle: pending again, due at once on its next start."""
    with db.begin() as connection:
        connection.execute(
            update(_actions)
            .where(_actions.c.id == action_id, _actions.c.state == ActionState.RUNNING.value)
            .values(state=ActionState.PENDING.value, next_attempt_at=None, updated_at=now)
        )


@dataclass(frozen=True)
class Ending:
    """How an action finished."""

    state: ActionState
    results: dict[str, Any]
    message: str | None = None
    conflict: dict[str, Any] | None = None


def finish(
    db: Engine,
    entry: OutboxEntry,
    ending: Ending,
    now: datetime,
    also: Callable[[Connection], object] | None = None,
) -> None:
    """One transaction: `also` (the fresh copies of the records the action touched), the action's final
    state, its journal row. So the queue shows the outcome and the records it changed at the same time.

    At a conflict, the in-flight mark of the closing step was looked up and found not applied: it goes.
    """
    with db.begin() as connection:
        if also is not None:
            also(connection)
        connection.execute(
            update(_actions)
            .where(_actions.c.id == entry.id)
            .values(
                state=ending.state.value,
                results=ending.results,
                message=ending.message,
                conflict=ending.conflict,
                next_attempt_at=None,
                updated_at=now,
                finished_at=now,
            )
        )
        if ending.state is ActionState.CONFLICT:
            connection.execute(
                delete(_steps).where(
                    _steps.c.action_id == entry.id, _steps.c.state == StepState.IN_FLIGHT.value
                )
            )
        write_journal(
            connection,
            at=now,
            actor=entry.actor,
            action_id=entry.id,
            kind=entry.kind,
            target_kind=entry.target_kind,
            target_id=entry.target_id,
            result=ending.state.value,
            detail=ending.message,
        )
