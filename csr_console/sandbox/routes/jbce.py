"""JBCE call reasons: why a customer called. Dismissing a booking names one; ``isLead`` marks the reasons
that make the call a lead worth following up."""

from __future__ import annotations

from typing import Any

from csr_console.sandbox.http import Ctx, Registry, ok
from csr_console.sandbox.lists import active_filter, list_records
from csr_console.sandbox.store import Store

registry = Registry()

JBCE = "/jbce/v2/tenant/{tenant}"


def create_call_reason(
    store: Store, name: str, is_lead: bool, stamp: str, *, active: bool = True
) -> dict[str, Any]:
    """A call reason, e.g. ("Price shopping", is_lead=True) or ("Wrong number", is_lead=False)."""
    doc = {
        "id": store.next_id(),
        "name": name,
        "isLead": is_lead,
        "active": active,
        "createdOn": stamp,
        "modifiedOn": stamp,
    }
    store.insert("call_reason", doc, name=name, active=active)
    return doc


@registry.route("GET", JBCE + "/call-reasons")
def list_call_reasons(ctx: Ctx) -> Any:
    return ok(list_records(ctx, "call_reason", active_filter(ctx)))
