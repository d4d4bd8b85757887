"""The answer key for duplicate detection: which incoming bookings belong to existing customers.

About 15% of the bookings the seed, ``bulk_bookings`` and the simulator create come from customers already
on file, typed a little differently (a nickname, "Last, First", a missing unit, "Street" for "St", the
phone formatted differently or their other phone, the email's case...). Each is recorded, sandbox-only,
as a record of kind ``booking_duplicate`` in the ``record`` table:

    record.kind      = 'booking_duplicate'
    record.id        = the booking's id
    record.parent_id = the customer's id
    record.doc       = {"bookingId", "customerId", "locationId", "variations": [...], "source",
                        "createdOn", "modifiedOn"}

A benchmark reads them straight from the database (``SELECT doc FROM record WHERE kind =
'booking_duplicate'``, or ``duplicates(store)``); no route serves this kind, so the ServiceTitan API paths
never reveal it. ``variations`` names what differs from the customer's record: nickname, last_first,
name_case, accents_dropped, street_suffix, street_case, zip_plus4, missing_unit, direction_spelled,
no_address, phone_format, other_phone, email_case.
"""

from __future__ import annotations

from typing import Any

from csr_console.sandbox.store import Store

KIND = "booking_duplicate"
ALL_ROWS = 1_000_000


def record_duplicate(
    store: Store, booking: dict[str, Any], customer_id: int, location_id: int, variations: list[str]
) -> None:
    """Record that ``booking`` belongs to the customer (at that location), and how it was respelled."""
    doc = {
        "bookingId": booking["id"],
        "customerId": customer_id,
        "locationId": location_id,
        "variations": list(variations),
        "source": booking["source"],
        "createdOn": booking["createdOn"],
        "modifiedOn": booking["createdOn"],
    }
    store.insert(KIND, doc, record_id=booking["id"], parent_id=customer_id)


def duplicates(store: Store) -> list[dict[str, Any]]:
    """Every recorded duplicate, oldest booking first."""
    return store.query(KIND, page_size=ALL_ROWS).docs
