"""Tag types in the cache: the row builder's columns and the choices a new job's tags are picked from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, insert, select

from csr_console.api.models.settings import TagType
from csr_console.store.queries.choices import Choice, tag_types
from csr_console.store.rows import tag_type_row
from csr_console.store.schema import tag_type

STAMP = "2026-11-20T15:00:00.1234567Z"


def _tag_type(id: int, name: str, **fields: Any) -> TagType:
    return TagType.model_validate(
        {"id": id, "name": name, "active": True, "createdOn": STAMP, "modifiedOn": STAMP, **fields}
    )


def test_active_tag_types_by_name(cache: Engine) -> None:
    models = [
        _tag_type(3, "Warranty", color="#2E7D32", code="WARRANTY", importance="Medium"),
        _tag_type(1, "VIP", color="#C9A227", code="VIP", importance="High"),
        _tag_type(2, "Mask required", color="#9E9E9E", active=False),
        _tag_type(4, "Pets on site", color="#EF6C00", code="PETS"),
    ]
    with cache.begin() as connection:
        connection.execute(insert(tag_type), [tag_type_row(m) for m in models])
        stored = connection.execute(select(tag_type).where(tag_type.c.id == 1)).one()
        assert (stored.name, stored.code, stored.color, stored.importance, stored.active) == (
            "VIP",
            "VIP",
            "#C9A227",
            "High",
            True,
        )
        assert stored.modified_on == models[1].modified_on

        assert tag_types(connection) == [Choice(4, "Pets on site"), Choice(1, "VIP"), Choice(3, "Warranty")]


def test_no_tag_types_yet(cache: Engine) -> None:
    with cache.connect() as connection:
        assert tag_types(connection) == []
