"""A record's actions in the outbox: the badge a queue row shows, and the full list a detail pane shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, literal_column, select

from csr_console.domain.words import Phrase
from csr_console.store.schema import outbox_action

#: States of an action that still needs the engine or the CSR: the ones a badge shows.
OPEN_STATES = ("pending", "running", "failed", "conflict")
#: The order a badge picks its action in: what needs the CSR first, then what is under way.
_URGENCY = {"conflict": 0, "failed": 1, "running": 2, "pending": 3}


@dataclass(frozen=True, slots=True)
class OutboxBadge:
    """A record's open actions: the most urgent one (state and message) and how many are in each state."""

    action_id: str
    kind: str
    state: str
    message: str | None
    pending: int  # pending or running
    failed: int
    conflict: int


@dataclass(frozen=True, slots=True)
class ActionSummary:
    id: str
    kind: str
    state: str
    message: str | None
    conflict: Mapping[str, Any] | None
    actor: str | None
    attempts: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


def _rarely(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """`condition`, marked for SQLite's planner as true of few rows. Open actions are a handful among
    the finished history, but the planner's statistics (averages per state) cannot tell, and it would
    read the whole history through the (target_kind, target_id) index instead."""
    return func.likelihood(condition, literal_column("0.01"))


def said(message: str | None, conflict: dict[str, Any] | None) -> str | None:
    """An action's message; a conflict's as the Phrase it was written from (its "words"), so the UI can
    say it in the CSR's language. Messages of failures are the server's words, kept as they came."""
    words = (conflict or {}).get("words")
    if not isinstance(words, dict) or not isinstance(words.get("template"), str):
        return message
    values = words.get("values")
    try:
        return Phrase(words["template"], **{str(k): str(v) for k, v in (values or {}).items()})
    except (KeyError, IndexError, ValueError):  # a template that does not fit its values: as stored
        return message


def open_badges(connection: Connection, target_kind: str) -> dict[int, OutboxBadge]:
    """The badge of every record of a kind ('booking' or 'lead') with open actions, by record id.

    Open actions are few whatever the size of the cache, so all of them are read at once and the
    queue's rows pick theirs by id: joining them in SQL cost a scan of them per booking."""
    action = outbox_action.c
    rows = connection.execute(
        select(action.target_id, action.id, action.kind, action.state, action.message, action.conflict)
        .where(_rarely(action.state.in_(OPEN_STATES)), action.target_kind == target_kind)
        .order_by(action.target_id, case(_URGENCY, value=action.state), action.created_at.desc(), action.id)
    )
    found: dict[int, OutboxBadge] = {}
    for target_id, actions in groupby(rows, key=lambda row: row.target_id):
        group = list(actions)
        first, states = group[0], Counter(row.state for row in group)
        found[target_id] = OutboxBadge(
            action_id=first.id,
            kind=first.kind,
            state=first.state,
            message=said(first.message, first.conflict),
            pending=states["pending"] + states["running"],
            failed=states["failed"],
            conflict=states["conflict"],
        )
    return found


def action_history(connection: Connection, target_kind: str, target_id: int) -> tuple[ActionSummary, ...]:
    """Every action on a record, newest first, finished ones included (the detail pane's history)."""
    action = outbox_action.c
    rows = connection.execute(
        select(outbox_action)
        .where(action.target_kind == target_kind, action.target_id == target_id)
        .order_by(action.created_at.desc(), action.id)
    )
    return tuple(
        ActionSummary(
            id=row.id,
            kind=row.kind,
            state=row.state,
            message=said(row.message, row.conflict),
            conflict=row.conflict,
            actor=row.actor,
            attempts=row.attempts,
            created_at=row.created_at,
            updated_at=row.updated_at,
            finished_at=row.finished_at,
        )
        for row in rows
    )
