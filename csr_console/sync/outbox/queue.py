"""The outbox as the UI uses it: queue a CSR's action, list actions by target for the queue's badges,
retry a failed action, cancel one that has not run.

Every change is one transaction with its journal row and is published to the ChangeHub ('outbox' with
the action id, and the target's kind with its id) once committed. Queuing sends nothing: the runner
carries actions out, and is woken by the caller (`OutboxRunner.wake()`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, exists, insert, select, update

from csr_console.domain.words import Phrase, translatable
from csr_console.store import schema
from csr_console.sync.changes import ChangeHub, ChangeSet
from csr_console.sync.outbox.actions import CLOSING_KINDS, Action, to_payload
from csr_console.sync.outbox.entries import UNFINISHED, ActionState, OutboxEntry, StepState, entry_from_row
from csr_console.sync.outbox.errors import ActionRefused
from csr_console.sync.outbox.journal import write_journal
from csr_console.sync.outbox.ledger import QUEUE_ORDER

Clock = Callable[[], datetime]

_actions = schema.outbox_action
_steps = schema.outbox_step


#: What the queue says when it refuses (marked for the catalog: domain.words; the UI translates them).
_HELD = translatable(
    "OutboxMessages",
    "{target} {id} already has a {state} {holder} (action {action}): cancel it before queuing a {kind}",
)
_NOT_FAILED = translatable("OutboxMessages", "only a failed action can be retried; this one is {state}")
_NOT_CANCELLABLE = translatable("OutboxMessages", "a {state} action cannot be cancelled")
_IN_FLIGHT = translatable(
    "OutboxMessages", "its last request may have reached ServiceTitan: it can be cancelled once that is known"
)
_NO_ACTION = translatable("OutboxMessages", "no action {action} in the outbox")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def enqueue(
    db: Engine,
    action: Action,
    actor: str | None,
    *,
    changes: ChangeHub | None = None,
    clock: Clock = _utc_now,
    hold_s: float = 0,
) -> str:
    """Queue `action` as pending and journal it, before anything is sent; answers the action's id.

    `hold_s` keeps the action from being sent for that long (the CSR's chance to undo it): it is in the
    outbox at once, durable and shown pending, but not due before the hold ends.
    Refuses (ActionRefused) a second unfinished closing action on the same booking or lead, e.g. an
    accept while a dismiss of that booking is pending or failed.
    """
    payload = to_payload(action)
    action_id = str(uuid.uuid4())
    now = clock()
    with db.begin() as connection:
        if action.KIND in CLOSING_KINDS:
            _refuse_if_held(connection, action.TARGET, action.target_id, action.KIND)
        connection.execute(
            insert(_actions).values(
                id=action_id,
                kind=action.KIND,
                target_kind=action.TARGET,
                target_id=action.target_id,
                payload=payload,
                state=ActionState.PENDING.value,
                results={},
                attempts=0,
                next_attempt_at=now + timedelta(seconds=hold_s) if hold_s > 0 else None,
                actor=actor,
                created_at=now,
                updated_at=now,
            )
        )
        write_journal(
            connection,
            at=now,
            actor=actor,
            action_id=action_id,
            kind=action.KIND,
            target_kind=action.TARGET,
            target_id=action.target_id,
            result="queued",
        )
    _publish(changes, action_id, action.TARGET, action.target_id)
    return action_id


def _refuse_if_held(connection: Connection, target_kind: str, target_id: int, kind: str) -> None:
    holder = connection.execute(
        select(_actions.c.id, _actions.c.kind, _actions.c.state)
        .where(
            _actions.c.target_kind == target_kind,
            _actions.c.target_id == target_id,
            _actions.c.kind.in_(CLOSING_KINDS),
            _actions.c.state.in_([s.value for s in UNFINISHED]),
        )
        .order_by(*QUEUE_ORDER)
        .limit(1)
    ).first()
    if holder is not None:
        raise ActionRefused(
            Phrase(
                _HELD,
                target=target_kind,
                id=str(target_id),
                state=holder.state,
                holder=holder.kind.replace("_", " "),
                action=holder.id,
                kind=kind.replace("_", " "),
            )
        )


def get_action(db: Engine, action_id: str) -> OutboxEntry | None:
    with db.connect() as connection:
        row = connection.execute(select(_actions).where(_actions.c.id == action_id)).first()
    return None if row is None else entry_from_row(row)


def retry(
    db: Engine,
    action_id: str,
    actor: str | None,
    *,
    changes: ChangeHub | None = None,
    clock: Clock = _utc_now,
) -> None:
    """Put a failed action back in the queue, due now; its finished steps are not redone."""
    now = clock()
    with db.begin() as connection:
        entry = _load(connection, action_id)
        if entry.state is not ActionState.FAILED:
            raise ActionRefused(Phrase(_NOT_FAILED, state=entry.state))
        connection.execute(
            update(_actions)
            .where(_actions.c.id == action_id)
            .values(
                state=ActionState.PENDING.value,
                # A fresh start: the back-off counts from the CSR's retry (the journal keeps the history).
                attempts=0,
                next_attempt_at=None,
                message=None,
                updated_at=now,
                finished_at=None,
            )
        )
        write_journal(
            connection,
            at=now,
            actor=actor,
            action_id=action_id,
            kind=entry.kind,
            target_kind=entry.target_kind,
            target_id=entry.target_id,
            result="retried",
        )
    _publish(changes, action_id, entry.target_kind, entry.target_id)


def cancel(
    db: Engine,
    action_id: str,
    actor: str | None,
    *,
    changes: ChangeHub | None = None,
    clock: Clock = _utc_now,
) -> None:
    """Cancel a pending, failed or conflicting action. Never one in flight: a running action, or one
    whose last request may have reached the server (its outcome is looked up on the next attempt)."""
    now = clock()
    with db.begin() as connection:
        entry = _load(connection, action_id)
        allowed = (ActionState.PENDING, ActionState.FAILED, ActionState.CONFLICT)
        if entry.state not in allowed:
            raise ActionRefused(Phrase(_NOT_CANCELLABLE, state=entry.state))
        in_flight = connection.execute(
            select(
                exists().where(_steps.c.action_id == action_id, _steps.c.state == StepState.IN_FLIGHT.value)
            )
        ).scalar_one()
        if in_flight:
            raise ActionRefused(_IN_FLIGHT)
        done_steps = (
            connection.execute(
                select(_steps.c.step).where(
                    _steps.c.action_id == action_id, _steps.c.state == StepState.DONE.value
                )
            )
            .scalars()
            .all()
        )
        connection.execute(
            update(_actions)
            .where(_actions.c.id == action_id)
            .values(state=ActionState.CANCELLED.value, updated_at=now, finished_at=now)
        )
        write_journal(
            connection,
            at=now,
            actor=actor,
            action_id=action_id,
            kind=entry.kind,
            target_kind=entry.target_kind,
            target_id=entry.target_id,
            result="cancelled",
            # What was already created stays in ServiceTitan: say so where a supervisor will look.
            detail=f"already done: {', '.join(done_steps)}" if done_steps else None,
        )
    _publish(changes, action_id, entry.target_kind, entry.target_id)


def _load(connection: Connection, action_id: str) -> OutboxEntry:
    row = connection.execute(select(_actions).where(_actions.c.id == action_id)).first()
    if row is None:
        raise ActionRefused(Phrase(_NO_ACTION, action=action_id))
    return entry_from_row(row)


def _publish(changes: ChangeHub | None, action_id: str, target_kind: str, target_id: int) -> None:
    if changes is not None:
        changes.publish_set(
            ChangeSet({"outbox": frozenset({action_id}), target_kind: frozenset({target_id})})
        )
