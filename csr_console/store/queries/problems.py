"""The outbox's problems: every action that needs the CSR (failed: the server refused it; conflict: the
booking or lead was closed by someone else), with the name of the customer it is for, what the server
said and when. The Problems list shows them with the choices that resolve each one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select

from csr_console.store.queries.outbox import said
from csr_console.store.schema import booking, customer, lead, outbox_action

#: The states of an action the CSR must resolve (retry, change, or discard).
PROBLEM_STATES = ("failed", "conflict")


@dataclass(frozen=True, slots=True)
class Problem:
    action_id: str
    kind: str  # accept_booking, dismiss_booking, capture_lead, ...
    state: str  # failed | conflict
    target_kind: str  # booking | lead | new_lead
    target_id: int
    #: Whom it is for: the booking's or lead's customer, the name entered on a new lead ("" if none).
    name: str
    message: str | None
    conflict: dict[str, Any] | None
    actor: str | None
    created_at: datetime
    updated_at: datetime


def problems(connection: Connection) -> tuple[Problem, ...]:
    """Every failed or conflicting action, oldest first (a stable order: new problems come last)."""
    action = outbox_action.c
    lead_customer = customer.alias("lead_customer")
    name = func.coalesce(booking.c.name, lead_customer.c.name, lead.c.lead_customer_name)
    rows = connection.execute(
        select(
            action.id,
            action.kind,
            action.state,
            action.target_kind,
            action.target_id,
            action.payload,
            action.message,
            action.conflict,
            action.actor,
            action.created_at,
            action.updated_at,
            name.label("name"),
        )
        .select_from(
            outbox_action.outerjoin(
                booking, and_(action.target_kind == "booking", booking.c.id == action.target_id)
            )
            .outerjoin(lead, and_(action.target_kind == "lead", lead.c.id == action.target_id))
            .outerjoin(lead_customer, lead_customer.c.id == lead.c.customer_id)
        )
        .where(action.state.in_(PROBLEM_STATES))
        .order_by(action.created_at, action.id)
    )
    return tuple(
        Problem(
            action_id=row.id,
            kind=row.kind,
            state=row.state,
            target_kind=row.target_kind,
            target_id=row.target_id,
            name=row.name or _entered_name(row.payload),
            message=said(row.message, row.conflict),
            conflict=row.conflict,
            actor=row.actor,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for row in rows
    )


def _entered_name(payload: dict[str, Any] | None) -> str:
    """A lead made by hand has no record to name it yet: the name the CSR entered, else its summary."""
    if not payload:
        return ""
    return str(payload.get("name") or payload.get("summary") or "")
