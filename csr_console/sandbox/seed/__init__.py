"""A believable home-service company for a new sandbox database: credentials, booking providers,
reference data, customers and sixty days of history. Deterministic for a given seed number."""

from __future__ import annotations

import random

from csr_console.sandbox.auth import Credentials
from csr_console.sandbox.routes.crm_bookings import create_provider_tag
from csr_console.sandbox.seed.sources import SOURCES
from csr_console.sandbox.store import Store, format_time, now

CREDENTIALS = "credentials"


def open_or_seed(store: Store, seed: int) -> Credentials:
    """The tenant of this database, seeding it first when the database is new."""
    with store.transaction():
        saved = store.get_setting(CREDENTIALS)
        if saved is not None:
            return Credentials.from_json(saved)
        rng = random.Random(seed)
        credentials = Credentials.generate(tenant=rng.randint(100_000_000, 999_999_999))
        stamp = format_time(now())
        for source in SOURCES:
            tag = create_provider_tag(store, source.tag_name, source.description, stamp)
            credentials.add_provider(tag["id"], source.tag_name)
        store.set_setting(CREDENTIALS, credentials.to_json())
        store.set_setting("seed", str(seed))
        return credentials
