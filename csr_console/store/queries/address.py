"""An address as the cache stores it: six nullable parts (real data has null parts, API-NOTES.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause

PARTS = ("street", "unit", "city", "state", "zip", "country")


@dataclass(frozen=True, slots=True)
class AddressParts:
    street: str | None
    unit: str | None
    city: str | None
    state: str | None
    zip: str | None
    country: str | None


def address_columns(table: FromClause, prefix: str = "") -> list[ColumnElement[Any]]:
    """A table's address columns, labelled `prefix` + part so several addresses fit in one row."""
    return [table.c[part].label(prefix + part) for part in PARTS]


def address_from(row: Any, prefix: str = "") -> AddressParts:
    """The address in a result row, read from the columns `prefix` + part (see `address_columns`)."""
    return AddressParts(**{part: getattr(row, prefix + part) for part in PARTS})
