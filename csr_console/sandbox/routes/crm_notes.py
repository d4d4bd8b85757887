"""Notes on customers, locations and leads (``customer_note``, ``location_note``, ``lead_note``; parent_id =
the record noted): one NoteResponse shape and one way to write, list and delete them."""

from __future__ import annotations

from typing import Any

from csr_console.sandbox.http import Body, Ctx, not_found
from csr_console.sandbox.lists import list_records
from csr_console.sandbox.routes.jpm import API_USER_ID
from csr_console.sandbox.store import Store, record


def add_note(
    store: Store,
    kind: str,
    parent_id: int,
    text: str,
    stamp: str,
    *,
    pinned: bool = False,
    created_by_id: int = API_USER_ID,
) -> dict[str, Any]:
    """A note of ``kind`` ("customer_note", "location_note" or "lead_note") on record ``parent_id``."""
    doc = {
        "id": store.next_id(),
        "text": text,
        "isPinned": pinned,
        "createdById": created_by_id,
        "createdOn": stamp,
        "modifiedOn": stamp,
    }
    store.insert(kind, doc, parent_id=parent_id)
    return doc


def read_note(body: Body) -> tuple[str, bool]:
    """The text and pinToTop of a note create request."""
    text = body.str("text", required=True, allow_empty=False, max_len=10000)
    pinned = bool(body.bool("pinToTop"))
    return text, pinned


def list_notes(ctx: Ctx, kind: str, parent_id: int) -> dict[str, Any]:
    """The paged notes of one record, newest rules of every list (date filters, paging)."""
    return list_records(ctx, kind, [record.c.parent_id == parent_id])


def delete_note(store: Store, kind: str, parent_id: int, note_id: int) -> None:
    """Delete a note of this record; a note of another record does not exist here (404)."""
    row = store.get_row(kind, note_id)
    if row is None or row.parent_id != parent_id:
        raise not_found("Note", note_id)
    store.remove(kind, note_id)
