"""The API operations, one module per ServiceTitan module and resource family."""

from __future__ import annotations

from csr_console.sandbox.http import Operation
from csr_console.sandbox.routes import (
    crm_bookings,
    crm_contacts,
    crm_customers,
    crm_leads,
    crm_locations,
    dispatch,
    jbce,
    jpm,
    marketing,
    scheduling_pro,
    settings,
)

MODULES = (
    crm_bookings,
    crm_customers,
    crm_locations,
    crm_contacts,
    crm_leads,
    jpm,
    settings,
    marketing,
    jbce,
    dispatch,
    scheduling_pro,
)


def all_operations() -> list[Operation]:
    return [operation for module in MODULES for operation in module.registry.operations]
