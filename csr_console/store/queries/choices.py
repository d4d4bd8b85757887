"""The reference data a CSR picks from in dialogs: call reasons, campaigns and tag types, active ones,
by name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from csr_console.store.schema import call_reason, campaign, tag_type


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    name: str


def call_reasons(connection: Connection, *, lead: bool) -> list[Choice]:
    """Active call reasons that keep a lead (`lead`) or that close a booking without one."""
    c = call_reason.c
    rows = connection.execute(select(c.id, c.name).where(c.active, c.is_lead == lead).order_by(c.name, c.id))
    return [Choice(row.id, row.name) for row in rows]


def campaigns(connection: Connection) -> list[Choice]:
    c = campaign.c
    rows = connection.execute(select(c.id, c.name).where(c.active).order_by(c.name, c.id))
    return [Choice(row.id, row.name) for row in rows]


def tag_types(connection: Connection) -> list[Choice]:
    """Active tag types a new job can carry (`tagTypeIds`)."""
    t = tag_type.c
    rows = connection.execute(select(t.id, t.name).where(t.active).order_by(t.name, t.id))
    return [Choice(row.id, row.name) for row in rows]
