"""Rows for the cache's tables with every required column filled, for query tests to state only what
they are about. Times default to T0; contacts get their normalised form as the row builders give it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table

from csr_console.domain.contacts import normalized_contact

T0 = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)

Row = dict[str, Any]
_ADDRESS = {"street": None, "unit": None, "city": None, "state": None, "zip": None, "country": None}


def _stamps(fields: Row) -> Row:
    """Created (and last modified) at T0 unless `fields` say when it was created."""
    created = fields.get("created_on", T0)
    return {"created_on": created, "modified_on": created, "active": True}


def booking(id: int, **fields: Any) -> Row:
    return {
        "id": id,
        "booking_provider_id": 1,
        "source": "Angi",
        "name": f"Customer {id}",
        "status": "New",
        "job_type_id": None,
        **_ADDRESS,
        **_stamps(fields),
        "received_at": fields.get("created_on", T0),
        "lag_ms": 0,
        **fields,
    }


def booking_contact(id: int, booking_id: int, type: str, value: str) -> Row:
    return {
        "id": id,
        "booking_id": booking_id,
        "type": type,
        "value": value,
        "normalized": normalized_contact(type, value),
        "modified_on": T0,
    }


def customer(id: int, name: str, **fields: Any) -> Row:
    return {"id": id, "name": name, **_ADDRESS, **_stamps(fields), **fields}


def location(id: int, customer_id: int, name: str = "Home", **fields: Any) -> Row:
    return {"id": id, "customer_id": customer_id, "name": name, **_ADDRESS, **_stamps(fields), **fields}


def contact(owner_kind: str, id: int, owner_id: int, type: str, value: str, **fields: Any) -> Row:
    normalized = normalized_contact(type, value)
    return {
        "owner_kind": owner_kind,
        "id": id,
        "owner_id": owner_id,
        "type": type,
        "value": value,
        "normalized": normalized,
        **_stamps(fields),
        **fields,
    }


def lead(id: int, **fields: Any) -> Row:
    return {"id": id, "status": "Open", **_stamps(fields), **fields}


def job(id: int, **fields: Any) -> Row:
    return {
        "id": id,
        "job_number": str(1000 + id),
        "customer_id": 1,
        "location_id": 1,
        "job_status": "Scheduled",
        **_stamps(fields),
        **fields,
    }


def named(id: int, name: str, **fields: Any) -> Row:
    """A reference row (business unit, campaign, call reason, technician...)."""
    return {"id": id, "name": name, **_stamps(fields), **fields}


def job_type(id: int, name: str) -> Row:
    return named(id, name, business_unit_ids=[])


def call_reason(id: int, name: str, is_lead: bool = False) -> Row:
    return named(id, name, is_lead=is_lead)


def provider_tag(id: int, tag_name: str) -> Row:
    return {"id": id, "tag_name": tag_name, **_stamps({})}


def action(id: str, target_id: int, state: str, **fields: Any) -> Row:
    """An outbox action, on a booking unless `target_kind` says otherwise."""
    return {
        "id": id,
        "kind": "accept_booking",
        "target_kind": "booking",
        "target_id": target_id,
        "payload": {},
        "state": state,
        "results": {},
        "attempts": 0,
        "message": None,
        "conflict": None,
        "actor": "csr1",
        "created_at": T0,
        "updated_at": fields.get("created_at", T0),
        "finished_at": None,
        **fields,
    }


def journal(target_id: int, at: datetime, action: str, result: str = "done", **fields: Any) -> Row:
    return {
        "at": at,
        "actor": "csr1",
        "action_id": None,
        "action": action,
        "target_kind": "booking",
        "target_id": target_id,
        "result": result,
        **fields,
    }


def insert(connection: Connection, table: Table, *rows: Row) -> None:
    # One statement per row: the rows of one table may set different optional columns.
    for row in rows:
        connection.execute(table.insert().values(row))
