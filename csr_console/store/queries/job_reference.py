"""What a job is booked with, for the accept wizard: job types (with the business units that may book them
and their usual priority and length), business units and technicians; active ones, by name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from csr_console.domain.job_types import is_unknown
from csr_console.store.queries.choices import Choice
from csr_console.store.schema import business_unit, job_type, technician


@dataclass(frozen=True, slots=True)
class JobTypeChoice:
    id: int
    name: str
    business_unit_ids: tuple[int, ...]  # empty: any business unit may book it
    priority: str | None
    duration_s: int | None

    @property
    def unknown(self) -> bool:
        return is_unknown(self.name)


@dataclass(frozen=True, slots=True)
class TechnicianChoice:
    id: int
    name: str
    business_unit_id: int | None


def job_types(connection: Connection) -> list[JobTypeChoice]:
    c = job_type.c
    rows = connection.execute(
        select(c.id, c.name, c.business_unit_ids, c.priority, c.duration)
        .where(c.active)
        .order_by(c.name, c.id)
    )
    return [
        JobTypeChoice(row.id, row.name, tuple(row.business_unit_ids or ()), row.priority, row.duration)
        for row in rows
    ]


def business_units(connection: Connection) -> list[Choice]:
    c = business_unit.c
    rows = connection.execute(select(c.id, c.name).where(c.active).order_by(c.name, c.id))
    return [Choice(row.id, row.name) for row in rows]


def technicians(connection: Connection) -> list[TechnicianChoice]:
    c = technician.c
    rows = connection.execute(select(c.id, c.name, c.business_unit_id).where(c.active).order_by(c.name, c.id))
    return [TechnicianChoice(row.id, row.name, row.business_unit_id) for row in rows]
